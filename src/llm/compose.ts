// The text shown when an LLM explanation is used: the engine's verdict line first, then the
// explanation, then the engine's own conditions, reasons, alternatives, warnings, sources and contact,
// so the LLM text adds to the answer and never replaces what the engine decided. (The explanation
// takes the place of the entry's summary and assessment steps in the engine's text.)
import type { Answer, AnswerAlternative } from '../answer.js';
import { formatDate } from '../engine/text.js';
import { messages } from '../i18n.js';
import type { SummaryResult } from './summarizer.js';

/** Plain text; adapters that render rich answers use the Answer and `summary.text` directly. */
export function composeShown(answer: Answer, summary: Pick<SummaryResult, 'text' | 'source'>): string {
  if (summary.source === 'engine') return answer.text;
  const m = messages(answer.language);
  const date = (iso: string) => formatDate(iso, answer.language);
  const alternatives = (alts: AnswerAlternative[]) =>
    `${m.ui.alternatives}: ${alts.map((a) => `${a.name} (${m.verdict[a.verdict]})`).join(', ')}`;

  const head = [answer.headline];
  if (answer.contextLabels.length) head.push(`${m.ui.contexts}: ${answer.contextLabels.join(', ')}`);
  const blocks: string[] = [head.join('\n'), summary.text.trim()];

  const several = answer.tools.length > 1;
  for (const tool of answer.tools) {
    const lines: string[] = [];
    if (several) lines.push(`${m.marker[tool.verdict]} ${tool.name}: ${m.verdict[tool.verdict]}`);
    if (tool.conditions.length) lines.push(`${m.ui.conditions}:`, ...tool.conditions.map((c) => `- ${c}`));
    if (tool.reasons.length) lines.push(`${m.ui.reasons}:`, ...tool.reasons.map((r) => `- ${r}`));
    if (tool.verdict === 'pending' && tool.decisionExpected) lines.push(`${m.ui.decisionExpected}: ${tool.decisionExpected}`);
    if (tool.alternatives.length) lines.push(alternatives(tool.alternatives));
    if (tool.reviewOverdue && tool.reviewDue) lines.push(m.ui.reviewOverdue(date(tool.reviewDue)));
    if (lines.length) blocks.push(lines.join('\n'));
  }
  if (answer.verdict === 'unknown' && answer.alternatives.length) blocks.push(alternatives(answer.alternatives));

  const sources = answer.sources.length ? answer.sources : uniqueByTitle(answer.tools.flatMap((t) => t.sources));
  if (sources.length) {
    const lines = sources.map((s) => `- ${s.title}${s.date ? ` (${date(s.date)})` : ''}${s.url ? ` ${s.url}` : ''}`);
    blocks.push([`${m.ui.sources}:`, ...lines].join('\n'));
  }
  // As in the engine's text: whom to ask, for a tool nobody has assessed yet.
  if (answer.contact && answer.verdict === 'unknown') {
    const c = answer.contact;
    blocks.push(`${m.ui.requestAssessment}: ${[c.text, c.email, c.url].filter(Boolean).join(' – ')}`);
  }
  return blocks.filter((b) => b.length > 0).join('\n\n');
}

function uniqueByTitle<T extends { title: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.title) && seen.add(i.title) !== undefined);
}
