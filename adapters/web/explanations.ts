// Explanations worded by the optional language model for answers already sent (web chat and
// POST /api/ask with "explain": true): the answer goes out at once with an id, the explanation is
// started at the same time and fetched with that id by a second request. Only the pending
// explanation is kept (never the question), in memory, for at most `ttlMs`, and handed out once.
import { hasVerdict } from '../../src/layout/answer-layout.js';
import { randomBytes } from 'node:crypto';
import type { Answer } from '../../src/model/answer.js';

export interface ExplanationStore {
  /** Starts wording the explanation; the id to fetch it with, or undefined when there is none to give. */
  start(answer: Answer): string | undefined;
  /** The explanation (null when the model gave none), once; undefined for an unknown or expired id. */
  take(id: string): Promise<string | null> | undefined;
}

export interface ExplanationStoreOptions {
  summarize: (answer: Answer) => Promise<string | null>;
  ttlMs?: number;
  /** Most explanations waiting at once; the oldest is dropped beyond it. */
  max?: number;
  now?: () => number;
}

export const EXPLANATION_ID = /^[A-Za-z0-9_-]{22}$/;

export function createExplanationStore(options: ExplanationStoreOptions): ExplanationStore {
  const ttl = options.ttlMs ?? 120_000;
  const max = options.max ?? 1000;
  const now = options.now ?? Date.now;
  const pending = new Map<string, { at: number; text: Promise<string | null> }>();
  const sweep = () => {
    const t = now();
    for (const [id, e] of pending) if (t - e.at > ttl) pending.delete(id);
    while (pending.size >= max) pending.delete(pending.keys().next().value as string);
  };
  return {
    start(answer) {
      if (!hasVerdict(answer.verdict)) return undefined;
      sweep();
      const id = randomBytes(16).toString('base64url');
      // A failed explanation is no explanation; the answer stands.
      const text = options.summarize(answer).catch(() => null);
      pending.set(id, { at: now(), text });
      return id;
    },
    take(id) {
      const e = pending.get(id);
      if (!e) return undefined;
      pending.delete(id);
      return now() - e.at > ttl ? undefined : e.text;
    },
  };
}
