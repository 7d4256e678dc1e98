// The engine writes no text: the headline and the plain-text form of an answer (the CLI's output, the chat fallback text and the `text` field
// of the JSON contract): a rendering of the answer layout (src/layout), in the answer's language.
import type { Answer } from '../model/answer.js';
import { headlineFor, layoutAnswer, MAX_QUESTION_LENGTH } from '../layout/answer-layout.js';
import { renderPlain } from '../layout/plain.js';

export { formatDate } from '../phrases/index.js';
export { headlineFor, MAX_QUESTION_LENGTH };

export function renderText(a: Omit<Answer, 'text'>): string {
  return renderPlain(layoutAnswer(a));
}
