// Typed errors of the Slack adapter, each carrying what an operator (or the delivery queue) needs.
import { webApi } from '@slack/bolt';

/** The adapter was configured in a way that cannot work (missing secret, ...). */
export class SlackConfigError extends Error {
  override readonly name = 'SlackConfigError';
}

/** start() could not connect: auth.test or Socket Mode failed (wrong token, Slack unreachable). */
export class SlackStartError extends Error {
  override readonly name = 'SlackStartError';
  constructor(
    message: string,
    /** Slack's error code, e.g. "invalid_auth", when Slack answered. */
    readonly slackError?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class SlackDeliveryError extends Error {
  override readonly name: string = 'SlackDeliveryError';
  constructor(
    message: string,
    readonly method: string,
    /** Slack's error code ("channel_not_found", "not_in_channel" ...) when Slack answered. */
    readonly slackError?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.permanent = slackError !== undefined && PERMANENT_ERRORS.has(slackError);
  }
  /** Trying again cannot help (the channel is gone, the user left): a delivery queue gives up at once. */
  readonly permanent: boolean;
}

// Slack error codes after which the same message will never go through.
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'not_in_channel',
  'cannot_dm_bot',
  'invalid_auth',
  'token_revoked',
  'no_permission',
  'restricted_action',
]);

/** Slack answered 429: try again after `retryAfterSeconds` (the delivery queue does, not the client). */
export class SlackRateLimitedError extends SlackDeliveryError {
  override readonly name = 'SlackRateLimitedError';
  constructor(
    method: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(`Slack rate-limited ${method}; retry after ${retryAfterSeconds} s`, method, 'ratelimited', options);
  }
}

/** Slack's error code of a Web API failure, if Slack answered with one. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof webApi.WebAPIPlatformError) return err.data.error;
  return undefined;
}

/** Turns a WebClient failure of `method` into a SlackDeliveryError (or SlackRateLimitedError). */
export function toDeliveryError(method: string, err: unknown): SlackDeliveryError {
  if (err instanceof webApi.WebAPIRateLimitedError) return new SlackRateLimitedError(method, err.retryAfter, { cause: err });
  if (err instanceof webApi.WebAPIPlatformError) {
    return new SlackDeliveryError(`Slack rejected ${method}: ${err.data.error}`, method, err.data.error, { cause: err });
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return new SlackDeliveryError(`Slack answered ${method} with HTTP ${err.statusCode}`, method, undefined, { cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new SlackDeliveryError(`Could not reach Slack for ${method}: ${detail}`, method, undefined, { cause: err });
}
