// A lock shared by every instance: SET key token NX PX ttl, released only by its holder (a Lua
// compare-and-delete). It serialises the short "compare with the last notified knowledge base,
// enqueue, remember" step, so that a change seen by several instances at once is enqueued once.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ClusterLockTimeoutError } from '../errors.js';

const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

export interface LockOptions {
  /** The lock expires by itself after this long (an instance that dies holding it). */
  ttlMs: number;
  /** How long to wait for it before giving up with ClusterLockTimeoutError. */
  waitMs: number;
}

/** Runs `fn` holding the lock `key`. Redis errors (unreachable) are thrown as they are. */
export async function withRedisLock<R>(redis: Redis, key: string, options: LockOptions, fn: () => Promise<R>): Promise<R> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    if ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) === 'OK') break;
    if (Date.now() >= deadline) throw new ClusterLockTimeoutError(key, options.waitMs);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined); // it expires otherwise
  }
}
