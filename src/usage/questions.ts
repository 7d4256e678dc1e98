// Texts of questions that stayed unclear, kept only with STORE_QUESTIONS=true and only for the
// retention period. One key per UTC day holds that day's distinct texts, each with the time of every
// time it was asked, so expiry is exact to the millisecond: reading skips anything older than the
// retention period (even before a purge), `purge` deletes it, and each day key also carries a TTL
// that ends with its last possible entry, so the store drops it by itself as a fallback. Personal
// data in a text (names, addresses, phone numbers …) are replaced by placeholders before it is kept,
// as for the LLM: the admins learn what was not understood, not about whom.
import { redact } from '../llm/redact.js';
import type { UnclearQuestion } from './types.js';
import type { MemberLists } from './member-lists.js';
import { cleanText, comparisonKey, DAY_MS, dayOf, dayStart, MAX_QUESTION_LENGTH } from './normalize.js';
import type { SerialUpdater } from './serial-updates.js';

export interface StoredQuestion {
  text: string;
  /** When it was asked (ms since the epoch), oldest first. */
  at: number[];
}

/** One UTC day: comparison key -> question. */
export type QuestionDay = Record<string, StoredQuestion>;

/** Distinct texts kept per day; more in one day are counted as unclear but their text is not kept. */
export const MAX_QUESTIONS_PER_DAY = 1000;

const DAYS_LIST = 'question-days';

export class QuestionStore {
  readonly #days: SerialUpdater<QuestionDay>;
  readonly #lists: MemberLists;
  readonly #retentionMs: number;

  constructor(days: SerialUpdater<QuestionDay>, lists: MemberLists, retentionDays: number) {
    this.#days = days;
    this.#lists = lists;
    this.#retentionMs = retentionDays * DAY_MS;
  }

  async add(question: string, at: number): Promise<void> {
    const text = redact(cleanText(question, MAX_QUESTION_LENGTH)).text;
    if (text === '') return;
    const day = dayOf(at);
    const ttlMs = dayStart(day) + DAY_MS + this.#retentionMs - at;
    await this.#lists.add(DAYS_LIST, day);
    const key = comparisonKey(text);
    await this.#days.update(
      day,
      (current = {}) => {
        const known = current[key];
        if (!known && Object.keys(current).length >= MAX_QUESTIONS_PER_DAY) return current;
        return { ...current, [key]: { text, at: [...(known?.at ?? []), at] } };
      },
      ttlMs,
    );
  }

  /** Questions asked within the retention period before `now`, most asked first (then most recent). */
  async read(now: number): Promise<UnclearQuestion[]> {
    const cutoff = now - this.#retentionMs;
    const days = (await this.#lists.members(DAYS_LIST)).filter((d) => dayStart(d) + DAY_MS > cutoff);
    const records = await this.#days.kv.getMany(days);
    const merged = new Map<string, { text: string; count: number; last: number }>();
    for (const record of records) {
      for (const [key, q] of Object.entries(record ?? {})) {
        const live = q.at.filter((t) => t > cutoff);
        if (live.length === 0) continue;
        const last = Math.max(...live);
        const m = merged.get(key);
        if (!m) merged.set(key, { text: q.text, count: live.length, last });
        else {
          m.count += live.length;
          if (last > m.last) Object.assign(m, { last, text: q.text });
        }
      }
    }
    return [...merged.values()]
      .sort((a, b) => b.count - a.count || b.last - a.last || a.text.localeCompare(b.text))
      .map((m) => ({ text: m.text, count: m.count, lastAsked: new Date(m.last).toISOString() }));
  }

  /** Deletes every stored time (and text) older than the retention period; returns how many were deleted. */
  async purge(now: number): Promise<number> {
    const cutoff = now - this.#retentionMs;
    const days = await this.#lists.members(DAYS_LIST);
    let deleted = 0;
    const emptied: string[] = [];
    for (const day of days.filter((d) => dayStart(d) <= cutoff)) {
      let empty = false;
      // A rewritten day keeps the expiry it had (a set without TTL would keep it forever).
      const ttlMs = Math.max(1, dayStart(day) + DAY_MS + this.#retentionMs - now);
      await this.#days.update(day, (current) => {
        if (!current) {
          empty = true;
          return current;
        }
        const kept: QuestionDay = {};
        let removed = 0;
        for (const [key, q] of Object.entries(current)) {
          const live = q.at.filter((t) => t > cutoff);
          removed += q.at.length - live.length;
          if (live.length > 0) kept[key] = { text: q.text, at: live };
        }
        deleted += removed;
        empty = Object.keys(kept).length === 0;
        // Unchanged: no write, so the key keeps its TTL.
        return removed === 0 ? current : empty ? undefined : kept;
      }, ttlMs);
      if (empty) emptied.push(day);
    }
    await this.#lists.remove(DAYS_LIST, emptied);
    return deleted;
  }
}
