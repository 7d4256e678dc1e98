// "Have we seen this id before?" for incoming platform events (Slack retries, Teams redelivery) and
// similar. One atomic insert-if-absent in the backend (SQLite/PostgreSQL INSERT ... ON CONFLICT,
// Redis SET NX), so it holds across several instances sharing one store, not only in this process.
import type { Namespace } from './backend.js';

export interface DedupeStore {
  /** True the first time `id` is seen within `ttlMs`; false for every later call in that window. */
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

export function createDedupeStore(ns: Namespace<number>): DedupeStore {
  return {
    firstSeen: (id, ttlMs) => ns.setIfAbsent(id, Date.now(), Math.max(1, Math.round(ttlMs))),
  };
}
