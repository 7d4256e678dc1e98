// The plain-text form of an answer (the CLI's output, the chat fallback text and the `text` field
// of the JSON contract). Built only from the Answer value, in the answer's language.
import type { Answer, AnswerTool } from '../answer.js';
import { messages } from '../i18n.js';
import type { Language } from '../kb/schema.js';

/** 2021-03-26 -> 26.03.2021 in German; ISO stays in English (unambiguous). */
export function formatDate(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m && lang === 'de' ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export function headlineFor(a: Omit<Answer, 'text' | 'headline'>, more: number): string {
  const m = messages(a.language);
  const label = m.verdict[a.verdict];
  const first = a.tools[0];
  switch (a.verdict) {
    case 'unclear':
      return `${m.marker.unclear} ${label}`;
    case 'unknown':
      return `${m.marker.unknown} ${a.unknownTool ?? ''}: ${label}`.replace(' : ', ': ');
    case 'list': {
      const what = a.categoryLabel ?? a.tools.map((t) => t.name).join(', ');
      const count = more > 0 ? ` (${a.tools.length + more})` : '';
      return `${m.marker.list} ${label}: ${what}${count}`;
    }
    default:
      return `${m.marker[a.verdict]} ${first?.name ?? ''}: ${label}`;
  }
}

export function renderText(a: Omit<Answer, 'text'>, more: number): string {
  const m = messages(a.language);
  const lines: string[] = [a.headline];
  if (a.contextLabels.length > 0) lines.push(`${m.ui.contexts}: ${contextsWithEvidence(a).join(', ')}`);
  if (a.verdict === 'unclear') lines.push(m.ui.unclearHelp);
  if (a.verdict === 'unknown') {
    lines.push(a.unknownTool ? m.ui.unknownTool(a.unknownTool) : m.ui.unknownToolGeneric);
  }
  if (a.verdict === 'list') {
    if (a.tools.length === 0) lines.push(m.ui.noToolsInCategory);
    for (const t of a.tools) {
      const detail = [...t.reasons, ...t.conditions].join(' ');
      lines.push(`- ${m.marker[t.verdict]} ${t.name}: ${m.verdict[t.verdict]}${detail ? ` – ${detail}` : ''}`);
    }
    if (more > 0) lines.push(a.language === 'de' ? `… und ${more} weitere.` : `… and ${more} more.`);
  } else {
    for (const t of a.tools) lines.push(...toolLines(t, a.language, a.tools.length > 1));
  }
  if (a.verdict === 'unknown' && alternativesOf(a).length > 0) {
    lines.push(`${m.ui.alternatives}: ${alternativesOf(a).join(', ')}`);
  }
  if (a.sources.length > 0 && a.verdict !== 'list') {
    lines.push(`${m.ui.sources}:`);
    for (const s of a.sources) {
      lines.push(`- ${s.title}${s.date ? ` (${formatDate(s.date, a.language)})` : ''}${s.url ? ` ${s.url}` : ''}`);
    }
  }
  if (a.contact && (a.verdict === 'unknown' || a.verdict === 'unclear')) {
    const c = a.contact;
    lines.push(`${m.ui.requestAssessment}: ${[c.text, c.email, c.url].filter(Boolean).join(' – ')}`);
  }
  if (a.truncated) lines.push(m.ui.truncated(MAX_QUESTION_LENGTH));
  return lines.join('\n');
}

export const MAX_QUESTION_LENGTH = 1000;

/**
 * Each context with the words that stated it: "besonders schutzbedürftige Personen
 * („Schuldnerberatung“)", "confidential (“VS-NfD”)". Contexts not read from this question keep their label.
 */
function contextsWithEvidence(a: Omit<Answer, 'text'>): string[] {
  const [open, close] = a.language === 'de' ? ['„', '“'] : ['“', '”'];
  return a.contextLabels.map((label, k) => {
    const id = a.contexts[k];
    const words = (a.evidence ?? []).find((e) => e.id === id)?.words ?? [];
    return words.length > 0 ? `${label} (${words.map((w) => `${open}${w}${close}`).join(', ')})` : label;
  });
}

function alternativesOf(a: Omit<Answer, 'text'>): string[] {
  const m = messages(a.language);
  return a.alternatives.map((x) => `${x.name} (${m.verdict[x.verdict]})`);
}

function toolLines(t: AnswerTool, lang: Language, several: boolean): string[] {
  const m = messages(lang);
  const lines: string[] = [];
  if (several) lines.push('', `${m.marker[t.verdict]} ${t.name}: ${m.verdict[t.verdict]}`);
  if (t.summary) lines.push(t.summary);
  if (t.conditions.length > 0) {
    lines.push(`${m.ui.conditions}:`);
    for (const c of t.conditions) lines.push(`- ${c}`);
  }
  if (t.reasons.length > 0) {
    lines.push(`${m.ui.reasons}:`);
    for (const r of t.reasons) lines.push(`- ${r}`);
  }
  if (t.verdict === 'pending' || t.verdict === 'not_allowed') {
    if (t.assessment.length > 0) {
      lines.push(`${m.ui.assessment}:`);
      for (const s of t.assessment) {
        const date = s.date ? ` (${formatDate(s.date, lang)})` : '';
        lines.push(`- ${s.label}: ${s.stateLabel}${date}${s.note ? ` – ${s.note}` : ''}`);
      }
    }
    if (t.decisionExpected && t.verdict === 'pending') lines.push(`${m.ui.decisionExpected}: ${t.decisionExpected}`);
  }
  if (t.alternatives.length > 0) {
    lines.push(`${m.ui.alternatives}: ${t.alternatives.map((x) => `${x.name} (${m.verdict[x.verdict]})`).join(', ')}`);
  }
  lines.push(`${m.ui.updated}: ${formatDate(t.updated, lang)}`);
  if (t.reviewOverdue && t.reviewDue) lines.push(m.ui.reviewOverdue(formatDate(t.reviewDue, lang)));
  return lines;
}
