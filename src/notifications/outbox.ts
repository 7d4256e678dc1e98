// Fan-out of a change into the persisted outbox: every subscriber of the tool, of its category
// (old and new, if it moved) and of `all`, each once. Enqueuing the same change again is harmless:
// the outbox keeps one item per (notice id, subscriber) and skips a notice it already holds.
import type { EnqueueResult, Storage } from '../storage/index.js';
import type { ToolChange } from './diff.js';

export interface EnqueueSummary extends EnqueueResult {
  noticeId: string;
  toolId: string;
}

export async function enqueueChange(storage: Storage, change: ToolChange): Promise<EnqueueSummary> {
  const subscribers = change.recipients ?? (await storage.subscriptions.subscribersOf(change.toolId, change.categoryIds));
  const result = await storage.outbox.enqueue(change.id, change, subscribers);
  return { ...result, noticeId: change.id, toolId: change.toolId };
}

/** Enqueues every change of a diff, one after the other (each is a handful of writes). */
export async function enqueueChanges(storage: Storage, changes: readonly ToolChange[]): Promise<EnqueueSummary[]> {
  const out: EnqueueSummary[] = [];
  for (const c of changes) out.push(await enqueueChange(storage, c));
  return out;
}
