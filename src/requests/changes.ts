// The hook between a knowledge-base change and its notices: before a change is fanned out, the
// requests it answers are settled. A tool added (or given a new alias) by any route - chat, CLI, a
// hand edit - whose name matches an open request closes it; its requesters are subscribed to the
// tool, so the change's own notice reaches them through the pipeline, once, in their language, on
// their platform; and the notice says that the requested assessment started (pending) or was
// decided. Every later change of the tool reaches them as subscribers. Idempotent: a change queued
// again (the store did not answer) finds the requests settled and subscribes no one twice.
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolChange } from '../notifications/diff.js';
import { isLive, type Storage, type ToolRequestRecord } from '../storage/index.js';
import { requestKey, toolKey, toolKeys } from './names.js';

/** Subscriber keys that can be notified (the web chat has no accounts). */
export const notifiable = (r: ToolRequestRecord): string[] => [...new Set(r.requesters.map((e) => e.by).filter((k) => !k.startsWith('web:')))];

export interface SettleOptions {
  storage: Storage;
  knowledgeBase: () => KnowledgeBase;
  now: () => Date;
}

/** Settles the requests `changes` answer and returns the changes with their request line. */
export async function settleRequests(changes: readonly ToolChange[], options: SettleOptions): Promise<ToolChange[]> {
  if (changes.length === 0) return [...changes];
  const live = await options.storage.requests.listOpen();
  if (live.length === 0) return [...changes];
  const out: ToolChange[] = [];
  for (const change of changes) out.push(await settleOne(change, live, options));
  return out;
}

async function settleOne(change: ToolChange, live: ToolRequestRecord[], options: SettleOptions): Promise<ToolChange> {
  if (change.kind === 'declined') return change;
  const tool = options.knowledgeBase().tools.get(change.toolId);
  const keys = tool ? toolKeys(tool) : new Set([requestKey(change.toolId), requestKey(change.toolName)]);
  const matching = live.filter((r) => r.key === toolKey(change.toolId) || (r.status === 'open' && keys.has(r.key)));
  if (matching.length === 0) return change;
  const wasOpen = matching.some((r) => r.status === 'open');
  const decided = change.newStatus !== 'pending';
  // A waiting list whose tool is still pending: nothing to settle, nothing to say.
  if (!wasOpen && !decided) return change;
  const requesters = await settle(matching, change, decided, options);
  const outcome = decided ? 'decided' : 'started';
  return { ...change, request: { outcome, requesters } };
}

/**
 * Moves the matching requests to the tool (one waiting list while it is pending; closed once it is
 * decided or removed), subscribes their requesters, and returns how many people asked.
 */
async function settle(matching: ToolRequestRecord[], change: ToolChange, decided: boolean, options: SettleOptions): Promise<number> {
  const { storage } = options;
  const at = options.now().toISOString();
  const [first, ...rest] = matching.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) as [ToolRequestRecord, ...ToolRequestRecord[]];
  // Several requests answered by one tool ("Notion", "notion.so") become one list of people.
  const everyone = [...first.requesters];
  for (const r of rest) for (const e of r.requesters) if (!everyone.some((x) => x.by === e.by)) everyone.push(e);
  const merged: ToolRequestRecord = {
    ...first,
    toolId: change.toolId,
    requesters: everyone,
    ...(decided
      ? { status: 'closed', decidedAt: at, decidedBy: first.decidedBy ?? 'catalogue' }
      : { status: 'waiting', key: toolKey(change.toolId) }),
  };
  for (const r of rest) {
    await storage.requests.update(r.id, (c) => ({ ...c, status: 'closed', toolId: change.toolId, decidedAt: at, decidedBy: 'catalogue' }));
  }
  await storage.requests.update(first.id, (c) => (isLive(c) ? merged : undefined));
  const keys = notifiable(merged);
  if (keys.length > 0) await storage.subscriptions.subscribeMany({ kind: 'tool', id: change.toolId }, keys);
  return everyone.length;
}
