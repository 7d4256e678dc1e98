// Serialises read-modify-write sequences on the same key within this process. keyv has no
// compare-and-set, so two concurrent "read list, add, write list" calls would lose one update;
// with several processes on one store this is not enough (see the notes in index.ts).

export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

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
      return await fn();
    } finally {
      release();
      // Forget the key once nobody queued behind us, so the map does not grow with every key seen.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
