// Typed errors of the Teams adapter, each carrying what an operator or the delivery queue needs.

/** The adapter's configuration cannot work (app type without tenant, missing password ...). */
export class TeamsConfigError extends Error {
  override readonly name = 'TeamsConfigError';
}

/**
 * reply() or notify() could not deliver. `status` is the Bot Connector's HTTP status (undefined when
 * it could not be reached); `retryable` says whether trying again later can help (429, 5xx, network);
 * `retryAfterSeconds` is the connector's Retry-After, when it sent one. botbuilder has already retried
 * a few times by itself before this is thrown.
 */
export class TeamsDeliveryError extends Error {
  override readonly name = 'TeamsDeliveryError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** For a delivery queue: the connector refused for good (403, 404 ...), trying again cannot help. */
  get permanent(): boolean {
    return !this.retryable;
  }
}

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

/** Wraps whatever botbuilder threw while sending to `conversationId` into a TeamsDeliveryError. */
export function toDeliveryError(err: unknown, conversationId: string): TeamsDeliveryError {
  if (err instanceof TeamsDeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as RestErrorLike;
  const status = e.statusCode ?? e.response?.status;
  const detail = err instanceof Error ? err.message : String(err);
  if (status === undefined) {
    return new TeamsDeliveryError(
      `Could not reach the Bot Connector for conversation ${conversationId}: ${e.code ?? detail}`,
      undefined,
      true,
      undefined,
      { cause: err },
    );
  }
  const retryAfter = parseRetryAfter(e.response?.headers);
  const wait = retryAfter !== undefined ? `; retry after ${retryAfter} s` : '';
  return new TeamsDeliveryError(
    `The Bot Connector answered HTTP ${status} for conversation ${conversationId}${wait}: ${detail}`,
    status,
    isRetryableStatus(status),
    retryAfter,
    { cause: err },
  );
}
