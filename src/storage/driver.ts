// What differs between the SQLite, Redis and PostgreSQL backends, behind one small interface; the
// keyv plumbing common to all of them lives in backend.ts.
import type { KeyvStoreAdapter } from 'keyv';

export type BackendKind = 'sqlite' | 'redis' | 'postgres';

export interface Driver {
  kind: BackendKind;
  /** A new keyv store for one namespace (one instance per namespace: a shared one clears all on clear()). */
  makeStore(namespace: string): KeyvStoreAdapter;
  /** Keyv's own key prefix on (SQLite, PostgreSQL) or off (KeyvRedis prefixes keys itself). */
  keyvPrefixes: boolean;
  /** Writes `raw` (a keyv envelope) at `fullKey` unless a live value is there; true if written. Atomic. */
  setIfAbsent(store: KeyvStoreAdapter, fullKey: string, raw: string, now: number): Promise<boolean>;
  /**
   * Cross-process locks, where several processes share the store (Redis): `acquire` sets `key`
   * (already namespaced) to `token` unless it is held, for `ttlMs`; `release` deletes it only if it
   * still holds `token`. Absent for SQLite and PostgreSQL (in-process serialisation only).
   */
  lock?: {
    acquire(store: KeyvStoreAdapter, key: string, token: string, ttlMs: number): Promise<boolean>;
    release(store: KeyvStoreAdapter, key: string, token: string): Promise<void>;
  };
  /** Deletes expired rows under `prefix`; returns how many. */
  sweep(stores: KeyvStoreAdapter[], prefix: string, now: number): Promise<number>;
  close(stores: KeyvStoreAdapter[]): Promise<void>;
}

/** The table all keyv SQL stores use. */
export const TABLE = 'keyv';

export function withTimeout<R>(p: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
