// "Have we seen this id before?", the one dedupe of the product: Slack event ids and trigger_ids
// (Slack retries an event it saw no ack for, after about 1 and 5 minutes; a replayed request repeats
// a trigger_id), Bot Connector redeliveries, edited Slack questions. The record lives in the store
// (SQLite, Redis, PostgreSQL) for the retry window: one atomic insert-if-absent (INSERT ... ON
// CONFLICT, SET NX), so it holds across several instances and across a restart. While no store is
// reachable (none configured, or not answering) this process's memory answers instead.
import { StorageUnavailableError } from '../errors.js';
import type { Namespace } from './backend.js';

/** The backend side: the store's records, with the window given per call. */
export interface DedupeStore {
  /** True the first time `id` is seen within `ttlMs`; false for every later call in that window. */
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

/** What inbound code asks: first time for this id (within the dedupe's window)? */
export interface Dedupe {
  firstSeen(id: string): Promise<boolean>;
}

/** Slack retries within about 5 minutes, the Bot Connector within minutes: ids are kept this long. */
export const DEDUPE_TTL_MS = 15 * 60_000;

export function createDedupeStore(ns: Namespace<number>): DedupeStore {
  return {
    firstSeen: (id, ttlMs) => ns.setIfAbsent(id, Date.now(), Math.max(1, Math.round(ttlMs))),
  };
}

export interface MemoryDedupeOptions {
  /** How long an id is remembered (default DEDUPE_TTL_MS). */
  ttlMs?: number;
  /** Most ids kept; the oldest are forgotten first. Default 50,000. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** This process's memory only: for an adapter used without a store, and while the store is away. */
export function createMemoryDedupe(options: MemoryDedupeOptions = {}): Dedupe {
  const ttlMs = options.ttlMs ?? DEDUPE_TTL_MS;
  const maxEntries = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  // Insertion order is expiry order (one TTL for all), so expired ids are always at the front.
  const expiries = new Map<string, number>();
  const evict = (t: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > t && expiries.size <= maxEntries) break;
      expiries.delete(id);
    }
  };
  return {
    async firstSeen(id) {
      const t = now();
      evict(t);
      const expiresAt = expiries.get(id);
      if (expiresAt !== undefined && expiresAt > t) return false;
      expiries.set(id, t + ttlMs);
      if (expiries.size > maxEntries) evict(t);
      return true;
    },
  };
}

export interface StoredDedupeOptions {
  /** The store of the moment; null while none is reachable (then memory answers). */
  store: () => DedupeStore | null;
  /** Put before every id, so that one platform's ids cannot collide with another's ("slack:"). */
  prefix?: string;
  ttlMs?: number;
}

/**
 * The dedupe in the store. A store that does not answer (dead, or hung behind its circuit breaker)
 * must not hold up the reply: this process's memory answers instead. Other errors are thrown; the
 * caller answers rather than drops (better twice than never).
 */
export function createStoredDedupe(options: StoredDedupeOptions): Dedupe {
  const ttlMs = options.ttlMs ?? DEDUPE_TTL_MS;
  const prefix = options.prefix ?? '';
  const memory = createMemoryDedupe({ ttlMs });
  return {
    async firstSeen(id) {
      const key = prefix + id;
      const store = options.store();
      if (!store) return memory.firstSeen(key);
      try {
        return await store.firstSeen(key, ttlMs);
      } catch (err) {
        if (!(err instanceof StorageUnavailableError)) throw err;
        return memory.firstSeen(key);
      }
    },
  };
}
