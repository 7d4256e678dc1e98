// The word lists behind the personal-name detector (person-names.json): first names, common
// surnames, titles and role words ("Kollegin", "boss"), and words that are names as well as ordinary
// words or products ("Otto", "Luca", "Mark"), which are taken for a name only next to another name.
// All compared folded (text/normalize.ts fold()), so "Müller", "Mueller" and "MÜLLER" are one word.
import { fold } from '../text/normalize.js';
import data from './person-names.json' with { type: 'json' };

const folded = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(fold));

// Each word of a question is looked up several times (title? role word? first name? surname?):
// fold it once. Bounded: cleared when full.
const foldCache = new Map<string, string>();
function folded1(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = fold(word);
    if (foldCache.size >= 10_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}
const withoutDot = (w: string) => (w.endsWith('.') ? w.slice(0, -1) : w);

const FIRST_NAMES = folded(data.firstNames.filter((n) => n.length >= 3));
const FIRST_NAMES_ALSO_WORDS = folded(data.firstNamesAlsoWords);
const SURNAMES = folded(data.surnames);
const SURNAMES_ALSO_WORDS = folded(data.surnamesAlsoWords);
const ROLE_WORDS = folded(data.roleWords);
const NOT_NAMES = folded(data.notNames);
const LABEL_WORDS = folded(data.labelWords);
const TITLE_WORDS = folded(data.titles.map(withoutDot));

/**
 * A first name ("Anna", "Kevin", "Ayşe", "Anna-Lena": a double name by its first part); `alone`:
 * also when it is an ordinary word or product ("Otto", "Mark")?
 */
export function isFirstName(word: string, alone = false): boolean {
  const w = folded1(word);
  if (FIRST_NAMES.has(w)) return !alone || !FIRST_NAMES_ALSO_WORDS.has(w);
  const dash = word.indexOf('-');
  if (dash <= 0) return false;
  const first = folded1(word.slice(0, dash));
  return FIRST_NAMES.has(first) && !FIRST_NAMES_ALSO_WORDS.has(first) && /^\p{Lu}/u.test(word.slice(dash + 1));
}

/** A common surname ("Müller", "Yılmaz", "Smith"); `alone`: not when it is an ordinary word ("Long", "Wood"). */
export function isSurname(word: string, alone = false): boolean {
  const w = folded1(word);
  return SURNAMES.has(w) && (!alone || !SURNAMES_ALSO_WORDS.has(w));
}

/** A role word ("Kollegin", "Chef", "boss"): a capitalised word after one is a person's name. */
export function isRoleWord(word: string): boolean {
  return ROLE_WORDS.has(folded1(word));
}

/** A title ("Herr", "Dr.", "Prof", "geb."), with or without its dot. */
export function isTitle(word: string): boolean {
  return TITLE_WORDS.has(folded1(withoutDot(word)));
}

/** Capitalised nouns that follow a role word without being a name ("Kollegin Dokumente schicken"). */
export function isNotAName(word: string): boolean {
  return NOT_NAMES.has(folded1(word));
}

/** Words that introduce personal data ("Az.", "IBAN", "Tel."): never a tool name. */
export function isLabelWord(word: string): boolean {
  return LABEL_WORDS.has(folded1(withoutDot(word)));
}
