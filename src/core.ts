// The platform-neutral core that adapters call: it holds the current knowledge base (swapped whole
// on reload, so an answer never sees half an update) and reports each answer to observers (metrics),
// without the question text.
import type { Answer, Verdict } from './answer.js';
import { createEngine, type AnswerOptions, type Engine } from './engine/engine.js';
import type { KnowledgeBase } from './kb/model.js';

export type Platform = 'slack' | 'teams' | 'web' | 'cli';

export interface AskMeta {
  platform: Platform;
}

export interface AnswerEvent {
  platform: Platform;
  verdict: Verdict;
  toolIds: string[];
  seconds: number;
  /** The answer itself, for usage counts; listeners must not log its question. */
  answer: Answer;
}

export type AnswerListener = (event: AnswerEvent) => void;

export class ComplianceCore {
  #engine: Engine;
  readonly #listeners = new Set<AnswerListener>();

  constructor(kb: KnowledgeBase) {
    this.#engine = createEngine(kb);
  }

  get knowledgeBase(): KnowledgeBase {
    return this.#engine.kb;
  }

  /** Replaces the knowledge base; answers already under way finish on the old one. */
  setKnowledgeBase(kb: KnowledgeBase): void {
    this.#engine = createEngine(kb);
  }

  /** Subscribes to answer events; returns the unsubscribe function. */
  onAnswer(listener: AnswerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async ask(question: string, meta: AskMeta, options?: AnswerOptions): Promise<Answer> {
    const started = performance.now();
    const answer = this.#engine.answer(question, options);
    const event: AnswerEvent = {
      platform: meta.platform,
      verdict: answer.verdict,
      toolIds: answer.tools.map((t) => t.id),
      seconds: (performance.now() - started) / 1000,
      answer,
    };
    for (const l of this.#listeners) l(event);
    return answer;
  }
}
