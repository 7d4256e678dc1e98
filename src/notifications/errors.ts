// How a `deliver` function tells the delivery worker what went wrong. Adapters may throw these, or
// any error with a numeric `retryAfterSeconds` / a `permanent: true` property; Slack's WebClient
// rate-limit error (code slack_webapi_rate_limited_error, `retryAfter` in seconds) is recognised too.

/** The platform asked us to wait (HTTP 429 with Retry-After): the whole platform is paused that long. */
export class RetryAfterError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = `rate limited: retry after ${retryAfterSeconds} s`) {
    super(message);
    this.name = 'RetryAfterError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retrying cannot help (channel deleted, bot removed from the team): the item goes to the dead letters at once. */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/** Seconds to wait if `err` is a rate-limit answer, else undefined. */
export function retryAfterSecondsOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { retryAfterSeconds?: unknown; code?: unknown; retryAfter?: unknown };
  if (typeof e.retryAfterSeconds === 'number' && e.retryAfterSeconds >= 0) return e.retryAfterSeconds;
  if (e.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') return e.retryAfter;
  return undefined;
}

export function isPermanent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { permanent?: unknown }).permanent === true;
}

/** A short description for logs and dead letters (never the notice text). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
