// The language of the messages written in src/kb/schema.ts. Zod puts a schema's own message before
// a per-parse error map, so these messages are functions that read the phrase book in the language
// of the parse running now: English, unless the loader re-parses a failed file in German
// (inSchemaLanguage, src/kb/load.ts). Parsing is synchronous, so no other parse sees the switch.
import type { KbPhrases } from '../phrases/kb-types.js';
import { KB_PHRASES } from './issues.js';
import type { Language } from '../model/language.js';

let active: Language = 'en';

/** Runs `parse` with the schema's own messages in `lang`. */
export function inSchemaLanguage<T>(lang: Language, parse: () => T): T {
  const before = active;
  active = lang;
  try {
    return parse();
  } finally {
    active = before;
  }
}

/** The `kb` phrases of the parse running now (for a refinement's message with values in it). */
export function schemaPhrases(): KbPhrases {
  return KB_PHRASES[active];
}

/** A zod `error` option that words the problem with the phrase book. */
export function schemaError(phrase: (p: KbPhrases) => string): { error: () => string } {
  return { error: () => phrase(KB_PHRASES[active]) };
}
