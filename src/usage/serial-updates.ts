// Read-modify-write on a key-value store without lost updates inside this process. keyv has no
// compare-and-set, so every change to one key goes through a per-key queue; changes that arrive
// while a write is under way are applied together with the next read and write (100 concurrent
// increments of one counter cost two round trips, not a hundred).
//
// The queues live per Storage object (not per recorder), so two recorders on one storage in one
// process still do not lose counts. Several processes writing the same store can still lose an
// increment now and then: run one bot instance per store, as src/storage/index.ts says.
import type { KeyValue, Storage } from '../storage/index.js';

/** Gets the current value (undefined: absent) and returns the new one; the same value means "no
 *  change" (nothing is written), undefined deletes the key. Must not mutate `current`. */
export type Mutation<T> = (current: T | undefined) => T | undefined;

interface Waiter<T> {
  mutate: Mutation<T>;
  ttlMs?: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class SerialUpdater<T> {
  readonly kv: KeyValue<T>;
  readonly #pending = new Map<string, Waiter<T>[]>();
  readonly #running = new Set<string>();

  constructor(kv: KeyValue<T>) {
    this.kv = kv;
  }

  /** Applies `mutate` to the value at `key`; resolves once the result is stored. `ttlMs`: expiry of the written value. */
  update(key: string, mutate: Mutation<T>, ttlMs?: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.#pending.get(key);
      const waiter: Waiter<T> = { mutate, resolve, reject, ...(ttlMs !== undefined ? { ttlMs } : {}) };
      if (queue) queue.push(waiter);
      else this.#pending.set(key, [waiter]);
      if (!this.#running.has(key)) void this.#drain(key);
    });
  }

  async #drain(key: string): Promise<void> {
    this.#running.add(key);
    try {
      for (let batch = this.#take(key); batch; batch = this.#take(key)) await this.#apply(key, batch);
    } finally {
      this.#running.delete(key);
    }
  }

  #take(key: string): Waiter<T>[] | undefined {
    const batch = this.#pending.get(key);
    this.#pending.delete(key);
    return batch;
  }

  async #apply(key: string, batch: Waiter<T>[]): Promise<void> {
    // Waiters whose mutation ran; the others were rejected on their own (or, if the read fails, never ran).
    let applied: Waiter<T>[] = batch;
    try {
      const current = await this.kv.get(key);
      let value: T | undefined = current;
      let ttlMs: number | undefined;
      applied = [];
      for (const w of batch) {
        // One faulty mutation fails only its own caller, not the others in the batch.
        try {
          value = w.mutate(value);
          if (w.ttlMs !== undefined) ttlMs = w.ttlMs;
          applied.push(w);
        } catch (err) {
          w.reject(err);
        }
      }
      if (value !== current) {
        if (value === undefined) await this.kv.delete(key);
        else await this.kv.set(key, value, ttlMs);
      }
    } catch (err) {
      for (const w of applied) w.reject(err);
      return;
    }
    for (const w of applied) w.resolve();
  }
}

const registries = new WeakMap<Storage, Map<string, SerialUpdater<unknown>>>();

/** The one updater of kv namespace `name` on `storage` in this process. */
export function updaterFor<T>(storage: Storage, name: string): SerialUpdater<T> {
  let byName = registries.get(storage);
  if (!byName) {
    byName = new Map();
    registries.set(storage, byName);
  }
  let updater = byName.get(name);
  if (!updater) {
    updater = new SerialUpdater<unknown>(storage.kv<unknown>(name));
    byName.set(name, updater);
  }
  return updater as SerialUpdater<T>;
}
