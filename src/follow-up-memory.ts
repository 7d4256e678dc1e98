// What the last question of each conversation was about (tools, contexts, category; never its
// text), so that "und mit Bürgern?" can take them over. Memory only: nothing is stored or logged.
// Entries end after 10 minutes, and at most 10,000 conversations are kept (the least recently used
// goes first). With several instances each keeps its own: a follow-up that reaches another
// instance is answered as a question of its own.
import type { Answer } from './model/answer.js';
import type { PreviousQuestion } from './engine/follow-up.js';
import type { KnowledgeBase } from './kb/model.js';

export const FOLLOW_UP_TTL_MS = 10 * 60_000;
export const FOLLOW_UP_MAX_CONVERSATIONS = 10_000;

export interface FollowUpMemoryOptions {
  ttlMs?: number;
  maxConversations?: number;
  /** The clock, in ms (tests). */
  now?: () => number;
}

interface Entry {
  previous: PreviousQuestion;
  until: number;
}

export class FollowUpMemory {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: FollowUpMemoryOptions = {}) {
    this.#ttlMs = options.ttlMs ?? FOLLOW_UP_TTL_MS;
    this.#max = Math.max(1, options.maxConversations ?? FOLLOW_UP_MAX_CONVERSATIONS);
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The previous question of the conversation, if asked within the last 10 minutes. */
  get(key: string): PreviousQuestion | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.previous;
  }

  /**
   * Keeps what `answer` was about as the conversation's previous question. An unclear answer
   * ("Danke!", a typo) leaves the previous question in place, so the conversation goes on.
   */
  remember(key: string, answer: Answer, kb: KnowledgeBase): void {
    if (answer.verdict === 'unclear') return;
    const previous = previousQuestionOf(answer, kb);
    this.#entries.delete(key);
    this.#entries.set(key, { previous, until: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }
}

/** What an answer was about, as a follow-up may take it over. */
export function previousQuestionOf(answer: Answer, kb: KnowledgeBase): PreviousQuestion {
  // A category question lists tools it did not name: the category is what it was about.
  const named = answer.category === null ? answer.tools : [];
  const toolIds = named.map((t) => t.id);
  // A single tool's category lets "und Jitsi?" offer that category's alternatives.
  const category = answer.category ?? (toolIds.length === 1 ? (kb.tools.get(toolIds[0] as string)?.category ?? null) : null);
  return {
    toolIds,
    toolNames: named.map((t) => t.name),
    contexts: [...answer.contexts],
    category,
    unknownTool: answer.unknownTool,
    ...(answer.ask && answer.ask.length > 0 ? { ask: [...answer.ask] } : {}),
  };
}

/** A session id as the web chat and the JSON API accept it: 8 to 128 letters, digits, "-" or "_". */
const SESSION_ID = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * The conversation key of a JSON body's optional `session` field (`{"question": …, "session": …}`),
 * or undefined when there is none or it is malformed (then the question stands alone). The key is
 * bound to the client (`clientKey`, the server's pseudonymous key of the client address): another
 * client sending the same session id starts a conversation of its own and inherits nothing.
 */
export function conversationKeyOf(prefix: 'web' | 'api', body: unknown, clientKey: string | undefined): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const session = (body as { session?: unknown }).session;
  return typeof session === 'string' && SESSION_ID.test(session) ? `${prefix}:${clientKey ?? '-'}:${session}` : undefined;
}
