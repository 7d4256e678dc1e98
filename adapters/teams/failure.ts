// The failure reply and language helpers live in the core (src/failure.ts); re-exported here so the
// Teams modules keep one import path.
import type { Organization } from '../../src/kb/schema.js';
import type { Language } from '../../src/model/language.js';
import { guessLanguage as guess } from '../../src/failure.js';

export { failureText, languageFromLocale } from '../../src/failure.js';

export function guessLanguage(question: string, org: Organization): Language {
  return guess(question, org.default_language);
}
