// The usage report for admins as readable plain text (CLI, admin chat command) and as JSON. Tool
// and category names come from the knowledge base when one is given (a renamed tool shows its
// current name), else the names stored with the counts.
import type { ToolVerdict, Verdict } from '../model/answer.js';
import { localize, type KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { formatDate, phrases } from '../phrases/index.js';
import type { ReportPhrases } from '../phrases/report-types.js';
import { PLATFORMS } from './records.js';
import { comparisonKey } from './normalize.js';
import type { Ranked, ToolUsage, UnexplainedWordUsage, UsageReport } from './types.js';

const TOOL_VERDICTS: ToolVerdict[] = ['allowed', 'conditional', 'not_allowed', 'pending'];
const VERDICT_ORDER: Verdict[] = ['allowed', 'conditional', 'not_allowed', 'pending', 'unknown', 'unclear', 'list'];

/** A copy of `report` with tool and category names from `kb` (in `lang`); ids it does not know keep their stored name. */
export function withKnowledgeBaseNames(report: UsageReport, kb: KnowledgeBase, lang: Language = kb.organization.default_language): UsageReport {
  const tool = (t: ToolUsage): ToolUsage => ({ ...t, name: kb.tools.get(t.id)?.name ?? t.name });
  const mapRanked = <T>(r: Ranked<T>, f: (x: T) => T): Ranked<T> => ({ items: r.items.map(f), more: r.more });
  return {
    ...report,
    tools: mapRanked(report.tools, tool),
    categories: mapRanked(report.categories, (c) => {
      const label = localize(kb.categories.get(c.id)?.label, lang);
      return { ...c, name: label || c.name };
    }),
    feedback: { ...report.feedback, notHelpfulTools: mapRanked(report.feedback.notHelpfulTools, tool) },
    gaps: { ...report.gaps, unexplainedWords: withoutFiledWords(report.gaps.unexplainedWords, kb) },
  };
}

/** The words not yet filed as a synonym of one of `kb`'s contexts (a word filed a moment ago is no gap). */
function withoutFiledWords(words: Ranked<UnexplainedWordUsage>, kb: KnowledgeBase): Ranked<UnexplainedWordUsage> {
  const filed = new Set<string>();
  for (const c of kb.contexts.values()) for (const s of [...c.synonyms.de, ...c.synonyms.en]) filed.add(comparisonKey(s));
  const items = words.items.filter((w) => !filed.has(comparisonKey(w.word)));
  return { items, more: words.more };
}

/** The report as pretty-printed JSON (the UsageReport shape), names from `kb` when given. */
export function usageReportJson(report: UsageReport, kb?: KnowledgeBase, lang?: Language): string {
  return JSON.stringify(kb ? withKnowledgeBaseNames(report, kb, lang) : report, null, 2);
}

/** The report as plain text in `lang`; names from `kb` when given. */
export function formatUsageReport(report: UsageReport, lang: Language, kb?: KnowledgeBase): string {
  const r = kb ? withKnowledgeBaseNames(report, kb, lang) : report;
  const m = phrases(lang);
  const p = m.report;
  const day = (iso: string) => formatDate(iso.slice(0, 10), lang);
  const lines: string[] = [];
  const header = [p.asOf(day(r.generatedAt), r.generatedAt.slice(11, 16)), ...(r.since ? [p.since(day(r.since))] : [])].join(', ');
  lines.push(`${p.title} (${header})`, '');

  if (r.answers.total === 0) lines.push(p.nothingYet);
  else {
    const platforms = PLATFORMS.filter((x) => r.answers.byPlatform[x] > 0).map((x) => `${p.platform[x]} ${r.answers.byPlatform[x]}`);
    lines.push(`${p.answers}: ${r.answers.total}${platforms.length ? ` (${platforms.join(', ')})` : ''}`);
    const verdicts = VERDICT_ORDER.filter((v) => r.answers.byVerdict[v] > 0).map((v) => `${m.marker[v]} ${m.verdict[v]} ${r.answers.byVerdict[v]}`);
    lines.push(`  ${verdicts.join(' · ')}`);
  }

  lines.push('', p.perTool);
  numbered(lines, r.tools, p, (t) => {
    const parts = TOOL_VERDICTS.filter((v) => t.verdicts[v] > 0).map((v) => `${m.verdict[v]} ${t.verdicts[v]}`);
    return `${t.name} – ${t.answers}: ${parts.join(', ')}`;
  });

  if (r.categories.items.length > 0) {
    lines.push('', p.categories);
    numbered(lines, r.categories, p, (c) => `${c.name} – ${c.answers}`);
  }

  lines.push('', p.feedback(r.feedback.helpful, r.feedback.notHelpful), p.notHelpfulPerTool);
  numbered(lines, r.feedback.notHelpfulTools, p, (t) => `${t.name} – ${p.notHelpfulLine(t.notHelpful, t.helpful)}`);

  lines.push('', p.gapQueue, p.unknownTools);
  numbered(lines, r.gaps.unknownTools, p, (u) => `${u.name} – ${u.count} (${p.lastAsked(day(u.lastAsked))})`);
  if (r.gaps.unknownToolsNotListed > 0) lines.push(`  ${p.unknownNotListed(r.gaps.unknownToolsNotListed)}`);
  if (r.gaps.unknownToolsNotRecorded > 0) lines.push(`  ${p.unknownNotRecorded(r.gaps.unknownToolsNotRecorded)}`);
  if (r.gaps.unknownTools.items.length > 0) lines.push(`  ${p.unknownRetention(r.retentionDays)}`);

  lines.push(unexplainedLine(r, p));
  if (r.gaps.unexplainedWordsNotListed > 0) lines.push(`  ${p.unexplainedNotListed(r.gaps.unexplainedWordsNotListed)}`);
  if (r.gaps.unexplainedWords.items.length > 0) lines.push(`  ${p.unexplainedHint(r.retentionDays)}`);

  lines.push(p.unclear(r.gaps.unclear.count));
  const questions = r.gaps.unclear.questions;
  if (questions.items.length > 0) {
    numbered(lines, questions, p, (q) => `${m.ui.quote(q.text)} – ${p.times(q.count)} (${p.lastAsked(day(q.lastAsked))})`);
    lines.push(`  ${p.retention(r.retentionDays)}`);
  } else if (!r.storeQuestions) lines.push(`  ${p.notStored}`);
  else lines.push(`  ${p.noneStored(r.retentionDays)}`);

  return `${lines.join('\n')}\n`;
}

/** The "Nicht eingeordnet: …" line of `report` in `lang` with the words `kb` has filed left out; null when none is waiting. */
export function unexplainedSummary(report: UsageReport, kb: KnowledgeBase, lang: Language): string | null {
  const r = withKnowledgeBaseNames(report, kb, lang);
  return r.gaps.unexplainedWords.items.length > 0 ? unexplainedLine(r, phrases(lang).report) : null;
}

/** "Nicht eingeordnet: Impfschaden 3×, Kirchenaustritt 2×" (most used first). */
export function unexplainedLine(r: UsageReport, p: ReportPhrases): string {
  const words = r.gaps.unexplainedWords;
  if (words.items.length === 0) return p.unexplainedNone;
  const listed = words.items.map((w) => `${w.word} ${p.times(w.count)}`);
  if (words.more > 0) listed.push(p.unexplainedMore(words.more));
  return p.unexplainedWords(listed.join(', '));
}

function numbered<T>(lines: string[], list: Ranked<T>, p: ReportPhrases, line: (x: T) => string): void {
  if (list.items.length === 0) {
    lines.push(`  ${p.none}`);
    return;
  }
  list.items.forEach((x, i) => lines.push(`  ${i + 1}. ${line(x)}`));
  if (list.more > 0) lines.push(`  ${p.more(list.more)}`);
}
