// The persisted notification outbox. Layout on the key-value store (namespaced, prefixed):
//   c:<noticeId>              the change payload, its batch ids, and whether enqueueing finished
//   b:<noticeId>:<n>          one batch: up to BATCH_SIZE subscriber keys
//   pending                   ids of batches that still have undelivered items
//   i:<noticeId>|<subscriber> the state of one item, written only when something happened to it
//                             (done / retry / dead); no key = not attempted yet
//   dead                      the most recent dead letters
// An item is identified by (noticeId, subscriber); its `i:` key is the dedupe record: a delivery
// worker skips an item whose key says done, so enqueuing the same change again, or re-reading a
// batch after a restart, cannot deliver twice. Enqueuing 10,000 subscribers is ~25 writes, not 10,000.
import type { Namespace } from './backend.js';
import { KeyedMutex } from './lock.js';

export const BATCH_SIZE = 500;
const DEFAULT_RETENTION_MS = 30 * 24 * 3600 * 1000;
const DEAD_KEPT = 1000;

export type ItemStatus = 'done' | 'retry' | 'dead';

export interface ItemState {
  status: ItemStatus;
  attempts: number;
  /** Epoch ms of the next attempt (status retry). */
  nextAt?: number;
  lastError?: string;
  /** Epoch ms of the last change of this state. */
  at: number;
}

export interface OutboxBatch {
  id: string;
  noticeId: string;
  subscribers: string[];
}

export interface DeadLetter {
  noticeId: string;
  subscriber: string;
  attempts: number;
  error: string;
  at: string;
}

interface ChangeRecord {
  payload: unknown;
  batchIds: string[];
  committed: boolean;
  enqueuedAt: string;
}

export interface EnqueueResult {
  /** False when this notice was enqueued before (nothing was added). */
  added: boolean;
  items: number;
  batches: number;
}

export interface OutboxStore {
  /** Stores the payload and one item per subscriber. A notice already enqueued is left as it is. */
  enqueue(noticeId: string, payload: unknown, subscribers: readonly string[]): Promise<EnqueueResult>;
  payload(noticeId: string): Promise<unknown | undefined>;
  /** Ids of batches with undelivered items, oldest first. */
  pendingBatches(): Promise<string[]>;
  batch(batchId: string): Promise<OutboxBatch | undefined>;
  /** Item states in the order of `subscribers` (undefined = not attempted yet). */
  states(noticeId: string, subscribers: readonly string[]): Promise<(ItemState | undefined)[]>;
  markDone(noticeId: string, subscriber: string, attempts: number): Promise<void>;
  markRetry(noticeId: string, subscriber: string, attempts: number, nextAt: number, error: string): Promise<void>;
  markDead(noticeId: string, subscriber: string, attempts: number, error: string): Promise<void>;
  /** Takes a batch off the pending index once every item is done or dead. */
  completeBatch(batchId: string): Promise<void>;
  /** Newest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
}

export function createOutboxStore(ns: Namespace<unknown>, retentionMs = DEFAULT_RETENTION_MS): OutboxStore {
  const mutex = new KeyedMutex(ns.locks);
  const itemKey = (noticeId: string, subscriber: string) => `i:${noticeId}|${subscriber}`;
  const changeKey = (noticeId: string) => `c:${noticeId}`;

  const updatePending = (fn: (ids: string[]) => string[]) =>
    mutex.run('pending', async () => {
      const ids = ((await ns.get('pending')) as string[] | undefined) ?? [];
      const next = fn(ids);
      if (next !== ids) await ns.set('pending', next);
    });

  return {
    enqueue(noticeId, payload, subscribers) {
      return mutex.run(changeKey(noticeId), async () => {
        const existing = (await ns.get(changeKey(noticeId))) as ChangeRecord | undefined;
        if (existing?.committed) return { added: false, items: 0, batches: existing.batchIds.length };
        // Not enqueued, or a crash interrupted an earlier enqueue: (re)write everything. Items
        // delivered in between keep their done state, so the rewrite cannot cause duplicates.
        const unique = [...new Set(subscribers)].sort();
        const batches: OutboxBatch[] = [];
        for (let i = 0; i * BATCH_SIZE < unique.length; i++) {
          batches.push({ id: `b:${noticeId}:${i}`, noticeId, subscribers: unique.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE) });
        }
        const record: ChangeRecord = { payload, batchIds: batches.map((b) => b.id), committed: false, enqueuedAt: new Date().toISOString() };
        await ns.set(changeKey(noticeId), record);
        await ns.setMany(batches.map((b) => ({ key: b.id, value: b })));
        await updatePending((ids) => {
          const missing = record.batchIds.filter((id) => !ids.includes(id));
          return missing.length === 0 ? ids : [...ids, ...missing];
        });
        await ns.set(changeKey(noticeId), { ...record, committed: true });
        return { added: true, items: unique.length, batches: batches.length };
      });
    },

    async payload(noticeId) {
      return ((await ns.get(changeKey(noticeId))) as ChangeRecord | undefined)?.payload;
    },

    async pendingBatches() {
      return ((await ns.get('pending')) as string[] | undefined) ?? [];
    },

    async batch(batchId) {
      return (await ns.get(batchId)) as OutboxBatch | undefined;
    },

    async states(noticeId, subscribers) {
      return (await ns.getMany(subscribers.map((s) => itemKey(noticeId, s)))) as (ItemState | undefined)[];
    },

    async markDone(noticeId, subscriber, attempts) {
      // Kept for the retention period: it is what makes a repeated enqueue or a re-read batch harmless.
      await ns.set(itemKey(noticeId, subscriber), { status: 'done', attempts, at: Date.now() } satisfies ItemState, retentionMs);
    },

    async markRetry(noticeId, subscriber, attempts, nextAt, error) {
      const state: ItemState = { status: 'retry', attempts, nextAt, lastError: error, at: Date.now() };
      await ns.set(itemKey(noticeId, subscriber), state, retentionMs);
    },

    async markDead(noticeId, subscriber, attempts, error) {
      const now = Date.now();
      await ns.set(itemKey(noticeId, subscriber), { status: 'dead', attempts, lastError: error, at: now } satisfies ItemState, retentionMs);
      await mutex.run('dead', async () => {
        const list = ((await ns.get('dead')) as DeadLetter[] | undefined) ?? [];
        list.push({ noticeId, subscriber, attempts, error, at: new Date(now).toISOString() });
        await ns.set('dead', list.slice(-DEAD_KEPT));
      });
    },

    async completeBatch(batchId) {
      let remaining: string[] = [];
      await updatePending((ids) => {
        remaining = ids.filter((id) => id !== batchId);
        return remaining.length === ids.length ? ids : remaining;
      });
      await ns.delete(batchId);
      // The last batch of a notice: keep its record for the retention period only (it still
      // answers "already enqueued" until then).
      const m = /^b:(.+):\d+$/.exec(batchId);
      const noticeId = m?.[1];
      if (noticeId === undefined || remaining.some((id) => id.startsWith(`b:${noticeId}:`))) return;
      await mutex.run(changeKey(noticeId), async () => {
        const record = await ns.get(changeKey(noticeId));
        if (record !== undefined) await ns.set(changeKey(noticeId), record, retentionMs);
      });
    },

    async deadLetters(limit = 100) {
      const list = ((await ns.get('dead')) as DeadLetter[] | undefined) ?? [];
      return list.slice(-limit).reverse();
    },
  };
}
