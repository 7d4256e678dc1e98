// The gap report's list of tools staff asked about that the catalog does not know. What it keeps:
// only names shaped like a product name (tool-name-filter.ts), each counted once per client and
// UTC day (client-days.ts: a question asked again, or a flood from one client, counts once), with
// its questions per day. Days older than RETENTION_DAYS are dropped and a name no one asked about
// within that period is deleted, whatever STORE_QUESTIONS says: reading skips them at once, the
// hourly purge deletes them, and each record carries a TTL as a fallback.
//
// The list holds MAX_UNKNOWN_NAMES names. When it is full, a new name takes the place of the name
// asked least (once) and longest ago, so junk names sent once cannot keep a real new tool out.
import type { Answer } from '../model/answer.js';
import type { ClientDays } from './client-days.js';
import type { MemberLists } from './member-lists.js';
import { betterDisplay, comparisonKey, DAY_MS, dayOf } from './normalize.js';
import { countOncePerClientDay, liveDayCounts, sumDays } from './day-counts.js';
import { addUses, liveRecords, purgeExpired, type DayCountedList } from './day-counted-list.js';
import type { UnknownRecord } from './records.js';
import type { SerialUpdater } from './serial-updates.js';
import type { NameCorroboration, RecentPersonNames } from './name-corroboration.js';
import { isProductShaped, looksLikeProductName, recordableToolName } from './tool-name-filter.js';

const LIST = 'unknown';
/** How often at most the names that may give way are read again from the store while the list is full. */
const EVICTION_RELOAD_MS = 60_000;

export interface UnknownNamesOptions {
  records: SerialUpdater<UnknownRecord>;
  lists: MemberLists;
  totals: SerialUpdater<number>;
  clientDays: ClientDays;
  retentionDays: number;
  maxNames: number;
  /** Holds back names that may be a surname until several clients asked on different days. */
  corroboration: NameCorroboration;
  /** Names each client wrote after a person cue a moment ago. */
  recentPersons: RecentPersonNames;
}

export class UnknownNames {
  readonly #o: UnknownNamesOptions;
  /** Keys that may give way when the list is full, the first first; null until read. */
  #evictable: string[] | null = null;
  #evictableReadAt = -Infinity;
  readonly #list: DayCountedList<UnknownRecord>;

  constructor(options: UnknownNamesOptions) {
    this.#o = options;
    this.#list = { list: LIST, lists: options.lists, records: options.records, retentionMs: options.retentionDays * DAY_MS, liveDays };
  }

  /**
   * Counts the unknown tool of `answer`, asked `times` times by `clients` (the client key of each
   * question where there is one). Names that could be personal data are not kept, only counted
   * as "unknown-not-recorded".
   */
  async count(answer: Answer, at: number, times: number, clients: readonly (string | undefined)[] = []): Promise<void> {
    if (!answer.unknownTool) return;
    const name = recordableToolName(answer.unknownTool, answer.question);
    if (name === null) {
      await this.#o.totals.update('unknown-not-recorded', (n) => (n ?? 0) + times);
      return;
    }
    const keyed = clients.filter((c): c is string => typeof c === 'string' && c !== '');
    // "Herrn Haberkorn" a minute ago, "Darf ich Haberkorn nutzen?" now: a person, not a tool.
    if (this.#o.recentPersons.named(name, keyed, at)) {
      await this.#o.totals.update('unknown-not-recorded', (n) => (n ?? 0) + times);
      return;
    }
    const key = comparisonKey(name);
    const counted = await this.#onceEach(key, at, times, clients);
    if (counted === 0) return;
    let heldBack: Record<string, number> | null = null;
    if (!isProductShaped(name)) {
      heldBack = await this.#o.corroboration.note(key, at, counted, keyed);
      if (heldBack === null) {
        await this.#o.totals.update('unknown-held-back', (n) => (n ?? 0) + counted);
        return;
      }
    }
    let listed = await this.#o.lists.add(LIST, key, this.#o.maxNames);
    if (listed === 'full' && (await this.#evictOne(at))) listed = await this.#o.lists.add(LIST, key, this.#o.maxNames);
    if (listed === 'full') {
      await this.#o.totals.update('unknown-not-listed', (n) => (n ?? 0) + counted);
      return;
    }
    // While the list is full, a newcomer is the last to give way.
    if (listed === 'added' && this.#evictable !== null) this.#evictable.push(key);
    await addUses(this.#list, key, listed, this.#o.maxNames, { at, counted, heldBack }, (r, counts) => ({
      name: r ? betterDisplay(r.name, name) : name,
      ...counts,
    }));
  }

  /** How many of the `times` questions count: those without a client key, and each client once a day. */
  async #onceEach(key: string, at: number, times: number, clients: readonly (string | undefined)[]): Promise<number> {
    return countOncePerClientDay(this.#o.clientDays, `unknown\u0000${key}`, at, times, clients);
  }

  /** The names asked about within the retention period before `now`, with their counts in it. */
  async read(now: number): Promise<UnknownRecord[]> {
    return (await liveRecords(this.#list, now)).filter(({ record }) => looksLikeProductName(record.name)).map(({ record, count }) => ({ name: record.name, count, lastAsked: record.lastAsked }));
  }

  /** Deletes names not asked about within the retention period (and any stored before the filter that it refuses). Returns how many. */
  async purge(now: number): Promise<number> {
    const { deleted, removedKeys } = await purgeExpired(this.#list, now, expired, (current, _days, cutoff) => expired(current, cutoff));
    if (this.#evictable) this.#evictable = this.#evictable.filter((k) => !removedKeys.includes(k));
    return deleted;
  }

  /** Makes room in a full list: deletes the name asked once and longest ago. False when none may go. */
  async #evictOne(at: number): Promise<boolean> {
    if ((this.#evictable === null || this.#evictable.length === 0) && at - this.#evictableReadAt >= EVICTION_RELOAD_MS) {
      this.#evictableReadAt = at;
      const keys = await this.#o.lists.members(LIST);
      const records = await this.#o.records.kv.getMany(keys);
      this.#evictable = keys
        .map((k, i) => [k, records[i]] as const)
        .filter(([, r]) => r === undefined || r.count <= 1)
        .sort(([, a], [, b]) => (a?.lastAsked ?? 0) - (b?.lastAsked ?? 0))
        .map(([k]) => k);
    }
    const key = this.#evictable?.shift();
    if (key === undefined) return false;
    let kept = false;
    await this.#o.records.update(key, (r) => {
      // Asked again since it was chosen: it stays.
      kept = r !== undefined && r.count > 1;
      return kept ? r : undefined;
    });
    if (kept) return this.#evictOne(at);
    await this.#o.lists.remove(LIST, [key]);
    return true;
  }
}

/**
 * The record's questions per day within the retention period (a record from before `days`: its
 * count on its last day). A day goes as soon as its start is older than the period: a count is
 * never kept longer than RETENTION_DAYS, at the price of forgetting up to a day early.
 */
function liveDays(r: UnknownRecord | undefined, cutoff: number): Record<string, number> {
  return r ? liveDayCounts(r.days ?? { [dayOf(r.lastAsked)]: r.count }, cutoff) : {};
}

function expired(r: UnknownRecord, cutoff: number): boolean {
  return r.lastAsked <= cutoff || !looksLikeProductName(r.name) || sumDays(liveDays(r, cutoff)) === 0;
}

