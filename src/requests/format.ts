// What admins read about requests: the message for a new one, the list of `admin requests` and
// `compliance-bot kb requests`, its JSON, and the report's lines (by number of people, then age).
import type { KnowledgeBase } from '../kb/model.js';
import { localize } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';
import type { ToolRequestRecord } from '../storage/index.js';

const DAY_MS = 86_400_000;

/** Whole days since `iso`. */
export const ageInDays = (iso: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS));

/** How admins name the commands: in chat `admin requests …`, on the CLI `compliance-bot kb requests …`. */
export type RequestSurface = 'chat' | 'cli';

const commandPrefix = (surface: RequestSurface) => (surface === 'cli' ? 'compliance-bot kb requests' : 'admin requests');

/** The command that lists the open requests where `actor` reads. */
export const listCommand = (actor: { surface?: RequestSurface }): string => commandPrefix(actor.surface ?? 'chat');

function contextLabels(ids: readonly string[], kb: KnowledgeBase, lang: Language): string {
  return ids.map((id) => { const c = kb.contexts.get(id); return c ? localize(c.label, lang) : id; }).join(', ');
}

/** One request: name, id, people, age, each purpose (with its ticked contexts), how to decide. */
export function adminRequestLines(r: ToolRequestRecord, kb: KnowledgeBase, lang: Language, now: Date, surface: RequestSurface = 'chat'): string[] {
  const a = phrases(lang).request.admin;
  const lines = [`${a.newRequest(r.name, r.id)} · ${a.people(r.requesters.length)} · ${a.since(ageInDays(r.createdAt, now))}`];
  for (const e of r.requesters) {
    const ticked = e.contexts.length > 0 ? ` (${a.contexts}: ${contextLabels(e.contexts, kb, lang)})` : '';
    lines.push(`- ${a.purposes}: ${e.purpose}${ticked}`);
  }
  if (r.status === 'open') {
    const prefix = commandPrefix(surface);
    lines.push(
      surface === 'cli'
        ? a.howToDecide(`${prefix} start ${r.id} <tool-id> --category <id> --by <name>`, `${prefix} decline ${r.id} --reason "…" --by <name>`)
        : a.howToDecide(`${prefix} start ${r.id} <tool-id> <category>`, `${prefix} decline ${r.id} <…>`),
    );
  }
  return lines;
}

/** The open requests (most people first, then oldest) and the waiting lists. */
export function formatRequestList(list: readonly ToolRequestRecord[], kb: KnowledgeBase, lang: Language, now: Date, surface: RequestSurface = 'chat'): string {
  const a = phrases(lang).request.admin;
  const open = byBacklog(list.filter((r) => r.status === 'open'));
  const waiting = byBacklog(list.filter((r) => r.status === 'waiting'));
  if (open.length === 0 && waiting.length === 0) return a.none;
  const out: string[] = [`${a.heading}:`];
  if (open.length === 0) out.push(a.none);
  for (const r of open) out.push('', ...adminRequestLines(r, kb, lang, now, surface).map((l, i) => (i === 0 ? l.replace(/^\S+\s/, '') : l)));
  if (waiting.length > 0) {
    out.push('', `${a.waiting}:`);
    for (const r of waiting) out.push(`- ${r.name} (${r.toolId ?? r.id}) · ${a.people(r.requesters.length)} · ${a.since(ageInDays(r.createdAt, now))}`);
  }
  return out.join('\n');
}

/** Most requesters first, then the oldest. */
export function byBacklog(list: readonly ToolRequestRecord[]): ToolRequestRecord[] {
  return [...list].sort((x, y) => y.requesters.length - x.requesters.length || x.createdAt.localeCompare(y.createdAt));
}

/** `kb requests --json`: the stored fields; requesters by platform id only. */
export function requestsJson(list: readonly ToolRequestRecord[], now: Date): unknown[] {
  return byBacklog(list).map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    ...(r.toolId ? { toolId: r.toolId } : {}),
    requesters: r.requesters.length,
    ageDays: ageInDays(r.createdAt, now),
    createdAt: r.createdAt,
    purposes: r.requesters.map((e) => e.purpose),
    entries: r.requesters.map((e) => ({ by: e.by, purpose: e.purpose, contexts: e.contexts, at: e.at })),
  }));
}

/** One line per open request or waiting list ("Name: 3 people, for 5 days"), most people first. */
export function requestBacklogLines(list: readonly ToolRequestRecord[], lang: Language, now: Date): string[] {
  const p = phrases(lang).request.report;
  return byBacklog(list).map((r) => p.line(r.name, r.requesters.length, ageInDays(r.createdAt, now)));
}

/** The report's section: open requests and waiting lists by number of people and age. */
export function reportRequestLines(list: readonly ToolRequestRecord[], lang: Language, now: Date): string[] {
  const p = phrases(lang).request.report;
  const lines = requestBacklogLines(list, lang, now);
  return lines.length === 0 ? [p.none] : [`${p.heading}:`, ...lines.map((l) => `- ${l}`)];
}

/** The report's JSON: name, status, number of people and age of each open request and waiting list (no purposes, no ids of people). */
export function requestBacklogJson(list: readonly ToolRequestRecord[], now: Date): { name: string; status: string; requesters: number; ageDays: number }[] {
  return byBacklog(list).map((r) => ({ name: r.name, status: r.status, requesters: r.requesters.length, ageDays: ageInDays(r.createdAt, now) }));
}
