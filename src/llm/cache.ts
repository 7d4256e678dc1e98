// Summaries are cached by situation, not by wording: the knowledge-base version, the tools and their
// verdicts, the overall verdict, the contexts, the language and the unknown tool. The same situation
// asked again in other words costs no tokens, and no question text ends up in a storage key.
import { createHash } from 'node:crypto';
import type { Answer } from '../model/answer.js';
import { fold } from '../text/normalize.js';

/** Where summaries are kept; a keyv-backed implementation lives with the storage code. */
export interface SummaryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, text: string, ttlMs?: number): Promise<void>;
}

/** Bump when the prompt changes so that texts written for the old prompt are not reused. */
const PROMPT_VERSION = 1;

/** The cache key of the explanation of `answer` (a hash; `model` keeps models apart). */
export function summaryCacheKey(answer: Answer, model = ''): string {
  const situation = {
    p: PROMPT_VERSION,
    kb: answer.kbVersion,
    model,
    lang: answer.language,
    verdict: answer.verdict,
    category: answer.category,
    tools: answer.tools
      .map((t) => [t.id, t.verdict, t.reviewOverdue ? 1 : 0] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    contexts: [...answer.contexts].sort(),
    unknown: answer.unknownTool === null ? null : fold(answer.unknownTool.trim()),
  };
  return `llm-summary:${createHash('sha256').update(JSON.stringify(situation)).digest('hex')}`;
}

export interface MemoryCacheOptions {
  /** Oldest entries are dropped beyond this many (default 1000). */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** An in-process cache (least recently used entries dropped first), for a single instance or tests. */
export function createMemorySummaryCache(options: MemoryCacheOptions = {}): SummaryCache {
  const max = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { text: string; expires: number }>();
  return {
    async get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      entries.delete(key);
      if (e.expires <= now()) return undefined;
      entries.set(key, e);
      return e.text;
    },
    async set(key, text, ttlMs) {
      entries.delete(key);
      entries.set(key, { text, expires: ttlMs === undefined ? Infinity : now() + ttlMs });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
