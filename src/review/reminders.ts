// The weekly review reminder: once per ISO week (at the first check from Monday `hour` o'clock on,
// server time), the admins are told which entries' review_due has passed or falls within the next
// 30 days. Once per week for all instances: the week's key is claimed through `once` (the store's
// atomic dedupe) before sending, so a reminder is sent at most once a week; if sending fails after
// the claim, that week's reminder is skipped (logged), never sent twice. A week with nothing due
// sends nothing. Platform-neutral: the composition root passes how to reach the admins.
import type { KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { todayIso } from '../kb/edit.js';
import type { Logger } from '../logger.js';
import { formatDue } from './due.js';
import { phrases } from '../phrases/index.js';
import { DEFAULT_DUE_DAYS, dueEntries } from './due.js';

export interface ReviewReminderOptions {
  /** The knowledge base answering now. */
  knowledgeBase: () => KnowledgeBase;
  /** Its identity (kb-identity.ts): each knowledge base has its own weekly reminder. */
  kbId: string;
  /** Sends a text (made in each admin's language) to every admin the bot can reach privately. */
  send: (text: (lang: Language) => string) => Promise<void>;
  /** True the first time `key` is claimed within `ttlMs`, across instances (Storage.dedupe.firstSeen). */
  once: (key: string, ttlMs: number) => Promise<boolean>;
  days?: number;
  /** Hour (0-23, server time) from which Monday's reminder may go out; default 8. */
  hour?: number;
  now?: () => Date;
  /** How often to look (the first time this long after start); default hourly. */
  checkEveryMs?: number;
  logger?: Logger;
}

export interface ReviewReminders {
  /** Checks now; true if a reminder was sent. */
  check(): Promise<boolean>;
  stop(): void;
}

/** `2026-W48`: the ISO week of `d` (server time). */
export function isoWeek(d: Date): string {
  const day = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The reminder text in `lang`, or null when nothing is due. */
export function reviewReminderText(kb: KnowledgeBase, today: string, days: number, lang: Language): string | null {
  const due = dueEntries(kb, today, days);
  if (due.length === 0) return null;
  // The reminder reaches admins in chat: it names the chat command.
  const m = phrases(lang).admin;
  return `${m.reminderTitle}\n${formatDue(due, days, lang, m.chat.reviewed)}`;
}

export function startReviewReminders(options: ReviewReminderOptions): ReviewReminders {
  const now = options.now ?? (() => new Date());
  const days = options.days ?? DEFAULT_DUE_DAYS;
  const hour = options.hour ?? 8;

  async function check(): Promise<boolean> {
    const t = now();
    const weekday = t.getDay() || 7;
    if (weekday === 1 && t.getHours() < hour) return false; // Monday before the hour: wait
    const kb = options.knowledgeBase();
    const today = todayIso(t);
    if (dueEntries(kb, today, days).length === 0) return false;
    if (!(await options.once(`review-reminder:${options.kbId}:${isoWeek(t)}`, 8 * 86_400_000))) return false;
    try {
      await options.send((lang) => reviewReminderText(kb, today, days, lang) ?? '');
      options.logger?.info({ week: isoWeek(t) }, 'weekly review reminder sent to the admins');
      return true;
    } catch (err) {
      options.logger?.error({ err: { type: (err as Error).name, message: (err as Error).message } }, 'weekly review reminder not sent; the next goes out next week');
      return false;
    }
  }

  const run = () =>
    void check().catch((err: Error) => options.logger?.warn({ err: { type: err.name, message: err.message } }, 'review reminder check failed; tried again at the next check'));
  // The first check an interval after start: a restart does not send at once, and a short-lived
  // process (a test, a one-off command) never sends.
  const timer = setInterval(run, options.checkEveryMs ?? 3_600_000);
  timer.unref();
  return {
    check,
    stop() {
      clearInterval(timer);
    },
  };
}
