// Counts per UTC day within the retention period, shared by the lists that count questions once
// per client and day (unknown tool names, unexplained words).
import type { ClientDays } from './client-days.js';
import { dayStart } from './normalize.js';

export type DayCounts = Record<string, number>;

/** The days of `days` that lie within the retention period (a day goes as soon as its start is older). */
export function liveDayCounts(days: DayCounts | undefined, cutoff: number): DayCounts {
  const out: DayCounts = {};
  for (const [d, n] of Object.entries(days ?? {})) if (dayStart(d) > cutoff && n > 0) out[d] = n;
  return out;
}

export function sumDays(days: DayCounts): number {
  let n = 0;
  for (const v of Object.values(days)) n += v;
  return n;
}

/**
 * The live days after a new count: `counted` on `day`, or, when uses were held back until they were
 * corroborated, those uses on the days they happened.
 */
export function addDayCounts(days: DayCounts, cutoff: number, day: string, counted: number, heldBack: DayCounts | null | undefined): DayCounts {
  if (heldBack) {
    for (const [d, n] of Object.entries(heldBack)) if (dayStart(d) > cutoff) days[d] = (days[d] ?? 0) + n;
  } else days[day] = (days[day] ?? 0) + counted;
  return days;
}

/** How many of `times` questions count: those without a client key, and each client once a day for `subject`. */
export async function countOncePerClientDay(clientDays: ClientDays, subject: string, at: number, times: number, clients: readonly (string | undefined)[]): Promise<number> {
  const keyed = clients.filter((c): c is string => typeof c === 'string' && c !== '').map((c) => c.slice(0, 500));
  const anonymous = Math.max(0, times - keyed.length);
  const distinct = [...new Set(keyed)];
  const firsts = await Promise.all(distinct.map((c) => clientDays.first(c, subject, at)));
  return anonymous + firsts.filter(Boolean).length;
}
