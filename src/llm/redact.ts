// Removes personal data from a question before any of it leaves the process (to an LLM): e-mail
// addresses, phone numbers, IBANs and names introduced by a title. What is left is enough to explain
// an answer ("May I call [NAME] on Zoom?") and nothing that identifies a person.
import { fold } from '../text/normalize.js';

export const PLACEHOLDERS = { email: '[E-MAIL]', phone: '[PHONE]', iban: '[IBAN]', name: '[NAME]' } as const;

export interface RedactOptions {
  /**
   * Words never taken for a name after a title (tool names: "Frau Zoom" in "mit einer Frau Zoom
   * nutzen" is not a person): a list, compared folded, or a test of the word as written.
   */
  keep?: Iterable<string> | ((word: string) => boolean);
}

export interface Redacted {
  text: string;
  /** How many pieces of personal data were replaced. */
  replaced: number;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Country code, two check digits, then blocks of four letters or digits (optionally separated by one
// space) and a shorter last block: DE89 3704 0044 0532 0130 00, DE89370400440532013000, gb29 nwbk ....
// After the first block only capitals and digits count, so a following word ("Zoom") is not eaten.
const IBAN =
  /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}[ \u00A0]?[A-Za-z0-9]{4}(?:[ \u00A0]?[A-Z0-9]{4}){1,6}(?:[ \u00A0]?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

// Starts with +<country>, a bracketed area code, or a leading 0 (German trunk prefix), then digit
// groups separated by spaces, "/" or "-". A 0 right after a letter, a digit or a date separator does
// not start a number (2021-03-26, Win10), and a group followed by ".<digit>" or ":<digit>" is a date
// or a time, not part of the number.
const PHONE =
  /(?:(?<!\d)\+\d{1,3}|(?<![\p{L}\p{N}])\(\+?\d{1,5}\)|(?<![\p{L}\p{N}])(?<!\d[-/.])0\d(?!\d*[.:]\d))(?:[ \u00A0/-]{0,2}(?:\(\d{1,5}\)|\d+(?!\d)(?![.:]\d)))*/gu;
const DATE_LIKE = /^\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?$/;

const TITLE = String.raw`(?:Herrn?|Frau|Hr\.|Fr\.|Mrs\.?|Mr\.?|Ms\.?|Dr\.?|Prof\.?)`;
// A title (or a chain: "Frau Prof. Dr."), then one or two capitalised words.
const NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${TITLE}(?:\s+${TITLE})*)\s+(\p{Lu}[\p{L}'’-]*)(?:\s+(\p{Lu}[\p{L}'’-]*))?(?![\p{L}\p{N}])`,
  'gu',
);
const TITLE_ONLY = new RegExp(String.raw`^${TITLE}$`, 'u');

export function redact(text: string, options: RedactOptions = {}): Redacted {
  const keep = keepTest(options.keep);
  let current = text;
  let replaced = 0;
  // Replacing one kind can expose another (a name right before a phone number); repeat until
  // nothing changes, which also makes redact idempotent. Each pass only removes digits, "@" or
  // capitalised words, so this ends after a few passes.
  for (let pass = 0; pass < 8; pass++) {
    const step = redactOnce(current, keep);
    replaced += step.replaced;
    if (step.replaced === 0 || step.text === current) break;
    current = step.text;
  }
  return { text: current, replaced };
}

function keepTest(keep: RedactOptions['keep']): (word: string) => boolean {
  if (typeof keep === 'function') return keep;
  const folded = new Set<string>();
  for (const w of keep ?? []) folded.add(fold(w));
  return (word) => folded.has(fold(word));
}

function redactOnce(text: string, keep: (word: string) => boolean): Redacted {
  let replaced = 0;
  let out = text.replace(EMAIL, () => {
    replaced++;
    return PLACEHOLDERS.email;
  });
  out = out.replace(IBAN, (m) => {
    const compact = m.replace(/[ \u00A0]/g, '');
    // A real IBAN is 15 to 34 characters with at least ten digits; this spares product codes.
    if (compact.length < 15 || compact.length > 34) return m;
    if (compact.replace(/\D/g, '').length < 10) return m;
    replaced++;
    return PLACEHOLDERS.iban;
  });
  out = out.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '').length;
    if (digits < 6 || digits > 17 || DATE_LIKE.test(m)) return m;
    replaced++;
    return PLACEHOLDERS.phone;
  });
  out = out.replace(NAME, (m, title: string, first: string, second: string | undefined) => {
    if (keep(first) || TITLE_ONLY.test(first)) return m;
    const both = second !== undefined && !keep(second) && !TITLE_ONLY.test(second);
    replaced++;
    // Keep what followed a one-word name (the second capitalised word was not part of it).
    return `${title} ${PLACEHOLDERS.name}${second !== undefined && !both ? m.slice(m.lastIndexOf(second) - 1) : ''}`;
  });
  return { text: out, replaced };
}
