// Unknown-tool names that could be a person's name are held back until corroborated. A single
// capitalised word without a product mark ("Kowalczyk", but also "Trello") may be a surname: it is
// listed only when at least two clients asked for it, on at least two different days. Until then
// nothing of it is kept in the clear: the pending record sits under an HMAC of the name, holds only
// per-day counts and short HMAC tags of the clients, under a random secret that is replaced after
// the retention period (then the old records cannot be linked to a name or client any more) and
// expires with them.
//
// And a name this client wrote after a person cue ("Herrn Haberkorn", "Mr Kowalczyk") shortly
// before is not kept at all: `RecentPersonNames`, in memory only, hashed, for two minutes.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { findPersonalData } from '../privacy/personal-data.js';
import type { KeyValue, Storage } from '../storage/index.js';
import { DAY_MS, dayOf } from './normalize.js';
import { updaterFor, type SerialUpdater } from './serial-updates.js';

/** Distinct clients and distinct days a held-back name needs before it is listed. */
export const CORROBORATION = { clients: 2, days: 2 } as const;
const MAX_CLIENT_TAGS = 10;

interface PendingName {
  /** Questions per UTC day. */
  days: Record<string, number>;
  /** Short HMAC tags of the clients that asked (at most MAX_CLIENT_TAGS). */
  clients: string[];
}

export class NameCorroboration {
  readonly #pending: SerialUpdater<PendingName>;
  readonly #secrets: KeyValue<string>;
  readonly #retentionMs: number;
  #secret: Promise<string> | null = null;
  #secretUntil = 0;

  constructor(storage: Storage, retentionDays: number) {
    this.#pending = updaterFor<PendingName>(storage, 'usage-unknown-pending');
    this.#secrets = storage.kv<string>('usage-unknown-pending-secret');
    this.#retentionMs = retentionDays * DAY_MS;
  }

  /**
   * Notes `counted` questions about the held-back name `key` by `clients` at `at`. Returns null while
   * it is not corroborated, else the questions per day held back so far (this one included), and
   * forgets them: from now on the name is counted like any other.
   */
  async note(key: string, at: number, counted: number, clients: readonly string[]): Promise<Record<string, number> | null> {
    const secret = await this.#currentSecret(at);
    const hmac = (what: string) => createHmac('sha256', secret).update(what).digest('base64url');
    const id = hmac(`name\u0000${key}`).slice(0, 27);
    const tags = [...new Set(clients.map((c) => hmac(`client\u0000${c}`).slice(0, 12)))];
    const day = dayOf(at);
    let result: PendingName | undefined;
    await this.#pending.update(
      id,
      (r) => {
        const days = { ...(r?.days ?? {}) };
        days[day] = (days[day] ?? 0) + counted;
        const known = r?.clients ?? [];
        const next = { days, clients: [...known, ...tags.filter((t) => !known.includes(t))].slice(0, MAX_CLIENT_TAGS) };
        result = next;
        return next;
      },
      this.#retentionMs,
    );
    if (!result || result.clients.length < CORROBORATION.clients || Object.keys(result.days).length < CORROBORATION.days) return null;
    await this.#pending.kv.delete(id);
    return result.days;
  }

  // One secret per retention period, shared by every instance through the store (set-if-absent).
  #currentSecret(at: number): Promise<string> {
    if (!this.#secret || at >= this.#secretUntil) {
      this.#secretUntil = at + 60_000;
      this.#secret = (async () => {
        const fresh = randomBytes(32).toString('base64url');
        if (await this.#secrets.setIfAbsent('secret', fresh, this.#retentionMs)) return fresh;
        return (await this.#secrets.get('secret')) ?? fresh;
      })();
      this.#secret.catch(() => (this.#secret = null));
    }
    return this.#secret;
  }
}

const RECENT_MS = 2 * 60_000;
const MAX_RECENT_CLIENTS = 10_000;

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/** Words each client wrote as a person's name within the last two minutes (hashed, in memory only). */
export class RecentPersonNames {
  readonly #byClient = new Map<string, { words: Set<string>; until: number }>();

  /** Remembers the words of the names in `question` for each of `clients`. */
  note(question: string, clients: readonly string[], at: number): void {
    if (clients.length === 0) return;
    const text = question.slice(0, 2000);
    const words = findPersonalData(text)
      .filter((s) => s.kind === 'name')
      .flatMap((s) => text.slice(s.start, s.end).split(/[\s.,;:]+/))
      .filter((w) => w.length >= 2)
      .map((w) => digest(w.toLocaleLowerCase('de')));
    if (words.length === 0) return;
    for (const client of clients) {
      const id = digest(client);
      const entry = this.#byClient.get(id);
      const live = entry && entry.until > at ? entry.words : new Set<string>();
      for (const w of words) live.add(w);
      this.#byClient.delete(id);
      this.#byClient.set(id, { words: live, until: at + RECENT_MS });
    }
    while (this.#byClient.size > MAX_RECENT_CLIENTS) this.#byClient.delete(this.#byClient.keys().next().value as string);
  }

  /** Did one of `clients` write a word of `name` as a person's name within the last two minutes? */
  named(name: string, clients: readonly string[], at: number): boolean {
    const words = name.toLocaleLowerCase('de').split(/\s+/).map(digest);
    return clients.some((c) => {
      const entry = this.#byClient.get(digest(c));
      return entry !== undefined && entry.until > at && words.some((w) => entry.words.has(w));
    });
  }
}
