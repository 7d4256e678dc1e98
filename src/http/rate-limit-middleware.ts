// The rate limit as express middleware: 429 with Retry-After and a JSON error once a client's bucket
// is empty. The client is `res.locals.clientAddress` (set by the server from the socket and the
// trusted proxies); the address is only a key in memory, never logged.
import type { RequestHandler } from 'express';
import { addressBucket } from './addresses.js';
import { createRateLimiter, type RateLimiterOptions } from './rate-limit.js';

export interface RateLimitMiddlewareOptions extends RateLimiterOptions {
  /** What is limited, for the error message ("questions", "feedback"). */
  what: string;
}

export function rateLimit(options: RateLimitMiddlewareOptions): RequestHandler {
  const limiter = createRateLimiter(options);
  return (req, res, next) => {
    if (options.perMinute <= 0) return next();
    const address = typeof res.locals.clientAddress === 'string' ? res.locals.clientAddress : (req.socket.remoteAddress ?? '');
    const decision = limiter.take(addressBucket(address));
    if (decision.allowed) return next();
    res
      .status(429)
      .set('Retry-After', String(decision.retryAfterSeconds))
      .json({
        error: 'rate_limited',
        message: `too many ${options.what}: at most ${options.perMinute} per minute; try again in ${decision.retryAfterSeconds} s`,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
  };
}
