// How the delivery worker (and the cluster's queues) read a failed delivery: by class only. The
// adapters translate their SDKs' failures into src/errors.ts's delivery errors where they call the
// SDK, so nothing here knows a platform's error shapes.
import { PermanentDeliveryError, RetryAfterError } from '../errors.js';

/** Seconds to wait if `err` is a rate-limit answer, else undefined. */
export function retryAfterSecondsOf(err: unknown): number | undefined {
  return err instanceof RetryAfterError && err.retryAfterSeconds >= 0 ? err.retryAfterSeconds : undefined;
}

/** Retrying cannot help: dead-letter at once. */
export function isPermanent(err: unknown): boolean {
  return err instanceof PermanentDeliveryError;
}

/** A short description for logs and dead letters (never the notice text). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
