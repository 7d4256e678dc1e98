// The Slack adapter's boundary for failures: the WebClient's errors become src/errors.ts's delivery
// errors here, so the delivery pipeline reads only our classes and codes.
import { webApi } from '@slack/bolt';
import { DeliveryError, PermanentDeliveryError, RetryAfterError } from '../../src/errors.js';

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

/** Slack's error code of a Web API failure, if Slack answered with one. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof webApi.WebAPIPlatformError) return err.data.error;
  return undefined;
}

/**
 * Turns a WebClient failure of `method` into a delivery error: RetryAfterError for a 429,
 * PermanentDeliveryError when Slack's answer means the message can never go through, else
 * DeliveryError (worth trying again). `platformError` carries Slack's error code.
 */
export function toDeliveryError(method: string, err: unknown): DeliveryError {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return new RetryAfterError(err.retryAfter, `Slack rate-limited ${method}; retry after ${err.retryAfter} s`, { operation: method, status: 429, cause: err });
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const slackError = err.data.error;
    const details = { operation: method, platformError: slackError, cause: err };
    const message = `Slack rejected ${method}: ${slackError}`;
    return PERMANENT_ERRORS.has(slackError) ? new PermanentDeliveryError(message, details) : new DeliveryError(message, details);
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return new DeliveryError(`Slack answered ${method} with HTTP ${err.statusCode}`, { operation: method, status: err.statusCode, cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new DeliveryError(`Could not reach Slack for ${method}: ${detail}`, { operation: method, cause: err });
}
