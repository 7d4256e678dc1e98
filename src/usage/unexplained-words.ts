// The gap report's list of words the engine could not place (issue 18): the vocabulary that grows
// from use. What it keeps: only the unexplained words of an answer that pass word-filter.ts
// (ordinary dictionary words, never personal data), each counted once per client and UTC day
// (client-days.ts, as the unknown-tool names), with its questions per day. Days older than
// RETENTION_DAYS are dropped and a word no one used within that period is deleted: reading skips
// them at once, the hourly purge deletes them, and each record carries a TTL as a fallback.
//
// A capitalised word could still be a surname the dictionaries hold as an ordinary word or compound
// ("Haberkorn"): like an unknown-tool name, it is held back under an HMAC (name-corroboration.ts)
// until at least two clients used it on two different days, and a word this client wrote after a
// person cue a moment before ("Herrn Haberkorn") is not kept at all.
//
// The list holds at most `maxWords` words; further new words are only counted ("not listed").
import type { Answer } from '../model/answer.js';
import type { ClientDays } from './client-days.js';
import type { MemberLists } from './member-lists.js';
import type { NameCorroboration, RecentPersonNames } from './name-corroboration.js';
import { betterDisplay, comparisonKey, DAY_MS } from './normalize.js';
import { countOncePerClientDay, liveDayCounts, sumDays } from './day-counts.js';
import { addUses, liveRecords, purgeExpired, type DayCountedList } from './day-counted-list.js';
import type { WordRecord } from './records.js';
import type { SerialUpdater } from './serial-updates.js';
import { recordableWord } from './word-filter.js';

const LIST = 'words';
/** Unexplained words counted from one answer at most (a pasted text cannot flood the list). */
const MAX_WORDS_PER_ANSWER = 8;

export interface UnexplainedWordsOptions {
  records: SerialUpdater<WordRecord>;
  lists: MemberLists;
  totals: SerialUpdater<number>;
  clientDays: ClientDays;
  retentionDays: number;
  maxWords: number;
  /** Holds back a capitalised word (it could be a surname) until two clients used it on two days. */
  corroboration: NameCorroboration;
  /** Names this client wrote after a person cue a moment ago: such a word is not kept. */
  recentPersons: RecentPersonNames;
}

export class UnexplainedWords {
  readonly #o: UnexplainedWordsOptions;
  readonly #list: DayCountedList<WordRecord>;

  constructor(options: UnexplainedWordsOptions) {
    this.#o = options;
    this.#list = { list: LIST, lists: options.lists, records: options.records, retentionMs: options.retentionDays * DAY_MS, liveDays };
  }

  /** Counts the keepable unexplained words of `answer`, asked `times` times by `clients`. */
  async count(answer: Answer, at: number, times: number, clients: readonly (string | undefined)[] = []): Promise<void> {
    const words = (answer.unexplained ?? []).slice(0, MAX_WORDS_PER_ANSWER);
    const seen = new Set<string>();
    for (const raw of words) {
      const kept = recordableWord(raw, answer.question, answer.language);
      if (!kept) continue;
      const key = comparisonKey(kept.word);
      if (seen.has(key)) continue;
      seen.add(key);
      await this.#countWord(key, kept.word, kept.language, at, times, clients);
    }
  }

  async #countWord(key: string, word: string, language: 'de' | 'en', at: number, times: number, clients: readonly (string | undefined)[]): Promise<void> {
    const keyed = clients.filter((c): c is string => typeof c === 'string' && c !== '');
    if (this.#o.recentPersons.named(word, keyed, at)) return;
    const counted = await this.#onceEach(key, at, times, clients);
    if (counted === 0) return;
    let heldBack: Record<string, number> | null = null;
    if (/^\p{Lu}/u.test(word)) {
      heldBack = await this.#o.corroboration.note(`word\u0000${key}`, at, counted, keyed);
      if (heldBack === null) return;
    }
    const listed = await this.#o.lists.add(LIST, key, this.#o.maxWords);
    if (listed === 'full') {
      await this.#o.totals.update('words-not-listed', (n) => (n ?? 0) + counted);
      return;
    }
    await addUses(this.#list, key, listed, this.#o.maxWords, { at, counted, heldBack }, (r, counts) => ({
      word: r ? betterDisplay(r.word, word) : word,
      language: r?.language ?? language,
      ...counts,
    }));
  }

  /** How many of the `times` questions count: those without a client key, and each client once a day. */
  async #onceEach(key: string, at: number, times: number, clients: readonly (string | undefined)[]): Promise<number> {
    return countOncePerClientDay(this.#o.clientDays, `word\u0000${key}`, at, times, clients);
  }

  /** The words used within the retention period before `now`, with their counts in it. */
  async read(now: number): Promise<WordRecord[]> {
    return (await liveRecords(this.#list, now)).map(({ record, days, count }) => ({ ...record, days, count }));
  }

  /** Forgets `words` (filed into the knowledge base: no longer a gap). Returns how many were listed. */
  async forget(words: readonly string[]): Promise<number> {
    const keys = words.map((w) => comparisonKey(w.normalize('NFC').trim()));
    const listed = new Set(await this.#o.lists.members(LIST));
    const gone = keys.filter((k) => listed.has(k));
    await Promise.all(gone.map((k) => this.#o.records.update(k, () => undefined)));
    await this.#o.lists.remove(LIST, gone);
    return gone.length;
  }

  /** Deletes words not used within the retention period and drops expired days. Returns how many words went. */
  async purge(now: number): Promise<number> {
    const { deleted } = await purgeExpired(
      this.#list,
      now,
      (r, cutoff) => r.lastAsked <= cutoff,
      (current, days, cutoff) => current.lastAsked <= cutoff || sumDays(days) === 0,
    );
    return deleted;
  }
}

/** The record's questions per day within the retention period. */
function liveDays(r: WordRecord | undefined, cutoff: number): Record<string, number> {
  return liveDayCounts(r?.days, cutoff);
}

