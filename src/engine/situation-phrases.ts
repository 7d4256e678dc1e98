// Sentences that state a situation without a word of its vocabulary (lexicon/situation-phrases.yaml):
// that something must not get out ("nobody outside the steering group may know yet", "darf auf
// keinen Fall nach außen dringen": `confidential`, read whole, since they hold a negator by nature),
// or that the meeting is kept as a video ("save the video afterwards": `recording`).
import { z } from 'zod';
import { lexiconData } from '../text/lexicon-file.js';
import { fold, type Token } from '../text/normalize.js';

const Slot = z.array(z.string().min(1)).min(1);
const Group = z.strictObject({ context: z.string().min(1), whole: z.boolean(), patterns: z.array(z.array(Slot).min(1)).min(1) });
const Rules = z.strictObject({ gap: z.number().int().min(0).max(8), groups: z.array(Group).min(1) });
const rules = lexiconData('situation-phrases.yaml', Rules);

/** A sentence found: its first and last token, in the shape understand.ts reads context hits in. */
export interface SituationHit {
  start: number;
  length: number;
  ids: string[];
  negated: false;
  /** Read whole: a negator inside is part of what the sentence says ("nobody may know"). */
  whole: boolean;
}

type CompiledPattern = { context: string; whole: boolean; slots: string[][][] };
/** The patterns by the first word of each alternative of their first slot: a token only tries those. */
type Compiled = { gap: number; byFirstWord: ReadonlyMap<string, CompiledPattern[]> };
let compiled: Compiled | undefined;

/** The patterns with every alternative split into folded words. */
function patterns(): Compiled {
  if (compiled) return compiled;
  const r = rules();
  const patterns = r.groups.flatMap((g) => g.patterns.map((slots) => ({ context: g.context, whole: g.whole, slots: slots.map((alts) => alts.map((a) => a.split(/\s+/).map(fold))) })));
  const byFirstWord = new Map<string, CompiledPattern[]>();
  for (const p of patterns) {
    for (const first of new Set((p.slots[0] ?? []).map((words) => words[0] as string))) (byFirstWord.get(first) ?? byFirstWord.set(first, []).get(first)!).push(p);
  }
  return (compiled = { gap: r.gap, byFirstWord });
}

/** The number of tokens an alternative of a slot covers at i (the contraction "mustn't" is one token), or 0. */
function slotAt(tokens: readonly Token[], i: number, alternatives: readonly (readonly string[])[]): number {
  for (const words of alternatives) {
    if (words.every((w, k) => tokens[i + k]?.norm === w && (k === 0 || !(tokens[i + k] as Token).breakBefore))) return words.length;
  }
  return 0;
}

/**
 * Where the pattern matches from token `from` on, within one sentence: its last token, or -1. The
 * tokens of the slots go to `slotTokens`; the words between them ("the bidders") stay free to be read.
 */
function matchFrom(tokens: readonly Token[], question: string, from: number, slots: readonly (readonly (readonly string[])[])[], gap: number, slotTokens: number[]): number {
  let at = from;
  let end = -1;
  slotTokens.length = 0;
  for (const [s, slot] of slots.entries()) {
    let found = -1;
    for (let k = at; k < tokens.length && k <= at + (s === 0 ? 0 : gap); k++) {
      if (k > from && (tokens[k] as Token).breakBefore && sentenceEndBefore(question, tokens[k] as Token)) return -1;
      const n = slotAt(tokens, k, slot);
      if (n > 0) {
        found = k;
        end = k + n - 1;
        for (let m = k; m <= end; m++) slotTokens.push(m);
        break;
      }
    }
    if (found < 0) return -1;
    at = end + 1;
  }
  return end;
}

/**
 * A sentence ends before the token: clause breaks are marked on tokens, but the tokenizer does not
 * tell ".", "!", "?" or a line break from a comma, so the character before the token is asked.
 */
function sentenceEndBefore(question: string, t: Token): boolean {
  const before = question.slice(0, t.start).trimEnd().slice(-1);
  return before !== ',' && before !== '–' && before !== '-';
}

/**
 * The sentences of the question that state a situation, as hits of its context (only of contexts the
 * base has: `defined`); the tokens of their slots are marked used.
 */
export function situationHits(tokens: readonly Token[], question: string, used: boolean[], defined: (id: string) => boolean): SituationHit[] {
  const { gap, byFirstWord } = patterns();
  const hits: SituationHit[] = [];
  const slotTokens: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const { context, whole, slots } of byFirstWord.get((tokens[i] as Token).norm) ?? []) {
      if (!defined(context)) continue;
      const end = matchFrom(tokens, question, i, slots, gap, slotTokens);
      if (end < 0) continue;
      for (const k of slotTokens) used[k] = true;
      hits.push({ start: i, length: end - i + 1, ids: [context], negated: false, whole });
      i = end;
      break;
    }
  }
  return hits;
}
