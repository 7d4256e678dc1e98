// German verb forms the spelling dictionary's reader misses: its rules that only strip a letter
// ("SFX I n 0 en": "nehmen" gives "nehme", "ich nehme") are not applied, because the same kind of rule
// also makes a bare stem of every verb ("zoomen" gives "zoom"), which would make product names
// ordinary words. The first person of the present ends in "e" and is the infinitive without its "n".
import type { Lexicon } from './lexicon.js';

/** A lower-case word that is the first person of a German verb ("nehme", "mache", "wechsle"). */
export function isGermanFirstPerson(word: string, lx: Lexicon): boolean {
  if (!/^\p{Ll}+e$/u.test(word) || word.length < 3) return false;
  return lx.isCommon(`${word}n`, 'de');
}
