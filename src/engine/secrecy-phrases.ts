// Sentences that say something must not get out (lexicon/secrecy-phrases.yaml): "nobody outside the
// steering group may know yet", "darf auf keinen Fall nach außen dringen", "must stay within the
// board". They state the built-in context `confidential` though no word of it is written, and they
// hold a negator by nature, so they are read whole and never as a negated context.
import { z } from 'zod';
import { lexiconData } from '../text/lexicon-file.js';
import { fold, type Token } from '../text/normalize.js';

const Slot = z.array(z.string().min(1)).min(1);
const Rules = z.strictObject({ gap: z.number().int().min(0).max(8), patterns: z.array(z.array(Slot).min(2)).min(1) });
const rules = lexiconData('secrecy-phrases.yaml', Rules);

/** A secrecy sentence found: its first and last token, in the shape understand.ts reads context hits in. */
export interface SecrecyHit {
  start: number;
  length: number;
  ids: string[];
  negated: false;
  /** Read whole: the negator inside is part of what the sentence says. */
  secrecy: true;
}

type Compiled = { gap: number; patterns: string[][][][] };
let compiled: Compiled | undefined;

/** The patterns with every alternative split into folded words. */
function patterns(): Compiled {
  if (compiled) return compiled;
  const r = rules();
  return (compiled = { gap: r.gap, patterns: r.patterns.map((slots) => slots.map((alts) => alts.map((a) => a.split(/\s+/).map(fold)))) });
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

/** The secrecy sentences of the question, as hits of `confidential`; the tokens of their slots are marked used. */
export function secrecyHits(tokens: readonly Token[], question: string, used: boolean[]): SecrecyHit[] {
  const { gap, patterns: list } = patterns();
  const hits: SecrecyHit[] = [];
  const slotTokens: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const slots of list) {
      const end = matchFrom(tokens, question, i, slots, gap, slotTokens);
      if (end < 0) continue;
      for (const k of slotTokens) used[k] = true;
      hits.push({ start: i, length: end - i + 1, ids: ['confidential'], negated: false, secrecy: true });
      i = end;
      break;
    }
  }
  return hits;
}
