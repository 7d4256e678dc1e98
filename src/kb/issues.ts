// A problem found in a knowledge or lexicon file: it names the file, the field path and the line, so
// an admin can fix the file without reading code. KnowledgeBaseError (src/errors.ts) carries a list.
//
// The wording is the phrase book's `kb` section (src/phrases/kb-*.ts): an issue carries its text in
// both languages, made where the problem is found, so whoever shows it picks the reader's language
// (admin replies, `kb validate` under a German LANG) and the logs keep the English `message`.
// The shape and formatting are in src/model/file-issue.ts.
import { kbDe } from '../phrases/kb-de.js';
import { kbEn } from '../phrases/kb-en.js';
import type { KbPhrases } from '../phrases/kb-types.js';
import type { KbText } from '../model/file-issue.js';
import type { Language } from '../model/language.js';

export const KB_PHRASES: Readonly<Record<Language, KbPhrases>> = { de: kbDe, en: kbEn };

/** What an issue says, in English (`message`) and in every language (`text`). */
export interface KbSaid {
  message: string;
  text: KbText;
}

/** `message` and `text` of an issue, from one phrase of the `kb` section: `said((p) => p.unknownField(key))`. */
export function said(phrase: (p: KbPhrases) => string): KbSaid {
  const text = { de: phrase(kbDe), en: phrase(kbEn) };
  return { message: text.en, text };
}

