// Placeholder while the engine is written: same signature as the final one.
import type { Answer } from '../answer.js';
import type { KnowledgeBase } from '../kb/model.js';

export interface AnswerOptions {
  /** "Today" for review_due warnings; defaults to the current date. */
  now?: Date;
}

export interface Engine {
  readonly kb: KnowledgeBase;
  answer(question: string, options?: AnswerOptions): Answer;
}

export function createEngine(kb: KnowledgeBase): Engine {
  return {
    kb,
    answer(question) {
      return {
        question, language: 'de', verdict: 'unclear', tools: [], contexts: [], category: null, unknownTool: null,
        text: '', sources: [], headline: '', contextLabels: [], categoryLabel: null, contact: null, truncated: false, kbVersion: kb.version,
      };
    },
  };
}
