// Redis: one shared connection for every namespace; keys `<prefix><namespace>::<key>`.
import type { KeyvStoreAdapter } from 'keyv';
import { withTimeout, type Driver } from './driver.js';
import { StorageUnavailableError } from '../errors.js';
import { redactUrl } from './redact.js';

const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** The Redis key KeyvRedis uses for `key` in this store's namespace (`<namespace>::<key>`). */
function fullKeyOf(store: KeyvStoreAdapter, key: string): string {
  const redis = store as unknown as { createKeyPrefix(k: string, ns?: string): string; namespace?: string };
  return redis.createKeyPrefix(key, redis.namespace);
}

export async function redisDriver(url: string, connectTimeoutMs: number): Promise<Driver> {
  const { default: KeyvRedis, createClient } = await import('@keyv/redis');
  // Without the offline queue a command fails at once while Redis is down (and we report
  // "unavailable") instead of waiting for a reconnect that may not come.
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 3_000) },
  });
  client.on('error', () => undefined); // reconnects are reported through failed operations
  client.setMaxListeners(0); // every namespace's KeyvRedis listens on the one shared client
  try {
    await withTimeout(client.connect(), connectTimeoutMs, `connect to ${redactUrl(url)}`);
  } catch (err) {
    client.destroy();
    throw new StorageUnavailableError('redis', `connect to ${redactUrl(url)}`, err);
  }
  return {
    kind: 'redis',
    keyvPrefixes: false, // KeyvRedis adds `namespace::` itself; keyv's prefix on top would double it
    makeStore: (namespace) =>
      new KeyvRedis(client as never, { namespace, throwOnErrors: true, throwOnConnectError: true }) as unknown as KeyvStoreAdapter,
    setIfAbsent: async (store, key, raw) => {
      const expires = (JSON.parse(raw) as { expires: number }).expires;
      const reply = await client.set(fullKeyOf(store, key), raw, {
        condition: 'NX',
        expiration: { type: 'PXAT', value: expires },
      });
      return reply === 'OK';
    },
    lock: {
      acquire: async (store, key, token, ttlMs) =>
        (await client.set(fullKeyOf(store, key), token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK',
      release: async (store, key, token) => {
        // Delete only our own lock: after an expiry another process may hold it.
        await client.eval(RELEASE_SCRIPT, { keys: [fullKeyOf(store, key)], arguments: [token] });
      },
    },
    sweep: async () => 0, // Redis expires keys itself
    close: async () => {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}
