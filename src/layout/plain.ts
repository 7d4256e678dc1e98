// The answer layout as plain text: the CLI's output, the chat fallback text and the `text` of the
// JSON contract. Markers (emoji) mark verdicts; the words carry the meaning.
import { phrases } from '../phrases/index.js';
import { itemText } from './answer-layout.js';
import type { AnswerLayout, LayoutItem, Section } from './types.js';

function line(i: LayoutItem, marker?: string): string {
  return `${marker ? `${marker} ` : ''}${itemText(i)}${i.url ? ` ${i.url}` : ''}`;
}

function sectionLines(s: Section, markers: Record<string, string>, indent: string): string[] {
  switch (s.kind) {
    case 'headline':
      return [`${markers[s.verdict]} ${s.title}`];
    case 'note':
      return [`${indent}${s.text}`];
    case 'considered':
      return [`${indent}${s.label}: ${s.items.map((i) => i.text).join('; ')}`];
    case 'explanation':
      return ['', `${s.label}: ${s.text}`, s.note];
    case 'list':
      return [`${indent}${s.label}:`, ...s.items.map((i) => `${indent}- ${line(i, i.verdict ? markers[i.verdict] : undefined)}`)];
    case 'steps':
      return [
        `${indent}${s.label}:`,
        ...s.items.map((x) => `${indent}- ${x.label}: ${x.stateLabel}${x.dateText ? ` (${x.dateText})` : ''}${x.note ? ` – ${x.note}` : ''}`),
      ];
    case 'fact': {
      if (s.role === 'summary') return [`${indent}${s.text}`];
      const source = s.source ? ` – ${s.sourceLabel}: ${line(s.source)}` : '';
      return [`${indent}${s.label}: ${s.text}${source}`];
    }
    case 'warning':
      return [`${indent}${s.text}`];
    case 'contact':
      return [`${s.label}: ${[s.text, s.email, s.url].filter(Boolean).join(' – ')}`];
    case 'more':
      return [s.text];
    case 'tool': {
      const head = `${markers[s.verdict]} ${s.name}${s.vendor && !s.brief ? ` (${s.vendor})` : ''}: ${s.verdictLabel}`;
      const inner = s.sections.flatMap((x) => sectionLines(x, markers, s.brief ? '  ' : ''));
      if (s.brief) return [`- ${head}`, ...inner];
      return s.own ? ['', head, ...inner] : inner;
    }
  }
}

export function renderPlain(layout: AnswerLayout): string {
  const markers = phrases(layout.language).marker;
  return layout.sections.flatMap((s) => sectionLines(s, markers, '')).join('\n');
}
