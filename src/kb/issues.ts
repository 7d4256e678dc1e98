// A problem found in a knowledge or lexicon file: it names the file, the field path and the line, so
// an admin can fix the file without reading code. KnowledgeBaseError (src/errors.ts) carries a list.

export interface KbIssue {
  /** Path of the file relative to the knowledge folder, e.g. `tools/zoom.yaml`. */
  file: string;
  /** Field path inside the file, e.g. `['restrictions', 0, 'forbidden_contexts', 1]`. */
  path: (string | number)[];
  /** 1-based line, when the YAML node (or the bad byte) could be located. */
  line?: number;
  /** 1-based column (in characters) on `line`. */
  column?: number;
  message: string;
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

export function formatIssue(issue: KbIssue): string {
  // GNU style, as editors and CI annotations read it: file:line:column:
  const where = issue.line === undefined ? issue.file : issue.column === undefined ? `${issue.file}:${issue.line}` : `${issue.file}:${issue.line}:${issue.column}`;
  const field = issue.path.length > 0 ? ` ${formatPath(issue.path)}:` : '';
  return `${where}:${field} ${issue.message}`;
}
