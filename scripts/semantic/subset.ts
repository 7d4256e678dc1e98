// The semantic subset: single English words whose most frequent noun sense is a hyponym of an
// anchor, with the contexts of those anchors. Sense rules keep out words that only reach a context
// through a rarer sense ("complaint" is mostly a grievance, "cold" mostly an adjective).
import type { AnchorSet } from './anchors.js';
import { stemCollisions } from './stem-collisions.js';
import type { TagCounts, WordNetDict } from './wordnet-dict.js';

export interface SubsetRow {
  word: string;
  contexts: string[];
  anchors: string[];
}

/** Why a word under an anchor was left out, counted for the generator's report. */
export type DropReason = 'multi-word or not a-z' | 'too short' | 'excluded' | 'sense 1 elsewhere' | 'sense 1 names an individual' | 'rarer senses dominate' | 'other part of speech more frequent' | 'stem shared with a more frequent word';

export interface SubsetResult {
  rows: SubsetRow[];
  wordsPerAnchor: Map<string, number>;
  dropped: Map<DropReason, number>;
}

/** Offset → anchor keys it descends from (an anchor reaches itself), walking hyponym pointers. */
export function descendants(dict: WordNetDict, set: AnchorSet): Map<string, Set<string>> {
  const reached = new Map<string, Set<string>>();
  for (const anchor of set.anchors) {
    const queue = [anchor.offset];
    const seen = new Set<string>(queue);
    while (queue.length > 0) {
      const offset = queue.pop() as string;
      const keys = reached.get(offset) ?? new Set<string>();
      keys.add(anchor.key);
      reached.set(offset, keys);
      for (const next of dict.synsets.get(offset)?.hyponyms ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return reached;
}

/**
 * Sense 1 must not be outweighed: the senses under an anchor make up at least half of the word's
 * noun senses, or at least two thirds of its tagged noun occurrences.
 */
function anchoredSensesDominate(senses: readonly string[], reached: ReadonlyMap<string, unknown>, counts: TagCounts | undefined): boolean {
  const anchored = senses.filter((s) => reached.has(s));
  if (anchored.length * 2 >= senses.length) return true;
  const total = counts?.noun ?? 0;
  const anchoredTags = anchored.reduce((sum, s) => sum + (counts?.bySynset.get(s) ?? 0), 0);
  return total > 0 && anchoredTags * 3 >= total * 2;
}

/** True when the word is mostly a verb, adjective or adverb: more tagged uses there, or (untagged) more senses. */
function otherPartOfSpeechPrevails(counts: TagCounts | undefined): boolean {
  if (!counts) return false;
  if (counts.noun > 0 || counts.other > 0) return counts.other > counts.noun;
  return counts.otherSenses > counts.nounSenses;
}

function dropReason(word: string, senses: readonly string[], reached: ReadonlyMap<string, unknown>, dict: WordNetDict, set: AnchorSet): DropReason | undefined {
  if (!/^[a-z]+$/.test(word)) return 'multi-word or not a-z';
  if (word.length < set.minLength) return 'too short';
  if (set.exclude.has(word)) return 'excluded';
  if (!reached.has(senses[0] as string)) return 'sense 1 elsewhere';
  // Instances are named people and places (Peter, Luke, Capone): names, not situations.
  if (dict.synsets.get(senses[0] as string)?.isInstance) return 'sense 1 names an individual';
  const counts = dict.tagCounts.get(word);
  if (!anchoredSensesDominate(senses, reached, counts)) return 'rarer senses dominate';
  if (otherPartOfSpeechPrevails(counts)) return 'other part of speech more frequent';
  return undefined;
}

/** The rows of the subset, sorted by word, with per-anchor counts and the reasons words were dropped. */
export function computeSubset(dict: WordNetDict, set: AnchorSet): SubsetResult {
  const reached = descendants(dict, set);
  // One synset may anchor several contexts (crime: confidential and personal_data).
  const contextsOf = new Map<string, string[]>();
  for (const a of set.anchors) contextsOf.set(a.key, [...(contextsOf.get(a.key) ?? []), a.context]);
  const order = new Map([...contextsOf.keys()].map((key, i) => [key, i]));
  const rows: SubsetRow[] = [];
  const wordsPerAnchor = new Map<string, number>([...contextsOf.keys()].map((key) => [key, 0]));
  const dropped = new Map<DropReason, number>();
  for (const [word, senses] of dict.nounSenses) {
    if (!senses.some((s) => reached.has(s))) continue;
    const reason = dropReason(word, senses, reached, dict, set);
    if (reason) {
      dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
      continue;
    }
    const anchors = [...(reached.get(senses[0] as string) as Set<string>)].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
    for (const a of anchors) wordsPerAnchor.set(a, (wordsPerAnchor.get(a) as number) + 1);
    rows.push({ word, contexts: [...new Set(anchors.flatMap((a) => contextsOf.get(a) as string[]))].sort(), anchors });
  }
  const colliding = stemCollisions(dict, new Set(rows.map((r) => r.word)));
  dropped.set('stem shared with a more frequent word', colliding.size);
  const kept = rows.filter((r) => !colliding.has(r.word));
  for (const r of rows) if (colliding.has(r.word)) for (const a of r.anchors) wordsPerAnchor.set(a, (wordsPerAnchor.get(a) as number) - 1);
  kept.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return { rows: kept, wordsPerAnchor, dropped };
}
