// "Has this client already counted for this today?" without keeping who the client is. The client
// key (slack:T1:U1, teams:<aad id>, web:<address>) is never stored: only an HMAC of it under a random
// secret of the UTC day. Each day's secret is created on first use, shared through the store by every
// instance (set-if-absent), and expires two days later; once it is gone nobody, not even someone
// holding the store and a list of candidate keys, can tell whose marks they were. The marks themselves
// expire at the end of their day. Works on every storage backend (set-if-absent is atomic in each).
import { createHmac, randomBytes } from 'node:crypto';
import type { KeyValue, Storage } from '../storage/index.js';
import { DAY_MS, dayOf, dayStart } from './normalize.js';

const SECRET_TTL_MS = 2 * DAY_MS;
/** A mark outlives its day by this much, so a clock a little behind another instance's still finds it. */
const MARK_GRACE_MS = 5 * 60_000;

export class ClientDays {
  readonly #secrets: KeyValue<string>;
  readonly #marks: KeyValue<number>;
  /** Day -> its secret (a promise, so concurrent first uses of a day ask the store once). */
  readonly #cache = new Map<string, Promise<string>>();

  constructor(storage: Storage) {
    this.#secrets = storage.kv<string>('usage-day-secrets');
    this.#marks = storage.kv<number>('usage-day-marks');
  }

  /**
   * True the first time on `at`'s UTC day that `clientKey` counts for `subject` (an unknown name, a
   * tool's feedback), false after that. `subject` is hashed together with the key.
   */
  async first(clientKey: string, subject: string, at: number): Promise<boolean> {
    const day = dayOf(at);
    const ttlMs = Math.max(MARK_GRACE_MS, dayStart(day) + DAY_MS - at + MARK_GRACE_MS);
    return this.#marks.setIfAbsent(await this.#markKey(day, clientKey, subject), 1, ttlMs);
  }

  /** Forgets that `clientKey` counted for `subject` today (a vote taken back), so it may count again. */
  async forget(clientKey: string, subject: string, at: number): Promise<void> {
    await this.#marks.delete(await this.#markKey(dayOf(at), clientKey, subject));
  }

  async #markKey(day: string, clientKey: string, subject: string): Promise<string> {
    const secret = await this.#secret(day);
    // 160 bits of the HMAC: no collisions among a day's marks, and nothing to recover the key from.
    const mark = createHmac('sha256', secret).update(subject).update('\u0000').update(clientKey).digest('base64url').slice(0, 27);
    return `${day}:${mark}`;
  }

  #secret(day: string): Promise<string> {
    let secret = this.#cache.get(day);
    if (!secret) {
      // Only today's and yesterday's are ever needed.
      if (this.#cache.size > 2) this.#cache.clear();
      secret = this.#loadSecret(day);
      this.#cache.set(day, secret);
      secret.catch(() => this.#cache.delete(day)); // a store failure is retried on the next call
    }
    return secret;
  }

  async #loadSecret(day: string): Promise<string> {
    const fresh = randomBytes(32).toString('base64url');
    if (await this.#secrets.setIfAbsent(day, fresh, SECRET_TTL_MS)) return fresh;
    const stored = await this.#secrets.get(day);
    if (stored !== undefined) return stored;
    // Expired between the two calls (only just after two days): this one becomes the day's secret.
    await this.#secrets.set(day, fresh, SECRET_TTL_MS);
    return fresh;
  }
}
