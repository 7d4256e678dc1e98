// The platform-neutral core that adapters call: it holds the current knowledge base (swapped whole
// on reload, so an answer never sees half an update) and reports each answer to observers (metrics),
// without the question text.
import type { Answer, Verdict } from './model/answer.js';
import { createEngine, type AnswerOptions, type Engine } from './engine/engine.js';
import type { KnowledgeBase } from './kb/model.js';
import { FollowUpMemory } from './follow-up-memory.js';
import type { Platform } from './model/platform.js';


export interface AskMeta {
  platform: Platform;
  /**
   * The conversation the question belongs to, for follow-ups (Slack team:channel:thread, Teams
   * conversation id, web session). Opaque; held in memory only.
   */
  conversationKey?: string;
  /** A pseudonymous key of the asking client (rate limits, counting a gap once per client and day). */
  clientKey?: string;
  /** Never ask the optional language model (the MCP tools promise answers without one). */
  withoutModel?: boolean;
}

export interface AnswerEvent {
  platform: Platform;
  /** From AskMeta: who asked, pseudonymous (never stored as is). */
  clientKey?: string;
  verdict: Verdict;
  toolIds: string[];
  seconds: number;
  /** The answer itself, for usage counts; listeners must not log its question. */
  answer: Answer;
}

export type AnswerListener = (event: AnswerEvent) => void;

/**
 * Optional help from a language model (src/llm/contexts.ts): which of the knowledge base's context
 * ids a question involves. Its ids are only ever added to the engine's; it never picks tools. It
 * resolves [] on any doubt, error or timeout, and is asked only when its answer could matter.
 */
export interface ContextAdvisor {
  contextsFor(question: string, kb: KnowledgeBase): Promise<string[]>;
}

/** Verdicts a context added by the model could make stricter (allowed or conditional tools). */
export function modelCouldMatter(answer: Answer): boolean {
  if (answer.verdict === 'allowed' || answer.verdict === 'conditional') return true;
  return answer.verdict === 'list' && answer.tools.some((t) => t.verdict === 'allowed' || t.verdict === 'conditional');
}

/** Answers kept for questions asked again (the same text on the same day, same knowledge base). */
const CACHED_ANSWERS = 2_000;

export class ComplianceCore {
  #engine: Engine;
  readonly #listeners = new Set<AnswerListener>();
  // Staff ask the same questions again and again: an answer is computed once per knowledge base and
  // day. Held in memory only (never logged or stored), bounded, and emptied with every new base.
  #answers = new Map<string, Answer>();
  // What the last question of each conversation was about, for follow-ups: memory only, per
  // instance, for a few minutes (see follow-up-memory.ts).
  readonly #followUps: FollowUpMemory;
  #advisor: ContextAdvisor | null = null;

  constructor(kb: KnowledgeBase, options: { followUps?: FollowUpMemory } = {}) {
    this.#engine = createEngine(kb);
    this.#followUps = options.followUps ?? new FollowUpMemory();
  }

  /** Turns the optional LLM context help on (an advisor) or off (null). */
  setContextAdvisor(advisor: ContextAdvisor | null): void {
    this.#advisor = advisor;
  }

  get knowledgeBase(): KnowledgeBase {
    return this.#engine.kb;
  }

  /** Replaces the knowledge base; answers already under way finish on the old one. */
  setKnowledgeBase(kb: KnowledgeBase): void {
    this.#engine = createEngine(kb);
    this.#answers = new Map();
  }

  /** Subscribes to answer events; returns the unsubscribe function. */
  onAnswer(listener: AnswerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async ask(question: string, meta: AskMeta, options?: AnswerOptions): Promise<Answer> {
    const started = performance.now();
    const kb = this.#engine.kb;
    const key = meta.conversationKey;
    const previous = options?.previous ?? (key !== undefined ? this.#followUps.get(key) : undefined);
    const asked: AnswerOptions | undefined = previous !== undefined ? { ...options, previous } : options;
    let answer = this.#answer(question, asked);
    // The model is asked only where a context it adds could make the verdict stricter.
    const advisor = this.#advisor;
    if (advisor && !meta.withoutModel && typeof question === 'string' && modelCouldMatter(answer)) {
      let extra: string[] = [];
      try {
        extra = (await advisor.contextsFor(question, kb)).filter((id) => kb.contexts.has(id) && !answer.contexts.includes(id));
      } catch {
        extra = []; // advisors resolve [] on failure; this only guards against one that does not
      }
      if (extra.length > 0 && this.#engine.kb === kb) {
        answer = this.#engine.answer(question, { ...asked, extraContexts: [...(asked?.extraContexts ?? []), ...extra] });
      }
    }
    if (key !== undefined) this.#followUps.remember(key, answer, kb);
    const event: AnswerEvent = {
      platform: meta.platform,
      ...(meta.clientKey !== undefined ? { clientKey: meta.clientKey } : {}),
      verdict: answer.verdict,
      toolIds: answer.tools.map((t) => t.id),
      seconds: (performance.now() - started) / 1000,
      answer,
    };
    for (const l of this.#listeners) l(event);
    return answer;
  }

  /**
   * The engine's answer without reporting it to the answer listeners (usage counts) or touching
   * follow-ups: for look-ups that are not questions asked, such as a search box typed into.
   */
  preview(question: string): Answer {
    return this.#answer(question);
  }

  #answer(question: string, options?: AnswerOptions): Answer {
    // A given `now` (tests, what-if) bypasses the cache; otherwise the day is part of the key,
    // because review_due warnings change with it.
    // Follow-ups and model contexts depend on more than the text: never cached.
    if (options?.now !== undefined || options?.previous !== undefined || options?.extraContexts !== undefined || typeof question !== 'string') {
      return this.#engine.answer(question, options);
    }
    const key = `${new Date().toISOString().slice(0, 10)}\u0000${options?.language ?? ''}\u0000${question}`;
    const cached = this.#answers.get(key);
    if (cached) {
      // Least recently used goes first: re-insert to mark it used.
      this.#answers.delete(key);
      this.#answers.set(key, cached);
      return cached;
    }
    const answer = this.#engine.answer(question, options);
    if (this.#answers.size >= CACHED_ANSWERS) this.#answers.delete(this.#answers.keys().next().value as string);
    this.#answers.set(key, answer);
    return answer;
  }
}
