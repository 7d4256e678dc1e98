// Serialises read-modify-write sequences on the same key. keyv has no compare-and-set, so two
// concurrent "read list, add, write list" calls would lose one update. Within this process a queue
// per key does it; on a store that several processes share (Redis), the namespace also provides a
// cross-process lock (`LockProvider`), taken after the in-process turn so a process never competes
// with itself in the store.

/** Mutual exclusion on a key across processes (e.g. Redis SET NX with a token). */
export interface LockProvider {
  runExclusive<R>(key: string, fn: () => Promise<R>): Promise<R>;
}

export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #across: LockProvider | undefined;

  /** `across`: the namespace's cross-process lock, when its store is shared by several processes. */
  constructor(across?: LockProvider) {
    this.#across = across;
  }

  /** Runs `fn` after every earlier `run` on the same key has finished. */
  async run<R>(key: string, fn: () => Promise<R>): Promise<R> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    try {
      return this.#across ? await this.#across.runExclusive(key, fn) : await fn();
    } finally {
      release();
      // Forget the key once nobody queued behind us, so the map does not grow with every key seen.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
