// The Redis connections of the multi-instance mode (ioredis, which BullMQ needs; the key-value
// storage keeps its own node-redis connection). Three kinds, because they must behave differently
// while Redis is unreachable:
//   command     locks, the knowledge-base version, publishing, adding jobs: fails at once (no
//               offline queue), so callers can report "unavailable" and retry later;
//   worker      shared by the BullMQ workers, which wait for Redis and carry on by themselves;
//   subscriber  the pub/sub channel of knowledge-base changes (ioredis re-subscribes on reconnect).
// Every connection reconnects by itself; the log says once when Redis went away and once when it
// is back, not on every attempt.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import { redactUrl } from '../storage/redact.js';

export interface ClusterRedis {
  /** The deployment's key prefix (from STORAGE_URL's `?prefix=`); every cluster key starts with it. */
  readonly prefix: string;
  readonly command: Redis;
  readonly worker: Redis;
  readonly subscriber: Redis;
  /** Called each time the command connection is ready again after an outage (not at the first connect). */
  onReconnect(listener: () => void): void;
  /** True while the command connection is up. */
  isUp(): boolean;
  close(): Promise<void>;
}

/** Reconnect quickly at first, then every 2 s. */
const retryStrategy = (times: number): number => Math.min(100 * times, 2_000);

export interface ConnectOptions {
  /** Redis URL without the `prefix` parameter. */
  url: string;
  prefix: string;
  logger: Logger;
  /** How long the first connection may take (default 5 s). */
  connectTimeoutMs?: number;
}

/** Opens the connections and waits until the command connection is ready; throws if Redis cannot be reached. */
export async function connectClusterRedis(options: ConnectOptions): Promise<ClusterRedis> {
  const { url, prefix, logger } = options;
  const where = redactUrl(url);
  const base: RedisOptions = { retryStrategy, connectTimeout: options.connectTimeoutMs ?? 5_000, lazyConnect: true };
  const command = new Redis(url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'compliance-bot:command' });
  const worker = new Redis(url, { ...base, maxRetriesPerRequest: null, connectionName: 'compliance-bot:worker' });
  const subscriber = new Redis(url, { ...base, maxRetriesPerRequest: null, connectionName: 'compliance-bot:subscriber' });
  const all = [command, worker, subscriber];

  let up = false;
  let everUp = false;
  let closing = false;
  const reconnectListeners: (() => void)[] = [];
  for (const conn of all) conn.on('error', () => undefined); // state changes are logged below, once
  command.on('ready', () => {
    const again = everUp && !up;
    up = true;
    everUp = true;
    if (again) {
      logger.info({ redis: where }, 'Redis is reachable again');
      for (const l of reconnectListeners) l();
    }
  });
  command.on('close', () => {
    if (!up || closing) return;
    up = false;
    logger.error({ redis: where }, 'Redis is unreachable: questions are still answered; subscriptions, admin changes and notifications wait for it');
  });

  try {
    await Promise.all(all.map((c) => c.connect()));
  } catch (err) {
    for (const c of all) c.disconnect();
    throw new Error(`cannot connect to Redis at ${where}: ${(err as Error).message}`, { cause: err });
  }

  return {
    prefix,
    command,
    worker,
    subscriber,
    onReconnect: (listener) => void reconnectListeners.push(listener),
    isUp: () => up && command.status === 'ready',
    async close() {
      closing = true;
      await Promise.all(
        all.map(async (c) => {
          if (c.status === 'end') return;
          // quit() waits for Redis; when it is down, just drop the socket.
          if (c.status === 'ready') await c.quit().catch(() => c.disconnect());
          else c.disconnect();
        }),
      );
    },
  };
}
