// Turns the stored counters into the UsageReport: sums, sorting (most asked first, ties by name)
// and the cut to `limit` entries per list. Pure, so the ordering rules are easy to test.
import { VERDICTS, type ToolVerdict, type Verdict } from '../model/answer.js';
import type { Platform } from '../model/platform.js';
import { PLATFORMS, type CategoryRecord, type ToolRecord, type UnknownRecord, type WordRecord } from './records.js';
import type { FeedbackCounts, Ranked, ToolUsage, UnclearQuestion, UsageReport } from './types.js';

export interface StoredCounts {
  /** usage-totals key -> value (0 where absent) */
  totals: Map<string, number>;
  tools: [string, ToolRecord][];
  categories: [string, CategoryRecord][];
  unknown: UnknownRecord[];
  /** Unexplained words within the retention period (absent: none). */
  words?: WordRecord[];
  questions: UnclearQuestion[];
}

export interface BuildOptions {
  generatedAt: number;
  limit: number;
  storeQuestions: boolean;
  retentionDays: number;
}

const TOOL_VERDICTS: ToolVerdict[] = ['allowed', 'conditional', 'not_allowed', 'pending'];

export function rank<T>(items: T[], limit: number): Ranked<T> {
  return { items: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

export function buildReport(c: StoredCounts, o: BuildOptions): UsageReport {
  const total = (key: string) => c.totals.get(key) ?? 0;
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, total(`answers:${v}`)])) as Record<Verdict, number>;
  const byPlatform = Object.fromEntries(PLATFORMS.map((p) => [p, total(`platform:${p}`)])) as Record<Platform, number>;
  const feedbackByVerdict = Object.fromEntries(
    VERDICTS.map((v) => [v, { helpful: total(`feedback:${v}:helpful`), notHelpful: total(`feedback:${v}:not-helpful`) }]),
  ) as Record<Verdict, FeedbackCounts>;
  const since = total('since');

  const tools: ToolUsage[] = c.tools.map(([id, r]) => {
    const verdicts = Object.fromEntries(TOOL_VERDICTS.map((v) => [v, r.verdicts[v] ?? 0])) as Record<ToolVerdict, number>;
    const answers = TOOL_VERDICTS.reduce((sum, v) => sum + verdicts[v], 0);
    return { id, name: r.name, answers, verdicts, helpful: r.helpful, notHelpful: r.notHelpful };
  });
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  const asked = tools.filter((t) => t.answers > 0).sort((a, b) => b.answers - a.answers || byName(a, b));
  const notHelpful = tools.filter((t) => t.notHelpful > 0).sort((a, b) => b.notHelpful - a.notHelpful || byName(a, b));
  const categories = c.categories
    .map(([id, r]) => ({ id, name: r.name, answers: r.answers }))
    .sort((a, b) => b.answers - a.answers || byName(a, b));
  const unknownTools = [...c.unknown]
    .sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked || byName(a, b))
    .map((u) => ({ name: u.name, count: u.count, lastAsked: new Date(u.lastAsked).toISOString() }));

  const unexplainedWords = [...(c.words ?? [])]
    .sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked || a.word.localeCompare(b.word))
    .map((w) => ({ word: w.word, language: w.language, count: w.count, lastAsked: new Date(w.lastAsked).toISOString() }));

  const sum = (values: number[]) => values.reduce((s, n) => s + n, 0);
  return {
    generatedAt: new Date(o.generatedAt).toISOString(),
    since: since > 0 ? new Date(since).toISOString() : null,
    storeQuestions: o.storeQuestions,
    retentionDays: o.retentionDays,
    answers: { total: sum(Object.values(byVerdict)), byVerdict, byPlatform },
    tools: rank(asked, o.limit),
    categories: rank(categories, o.limit),
    feedback: {
      helpful: sum(Object.values(feedbackByVerdict).map((f) => f.helpful)),
      notHelpful: sum(Object.values(feedbackByVerdict).map((f) => f.notHelpful)),
      byVerdict: feedbackByVerdict,
      notHelpfulTools: rank(notHelpful, o.limit),
    },
    gaps: {
      unknownTools: rank(unknownTools, o.limit),
      unknownToolsNotListed: total('unknown-not-listed'),
      unknownToolsNotRecorded: total('unknown-not-recorded'),
      unexplainedWords: rank(unexplainedWords, o.limit),
      unexplainedWordsNotListed: total('words-not-listed'),
      unclear: { count: byVerdict.unclear, questions: rank(c.questions, o.limit) },
    },
  };
}
