// The shape of a change to several fields of one tool at once (a spreadsheet row): which field, and
// its new value. Shared by the edit (src/kb/edit.ts) and the admin command that carries it.
import type { AssessmentStep } from '../model/status.js';

/** A top-level field of a tool file (`status`), or one assessment step (`['assessment', 'dpia']`). */
export type FieldPath = [string] | ['assessment', AssessmentStep];

export interface FieldEdit {
  path: FieldPath;
  value: unknown;
}
