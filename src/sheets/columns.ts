// The columns of the catalogue spreadsheet: one field of a tool file each (a localised text or a
// restriction list spans several columns), how the field is written into its cells and read back.
// Checks that need the knowledge base (known categories, contexts, tools) happen here, so a bad
// cell is named by its row and column before anything is written.
import type { FieldPath } from '../kb/field-edit.js';
import type { KnowledgeBase } from '../kb/model.js';
import { ASSESSMENT_STEPS, STEP_STATES, TOOL_STATUSES, type AssessmentStep } from '../model/status.js';
import { type Restriction, type ToolEntry } from '../kb/schema.js';
import { stateFromWords, statusFromWords } from '../admin/parse.js';
import { CellProblem, decisionExpectedCell, joinList, localizedCells, localizedValue, parseDate, parseDecisionExpected, parseSources, sourcesCell, splitList } from './cells.js';

/** What the reading of a cell may look up. */
export interface SheetLookup {
  kb: KnowledgeBase;
  /** The base's tool ids and the ids of the file's new rows (alternatives may name either). */
  toolIds: ReadonlySet<string>;
}

export interface FieldColumns {
  path: FieldPath;
  columns: readonly string[];
  /** Cannot be cleared; a new tool must give it. */
  required?: boolean;
  /** The field's cells for `tool` (empty strings for a new tool or an absent field). */
  render(tool: ToolEntry | undefined): string[];
  /** The field's value from its cells (each trimmed; '' = empty); undefined = no value. Throws CellProblem. */
  parse(cells: string[], lookup: SheetLookup, tool: ToolEntry | undefined): unknown;
  /** The field's value in `tool`, as parse would return it (for comparing). */
  current(tool: ToolEntry): unknown;
}

const idsOf = (m: ReadonlyMap<string, unknown> | ReadonlySet<string>): string => [...m.keys()].sort().join(', ');

function knownIds(values: string[] | undefined, known: ReadonlyMap<string, unknown> | ReadonlySet<string>, reason: 'unknown_context' | 'unknown_tool'): string[] | undefined {
  for (const v of values ?? []) if (!known.has(v)) throw new CellProblem(reason, v, idsOf(known));
  return values;
}

const first = (cells: string[]): string => cells[0] ?? '';
const orUndefined = (s: string): string | undefined => (s === '' ? undefined : s);

function text(field: 'name' | 'vendor', required = false): FieldColumns {
  return {
    path: [field],
    columns: [field],
    required,
    render: (t) => [t?.[field] ?? ''],
    parse: (c) => orUndefined(first(c)),
    current: (t) => t[field],
  };
}

function list(field: 'aliases' | 'assessed_contexts' | 'alternatives'): FieldColumns {
  const check = (values: string[] | undefined, lookup: SheetLookup): string[] | undefined => {
    if (field === 'assessed_contexts') return knownIds(values, lookup.kb.contexts, 'unknown_context');
    if (field === 'alternatives') return knownIds(values, lookup.toolIds, 'unknown_tool');
    return values;
  };
  return {
    path: [field],
    columns: [field],
    render: (t) => [joinList(t?.[field])],
    parse: (c, lookup) => check(splitList(first(c)), lookup),
    current: (t) => (t[field].length > 0 ? t[field] : undefined),
  };
}

function date(field: 'updated' | 'review_due', required = false): FieldColumns {
  return {
    path: [field],
    columns: [field],
    required,
    render: (t) => [t?.[field] ?? ''],
    parse: (c) => (first(c) === '' ? undefined : parseDate(first(c))),
    current: (t) => t[field],
  };
}

const status: FieldColumns = {
  path: ['status'],
  columns: ['status'],
  required: true,
  render: (t) => [t?.status ?? ''],
  parse: (c) => {
    if (first(c) === '') return undefined;
    const s = statusFromWords(first(c));
    if (!s) throw new CellProblem('unknown_status', first(c), `${TOOL_STATUSES.join(', ')} (freigegeben, eingeschränkt, in Prüfung, untersagt)`);
    return s;
  },
  current: (t) => t.status,
};

const category: FieldColumns = {
  path: ['category'],
  columns: ['category'],
  required: true,
  render: (t) => [t?.category ?? ''],
  parse: (c, { kb }) => {
    const id = orUndefined(first(c));
    if (id !== undefined && !kb.categories.has(id)) throw new CellProblem('unknown_category', id, idsOf(kb.categories));
    return id;
  },
  current: (t) => t.category,
};

const summary: FieldColumns = {
  path: ['summary'],
  columns: ['summary.de', 'summary.en'],
  render: (t) => localizedCells(t?.summary),
  parse: (c) => localizedValue(c[0] ?? '', c[1] ?? ''),
  current: (t) => t.summary,
};

const RESTRICTION = /^([a-z0-9][a-z0-9_.-]*)\s*(?:\[([^\]]*)\])?$/;
const RESTRICTION_TEXT = /^([a-z0-9][a-z0-9_.-]*):\s*(.*)$/;

/** `id: text` lines, a line without `id:` continuing the text before it. */
function restrictionTexts(cell: string, ids: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  let last: string | undefined;
  for (const line of cell.split('\n')) {
    const m = RESTRICTION_TEXT.exec(line.trim());
    if (m && ids.includes(m[1] as string)) {
      last = m[1] as string;
      texts.set(last, (m[2] as string).trim());
    } else if (last !== undefined) {
      texts.set(last, `${texts.get(last)}\n${line}`.trim());
    } else if (line.trim() !== '') {
      throw new CellProblem('restriction_text', line.trim(), `id: text, the id one of ${ids.join(', ') || '(none)'}`);
    }
  }
  return texts;
}

const restrictions: FieldColumns = {
  path: ['restrictions'],
  columns: ['restrictions', 'restrictions.de', 'restrictions.en'],
  render: (t) => {
    const rs = t?.restrictions ?? [];
    const ids = joinList(rs.map((r) => (r.forbidden_contexts.length > 0 ? `${r.id} [${r.forbidden_contexts.join(', ')}]` : r.id)));
    const [de, en] = [0, 1].map((i) => rs.map((r) => `${r.id}: ${localizedCells(r.text)[i]}`).join('\n'));
    return [ids, de ?? '', en ?? ''];
  },
  parse: (c, { kb }) => {
    const entries = (splitList(c[0] ?? '') ?? []).map((item) => {
      const m = RESTRICTION.exec(item);
      if (!m) throw new CellProblem('bad_restriction', item);
      const forbidden = (m[2] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      return { id: m[1] as string, forbidden_contexts: knownIds(forbidden, kb.contexts, 'unknown_context') ?? [] };
    });
    const ids = entries.map((e) => e.id);
    const de = restrictionTexts(c[1] ?? '', ids);
    const en = restrictionTexts(c[2] ?? '', ids);
    if (entries.length === 0) return undefined;
    return entries.map((e): Restriction => {
      const text = localizedValue(de.get(e.id) ?? '', en.get(e.id) ?? '');
      if (text === undefined) throw new CellProblem('restriction_text', e.id, 'no text in restrictions.de or restrictions.en');
      return { id: e.id, text, forbidden_contexts: e.forbidden_contexts };
    });
  },
  current: (t) => (t.restrictions.length > 0 ? t.restrictions : undefined),
};

const STEP_CELL = /^(.+?)\s*(?:\(([^)]*)\))?$/;

function step(name: AssessmentStep): FieldColumns {
  return {
    path: ['assessment', name],
    columns: [`assessment.${name}`],
    render: (t) => {
      const e = t?.assessment[name];
      return [e ? `${e.state}${e.date ? ` (${e.date})` : ''}` : ''];
    },
    parse: (c, _lookup, tool) => {
      const cell = first(c);
      if (cell === '') return undefined;
      const m = STEP_CELL.exec(cell) as RegExpExecArray;
      const state = stateFromWords(m[1] as string);
      if (!state) throw new CellProblem('unknown_state', cell, STEP_STATES.join(', '));
      const date = m[2] !== undefined ? parseDate(m[2].trim()) : undefined;
      // A note describes its state: kept while the state stays, dropped with a new one (as `kb step` does).
      const old = tool?.assessment[name];
      const note = old && old.state === state ? old.note : undefined;
      return { state, ...(date ? { date } : {}), ...(note !== undefined ? { note } : {}) };
    },
    current: (t) => t.assessment[name],
  };
}

const decisionExpected: FieldColumns = {
  path: ['decision_expected'],
  columns: ['decision_expected'],
  render: (t) => [decisionExpectedCell(t?.decision_expected)],
  parse: (c) => (first(c) === '' ? undefined : parseDecisionExpected(first(c))),
  current: (t) => t.decision_expected,
};

const sources: FieldColumns = {
  path: ['sources'],
  columns: ['sources'],
  render: (t) => [sourcesCell(t?.sources)],
  parse: (c) => parseSources(first(c)),
  current: (t) => (t.sources.length > 0 ? t.sources : undefined),
};

/** The fields in the order of the tool format (docs/knowledge-format.md), after the `id` column. */
export const FIELD_COLUMNS: readonly FieldColumns[] = [
  text('name', true),
  text('vendor'),
  category,
  status,
  list('aliases'),
  summary,
  restrictions,
  list('assessed_contexts'),
  ...ASSESSMENT_STEPS.map(step),
  decisionExpected,
  list('alternatives'),
  sources,
  date('updated', true),
  date('review_due'),
];

export const ID_COLUMN = 'id';

/** Every column of the sheet, in order. */
export const COLUMNS: readonly string[] = [ID_COLUMN, ...FIELD_COLUMNS.flatMap((f) => f.columns)];

/** One row of cells for a tool. */
export function toolRow(tool: ToolEntry): string[] {
  return [tool.id, ...FIELD_COLUMNS.flatMap((f) => f.render(tool))];
}
