// A problem found in a knowledge or lexicon file: it names the file, the field path and the line, so
// an admin can fix the file without reading code. KnowledgeBaseError (src/errors.ts) carries a list.
//
// The wording is the phrase book's `kb` section (src/phrases/kb-*.ts): an issue carries its text in
// both languages, made where the problem is found, so whoever shows it picks the reader's language
// (admin replies, `kb validate` under a German LANG) and the logs keep the English `message`.
// The two phrase files are imported directly: the phrase book's index imports the schema, which
// imports this module.
import { kbDe } from '../phrases/kb-de.js';
import { kbEn } from '../phrases/kb-en.js';
import type { KbPhrases } from '../phrases/kb-types.js';
import type { Language } from '../model/language.js';

export const KB_PHRASES: Readonly<Record<Language, KbPhrases>> = { de: kbDe, en: kbEn };

/** An issue's text in every language. */
export type KbText = Readonly<Record<Language, string>>;

export interface KbIssue {
  /** Path of the file relative to the knowledge folder, e.g. `tools/zoom.yaml`. */
  file: string;
  /** Field path inside the file, e.g. `['restrictions', 0, 'forbidden_contexts', 1]`. */
  path: (string | number)[];
  /** 1-based line, when the YAML node (or the bad byte) could be located. */
  line?: number;
  /** 1-based column (in characters) on `line`. */
  column?: number;
  /** In English: what the logs, `errorKey` comparisons and older callers read. */
  message: string;
  /** The message in every language. Absent only for problems of the bot's own data files (lexicon/), which are English. */
  text?: KbText;
}

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

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** The issue's message in `lang` (English when it has no translation). */
export function issueMessage(issue: Pick<KbIssue, 'message' | 'text'>, lang: Language = 'en'): string {
  return issue.text?.[lang] ?? issue.message;
}

export function formatIssue(issue: KbIssue, lang: Language = 'en'): string {
  // GNU style, as editors and CI annotations read it: file:line:column: (the same in every language)
  const where = issue.line === undefined ? issue.file : issue.column === undefined ? `${issue.file}:${issue.line}` : `${issue.file}:${issue.line}:${issue.column}`;
  const field = issue.path.length > 0 ? ` ${formatPath(issue.path)}:` : '';
  return `${where}:${field} ${issueMessage(issue, lang)}`;
}
