// A name or an unknown German noun? German capitalises every noun, so "a capitalised word no
// dictionary knows" (account.ts: a name, not a situation) would let any noun the dictionaries lack
// pass unasked ("Quarkelwurst", "Blorptexte", a rare medical term with a known ending). A German
// compound names its kind by its last part: a word whose last part is a word of the German
// dictionary ("…wurst", "…texte", "…beratung") is a compound noun with a first part the dictionary
// lacks, read as a word (unexplained unless the wordnets place it). Names keep passing: the
// dictionaries' own name forms ("Hoffmann", "Dropbox"), product-shaped words (capitals inside,
// digits: "ChatGPT"), the persons account.ts reads before (first names, after titles), a word in a
// tool's place ("die App Blorpnote", "per Quackpost") and the part before a hyphen ("Moodle-Kurs").
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import type { Token } from '../text/normalize.js';
import { MEANS_WORDS, TOOL_NOUNS } from './words.js';

/** The last part names the kind from four letters ("-wurst", "-text"); shorter ones are pieces of other words ("-ion"). */
const MIN_HEAD = 4;
/** The first part the dictionary lacks: three letters or more ("Blorp", not the "E" of "Etexte"). */
const MIN_FIRST = 3;

/**
 * In a German question, the capitalised word the dictionaries lack is a compound noun of an unknown
 * first part and a German word of four letters or more ("Quarkelwurst" = "Quarkel" + "Wurst"): a
 * word to account for, not a name.
 */
export function isUnknownCompoundNoun(tokens: readonly Token[], i: number, language: Language | undefined, lx: Lexicon, question = ''): boolean {
  const t = tokens[i] as Token;
  if (language !== 'de') return false;
  // Only a plain capitalised word: capitals inside or digits make a product's name ("WeTransfer").
  if (!/^\p{Lu}\p{Ll}+$/u.test(t.raw)) return false;
  if (lx.isNameEither(t.raw) || inNamePlace(tokens, i) || beforeHyphen(t, question)) return false;
  const w = t.raw.normalize('NFC').toLowerCase();
  let compound = false;
  for (let k = MIN_FIRST; k <= w.length - MIN_HEAD; k++) {
    const first = w.slice(0, k);
    const head = w.slice(k);
    if (!lx.inDictionaries(head, 'de')) continue;
    // Two English words ("Evernote", "Keepass", "Languagetool") make an English-formed product name.
    if (lx.inDictionaries(first, 'en') && lx.inDictionaries(head, 'en')) return false;
    compound = true;
  }
  return compound;
}

/**
 * The word stands where a name stands: right after a tool noun or a word of means ("die App
 * Blorpnote", "per Quackpost"). (Not an "-er" word before a capitalised one, though a place's
 * adjective stands so, "Pforzheimer Stadtwerke": so does a person before an object, "dem
 * Blorpberater Unterlagen schicken".)
 */
function inNamePlace(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  return prev !== undefined && !t.breakBefore && (TOOL_NOUNS.has(prev.norm) || MEANS_WORDS.has(prev.norm));
}

/**
 * The word is the first part of a compound written with a hyphen ("Mentimeter-Folie", "Kühn-Gruppe",
 * "Moodle-Kurs"): German writes the hyphen after a name, an abbreviation or a foreign word, and an
 * ordinary compound together.
 */
function beforeHyphen(t: Token, question: string): boolean {
  const end = t.start + t.raw.length;
  return /^[-‐‑]\p{L}/u.test(question.slice(end, end + 2));
}
