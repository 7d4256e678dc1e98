// Which unexplained words of a question the gap report may keep (issue 18, "a vocabulary that grows
// from use"): only ordinary words of the German or English dictionaries, never a piece of personal
// data. A word is refused when it holds anything but letters (numbers, addresses, codes), when it is
// a first name or a common surname, a title or a label word, when the dictionaries do not have it as
// an ordinary word, or have it as a name too (people and places: "Hamburg"), or when it was written
// inside something the privacy detectors flag in the question (an e-mail address, a URL, a name
// after a title ...).
import type { Language } from '../model/language.js';
import { isFirstName, isLabelWord, isSurname, isTitle } from '../privacy/names.js';
import { findPersonalData } from '../privacy/personal-data.js';
import { lexicon } from '../text/lexicon.js';
import { insidePersonalData } from './tool-name-filter.js';

/** Letters only, optionally joined by one hyphen ("Impfschaden", "follow-up"). */
const WORD_SHAPE = /^\p{L}{3,}(?:-\p{L}{2,})?$/u;
const MAX_WORD_LENGTH = 40;

export interface RecordableWord {
  /** As written (the display form). */
  word: string;
  /** The dictionary it was found in; both: the question's language. */
  language: Language;
}

/**
 * `rawWord` (an unexplained word of `question`, asked in `questionLanguage`) when the gap report
 * may keep it, else null.
 */
export function recordableWord(rawWord: string, question: string, questionLanguage: Language): RecordableWord | null {
  const word = rawWord.normalize('NFC').trim();
  if (word.length > MAX_WORD_LENGTH || !WORD_SHAPE.test(word)) return null;
  if (isFirstName(word) || isSurname(word) || isTitle(word) || isLabelWord(word)) return null;
  const lx = lexicon();
  // A word some dictionary has as a name ("Hamburg", "Bill") is left out, whatever else it means.
  if (lx.isFirstName(word) || lx.isNameEither(word)) return null;
  const de = lx.inDictionaries(word, 'de');
  const en = lx.inDictionaries(word, 'en');
  if (!de && !en) return null;
  if (findPersonalData(word).length > 0) return null;
  // The engine reads only the first 1,000 characters: the word comes from there.
  if (insidePersonalData(word, question.slice(0, 2000))) return null;
  return { word, language: de && en ? questionLanguage : de ? 'de' : 'en' };
}
