// Compares two knowledge bases and returns one neutral change record per tool whose status or
// restrictions changed, or that was added or removed. Whoever changed the catalog (chat command,
// CLI, a hand edit found on reload) goes through here, so every path notifies the same way.
import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../kb/model.js';
import type { LocalizedText, Restriction, ToolEntry } from '../kb/schema.js';
import type { ToolStatus } from '../model/status.js';
import type { Language } from '../model/language.js';

export interface ChangeMeta {
  /** Who: `slack:U123`, `cli:<name>`, or `file` for a hand edit. */
  by: string;
  at: Date;
  source?: { title: string; url?: string; date?: string };
  /** A free-text note of the person who made the change. */
  note?: string;
}

export interface RestrictionSnapshot {
  id: string;
  text: LocalizedText;
  /** Labels of the forbidden contexts, for the notice text. */
  forbiddenContexts: LocalizedText[];
}

export interface RestrictionChange {
  id: string;
  before: RestrictionSnapshot;
  after: RestrictionSnapshot;
}

export interface ContextWords {
  /** The context's label. */
  context: LocalizedText;
  words: string[];
}

/** `declined`: a request for an assessment was declined (no catalogue entry; see src/requests/). */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'declined';

/** One change of one tool; JSON-serialisable (it is stored in the outbox). */
export interface ToolChange {
  /** Stable id: hash of the tool id and its old and new status and restrictions. Same change, same id. */
  id: string;
  kind: ChangeKind;
  toolId: string;
  toolName: string;
  /** Old and new category (both, if it moved): subscribers of either are told. */
  categoryIds: string[];
  oldStatus: ToolStatus | null;
  /** Null when the tool was removed from the catalog. */
  newStatus: ToolStatus | null;
  restrictionsAdded: RestrictionSnapshot[];
  restrictionsRemoved: RestrictionSnapshot[];
  restrictionsChanged: RestrictionChange[];
  /**
   * Words newly filed as synonyms of a context one of the tool's restrictions forbids (contexts.yaml,
   * `context add`): questions with them may now be refused. Absent when there are none.
   */
  contextWordsAdded?: ContextWords[];
  by: string;
  /** ISO timestamp. */
  at: string;
  source?: { title: string; url?: string; date?: string };
  note?: string;
  /** The organisation's language, for subscribers whose language is not known. */
  defaultLanguage: Language;
  /** The requests for an assessment this change answers (src/requests/): a line of the notice says so. */
  request?: { outcome: 'started' | 'decided' | 'declined'; requesters: number; reason?: string };
  /** Told instead of the tool's subscribers (the requesters of a declined request): subscriber keys. */
  recipients?: string[];
}

export function diffKnowledgeBases(old: KnowledgeBase, next: KnowledgeBase, meta: ChangeMeta): ToolChange[] {
  const changes: ToolChange[] = [];
  const ids = [...new Set([...old.tools.keys(), ...next.tools.keys()])].sort();
  for (const id of ids) {
    const before = old.tools.get(id);
    const after = next.tools.get(id);
    const change = diffTool(id, before, after, old, next, meta);
    if (change) changes.push(change);
  }
  return withContextWords(changes, old, next, meta);
}

/** The synonyms each context has in `next` and not in `old`, by context id. */
function synonymsAdded(old: KnowledgeBase, next: KnowledgeBase): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, c] of next.contexts) {
    const was = old.contexts.get(id);
    const known = new Set([...(was?.synonyms.de ?? []), ...(was?.synonyms.en ?? [])].map((s) => s.toLowerCase()));
    const added = [...c.synonyms.de, ...c.synonyms.en].filter((s) => !known.has(s.toLowerCase()));
    if (was && added.length > 0) out.set(id, added);
  }
  return out;
}

/**
 * Tells the subscribers of each tool whose restrictions forbid a context that gained words: the
 * words are attached to the tool's change, or make a change of their own.
 */
function withContextWords(changes: ToolChange[], old: KnowledgeBase, next: KnowledgeBase, meta: ChangeMeta): ToolChange[] {
  const added = synonymsAdded(old, next);
  if (added.size === 0) return changes;
  const out = [...changes];
  for (const [id, tool] of next.tools) {
    if (!old.tools.has(id)) continue;
    const forbidden = new Set(tool.restrictions.flatMap((r) => r.forbidden_contexts));
    const words: ContextWords[] = [...added].filter(([c]) => forbidden.has(c)).map(([c, w]) => ({ context: next.contexts.get(c)?.label ?? c, words: w }));
    if (words.length === 0) continue;
    const at = out.findIndex((c) => c.toolId === id);
    if (at >= 0) {
      out[at] = { ...(out[at] as ToolChange), contextWordsAdded: words };
      continue;
    }
    const change: ToolChange = {
      id: createHash('sha256').update(canonical({ id, contextWords: [...added].sort(([a], [b]) => a.localeCompare(b)) })).digest('hex').slice(0, 24),
      kind: 'changed',
      toolId: id,
      toolName: tool.name,
      categoryIds: tool.category ? [tool.category] : [],
      oldStatus: tool.status,
      newStatus: tool.status,
      restrictionsAdded: [],
      restrictionsRemoved: [],
      restrictionsChanged: [],
      contextWordsAdded: words,
      by: meta.by,
      at: meta.at.toISOString(),
      defaultLanguage: next.organization.default_language,
    };
    if (meta.source) change.source = meta.source;
    if (meta.note) change.note = meta.note;
    out.push(change);
  }
  return out.sort((a, b) => a.toolId.localeCompare(b.toolId));
}

function diffTool(
  id: string,
  before: ToolEntry | undefined,
  after: ToolEntry | undefined,
  oldKb: KnowledgeBase,
  nextKb: KnowledgeBase,
  meta: ChangeMeta,
): ToolChange | undefined {
  if (!before && !after) return undefined;
  const oldR = new Map((before?.restrictions ?? []).map((r) => [r.id, snapshot(r, oldKb)]));
  const newR = new Map((after?.restrictions ?? []).map((r) => [r.id, snapshot(r, nextKb)]));
  const added = [...newR.values()].filter((r) => !oldR.has(r.id));
  const removed = [...oldR.values()].filter((r) => !newR.has(r.id));
  const changed: RestrictionChange[] = [];
  for (const [rid, b] of oldR) {
    const a = newR.get(rid);
    if (a && canonical(restrictionContent(before, rid)) !== canonical(restrictionContent(after, rid))) changed.push({ id: rid, before: b, after: a });
  }
  const statusChanged = before?.status !== after?.status;
  const kind: ChangeKind = !before ? 'added' : !after ? 'removed' : 'changed';
  if (kind === 'changed' && !statusChanged && added.length === 0 && removed.length === 0 && changed.length === 0) return undefined;

  const tool = (after ?? before) as ToolEntry;
  const change: ToolChange = {
    id: changeId(id, before, after),
    kind,
    toolId: id,
    toolName: tool.name,
    categoryIds: [...new Set([before?.category, after?.category].filter((c): c is string => c !== undefined))],
    oldStatus: before?.status ?? null,
    newStatus: after?.status ?? null,
    restrictionsAdded: added,
    restrictionsRemoved: removed,
    restrictionsChanged: changed,
    by: meta.by,
    at: meta.at.toISOString(),
    defaultLanguage: nextKb.organization.default_language,
  };
  const source = meta.source ?? newSource(before, after);
  if (source) change.source = source;
  if (meta.note) change.note = meta.note;
  return change;
}

function snapshot(r: Restriction, kb: KnowledgeBase): RestrictionSnapshot {
  return {
    id: r.id,
    text: r.text,
    forbiddenContexts: r.forbidden_contexts.map((c) => kb.contexts.get(c)?.label ?? c),
  };
}

function restrictionContent(tool: ToolEntry | undefined, rid: string): unknown {
  const r = tool?.restrictions.find((x) => x.id === rid);
  return r ? { text: r.text, forbidden_contexts: [...r.forbidden_contexts].sort() } : null;
}

/** The first source of the new entry that the old entry did not have (the reason for the change, usually). */
function newSource(before: ToolEntry | undefined, after: ToolEntry | undefined): ToolChange['source'] {
  if (!after) return undefined;
  const known = new Set((before?.sources ?? []).map((s) => canonical(s)));
  const fresh = after.sources.find((s) => !known.has(canonical(s)));
  if (!fresh) return undefined;
  const out: NonNullable<ToolChange['source']> = { title: fresh.title };
  if (fresh.url) out.url = fresh.url;
  if (fresh.date) out.date = fresh.date;
  return out;
}

// What identifies a change: the tool, what it was, what it became, and the new entry's `updated`
// date (so that zoom going restricted -> prohibited -> restricted -> prohibited on different days
// notifies each time, while one change seen by two paths - chat and file reload - is one notice).
function changeId(id: string, before: ToolEntry | undefined, after: ToolEntry | undefined): string {
  const content = (t: ToolEntry | undefined) =>
    t ? { status: t.status, restrictions: [...t.restrictions].sort((a, b) => a.id.localeCompare(b.id)).map((r) => ({ id: r.id, ...(restrictionContent(t, r.id) as object) })) } : null;
  const text = canonical({ id, before: content(before), after: content(after), updated: after?.updated ?? null });
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** JSON with sorted object keys, so equal content gives equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
