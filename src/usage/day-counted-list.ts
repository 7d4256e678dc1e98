// What the gap report's two counted lists (unknown-names.ts: tool names the catalogue lacks;
// unexplained-words.ts: words the engine could not place) do alike with their records: add a
// question's uses to a member's per-day counts, read the members used within the retention period,
// and purge the others. Each list says what its record holds and when one has expired; the rest is
// here once.
import { type DayCounts, addDayCounts, sumDays } from './day-counts.js';
import type { AddResult, MemberLists } from './member-lists.js';
import { DAY_MS, dayOf, dayStart } from './normalize.js';
import type { SerialUpdater } from './serial-updates.js';

/** A member's record: its questions per UTC day, their sum and the time of the last. */
export interface DayCountedRecord {
  count: number;
  /** ms since the epoch */
  lastAsked: number;
  days?: DayCounts;
}

/** One counted list: its member set, its records, and how long a use counts. */
export interface DayCountedList<R extends DayCountedRecord> {
  /** The member set's name in `lists`. */
  list: string;
  lists: MemberLists;
  records: SerialUpdater<R>;
  retentionMs: number;
  /** The record's questions per day within the retention period (`cutoff` the oldest moment that no longer counts). */
  liveDays: (r: R | undefined, cutoff: number) => DayCounts;
}

export interface Uses {
  at: number;
  /** Questions counted now (on the day of `at`)… */
  counted: number;
  /** …or, when they were held back until corroborated, the uses on the days they happened. */
  heldBack: DayCounts | null;
}

/**
 * Adds `uses` to the record of `key`, which `build` makes from the stored record (undefined: none
 * yet) and `counts`, the record's days, count and last use after the addition. `listed` is what
 * adding `key` to the member set answered (`maxMembers` its bound).
 */
export async function addUses<R extends DayCountedRecord>(
  l: DayCountedList<R>,
  key: string,
  listed: Exclude<AddResult, 'full'>,
  maxMembers: number,
  uses: Uses,
  build: (r: R | undefined, counts: Required<DayCountedRecord>) => R,
): Promise<void> {
  const cutoff = uses.at - l.retentionMs;
  const day = dayOf(uses.at);
  let created = false;
  await l.records.update(
    key,
    (r) => {
      created = r === undefined;
      // Held-back uses, corroborated now, count on their own days.
      const days = addDayCounts(l.liveDays(r, cutoff), cutoff, day, uses.counted, uses.heldBack);
      return build(r, { count: sumDays(days), lastAsked: Math.max(r?.lastAsked ?? 0, uses.at), days });
    },
    l.retentionMs + DAY_MS,
  );
  // A new record while this process thought the member listed: another process (or the purge) may
  // have removed it from the set since.
  if (created && listed === 'present') await l.lists.add(l.list, key, maxMembers, true);
}

/** The records used within the retention period before `now`, with their live days and count (none of 0). */
export async function liveRecords<R extends DayCountedRecord>(l: DayCountedList<R>, now: number): Promise<{ record: R; days: DayCounts; count: number }[]> {
  const cutoff = now - l.retentionMs;
  const records = await l.records.kv.getMany(await l.lists.members(l.list));
  const out: { record: R; days: DayCounts; count: number }[] = [];
  for (const record of records) {
    if (!record || record.lastAsked <= cutoff) continue;
    const days = l.liveDays(record, cutoff);
    const count = sumDays(days);
    if (count > 0) out.push({ record, days, count });
  }
  return out;
}

/**
 * Deletes the members whose record has expired and drops the expired days of the others.
 * `due(r, cutoff)`: the stored record has to go, or at least be looked at again under the update
 * (besides a record with an expired day); `gone(current, days, cutoff)`: under the update, the
 * record goes (`days` its live days). Returns how many records were deleted, and every key taken
 * off the member set (records expired by their TTL too).
 */
export async function purgeExpired<R extends DayCountedRecord>(
  l: DayCountedList<R>,
  now: number,
  due: (r: R, cutoff: number) => boolean,
  gone: (current: R, days: DayCounts, cutoff: number) => boolean,
): Promise<{ deleted: number; removedKeys: string[] }> {
  const cutoff = now - l.retentionMs;
  const keys = await l.lists.members(l.list);
  const records = await l.records.kv.getMany(keys);
  const removedKeys: string[] = [];
  let deleted = 0;
  for (const [i, key] of keys.entries()) {
    const r = records[i];
    if (r === undefined) {
      removedKeys.push(key); // expired by its TTL
      continue;
    }
    const stale = Object.keys(r.days ?? {}).some((d) => dayStart(d) <= cutoff);
    if (!due(r, cutoff) && !stale) continue;
    let removed = false;
    await l.records.update(
      key,
      (current) => {
        if (!current) return current;
        const days = l.liveDays(current, cutoff);
        if (gone(current, days, cutoff)) {
          removed = true;
          return undefined;
        }
        return { ...current, days, count: sumDays(days) };
      },
      Math.max(1, r.lastAsked + l.retentionMs + DAY_MS - now),
    );
    if (removed) {
      deleted++;
      removedKeys.push(key);
    }
  }
  await l.lists.remove(l.list, removedKeys);
  return { deleted, removedKeys };
}
