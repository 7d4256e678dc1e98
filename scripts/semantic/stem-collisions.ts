// The engine looks semantic words up by Snowball stem as well (src/text/semantic-lexicon.ts), so a
// subset word also stands for every word with its stem: "applicant" would catch "application",
// "socialism" "social". Such a word is left out when a more frequent WordNet lemma outside the
// subset shares its stem.
import { stem } from '../../src/text/stem.js';
import type { WordNetDict } from './wordnet-dict.js';

/** Below this many tagged uses a lemma is too rare to collide with ordinary questions. */
const RARE = 2;

function taggedUses(dict: WordNetDict, lemma: string): number {
  const counts = dict.tagCounts.get(lemma);
  return counts ? counts.noun + counts.other : 0;
}

/** The words of `kept` whose stem is shared by a more frequent single-word lemma not in `kept`. */
export function stemCollisions(dict: WordNetDict, kept: ReadonlySet<string>): Set<string> {
  const stemsOfKept = new Map<string, string[]>();
  for (const word of kept) {
    const s = stem(word, 'en');
    stemsOfKept.set(s, [...(stemsOfKept.get(s) ?? []), word]);
  }
  const colliding = new Set<string>();
  for (const lemma of dict.tagCounts.keys()) {
    if (kept.has(lemma) || !/^[a-z]+$/.test(lemma)) continue;
    const uses = taggedUses(dict, lemma);
    if (uses <= RARE) continue;
    for (const word of stemsOfKept.get(stem(lemma, 'en')) ?? []) {
      if (uses > taggedUses(dict, word)) colliding.add(word);
    }
  }
  return colliding;
}
