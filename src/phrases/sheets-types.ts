// The spreadsheet section of the phrase book: what `kb export` and `kb import` print, and every
// problem an import finds in a file, naming row, column and value in the reader's language.

import type { SheetIssueReason } from '../model/sheet-issue.js';

export type { SheetIssueReason } from '../model/sheet-issue.js';

export interface SheetPhrases {
  /** Names of the workbook's sheets. */
  toolsSheet: string;
  vocabularySheet: string;
  /** Header of the second sheet's columns. */
  vocabularyHeader: { kind: string; id: string; label: string };
  context: string;
  category: string;
  /** Where an issue is: row and column of the sheet (either may be unknown). */
  at: (row: number | null, column: string | null) => string;
  /** Each issue's text; `value` is the cell as written ('' when none), `expected` what would be accepted. */
  issues: Record<SheetIssueReason, (value: string, expected: string) => string>;
  /** Heading above the issues: nothing was written. */
  rejected: (file: string, count: number) => string;
  /** The file was exported and imported unchanged (or changes nothing). */
  nothingToChange: string;
  /** Dry run: heading, a new tool, a changed tool, one field's change, the closing line. */
  dryRunTitle: (adds: number, edits: number) => string;
  added: (id: string, name: string, status: string) => string;
  changed: (id: string, name: string) => string;
  field: (column: string, before: string, after: string) => string;
  empty: string;
  /** Dry run: this row loosens a rule (`what`), so under FOUR_EYES it waits for a second admin. */
  waitsForSecondAdmin: (what: string) => string;
  dryRunEnd: string;
  /** After applying: one line per tool comes from the admin reply; then the totals. */
  applied: (applied: number, proposed: number) => string;
  /** A row was refused while writing (someone changed the folder meanwhile); rows before it are written. */
  stoppedAt: (row: number, id: string, written: number) => string;
  exported: (file: string, tools: number) => string;
  format: (got: string) => string;
  /** An XLSX workbook is not written to a terminal. */
  xlsxNeedsOut: string;
  cannotRead: (file: string, reason: string) => string;
}
