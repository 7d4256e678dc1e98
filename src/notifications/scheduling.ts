// Two small scheduling helpers of the delivery worker: a counting semaphore for the deliveries in
// flight, and a sleep that ends at the earliest requested deadline or at a kick.

/** Counts free delivery slots; acquire waits for one. */
export class Semaphore {
  #free: number;
  #waiting: ((ok: boolean) => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    const ok = await new Promise<boolean>((resolve) => this.#waiting.push(resolve));
    if (!ok) this.#free--; // cancelled: take a slot anyway so the caller's release() balances
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next(true);
    else this.#free++;
  }
  /** Wakes every waiter (stop()); each gets a slot it must release. */
  cancelWaiters(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) w(false);
  }
}

/** Sleeps until a deadline (the earliest asked for) or a kick. The timer keeps the process alive while the worker runs. */
export class Waiter {
  #wake: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #earliest = Infinity;
  #kicked = false;

  wakeAt(epochMs: number): void {
    if (epochMs < this.#earliest) {
      this.#earliest = epochMs;
      if (this.#wake) this.#arm();
    }
  }

  kick(): void {
    this.#kicked = true;
    this.#wake?.();
  }

  wait(maxMs: number): Promise<void> {
    if (this.#kicked) {
      this.#kicked = false;
      return Promise.resolve();
    }
    this.#earliest = Math.min(this.#earliest, Date.now() + maxMs);
    return new Promise<void>((resolve) => {
      this.#wake = () => {
        clearTimeout(this.#timer);
        this.#wake = undefined;
        this.#earliest = Infinity;
        this.#kicked = false;
        resolve();
      };
      this.#arm();
    });
  }

  #arm(): void {
    clearTimeout(this.#timer);
    const wake = this.#wake;
    if (!wake) return;
    this.#timer = setTimeout(wake, Math.max(0, this.#earliest - Date.now()));
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#wake?.();
  }
}
