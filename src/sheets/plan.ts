// What a spreadsheet would change: each row compared with the tool of its id, column by column. An
// empty cell leaves its field as it is, the clear marker "-" clears it, and a cell that reads as
// the field's current value changes nothing (so a file exported and imported again changes
// nothing). Every problem of every row is collected; any problem refuses the whole file.
import { isDeepStrictEqual } from 'node:util';
import type { AdminCommand } from '../admin/parse.js';
import { SheetImportError, type SheetIssue } from '../errors.js';
import type { KbChange } from '../kb/edit.js';
import type { FieldEdit, FieldPath } from '../kb/field-edit.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import type { ToolStatus } from '../model/status.js';
import { CellProblem, cellText, CLEAR_MARKER } from './cells.js';
import { COLUMNS, FIELD_COLUMNS, ID_COLUMN, type FieldColumns, type SheetLookup } from './columns.js';
import type { Sheet, SheetRow } from './read.js';

export interface ColumnChange {
  column: string;
  before: string;
  after: string;
}

export interface RowPlan {
  row: number;
  toolId: string;
  toolName: string;
  isNew: boolean;
  status: ToolStatus;
  changes: ColumnChange[];
  /** The admin command that makes the change (through the admin service). */
  command: Extract<AdminCommand, { kind: 'import' | 'import_add' }>;
  /** The same change as the edit sees it (to check all rows together first). */
  change: KbChange;
}

const NEW_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REQUIRED_FOR_NEW = new Set(['name', 'status', 'category']);

/** Compared as JSON: an absent optional key and `undefined` are the same. */
const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a === undefined ? undefined : JSON.parse(JSON.stringify(a)), b === undefined ? undefined : JSON.parse(JSON.stringify(b)));

/** The value as it is written to YAML: restrictions without an empty forbidden_contexts list. */
function forYaml(path: FieldPath, value: unknown): unknown {
  if (path[0] !== 'restrictions' || !Array.isArray(value)) return value;
  return value.map((r: { forbidden_contexts?: string[] }) => {
    const { forbidden_contexts, ...rest } = r;
    return forbidden_contexts && forbidden_contexts.length > 0 ? r : rest;
  });
}

/** The column of each header cell (case and surrounding spaces ignored); problems for unknown or repeated ones. */
function columnIndex(header: string[], issues: SheetIssue[]): Map<string, number> {
  const index = new Map<string, number>();
  const known = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));
  header.forEach((raw, i) => {
    const name = cellText(raw);
    if (name === '') return;
    const column = known.get(name.toLowerCase());
    if (!column) issues.push({ row: 1, column: name, value: name, reason: 'unknown_column', expected: COLUMNS.join(', ') });
    else if (index.has(column)) issues.push({ row: 1, column, value: name, reason: 'duplicate_column' });
    else index.set(column, i);
  });
  if (!index.has(ID_COLUMN)) issues.push({ row: 1, column: null, value: null, reason: 'no_id_column' });
  return index;
}

interface FieldOutcome {
  edit?: FieldEdit;
  remove?: FieldPath;
  changes: ColumnChange[];
}

/** One field of one row: unchanged (undefined), set, or removed; a CellProblem or issue otherwise. */
function planField(f: FieldColumns, row: SheetRow, index: Map<string, number>, tool: ToolEntry | undefined, lookup: SheetLookup, issues: SheetIssue[]): FieldOutcome | undefined {
  const at = f.columns.map((c) => index.get(c));
  if (at.every((i) => i === undefined)) return undefined;
  const rendered = f.render(tool);
  const cells = at.map((i, k) => {
    const raw = i === undefined ? '' : cellText(row.cells[i] ?? '');
    return raw === '' ? (rendered[k] ?? '') : raw === CLEAR_MARKER ? '' : raw;
  });
  const changed = f.columns.map((column, k) => ({ column, before: rendered[k] ?? '', after: cells[k] ?? '' })).filter((c) => c.before !== c.after);
  if (tool && changed.length === 0) return undefined;
  const column = changed[0]?.column ?? (f.columns[0] as string);
  let value: unknown;
  try {
    value = f.parse(cells, lookup, tool);
  } catch (err) {
    if (!(err instanceof CellProblem)) throw err;
    issues.push({ row: row.row, column, value: err.value, reason: err.reason, ...(err.expected !== undefined ? { expected: err.expected } : {}) });
    return undefined;
  }
  if (value === undefined) {
    if (!tool && REQUIRED_FOR_NEW.has(f.path[0])) issues.push({ row: row.row, column, value: null, reason: 'missing' });
    else if (tool && f.required) issues.push({ row: row.row, column, value: CLEAR_MARKER, reason: 'cannot_clear' });
    else if (tool && f.current(tool) !== undefined) return { remove: f.path, changes: changed };
    return undefined;
  }
  if (tool && same(value, f.current(tool))) return undefined;
  // Every change dates its tool today; the column (checked above) sets the date of a new tool only,
  // so importing an older file again does not put a date back.
  if (tool && f.path[0] === 'updated') return undefined;
  return { edit: { path: f.path, value: forYaml(f.path, value) }, changes: changed };
}

function planRow(row: SheetRow, id: string, index: Map<string, number>, lookup: SheetLookup, note: string, issues: SheetIssue[]): RowPlan | undefined {
  const tool = lookup.kb.tools.get(id);
  const before = issues.length;
  const outcomes = FIELD_COLUMNS.map((f) => ({ f, outcome: planField(f, row, index, tool, lookup, issues) }));
  if (!tool) {
    // A new tool needs name, status and category, also when the file has no such column.
    for (const column of REQUIRED_FOR_NEW) {
      if (!index.has(column)) issues.push({ row: row.row, column, value: null, reason: 'missing' });
    }
  }
  if (issues.length > before) return undefined;
  const set = outcomes.flatMap(({ outcome }) => (outcome?.edit ? [outcome.edit] : []));
  const remove = outcomes.flatMap(({ outcome }) => (outcome?.remove ? [outcome.remove] : []));
  const changes = outcomes.flatMap(({ outcome }) => outcome?.changes ?? []);
  if (set.length === 0 && remove.length === 0) return undefined;
  const valueOf = (field: string): unknown => set.find((e) => e.path.length === 1 && e.path[0] === field)?.value;
  if (tool) {
    const status = (valueOf('status') as ToolStatus | undefined) ?? tool.status;
    return {
      row: row.row, toolId: id, toolName: (valueOf('name') as string | undefined) ?? tool.name, isNew: false, status, changes,
      command: { kind: 'import', tool: id, set, remove, note },
      change: { kind: 'import', toolId: id, set, remove },
    };
  }
  const fields: Record<string, unknown> = {};
  for (const { path, value } of set) {
    if (REQUIRED_FOR_NEW.has(path[0])) continue;
    if (path.length === 2) fields.assessment = { ...(fields.assessment as object | undefined), [path[1]]: value };
    else fields[path[0]] = value;
  }
  const [name, status, category] = ['name', 'status', 'category'].map(valueOf) as [string, ToolStatus, string];
  return {
    row: row.row, toolId: id, toolName: name, isNew: true, status, changes,
    command: { kind: 'import_add', toolId: id, name, status, category, fields, note },
    change: { kind: 'add_tool', toolId: id, name, status, category, fields },
  };
}

/** The rows' changes, new tools first (others may name them as alternatives). Throws SheetImportError. */
export function planSheet(kb: KnowledgeBase, sheet: Sheet, note: string): RowPlan[] {
  const issues: SheetIssue[] = [];
  const index = columnIndex(sheet.header, issues);
  if (issues.length > 0) throw new SheetImportError(issues);
  const idAt = index.get(ID_COLUMN) as number;
  const rows = sheet.rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  const seen = new Map<string, number>();
  const toolIds = new Set(kb.tools.keys());
  const keyed: { row: SheetRow; id: string }[] = [];
  for (const row of rows) {
    const id = cellText(row.cells[idAt] ?? '');
    if (id === '') issues.push({ row: row.row, column: ID_COLUMN, value: null, reason: 'missing' });
    else if (seen.has(id)) issues.push({ row: row.row, column: ID_COLUMN, value: id, reason: 'duplicate_id', expected: String(seen.get(id)) });
    else if (!kb.tools.has(id) && !NEW_ID.test(id)) issues.push({ row: row.row, column: ID_COLUMN, value: id, reason: 'bad_id' });
    else {
      seen.set(id, row.row);
      toolIds.add(id);
      keyed.push({ row, id });
    }
  }
  const lookup: SheetLookup = { kb, toolIds };
  const plans = keyed.flatMap(({ row, id }) => planRow(row, id, index, lookup, note, issues) ?? []);
  if (issues.length > 0) throw new SheetImportError(issues);
  return [...plans.filter((p) => p.isNew), ...plans.filter((p) => !p.isNew)];
}
