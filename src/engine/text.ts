// The plain-text form of an answer (the CLI's output, the chat fallback text and the `text` field
// of the JSON contract): a rendering of the answer layout (src/layout), in the answer's language.
import type { Answer } from '../model/answer.js';
import { layoutAnswer, MAX_QUESTION_LENGTH } from '../layout/answer-layout.js';
import { renderPlain } from '../layout/plain.js';
import { phrases } from '../phrases/index.js';

export { formatDate } from '../phrases/index.js';
export { MAX_QUESTION_LENGTH };

export function headlineFor(a: Omit<Answer, 'text' | 'headline'>): string {
  const m = phrases(a.language);
  const label = m.verdict[a.verdict];
  const first = a.tools[0];
  switch (a.verdict) {
    case 'unclear':
      return `${m.marker.unclear} ${label}`;
    case 'unknown':
      return a.unknownTool ? `${m.marker.unknown} ${a.unknownTool}: ${label}` : `${m.marker.unknown} ${label}`;
    case 'list': {
      const what = a.categoryLabel ?? a.tools.map((t) => t.name).join(', ');
      const count = a.moreTools ? ` (${a.tools.length + a.moreTools})` : '';
      return `${m.marker.list} ${label}: ${what}${count}`;
    }
    default:
      return `${m.marker[a.verdict]} ${first?.name ?? ''}: ${label}`;
  }
}

export function renderText(a: Omit<Answer, 'text'>): string {
  return renderPlain(layoutAnswer(a));
}
