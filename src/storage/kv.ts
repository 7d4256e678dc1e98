// A small typed key-value namespace for other modules' needs (LLM summary cache, feedback counters,
// the last knowledge-base snapshot), so nothing outside src/storage imports keyv.
import type { Namespace } from './backend.js';

export interface KeyValue<T> {
  get(key: string): Promise<T | undefined>;
  getMany(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** `ttlMs` omitted: kept until deleted. */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Sets only if absent (or expired); true if this call set it. Atomic in the backend. */
  setIfAbsent(key: string, value: T, ttlMs: number): Promise<boolean>;
}

export function createKeyValue<T>(ns: Namespace<T>): KeyValue<T> {
  return {
    get: (k) => ns.get(k),
    getMany: (ks) => ns.getMany(ks),
    set: (k, v, ttl) => ns.set(k, v, ttl),
    delete: (k) => ns.delete(k),
    setIfAbsent: (k, v, ttl) => ns.setIfAbsent(k, v, ttl),
  };
}
