// Slack delivers an event again (same event_id, header x-slack-retry-num) when it did not see the
// ack in time. EventDedupe answers "first time?" so each event is answered once; the in-memory one
// is enough for one instance, a storage-backed one is plugged in for several.

export interface EventDedupe {
  /** True the first time `id` is seen (within the implementation's memory), false afterwards. */
  firstSeen(id: string): Promise<boolean>;
}

export interface MemoryEventDedupeOptions {
  /** How long an id is remembered. Slack retries after about 1 and 5 minutes. Default 15 minutes. */
  ttlMs?: number;
  /** Most ids kept; the oldest are forgotten first. Default 50,000. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export function createMemoryEventDedupe(options: MemoryEventDedupeOptions = {}): EventDedupe {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
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

/** A shared store whose firstSeen takes the TTL per call (src/storage/dedupe.ts has that shape). */
export interface TtlDedupeStore {
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

/** EventDedupe on a shared store; ids are prefixed so Slack's cannot collide with other platforms'. */
export function eventDedupeFromStore(store: TtlDedupeStore, ttlMs = 15 * 60_000, prefix = 'slack:'): EventDedupe {
  return { firstSeen: (id) => store.firstSeen(prefix + id, ttlMs) };
}
