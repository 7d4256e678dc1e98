// Event dedupe across instances (Redis, PostgreSQL), with this instance's memory answering while the
// shared store is not reachable or does not answer.
import type { Storage } from '../src/storage/index.js';
import { StorageUnavailableError } from '../src/errors.js';

export interface TtlDedupe {
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

/** Event ids seen lately, for dedupe while the shared store is not reachable. */
function createMemoryDedupe(): TtlDedupe {
  const seen = new Map<string, number>();
  return {
    async firstSeen(id, ttlMs) {
      const now = Date.now();
      if (seen.size > 50_000) for (const [k, until] of seen) if (until <= now) seen.delete(k);
      if ((seen.get(id) ?? 0) > now) return false;
      seen.set(id, now + ttlMs);
      return true;
    },
  };
}

/** Dedupe in the store of the moment (`storage()`, null until reachable), else in memory. */
export function createSharedDedupe(storage: () => Storage | null): TtlDedupe {
  const memory = createMemoryDedupe();
  return {
    // A store that does not answer (dead, or hung behind its circuit breaker) must not hold up
    // the reply: this instance's memory answers instead.
    firstSeen: async (id, ttlMs) => {
      const store = storage();
      if (!store) return memory.firstSeen(id, ttlMs);
      try {
        return await store.dedupe.firstSeen(id, ttlMs);
      } catch (err) {
        if (!(err instanceof StorageUnavailableError)) throw err;
        return memory.firstSeen(id, ttlMs);
      }
    },
  };
}
