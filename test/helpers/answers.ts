// Hand-built Answer values for tests that must not depend on the engine (guard, summariser).
import type { Answer, AnswerTool } from '../../src/model/answer.js';

export function tool(p: Partial<AnswerTool> & Pick<AnswerTool, 'id' | 'name' | 'verdict'>): AnswerTool {
  return {
    status: 'restricted', conditions: [], reasons: [], category: null, assessment: [], alternatives: [], sources: [],
    updated: '2021-03-26', reviewOverdue: false, ...p,
  };
}

export function answer(p: Partial<Answer>): Answer {
  return {
    question: 'q', language: 'en', verdict: 'unclear', tools: [], contexts: [], category: null, unknownTool: null,
    text: 'engine text', sources: [], headline: 'h', contextLabels: [], categoryLabel: null, alternatives: [], contact: null,
    truncated: false, kbVersion: 'v1', ...p,
  };
}
