// A circuit breaker per store: once an operation runs into its timeout (a hung Redis or PostgreSQL,
// e.g. a network partition or a stopped process whose port stays open), every further operation
// fails at once for a cool-down instead of each waiting out its own timeout. After the cool-down
// one operation is let through as a probe; if it answers, the store is used again.
// A store that refuses connections fails fast by itself and never opens the breaker.

export interface BreakerOptions {
  /** How long the breaker stays open before the next probe (default 5 s). */
  coolDownMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'probing';

export class CircuitBreaker {
  readonly #coolDownMs: number;
  readonly #now: () => number;
  #openUntil = 0;
  #probing = false;

  constructor(options: BreakerOptions = {}) {
    this.#coolDownMs = options.coolDownMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.#probing) return 'probing';
    return this.#openUntil > 0 ? 'open' : 'closed';
  }

  /**
   * Whether an operation may run now. While open, no; after the cool-down, exactly one caller gets
   * true (the probe) and must report its outcome with succeeded() or timedOut().
   */
  allow(): boolean {
    if (this.#openUntil === 0) return true;
    if (this.#probing || this.#now() < this.#openUntil) return false;
    this.#probing = true;
    return true;
  }

  succeeded(): void {
    this.#openUntil = 0;
    this.#probing = false;
  }

  /** An operation ran into its timeout: open (again) for the cool-down. */
  timedOut(): void {
    this.#openUntil = this.#now() + this.#coolDownMs;
    this.#probing = false;
  }

  /** A probe failed otherwise (e.g. refused): stay open for another cool-down without counting it as an answer. */
  failed(): void {
    if (this.#probing) this.timedOut();
  }
}
