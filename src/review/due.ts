// Which entries are due for review: `review_due` passed, or within the next N days (default 30).
// Pure: the knowledge base and "today" in, a sorted list out (the most overdue first).
import type { KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { formatDate, phrases } from '../phrases/index.js';

export const DEFAULT_DUE_DAYS = 30;

export interface DueEntry {
  toolId: string;
  name: string;
  /** YYYY-MM-DD. */
  reviewDue: string;
  /** Days from today to the review date: negative when overdue, 0 when due today. */
  daysLeft: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** Entries whose review date has passed or falls within `days` days of `today` (YYYY-MM-DD). */
export function dueEntries(kb: KnowledgeBase, today: string, days: number = DEFAULT_DUE_DAYS): DueEntry[] {
  const now = dayNumber(today);
  const out: DueEntry[] = [];
  for (const tool of kb.tools.values()) {
    if (!tool.review_due) continue;
    const daysLeft = dayNumber(tool.review_due) - now;
    if (daysLeft <= days) out.push({ toolId: tool.id, name: tool.name, reviewDue: tool.review_due, daysLeft });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.toolId.localeCompare(b.toolId));
}

/** The same day a year later (29 February becomes 28 February). */
export function oneYearAfter(today: string): string {
  const year = Number(today.slice(0, 4)) + 1;
  const md = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${String(year).padStart(4, '0')}-${md}`;
}

/** Entries due for review, and how to mark one reviewed (`reviewedCommand(id)` on the reader's surface). */
export function formatDue(entries: DueEntry[], days: number, lang: Language, reviewedCommand: (toolId: string) => string): string {
  const m = phrases(lang).admin;
  if (entries.length === 0) return m.noneDue(days);
  const when = (e: DueEntry) => {
    const date = formatDate(e.reviewDue, lang);
    return e.daysLeft < 0 ? m.overdue(date, -e.daysLeft) : e.daysLeft === 0 ? m.dueToday(date) : m.dueOn(date, e.daysLeft);
  };
  const lines = entries.map((e) => `• ${e.name} (${e.toolId}): ${when(e)}`);
  return [m.dueTitle(days), ...lines, m.dueHint(reviewedCommand((entries[0] as DueEntry).toolId))].join('\n');
}
