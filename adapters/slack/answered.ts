// Which bot message answered which user message, so that an edited question can have its answer
// updated (chat.update) instead of a second answer. Keeps only ids and a verdict signature, never
// the question text; bounded and forgotten after a day. A shared key-value store (optional) lets
// another instance or a restarted one find the answer too; memory answers first.
import type { Answer } from '../../src/model/answer.js';

export interface AnsweredRecord {
  /** Where the answer is: channel id and the answer message's ts. */
  channel: string;
  answerTs: string;
  /** verdict and per-tool verdicts: an edit updates the answer only when this changes. */
  signature: string;
  /** The follow-up key the question was asked under. */
  conversationKey?: string;
}

/** The shape of storage.kv(): get, and set with a TTL. */
export interface AnsweredStore {
  get(key: string): Promise<AnsweredRecord | undefined>;
  set(key: string, value: AnsweredRecord, ttlMs?: number): Promise<void>;
}

export interface AnsweredMessages {
  remember(channel: string, questionTs: string, record: AnsweredRecord): Promise<void>;
  lookup(channel: string, questionTs: string): Promise<AnsweredRecord | undefined>;
}

export interface AnsweredOptions {
  /** The shared store, or null while it is not reachable. */
  store?: () => AnsweredStore | null;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** What decides whether an edited question needs its answer updated. */
export function answerSignature(answer: Answer): string {
  return `${answer.verdict}|${answer.tools.map((t) => `${t.id}:${t.verdict}`).join(',')}`;
}

export function createAnsweredMessages(options: AnsweredOptions = {}): AnsweredMessages {
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  const max = options.maxEntries ?? 20_000;
  const now = options.now ?? Date.now;
  // Insertion order is expiry order (one TTL for all).
  const memory = new Map<string, { record: AnsweredRecord; expiresAt: number }>();
  const keyOf = (channel: string, ts: string) => `${channel}:${ts}`;
  const store = () => {
    try {
      return options.store?.() ?? null;
    } catch {
      return null;
    }
  };

  return {
    async remember(channel, questionTs, record) {
      const key = keyOf(channel, questionTs);
      memory.delete(key);
      memory.set(key, { record, expiresAt: now() + ttlMs });
      const t = now();
      for (const [k, v] of memory) {
        if (v.expiresAt > t && memory.size <= max) break;
        memory.delete(k);
      }
      // Not awaited: the shared copy only helps other instances, and a slow store must not hold up answers.
      try {
        void store()
          ?.set(key, record, ttlMs)
          .catch(() => undefined);
      } catch {
        // Memory still has it.
      }
    },
    async lookup(channel, questionTs) {
      const key = keyOf(channel, questionTs);
      const hit = memory.get(key);
      if (hit && hit.expiresAt > now()) return hit.record;
      try {
        return (await store()?.get(key)) ?? undefined;
      } catch {
        return undefined;
      }
    },
  };
}
