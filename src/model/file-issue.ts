// A problem found in a knowledge or lexicon file, as every layer passes it on: the file, the field
// path and the line, so an admin can fix the file without reading code. The wording comes from the
// phrase book's `kb` section (src/kb/issues.ts builds the issues); this is only their shape.
import type { Language } from './language.js';

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
