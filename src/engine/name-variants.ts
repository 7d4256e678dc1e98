// Word-order variants of multi-word names: "the licensed version of Zoom" names the tool aliased
// "licensed zoom" / "zoom licensed", "die Version von Zoom mit Lizenz" ... A one-word match ("Zoom")
// gives way to a longer name of another tool when every word of that name stands near it, in the
// same clause (inflected forms count: "lizenzierte" for "lizenziertes"). Without this, the question
// would be answered for the free tool although it asks about the licensed one.
import { stem } from '../text/stem.js';
import { tokenize, type Token } from '../text/normalize.js';
import { typoCandidates, type KbIndex, type NamePhrase } from './kb-index.js';

/** Words either side of the match that may belong to the longer name. */
const WINDOW = 3;

const byPair = new WeakMap<KbIndex, Map<string, Map<string, NamePhrase[]>>>();

/**
 * The multi-word names with the word `t`, by the stems of their other words (German and English
 * stem), so a question looks up only the names that share the matched word AND a word near it.
 * Built on first use for each word, once per index: stemming every word of 10,000 names up front
 * cost a third of a second on the first question. A word shared by thousands of names ("cloud")
 * costs its stems once.
 */
function phrasesWith(index: KbIndex, t: string): Map<string, NamePhrase[]> {
  let pairs = byPair.get(index);
  if (!pairs) byPair.set(index, (pairs = new Map()));
  let map = pairs.get(t);
  if (map) return map;
  map = new Map();
  // phrasesByToken keeps the order of the index, each name once: the lists come out in that order.
  for (const p of phrasesByToken(index).get(t) ?? []) {
    for (const u of p.tokens) {
      if (u === t) continue;
      for (const su of new Set(stemsOf(u))) {
        const l = map.get(su);
        if (!l) map.set(su, [p]);
        else if (l[l.length - 1] !== p) l.push(p);
      }
    }
  }
  pairs.set(t, map);
  return map;
}

/** Tokens of each tool's names (for follow-ups), built on first use. */
const toolTokens = new WeakMap<KbIndex, Map<string, NamePhrase[]>>();
const MAX_SHARED_PHRASES = 32;

function phrasesByToken(index: KbIndex): Map<string, NamePhrase[]> {
  let map = toolTokens.get(index);
  if (map) return map;
  map = new Map();
  for (const list of index.names.values()) {
    for (const p of list) {
      if (p.tokens.length < 2) continue;
      for (const t of new Set(p.tokens)) {
        const l = map.get(t);
        if (l) l.push(p);
        else map.set(t, [p]);
      }
    }
  }
  toolTokens.set(index, map);
  return map;
}

// Stems of the few words compared, memoised (Snowball costs more than a map lookup).
const stems = new Map<string, [string, string]>();
function stemsOf(w: string): [string, string] {
  let s = stems.get(w);
  if (!s) {
    if (stems.size > 50_000) stems.clear();
    s = [stem(w, 'de'), stem(w, 'en')];
    stems.set(w, s);
  }
  return s;
}

function same(a: string, b: string): boolean {
  if (a === b) return true;
  const [ad, ae] = stemsOf(a);
  const [bd, be] = stemsOf(b);
  return ad === bd || ae === be;
}

export interface Widened {
  toolId: string;
  /** Positions of the further words of the longer name. */
  extra: number[];
}

/** The longer name of another tool the words around a match spell out, or null. */
export function fullerName(
  index: KbIndex,
  tokens: readonly Token[],
  words: readonly string[],
  used: readonly boolean[],
  m: { start: number; length: number; toolId: string },
): Widened | null {
  const inMatch = new Set<number>();
  for (let k = m.start; k < m.start + m.length; k++) inMatch.add(k);
  // The clause around the match.
  let from = m.start;
  while (from > 0 && !(tokens[from] as Token).breakBefore && from > m.start - WINDOW) from--;
  let to = m.start + m.length - 1;
  while (to + 1 < tokens.length && !(tokens[to + 1] as Token).breakBefore && to < m.start + m.length - 1 + WINDOW) to++;
  let best: Widened | null = null;
  let bestLength = m.length;
  const candidates = new Set<NamePhrase>();
  for (const k of inMatch) {
    let map: Map<string, NamePhrase[]> | undefined;
    for (let v = from; v <= to; v++) {
      if (inMatch.has(v) || (used[v] as boolean)) continue;
      map ??= phrasesWith(index, words[k] as string);
      for (const sv of new Set(stemsOf(words[v] as string))) for (const p of map.get(sv) ?? []) candidates.add(p);
    }
  }
  for (const p of candidates) {
    if (p.toolId === m.toolId || p.tokens.length <= bestLength || p.tokens.length > to - from + 1) continue;
    const taken = new Set<number>();
    const extra: number[] = [];
    let ok = true;
    for (const t of p.tokens) {
      let found = -1;
      for (let k = from; k <= to && found < 0; k++) {
        if (taken.has(k) || (used[k] && !inMatch.has(k))) continue;
        if (same(words[k] as string, t)) found = k;
      }
      if (found < 0) {
        ok = false;
        break;
      }
      taken.add(found);
      if (!inMatch.has(found)) extra.push(found);
    }
    // The longer name must use the matched word itself and add at least one word of its own.
    if (!ok || extra.length === 0 || ![...inMatch].some((k) => taken.has(k))) continue;
    best = { toolId: p.toolId, extra };
    bestLength = p.tokens.length;
  }
  return best;
}

/**
 * A follow-up that names a variant of the previous tool ("und die lizenzierte Version?" after a
 * question about Zoom): the tool whose longer name is the previous tool's name plus words of this
 * question ("lizenzierte Zoom-Version", "licensed zoom"). Null when none, or several, fit.
 */
export function variantOfPrevious(index: KbIndex, words: readonly string[], previousToolIds: readonly string[]): string | null {
  const map = phrasesByToken(index);
  const found = new Set<string>();
  for (const prevId of previousToolIds) {
    const tool = index.kb.tools.get(prevId);
    if (!tool) continue;
    const own = new Set<string>();
    for (const n of [tool.name, ...tool.aliases]) for (const t of tokenize(n)) own.add(t.norm);
    for (const t of own) {
      const phrases = map.get(t) ?? [];
      // A word that many names share ("cloud", "suite") does not tie a name to the previous tool;
      // skipping it keeps a follow-up's cost independent of the catalogue's size.
      if (phrases.length > MAX_SHARED_PHRASES) continue;
      for (const p of phrases) {
        if (p.toolId === prevId) continue;
        // Every other word of the longer name is in the follow-up.
        const rest = p.tokens.filter((x) => !own.has(x));
        if (rest.length > 0 && rest.every((x) => words.some((w) => same(w, x)))) found.add(p.toolId);
      }
    }
  }
  return found.size === 1 ? ([...found][0] as string) : null;
}

/**
 * A misspelt first word of a multi-word name that is itself an ordinary word ("goggle meet" for
 * "Google Meet"): the tool-name typo reader leaves ordinary words alone, but when the next word
 * completes a name with the corrected word, the name is meant. One edit, same first letter, and
 * only one name may fit.
 */
export function correctByNextWord(index: KbIndex, words: readonly string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i + 1 < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1] as string;
    if (word.length < 4 || index.nameTokens.has(word) || !index.nameTokens.has(next)) continue;
    let found: string | null = null;
    let ambiguous = false;
    for (const candidate of typoCandidates(index, word)) {
      const completes = (index.names.get(candidate) ?? []).some((p) => p.tokens.length >= 2 && p.tokens[1] === next);
      if (!completes) continue;
      if (found !== null) ambiguous = true;
      found = candidate;
    }
    if (found === null || ambiguous) continue;
    out ??= [...words];
    out[i] = found;
  }
  return out ?? (words as string[]);
}
