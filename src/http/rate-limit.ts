// A token bucket per client, in memory: each client may send `perMinute` requests in a burst, and
// the bucket refills at perMinute/60 per second. The map is bounded: past `maxClients` the least
// recently seen client is forgotten (a forgotten client starts with a full bucket, which is what a
// new client gets anyway). One instance counts its own requests; behind a load balancer spreading
// clients over N instances the effective limit is up to N times higher.

export interface RateLimiterOptions {
  /** Requests per minute and burst size; 0 turns the limit off. */
  perMinute: number;
  /** Most clients remembered (default 10,000). */
  maxClients?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Clients currently remembered. */
  size(): number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const capacity = options.perMinute;
  const perMs = capacity / 60_000;
  const maxClients = Math.max(1, options.maxClients ?? 10_000);
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  return {
    take(key) {
      if (capacity <= 0) return { allowed: true };
      const t = now();
      const known = buckets.get(key);
      let tokens = capacity;
      if (known) {
        tokens = Math.min(capacity, known.tokens + Math.max(0, t - known.at) * perMs);
        buckets.delete(key); // re-inserted below: Map order is least recently seen first
      }
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: t });
        while (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
        return { allowed: true };
      }
      buckets.set(key, { tokens, at: t });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    },
    size: () => buckets.size,
  };
}
