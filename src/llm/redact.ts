// Removes personal data from a question before any of it leaves the process (to an LLM): e-mail
// addresses, URLs with a path, chat mentions, IBANs, tax ids, file numbers (Aktenzeichen), dates of
// birth, postal addresses, phone numbers and people's names (with or without a title: "Herrn Dr.
// Meier", "mit Anna Schmidt", "Kollegin Weber", "Kevin"). What is left is enough to explain an answer
// ("May I call [NAME] on Zoom?") and nothing that identifies a person. The detectors are shared with
// the usage recorder: src/privacy/personal-data.ts.
import { fold } from '../text/normalize.js';
import { DETECTORS, type PersonalKind } from '../privacy/personal-data.js';

export const PLACEHOLDERS = {
  email: '[E-MAIL]',
  phone: '[PHONE]',
  iban: '[IBAN]',
  name: '[NAME]',
  url: '[URL]',
  address: '[ADDRESS]',
  birthDate: '[DATE-OF-BIRTH]',
  taxId: '[TAX-ID]',
  fileNumber: '[FILE-NO]',
} as const;

const PLACEHOLDER_OF: Record<PersonalKind, string> = {
  email: PLACEHOLDERS.email,
  url: PLACEHOLDERS.url,
  // A mention points at a person: the LLM needs no more than that.
  mention: PLACEHOLDERS.name,
  iban: PLACEHOLDERS.iban,
  'tax-id': PLACEHOLDERS.taxId,
  'file-number': PLACEHOLDERS.fileNumber,
  'birth-date': PLACEHOLDERS.birthDate,
  address: PLACEHOLDERS.address,
  phone: PLACEHOLDERS.phone,
  name: PLACEHOLDERS.name,
};

export interface RedactOptions {
  /**
   * Words never taken for a person's name (tool names: "Frau Zoom" in "mit einer Frau Zoom nutzen"
   * is not a person): a list, compared folded, or a test of the word as written.
   */
  keep?: Iterable<string> | ((word: string) => boolean);
}

export interface Redacted {
  text: string;
  /** How many pieces of personal data were replaced. */
  replaced: number;
}

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

/** Each detector in turn on the text the previous ones left (an e-mail address is gone before phone numbers are sought). */
function redactOnce(text: string, keep: (word: string) => boolean): Redacted {
  let out = text;
  let replaced = 0;
  for (const detector of DETECTORS) {
    const spans = detector.find(out, keep);
    if (spans.length === 0) continue;
    let next = '';
    let last = 0;
    for (const s of spans) {
      if (s.start < last) continue;
      next += out.slice(last, s.start) + PLACEHOLDER_OF[s.kind];
      last = s.end;
      replaced++;
    }
    out = next + out.slice(last);
  }
  return { text: out, replaced };
}
