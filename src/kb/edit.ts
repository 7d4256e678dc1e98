// Applies one admin change to a tool's YAML file: edits only the lines concerned (comments, key
// order and formatting of the rest stay), sets `updated`, validates the whole knowledge base with
// the change in place BEFORE writing, and writes atomically. An invalid change throws (a
// KbEditError for a refused change, the loader's KnowledgeBaseError for a base that would not
// load) and nothing is written.
//
// Restrictions and status, decided here: `status <tool> approved` is refused while the tool has
// restrictions (an approved tool has none, and silently dropping them would loosen the rules by
// accident); restrictions are removed first - and since a restricted tool needs at least one, a
// restricted tool is set to pending (or prohibited) before its last restriction goes. Likewise a
// restriction cannot be added to an approved tool: set it to pending first. Moving to pending or
// prohibited keeps the restrictions, so they are ready when the tool is restricted again.
import path from 'node:path';
import { Document } from 'yaml';
import { writeFileAtomic } from './atomic-write.js';
import { YamlTextEditor } from './yaml-splice.js';
import { KbEditError, YamlEditError } from '../errors.js';
import { parseKnowledgeBase, readKnowledgeFiles } from './load.js';
import { withRecordCache } from './record-cache.js';
import type { FieldEdit, FieldPath } from './field-edit.js';
import type { KnowledgeBase } from './model.js';
import { ASSESSMENT_STEPS, type AssessmentStep, type StepState, type ToolStatus } from '../model/status.js';

export type KbChange =
  | {
      kind: 'status';
      toolId: string;
      status: ToolStatus;
      source?: { title: string; url?: string };
      /** Why: recorded as the entry's `decision` for the new status, which answers show first. */
      note?: string;
      /** A decision is a review: the next review date written to `review_due` (YYYY-MM-DD, after today). */
      nextReview?: string;
    }
  | { kind: 'restriction_add'; toolId: string; restriction: { id: string; text: string; forbidden_contexts: string[] } }
  | { kind: 'restriction_remove'; toolId: string; restrictionId: string }
  | { kind: 'step'; toolId: string; step: AssessmentStep; state: StepState; note?: string }
  | {
      kind: 'add_tool';
      toolId: string;
      name: string;
      status: ToolStatus;
      category: string;
      /** The rest of a new entry (a spreadsheet row): any tool field but name, status, category and updated. */
      fields?: Record<string, unknown>;
    }
  /** Several fields of one tool at once (a spreadsheet row): set or removed; one change, one audit record. */
  | { kind: 'import'; toolId: string; set: FieldEdit[]; remove: FieldPath[] }
  /** The entry was reviewed: `updated` becomes today, `review_due` the next review date. */
  | { kind: 'review'; toolId: string; next: string };

export interface KbEditResult {
  change: KbChange;
  toolId: string;
  toolName: string;
  /** The file changed, relative to the knowledge folder (`tools/zoom.yaml`). */
  file: string;
  /** The part of the entry the change touched, before and after (for the audit log). */
  before: unknown;
  after: unknown;
  oldStatus: ToolStatus | null;
  newStatus: ToolStatus;
  /** The knowledge base with the change (what is now on disk, unless dryRun). */
  kb: KnowledgeBase;
  /** The knowledge base before the change; null if it did not load (the change repaired it). */
  previous: KnowledgeBase | null;
  written: boolean;
  /** False when the file had to be re-printed as a whole (an unusual layout); still valid YAML. */
  formattingPreserved: boolean;
}

/** Key order of a tool file (the format's order): new keys are placed where a person would put them. */
export const TOOL_KEY_ORDER = [
  'name', 'vendor', 'category', 'aliases', 'status', 'decision', 'summary', 'restrictions', 'assessed_contexts', 'assessment',
  'decision_expected', 'alternatives', 'sources', 'updated', 'review_due',
] as const;
const STEP_KEY_ORDER = ['state', 'date', 'note'] as const;

export const SCHEMA_MODELINE = 'yaml-language-server: $schema=../schema/tool.schema.json';

/** Today's date (YYYY-MM-DD) in the server's time zone: the date an admin would write. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

// One change at a time per folder: a read-modify-write must not interleave with another.
const locks = new Map<string, Promise<unknown>>();
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}

interface Planned {
  text: string;
  before: unknown;
  after: unknown;
  oldStatus: ToolStatus | null;
  newStatus: ToolStatus;
  preserved: boolean;
}

type RawRestriction = { id?: unknown };
type RawTool = { status?: ToolStatus; decision?: unknown; restrictions?: RawRestriction[] | null; assessment?: Record<string, Record<string, unknown>> | null };

function restrictionIds(tool: RawTool): string[] {
  return Array.isArray(tool.restrictions) ? tool.restrictions.map((r) => String(r?.id)) : [];
}

function planStatus(editor: YamlTextEditor, change: Extract<KbChange, { kind: 'status' }>, today: string): Omit<Planned, 'text' | 'preserved'> {
  const tool = editor.toJS() as RawTool;
  const ids = restrictionIds(tool);
  const old = tool.status ?? null;
  if (old === change.status) throw new KbEditError('no_change', change.toolId, `${change.toolId} is already ${change.status}; nothing changed`, { status: change.status });
  if (change.status === 'approved' && ids.length > 0) {
    throw new KbEditError(
      'approved_with_restrictions',
      change.toolId,
      `${change.toolId} still has restrictions (${ids.join(', ')}), and an approved tool has none: remove them first ` +
        `(a restricted tool needs at least one, so set it to pending before removing the last)`,
      { restrictions: ids },
    );
  }
  if (change.status === 'restricted' && ids.length === 0) {
    throw new KbEditError(
      'restricted_without_restrictions',
      change.toolId,
      `a restricted tool needs at least one restriction, and ${change.toolId} has none: add one first (restriction add), then set the status`,
    );
  }
  if (change.nextReview !== undefined && change.nextReview <= today) {
    throw new KbEditError('review_date', change.toolId, `the next review date ${change.nextReview} must be after today (${today})`, { date: change.nextReview, today });
  }
  editor.set(['status'], change.status, { order: TOOL_KEY_ORDER });
  const reviewBefore = reviewDueText(tool);
  if (change.nextReview !== undefined) editor.set(['review_due'], change.nextReview, { order: TOOL_KEY_ORDER });
  // The admin's note (and source) is the decision behind the new status; a decision recorded for
  // the old status no longer applies.
  if (change.note !== undefined && change.note.trim() !== '') {
    const source = change.source ? { title: change.source.title, date: today, ...(change.source.url ? { url: change.source.url } : {}) } : undefined;
    editor.set(['decision'], { status: change.status, text: change.note.trim(), date: today, ...(source ? { source } : {}) }, { order: TOOL_KEY_ORDER });
  } else if (tool.decision !== undefined) {
    editor.remove(['decision']);
  }
  if (change.source) {
    editor.append(['sources'], { title: change.source.title, date: today, ...(change.source.url ? { url: change.source.url } : {}) }, { order: TOOL_KEY_ORDER });
  }
  const review = (due: string | null) => (change.nextReview !== undefined ? { review_due: due } : {});
  return { before: { status: old, ...review(reviewBefore) }, after: { status: change.status, ...review(change.nextReview ?? null) }, oldStatus: old, newStatus: change.status };
}

/** `review_due` as written (YAML may have parsed an unquoted date into a Date). */
function reviewDueText(tool: RawTool): string | null {
  const v = (tool as { review_due?: unknown }).review_due;
  return v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : null;
}

function planRestrictionAdd(editor: YamlTextEditor, change: Extract<KbChange, { kind: 'restriction_add' }>): Omit<Planned, 'text' | 'preserved'> {
  const tool = editor.toJS() as RawTool;
  const ids = restrictionIds(tool);
  const status = tool.status as ToolStatus;
  if (status === 'approved') {
    throw new KbEditError('restriction_on_approved', change.toolId, `${change.toolId} is approved, and an approved tool has no restrictions: set its status to pending first, add the restrictions, then set it to restricted`);
  }
  if (ids.includes(change.restriction.id)) {
    throw new KbEditError('duplicate_restriction', change.toolId, `${change.toolId} already has a restriction "${change.restriction.id}"`, { restrictionId: change.restriction.id, restrictions: ids });
  }
  const { id, text, forbidden_contexts } = change.restriction;
  const entry = { id, text, ...(forbidden_contexts.length > 0 ? { forbidden_contexts } : {}) };
  editor.append(['restrictions'], entry, { order: TOOL_KEY_ORDER });
  return { before: null, after: entry, oldStatus: status, newStatus: status };
}

function planRestrictionRemove(editor: YamlTextEditor, change: Extract<KbChange, { kind: 'restriction_remove' }>): Omit<Planned, 'text' | 'preserved'> {
  const tool = editor.toJS() as RawTool;
  const ids = restrictionIds(tool);
  const status = tool.status as ToolStatus;
  const index = ids.indexOf(change.restrictionId);
  if (index < 0) {
    throw new KbEditError('unknown_restriction', change.toolId, `${change.toolId} has no restriction "${change.restrictionId}" (it has: ${ids.join(', ') || 'none'})`, { restrictionId: change.restrictionId, restrictions: ids });
  }
  if (status === 'restricted' && ids.length === 1) {
    throw new KbEditError('last_restriction', change.toolId, `"${change.restrictionId}" is the last restriction of ${change.toolId}, and a restricted tool needs at least one: set the status to pending (or prohibited) first`, { restrictionId: change.restrictionId });
  }
  const before = (tool.restrictions as RawRestriction[])[index];
  editor.remove(['restrictions', index]);
  return { before, after: null, oldStatus: status, newStatus: status };
}

function planStep(editor: YamlTextEditor, change: Extract<KbChange, { kind: 'step' }>, today: string): Omit<Planned, 'text' | 'preserved'> {
  const tool = editor.toJS() as RawTool;
  const status = tool.status as ToolStatus;
  const assessment = tool.assessment && typeof tool.assessment === 'object' ? tool.assessment : undefined;
  const existing = assessment?.[change.step];
  if (existing?.state === change.state && change.note === undefined) {
    throw new KbEditError('no_change', change.toolId, `${change.step} of ${change.toolId} is already ${change.state}; nothing changed`);
  }
  const entry = { state: change.state, date: today, ...(change.note !== undefined ? { note: change.note } : {}) };
  if (!assessment || Object.keys(assessment).length === 0) {
    editor.set(['assessment'], { [change.step]: entry }, { order: TOOL_KEY_ORDER });
  } else if (!existing || typeof existing !== 'object') {
    editor.set(['assessment', change.step], entry, { order: ASSESSMENT_STEPS, flow: change.note === undefined });
  } else {
    editor.set(['assessment', change.step, 'state'], change.state, { order: STEP_KEY_ORDER });
    editor.set(['assessment', change.step, 'date'], today, { order: STEP_KEY_ORDER });
    // A note describes the state it was written for: a new state without a note drops the old one
    // (the audit log keeps it in `before`).
    if (change.note !== undefined) editor.set(['assessment', change.step, 'note'], change.note, { order: STEP_KEY_ORDER });
    else if ('note' in existing) editor.remove(['assessment', change.step, 'note']);
  }
  const after = (editor.toJS() as RawTool).assessment?.[change.step];
  return { before: existing ? { step: change.step, ...existing } : null, after: { step: change.step, ...after }, oldStatus: status, newStatus: status };
}

function planReview(editor: YamlTextEditor, change: Extract<KbChange, { kind: 'review' }>, today: string): Omit<Planned, 'text' | 'preserved'> {
  const tool = editor.toJS() as RawTool & { updated?: unknown };
  if (change.next <= today) {
    throw new KbEditError('review_date', change.toolId, `the next review date ${change.next} must be after today (${today})`, { date: change.next, today });
  }
  const status = tool.status as ToolStatus;
  const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : null);
  editor.set(['review_due'], change.next, { order: TOOL_KEY_ORDER });
  return {
    before: { updated: text(tool.updated), review_due: reviewDueText(tool) },
    after: { updated: today, review_due: change.next },
    oldStatus: status,
    newStatus: status,
  };
}

function planNewTool(change: Extract<KbChange, { kind: 'add_tool' }>, today: string): Planned {
  const restrictions = change.fields?.restrictions;
  if (change.status === 'restricted' && !(Array.isArray(restrictions) && restrictions.length > 0)) {
    throw new KbEditError('restricted_without_restrictions', change.toolId, `a restricted tool needs at least one restriction: add ${change.toolId} as pending, add its restrictions (restriction add), then set the status to restricted`);
  }
  const given: Record<string, unknown> = { updated: today, ...change.fields, name: change.name, category: change.category, status: change.status };
  const entry: Record<string, unknown> = {};
  for (const key of TOOL_KEY_ORDER) if (given[key] !== undefined) entry[key] = given[key];
  const doc = new Document(entry);
  const { updated: _updated, ...after } = entry;
  return {
    text: `# ${SCHEMA_MODELINE}\n${doc.toString({ lineWidth: 0 })}`,
    before: null,
    after,
    oldStatus: null,
    newStatus: change.status,
    preserved: true,
  };
}

const pathKey = (path: FieldPath): string => path.join('.');

/** A spreadsheet row's changes: each field set or removed in place; the rest of the file as it was. */
function planImport(editor: YamlTextEditor, change: Extract<KbChange, { kind: 'import' }>): Omit<Planned, 'text' | 'preserved'> {
  const tool = editor.toJS() as RawTool & Record<string, unknown>;
  const old = (tool.status ?? null) as ToolStatus | null;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const current = (path: FieldPath): unknown => (path.length === 1 ? tool[path[0]] : tool.assessment?.[path[1]]);
  for (const { path, value } of change.set) {
    before[pathKey(path)] = current(path) ?? null;
    after[pathKey(path)] = value;
    const assessment = (editor.toJS() as RawTool).assessment;
    if (path.length === 1) editor.set(path, value, { order: TOOL_KEY_ORDER });
    else if (assessment && typeof assessment === 'object') editor.set(path, value, { order: ASSESSMENT_STEPS });
    else editor.set(['assessment'], { [path[1]]: value }, { order: TOOL_KEY_ORDER }); // no steps yet: the map is new
  }
  for (const path of change.remove) {
    if (current(path) === undefined) continue;
    before[pathKey(path)] = current(path);
    after[pathKey(path)] = null;
    editor.remove(path);
  }
  if (Object.keys(after).length === 0) throw new KbEditError('no_change', change.toolId, `nothing in ${change.toolId} changes`);
  const next = (editor.toJS() as RawTool).status ?? old;
  // A decision recorded for another status no longer applies (as with `status` without a note).
  if (next !== old && tool.decision !== undefined) editor.remove(['decision']);
  return { before, after, oldStatus: old, newStatus: next as ToolStatus };
}

function plan(original: string, change: Exclude<KbChange, { kind: 'add_tool' }>, today: string): Planned {
  let editor: YamlTextEditor;
  try {
    editor = new YamlTextEditor(original);
  } catch (err) {
    if (err instanceof YamlEditError) throw new KbEditError('not_editable', change.toolId, `tools/${change.toolId}.yaml cannot be edited: ${err.message}`, { reason: err.message });
    throw err;
  }
  const planned =
    change.kind === 'status'
      ? planStatus(editor, change, today)
      : change.kind === 'restriction_add'
        ? planRestrictionAdd(editor, change)
        : change.kind === 'restriction_remove'
          ? planRestrictionRemove(editor, change)
          : change.kind === 'review'
            ? planReview(editor, change, today)
            : change.kind === 'import'
              ? planImport(editor, change)
              : planStep(editor, change, today);
  // A row that sets `updated` itself keeps its date; every other change is dated today.
  if (change.kind !== 'import' || !change.set.some((e) => e.path[0] === 'updated')) editor.set(['updated'], today, { order: TOOL_KEY_ORDER });
  const { text, preserved } = editor.result();
  return { ...planned, text, preserved };
}

export interface ApplyOptions {
  /** The date written to `updated` (default: today in the server's time zone). */
  today?: string;
  /** Validate and return the result without writing (four eyes: check a proposal up front). */
  dryRun?: boolean;
  /**
   * Called with the knowledge base as read from the folder just now (null if it does not load),
   * before anything is written; throwing stops the change. The admin service checks here that a
   * tool it resolved from the base in memory is still the one the folder names.
   */
  verify?: (previous: KnowledgeBase | null) => void;
}

/** The new text of the file `change` concerns, given the folder's files; throws KbEditError. */
function planChange(files: ReadonlyMap<string, string>, change: KbChange, today: string): { file: string; planned: Planned } {
  const file = `tools/${change.toolId}.yaml`;
  const original = files.get(file);
  if (change.kind === 'add_tool') {
    if (original !== undefined) throw new KbEditError('tool_exists', change.toolId, `a tool with the id "${change.toolId}" already exists (${file})`);
    return { file, planned: planNewTool(change, today) };
  }
  if (original === undefined) throw new KbEditError('unknown_tool', change.toolId, `there is no tool "${change.toolId}" (no ${file})`);
  return { file, planned: plan(original, change, today) };
}

/**
 * Checks several changes together, as if made one after the other, without writing: throws the
 * first change's KbEditError, or the KnowledgeBaseError of the folder they would leave. A
 * spreadsheet import checks all its rows this way before it writes any (all or nothing).
 */
export async function checkKbChanges(dir: string, changes: readonly KbChange[], options: { today?: string } = {}): Promise<KnowledgeBase> {
  const abs = path.resolve(dir);
  const today = options.today ?? todayIso();
  return withLock(abs, async () => {
    const next = new Map(await readKnowledgeFiles(abs));
    for (const change of changes) {
      const { file, planned } = planChange(next, change, today);
      next.set(file, planned.text);
    }
    return withRecordCache(abs, (cache) => parseKnowledgeBase(next, abs, [], cache));
  });
}

/** Applies `change` to the knowledge folder `dir`. Throws KbEditError or KnowledgeBaseError; then nothing is written. */
export async function applyKbChange(dir: string, change: KbChange, options: ApplyOptions = {}): Promise<KbEditResult> {
  const abs = path.resolve(dir);
  const today = options.today ?? todayIso();
  return withLock(abs, async () => {
    const files = await readKnowledgeFiles(abs);
    const { file, planned } = planChange(files, change, today);
    // The unchanged files' records come from the record cache (a 10,000-tool base is not parsed twice).
    const { previous, kb } = withRecordCache(abs, (cache) => {
      let before: KnowledgeBase | null;
      try {
        before = parseKnowledgeBase(files, abs, [], cache);
      } catch {
        before = null;
      }
      options.verify?.(before);
      const next = new Map(files);
      next.set(file, planned.text);
      return { previous: before, kb: parseKnowledgeBase(next, abs, [], cache) }; // throws KnowledgeBaseError: refused, nothing written
    });
    if (!options.dryRun) await writeFileAtomic(path.join(abs, file), planned.text);
    return {
      change,
      toolId: change.toolId,
      toolName: kb.tools.get(change.toolId)?.name ?? change.toolId,
      file,
      before: planned.before,
      after: planned.after,
      oldStatus: planned.oldStatus,
      newStatus: planned.newStatus,
      kb,
      previous,
      written: !options.dryRun,
      formattingPreserved: planned.preserved,
    };
  });
}
