// The text shown when an LLM explanation is used: the engine's answer, laid out as always
// (src/layout), with the explanation after it, so the LLM text adds to the answer and never
// replaces what the engine decided.
import type { Answer } from '../model/answer.js';
import { layoutAnswer } from '../layout/answer-layout.js';
import { renderPlain } from '../layout/plain.js';
import type { SummaryResult } from './summarizer.js';

/** Plain text; adapters that render rich answers pass `summary.text` to their renderer. */
export function composeShown(answer: Answer, summary: Pick<SummaryResult, 'text' | 'source'>): string {
  if (summary.source === 'engine') return answer.text;
  return renderPlain(layoutAnswer(answer, { explanation: summary.text }));
}
