// Which unknown-tool names the gap report may keep: only names shaped like a product name, never a
// piece of personal data, whatever the engine named. A name is refused when it is not shaped like a
// product name (an "@", a path, a long number, a title or role word in it), when it is a person's
// name (a first name, a first name and a surname, a common surname), or when it was written inside
// personal data in the question ("max.privat" of max.privat@example.com, "boss" of <@U999|boss>).
import { findPersonalData } from '../privacy/personal-data.js';
import { isFirstName, isLabelWord, isRoleWord, isSurname, isTitle } from '../privacy/names.js';
import { lexicon } from '../text/lexicon.js';
import { cleanText, MAX_NAME_LENGTH } from './normalize.js';

/** Letters and digits with inner spaces, dots, dashes, "+", "&", apostrophes: "Office 365", "zoom.us", "C++". */
const PRODUCT_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N} .&+'’_-]*$/u;
const MAX_WORDS = 4;
const SCHEME_WORDS = new Set(['http', 'https', 'www', 'ftp', 'file']);

/**
 * The display form of `rawName` when it may be kept in the unknown-tool list, else null. `question`
 * (the text the name was read from), when given, is searched for personal data around the name.
 */
export function recordableToolName(rawName: string, question?: string): string | null {
  const name = cleanText(rawName, MAX_NAME_LENGTH);
  if (!looksLikeProductName(name)) return null;
  // The engine reads only the first 1,000 characters: the name comes from there.
  if (question !== undefined && insidePersonalData(name, question.slice(0, 2000))) return null;
  return name;
}

/** The shape test alone, without the question (also for names stored before this filter existed). */
export function looksLikeProductName(name: string): boolean {
  if (name === '' || !PRODUCT_SHAPE.test(name)) return false;
  const letters = name.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 2 || /\d{5}/.test(name)) return false; // account, phone and IBAN digits
  const words = name.split(' ');
  if (words.length > MAX_WORDS) return false;
  if (words.some((w) => isTitle(w) || isRoleWord(w) || isLabelWord(w) || SCHEME_WORDS.has(w.toLowerCase()))) return false;
  return !isPersonName(words);
}

function isPersonName(words: string[]): boolean {
  const [first, ...rest] = words;
  if (first === undefined) return false;
  // "max.privat", "anna_schmidt", "m.mustermann": the local part of an address.
  const parts = first.split(/[._]/).filter(Boolean);
  if (rest.length === 0 && parts.length > 1) {
    // "zoom.us" stays: neither part is a name.
    return isFirstName(parts[0]!) || isSurname(parts[0]!) || isSurname(parts[parts.length - 1]!) || parts[0]!.length === 1;
  }
  if (rest.length === 0) return isFirstName(first, true) || isSurname(first, true);
  const last = rest[rest.length - 1]!;
  // "Anna Schmidt", "Erika Mustermann"; an ambiguous first word ("Otto", "Luca") only with a known surname.
  return isFirstName(first, true) || (isFirstName(first) && isSurname(last));
}

/** Does any word of `name` occur in `question` inside an e-mail address, mention, URL, IBAN, name …? */
export function insidePersonalData(name: string, question: string): boolean {
  const spans = findPersonalData(question);
  if (spans.length === 0) return false;
  const lower = question.toLocaleLowerCase('de');
  for (const word of name.toLocaleLowerCase('de').split(/[ ]+/)) {
    if (word.length === 0) continue;
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (spans.some((s) => at < s.end && end > s.start)) return true;
    }
  }
  return false;
}

/**
 * A name that cannot be a person's, by its shape alone: a capital inside the word ("ChatGPT"), a
 * digit ("M365"), a domain ("perplexity.ai"), a sign ("C++", "AT&T"), an acronym ("SAP"), several
 * words (person names are refused before), or a lower-case word that is in no dictionary ("jitsi":
 * people write surnames with a capital). A single capitalised word ("Kowalczyk", "Trello") is missing
 * from the dictionaries whether it is a product or a surname: it is not product-shaped, and is kept
 * only when corroborated (name-corroboration.ts).
 */
export function isProductShaped(name: string): boolean {
  if (/\s/.test(name.trim())) return true;
  if (/\p{Ll}\p{Lu}/u.test(name) || /\p{N}/u.test(name) || /[+&]/.test(name)) return true;
  if (/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u.test(name)) return true;
  if (/^\p{Lu}{2,}$/u.test(name)) return true;
  if (/^\p{Ll}+$/u.test(name)) {
    const lex = lexicon();
    return !lex.inDictionaries(name, 'de') && !lex.inDictionaries(name, 'en') && !isSurname(name);
  }
  return false;
}
