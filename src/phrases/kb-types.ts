// The knowledge-base section of the phrase book: every problem the loader finds in a knowledge
// folder (src/kb/load.ts, read-*.ts, schema.ts) and every warning of `kb validate` (warnings.ts).
// Each issue carries its text in both languages (src/kb/issues.ts), so an admin reply, `kb validate`
// and the logs each show the one they need. Field paths and file names stay as written in the
// files: they are the YAML keys. This module imports no runtime code: the schema uses it.

/** js-yaml's syntax errors an editor commonly makes; the English phrase is js-yaml's own wording (it is matched against it). */
export type YamlSyntaxKind =
  | 'tabIndent'
  | 'badMappingIndent'
  | 'badSequenceIndent'
  | 'duplicateKey'
  | 'streamEndInDoubleQuote'
  | 'streamEndInSingleQuote'
  | 'docEndInDoubleQuote'
  | 'docEndInSingleQuote'
  | 'streamEndInFlow'
  | 'missedComma'
  | 'documentEnd'
  | 'missingColon'
  | 'multilineKey'
  | 'incompletePair'
  | 'lineBreakExpected'
  | 'whitespaceAfterColon'
  | 'nodeContent'
  | 'unknownEscape'
  | 'unknownTag';

/** Names of the YAML value types in "must be a text, not a number". */
export type YamlTypeName = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'date' | 'undefined' | 'other';

export interface KbPhrases {
  /** `kb validate`'s label before a warning: "tools/zoom.yaml (summary): warning: …". */
  warning: string;

  // Schema (src/kb/schema.ts and the loader's reading of zod's issues)
  required: string;
  oneOf: (values: string) => string;
  textOrLanguages: string;
  wrongType: (expected: string, received: string) => string;
  type: Record<YamlTypeName, string>;
  unknownField: (key: string) => string;
  date: string;
  notEmpty: string;
  deOrEn: string;
  id: string;
  email: string;
  url: string;
  when: string;
  restrictedNeedsRestriction: string;
  approvedHasNoRestrictions: string;
  restrictionTwice: (id: string) => string;

  // The folder's layout and the cross-file checks (src/kb/load.ts)
  /** `files`: all but the last allowed name, joined with commas. */
  unexpectedFile: (files: string, last: string) => string;
  missingFile: (file: string) => string;
  toolFileName: string;
  unknownCategory: (id: string, known: string) => string;
  unknownContext: (id: string, known: string) => string;
  unknownTool: (id: string, file: string) => string;
  ownAlternative: string;
  nameTaken: (name: string, tool: string) => string;

  // YAML (src/kb/read-yaml.ts)
  yamlSyntax: (problem: string) => string;
  yaml: Record<YamlSyntaxKind, string>;
  /** A syntax error not listed above. English shows the parser's own words instead (they may name the character or tag). */
  yamlOtherSyntax: string;
  yamlTooDeep: string;
  yamlAliasLoop: string;
  yamlAliasesExpand: (max: number) => string;
  yamlAliasCount: (max: number) => string;
  yamlAliasNoAnchor: (name: string) => string;
  yamlOneDocument: string;
  yamlUnreadable: (parserWords: string) => string;

  // Reading the files (src/kb/read-files.ts, read-text.ts, read-in-worker.ts)
  bytes: (n: string) => string;
  /** In a size with one decimal: 1.5 MiB, 1,5 MiB. */
  decimalSeparator: string;
  isFolder: string;
  isPipe: string;
  isSocket: string;
  isDevice: string;
  notRegularFile: string;
  disappeared: string;
  becameLink: string;
  permissionDenied: string;
  socketOrDevice: string;
  cannotRead: (detail: string) => string;
  linkToMissing: string;
  linkLoops: string;
  linkOutside: (target: string) => string;
  toolsNotFolder: string;
  tooLarge: (size: string, max: string) => string;
  grewTooLarge: (max: string) => string;
  nameNotUtf8: string;
  folderMissing: string;
  folderNotFolder: string;
  folderUnreadable: (detail: string) => string;
  totalTooLarge: (max: string, file: string) => string;
  byteOrderMark: (encoding: string) => string;
  /** UTF-16 recognised by its pattern of zero bytes, without a byte-order mark. */
  utf16WithoutBom: (encoding: string) => string;
  notUtf8: (byte: string, line: number, column: number) => string;
  nulCharacter: (code: string, line: number, column: number) => string;
  controlCharacter: (code: string, line: number, column: number) => string;
  readingFailed: (detail: string) => string;
  readingTooMuchMemory: string;
  readingStopped: (code: string) => string;
  readingTooLong: (duration: string) => string;
  readingCancelled: string;

  // Warnings (src/kb/warnings.ts)
  freeTextDecisionExpected: string;
  /** "(here: { not_before: 2021-Q3 })" after freeTextDecisionExpected. */
  hereNotBefore: (when: string) => string;
  summaryMismatch: (phrase: string, status: string) => string;
  decisionForOtherStatus: (decisionStatus: string, status: string) => string;
}
