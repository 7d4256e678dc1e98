// The Teams adapter's boundary for failures: whatever botbuilder (its RestError from
// @azure/core-rest-pipeline) throws while sending becomes src/errors.ts's delivery errors here, so
// the delivery pipeline reads only our classes and codes. botbuilder has already retried a few
// times by itself before an error reaches this point.
import { CodedError, DeliveryError, PermanentDeliveryError, RetryAfterError } from '../../src/errors.js';

interface HeaderBag {
  get(name: string): string | undefined;
}

/** The parts of botbuilder's RestError (from @azure/core-rest-pipeline) read here. */
interface RestErrorLike {
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: HeaderBag | Record<string, string | undefined> };
}

function header(headers: HeaderBag | Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as HeaderBag).get === 'function') return (headers as HeaderBag).get(name) ?? undefined;
  return (headers as Record<string, string | undefined>)[name];
}

/** Retry-After as seconds: a number of seconds or an HTTP date; `retry-after-ms` as a fallback. */
export function parseRetryAfter(
  headers: HeaderBag | Record<string, string | undefined> | undefined,
  now = Date.now(),
): number | undefined {
  const value = header(headers, 'retry-after')?.trim();
  if (value) {
    if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const ms = header(headers, 'retry-after-ms')?.trim();
  if (ms && /^\d+$/.test(ms)) return Math.ceil(Number(ms) / 1000);
  return undefined;
}

export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/**
 * Wraps whatever botbuilder threw while sending to `conversationId`: RetryAfterError when the
 * connector sent Retry-After, PermanentDeliveryError when trying again cannot help (403, 404 …),
 * else DeliveryError (429 without Retry-After, 5xx, network). `status` is the HTTP status, when the
 * connector answered.
 */
export function toDeliveryError(err: unknown, conversationId: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as RestErrorLike;
  const status = e.statusCode ?? e.response?.status;
  const detail = err instanceof Error ? err.message : String(err);
  if (status === undefined) {
    return new DeliveryError(`Could not reach the Bot Connector for conversation ${conversationId}: ${e.code ?? detail}`, { cause: err });
  }
  const retryAfter = parseRetryAfter(e.response?.headers);
  const wait = retryAfter !== undefined ? `; retry after ${retryAfter} s` : '';
  const message = `The Bot Connector answered HTTP ${status} for conversation ${conversationId}${wait}: ${detail}`;
  const details = { status, cause: err };
  if (retryAfter !== undefined) return new RetryAfterError(retryAfter, message, details);
  return isRetryableStatus(status) ? new DeliveryError(message, details) : new PermanentDeliveryError(message, details);
}

/** The Teams app package cannot be built from the given options; the message names the option to fix. */
export class TeamsPackageError extends CodedError {
  constructor(message: string) {
    super('TEAMS_PACKAGE_INVALID', message);
  }
}
