// The one place that talks to keyv: opens a store per namespace (SQLite file, Redis or PostgreSQL)
// and turns keyv's quiet failures (an `error` event plus `undefined`) into StorageUnavailableError.
// Every other storage module works on the small `Namespace` interface below.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Keyv, type KeyvStoreAdapter } from 'keyv';
import { StorageConfigError, StorageUnavailableError, redactUrl } from './errors.js';

export type BackendKind = 'sqlite' | 'redis' | 'postgres';

export interface Entry<T> {
  key: string;
  value: T;
  /** Time to live in milliseconds; none = keep. */
  ttlMs?: number;
}

/** A key-value namespace: keys are isolated from every other namespace and instance prefix. */
export interface Namespace<T> {
  readonly name: string;
  get(key: string): Promise<T | undefined>;
  /** Values in the order of `keys` (undefined where missing). */
  getMany(keys: readonly string[]): Promise<(T | undefined)[]>;
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  setMany(entries: readonly Entry<T>[]): Promise<void>;
  delete(key: string): Promise<boolean>;
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Sets `key` only if it is absent or expired; true if this call set it. Atomic in the backend. */
  setIfAbsent(key: string, value: T, ttlMs: number): Promise<boolean>;
  /** Removes every key of this namespace (tests, resets). */
  clear(): Promise<void>;
}

export interface Backend {
  readonly kind: BackendKind;
  namespace<T>(name: string): Namespace<T>;
  /** Deletes expired rows (SQLite and PostgreSQL enforce TTL on read only); Redis expires natively. */
  sweepExpired(): Promise<number>;
  close(): Promise<void>;
}

export interface BackendOptions {
  url?: string;
  sqlitePath?: string;
  prefix?: string;
  /** How long one operation may take before it counts as "unavailable" (default 10 s). */
  operationTimeoutMs?: number;
  /** How long openStorage waits for Redis/PostgreSQL at start (default 5 s). */
  connectTimeoutMs?: number;
}

export const DEFAULT_SQLITE_PATH = 'data/compliance-bot.sqlite';
const TABLE = 'keyv';
// getMany in slices: keyv's SQLite adapter matches rows to keys with a linear search per key.
const MANY_CHUNK = 500;

/** Opens the backend named by `url` (none = SQLite file). Throws StorageUnavailableError if it cannot be reached. */
export async function openBackend(options: BackendOptions = {}): Promise<Backend> {
  const prefix = options.prefix ?? '';
  if (!/^[A-Za-z0-9.:-]*$/.test(prefix)) {
    // `_` and `%` are LIKE wildcards and `*` a Redis glob: a prefix with them could reach other keys on clear().
    throw new StorageConfigError('prefix', `"${prefix}" may only contain letters, digits, ".", ":" and "-"`);
  }
  const url = options.url?.trim() || undefined;
  const common = { prefix, timeoutMs: options.operationTimeoutMs ?? 10_000, connectTimeoutMs: options.connectTimeoutMs ?? 5_000 };
  if (url === undefined || url.startsWith('sqlite:')) {
    const file = url ? url.replace(/^sqlite:(\/\/)?/, '') : (options.sqlitePath ?? DEFAULT_SQLITE_PATH);
    return openSqlite(file, common);
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return openRedis(url, common);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, common);
  throw new StorageConfigError('STORAGE_URL', `unsupported scheme in ${redactUrl(url)}: use redis://, postgres:// or leave it empty for the SQLite file`);
}

interface Common {
  prefix: string;
  timeoutMs: number;
  connectTimeoutMs: number;
}

/** What differs per backend: how to make the keyv store, and the atomic insert-if-absent. */
interface Driver {
  kind: BackendKind;
  makeStore(namespace: string): KeyvStoreAdapter;
  /** Keyv's own key prefix on (SQLite, PostgreSQL) or off (Redis prefixes keys itself). */
  keyvPrefixes: boolean;
  setIfAbsent(store: KeyvStoreAdapter, fullKey: string, raw: string, now: number): Promise<boolean>;
  sweep(stores: KeyvStoreAdapter[], now: number): Promise<number>;
  close(stores: KeyvStoreAdapter[]): Promise<void>;
}

class KeyvBackend implements Backend {
  readonly #spaces = new Map<string, KeyvNamespace<unknown>>();
  readonly #driver: Driver;
  readonly #common: Common;
  #closed = false;

  constructor(driver: Driver, common: Common) {
    this.#driver = driver;
    this.#common = common;
  }

  get kind(): BackendKind {
    return this.#driver.kind;
  }

  namespace<T>(name: string): Namespace<T> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new StorageConfigError('namespace', `"${name}" must be lower-case letters, digits and "-"`);
    if (this.#closed) throw new StorageUnavailableError(this.kind, `open namespace ${name}`, 'the storage was closed');
    let ns = this.#spaces.get(name);
    if (!ns) {
      // One store instance per namespace: a store shared by two Keyv namespaces clears both on clear().
      ns = new KeyvNamespace<unknown>(name, `${this.#common.prefix}${name}`, this.#driver, this.#common.timeoutMs);
      this.#spaces.set(name, ns);
    }
    return ns as Namespace<T>;
  }

  async sweepExpired(): Promise<number> {
    return this.#driver.sweep([...this.#spaces.values()].map((s) => s.store), Date.now());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#driver.close([...this.#spaces.values()].map((s) => s.store));
  }
}

class KeyvNamespace<T> implements Namespace<T> {
  readonly name: string;
  readonly store: KeyvStoreAdapter;
  readonly #keyv: Keyv;
  readonly #full: string;
  readonly #driver: Driver;
  readonly #timeoutMs: number;
  #lastError: unknown;

  constructor(name: string, full: string, driver: Driver, timeoutMs: number) {
    this.name = name;
    this.#full = full;
    this.#driver = driver;
    this.#timeoutMs = timeoutMs;
    this.store = driver.makeStore(full);
    this.#keyv = new Keyv({
      store: this.store,
      namespace: full,
      useKeyPrefix: driver.keyvPrefixes,
      throwOnErrors: true,
      // Values are plain JSON: the native functions are several times faster than keyv's default.
      serialize: JSON.stringify,
      deserialize: JSON.parse,
    });
    // keyv reports some failures only as events; keep the last one for the error message.
    this.#keyv.on('error', (err: unknown) => {
      this.#lastError = err;
    });
  }

  async #op<R>(operation: string, fn: () => Promise<R>): Promise<R> {
    this.#lastError = undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
      timer.unref();
    });
    try {
      const result = await Promise.race([fn(), timeout]);
      if (this.#lastError !== undefined) throw this.#lastError;
      return result;
    } catch (err) {
      if (err instanceof StorageUnavailableError) throw err;
      throw new StorageUnavailableError(this.#driver.kind, `${operation} ${this.name}`, err);
    } finally {
      clearTimeout(timer);
    }
  }

  get(key: string): Promise<T | undefined> {
    return this.#op('get', async () => (await this.#keyv.get<T>(key)) ?? undefined);
  }

  getMany(keys: readonly string[]): Promise<(T | undefined)[]> {
    return this.#op('getMany', async () => {
      const out: (T | undefined)[] = [];
      for (let i = 0; i < keys.length; i += MANY_CHUNK) {
        const values = await this.#keyv.getMany<T>(keys.slice(i, i + MANY_CHUNK));
        for (const v of values) out.push(v ?? undefined);
      }
      return out;
    });
  }

  set(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.#op('set', async () => {
      await this.#keyv.set(key, value, ttlMs);
    });
  }

  setMany(entries: readonly Entry<T>[]): Promise<void> {
    return this.#op('setMany', async () => {
      for (let i = 0; i < entries.length; i += MANY_CHUNK) {
        const slice = entries.slice(i, i + MANY_CHUNK).map((e) => ({ key: e.key, value: e.value, ttl: e.ttlMs }));
        const results = await this.#keyv.setMany(slice);
        if (Array.isArray(results) && results.some((r) => r === false)) throw new Error('some values were not written');
      }
    });
  }

  delete(key: string): Promise<boolean> {
    return this.#op('delete', () => this.#keyv.delete(key));
  }

  deleteMany(keys: readonly string[]): Promise<void> {
    return this.#op('deleteMany', async () => {
      for (let i = 0; i < keys.length; i += MANY_CHUNK) await this.#keyv.deleteMany(keys.slice(i, i + MANY_CHUNK));
    });
  }

  setIfAbsent(key: string, value: T, ttlMs: number): Promise<boolean> {
    return this.#op('setIfAbsent', async () => {
      const now = Date.now();
      // The same envelope keyv writes, so get() reads it back and honours the expiry.
      const raw = JSON.stringify({ value, expires: now + ttlMs });
      const fullKey = this.#driver.keyvPrefixes ? `${this.#full}:${key}` : key;
      return this.#driver.setIfAbsent(this.store, fullKey, raw, now);
    });
  }

  clear(): Promise<void> {
    return this.#op('clear', () => this.#keyv.clear());
  }
}

function withTimeout<R>(p: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- SQLite (default)

type SqlQuery = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

async function openSqlite(file: string, common: Common): Promise<Backend> {
  const { KeyvSqlite } = await import('@keyv/sqlite');
  const abs = path.resolve(file);
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
  } catch (err) {
    throw new StorageUnavailableError('sqlite', `create the folder ${path.dirname(abs)}`, err);
  }
  const query = (store: KeyvStoreAdapter): SqlQuery => (store as unknown as { query: SqlQuery }).query;
  const driver: Driver = {
    kind: 'sqlite',
    keyvPrefixes: true,
    makeStore: () => {
      const store = new KeyvSqlite({ uri: `sqlite://${abs}`, table: TABLE, busyTimeout: 10_000 }) as unknown as KeyvStoreAdapter;
      // WAL lets readers run beside the writer; synchronous=NORMAL skips the fsync per commit. A
      // committed write survives a crash of the process (the outbox relies on this), though not
      // necessarily a power cut of the machine.
      void query(store)('PRAGMA journal_mode=WAL')
        .then(() => query(store)('PRAGMA synchronous=NORMAL'))
        .catch(() => undefined);
      return store;
    },
    setIfAbsent: async (store, fullKey, raw, now) => {
      const rows = await query(store)(
        `INSERT INTO ${TABLE} (key, value) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
         WHERE json_extract(${TABLE}.value, '$.expires') IS NOT NULL AND json_extract(${TABLE}.value, '$.expires') < ?
         RETURNING key`,
        fullKey,
        raw,
        now,
      );
      return rows.length === 1;
    },
    sweep: async (stores, now) => {
      const first = stores[0];
      if (!first) return 0;
      const rows = await query(first)(
        `DELETE FROM ${TABLE} WHERE key LIKE ? AND json_extract(value, '$.expires') < ? RETURNING key`,
        `${common.prefix}%`,
        now,
      );
      return rows.length;
    },
    close: async (stores) => {
      await Promise.all(stores.map((s) => s.disconnect?.()));
    },
  };
  const backend = new KeyvBackend(driver, common);
  // Opening the first namespace creates the file and the table; fail here, not at the first answer.
  const probe = backend.namespace<number>('meta');
  await probe.get('opened');
  return backend;
}

// ---------------------------------------------------------------- Redis

async function openRedis(url: string, common: Common): Promise<Backend> {
  const { default: KeyvRedis, createClient } = await import('@keyv/redis');
  // One connection for every namespace. Without the offline queue a command fails at once while
  // Redis is down (and we report "unavailable") instead of waiting for a reconnect that may not come.
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: common.connectTimeoutMs, reconnectStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 3_000) },
  });
  client.on('error', () => undefined); // reconnects are reported through failed operations
  try {
    await withTimeout(client.connect(), common.connectTimeoutMs, `connect to ${redactUrl(url)}`);
  } catch (err) {
    client.destroy();
    throw new StorageUnavailableError('redis', `connect to ${redactUrl(url)}`, err);
  }
  type RedisClient = typeof client;
  const driver: Driver = {
    kind: 'redis',
    keyvPrefixes: false, // KeyvRedis adds `namespace::` itself; keyv's prefix on top would double it
    makeStore: (namespace) =>
      new KeyvRedis(client as never, { namespace, throwOnErrors: true, throwOnConnectError: true }) as unknown as KeyvStoreAdapter,
    setIfAbsent: async (store, key, raw) => {
      const redis = store as unknown as { createKeyPrefix(k: string, ns?: string): string; namespace?: string; client: RedisClient };
      const expires = (JSON.parse(raw) as { expires: number }).expires;
      const reply = await client.set(redis.createKeyPrefix(key, redis.namespace), raw, { condition: 'NX', expiration: { type: 'PXAT', value: expires } });
      return reply === 'OK';
    },
    sweep: async () => 0,
    close: async () => {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
  return new KeyvBackend(driver, common);
}

// ---------------------------------------------------------------- PostgreSQL

async function openPostgres(url: string, common: Common): Promise<Backend> {
  const { KeyvPostgres } = await import('@keyv/postgres');
  type PgQuery = (sql: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  const query = (store: KeyvStoreAdapter): PgQuery => (store as unknown as { query: PgQuery }).query;
  const driver: Driver = {
    kind: 'postgres',
    keyvPrefixes: true,
    makeStore: () => new KeyvPostgres({ uri: url, table: TABLE, keySize: 1024 }) as unknown as KeyvStoreAdapter,
    setIfAbsent: async (store, fullKey, raw, now) => {
      const rows = await query(store)(
        `INSERT INTO ${TABLE} (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
         WHERE (${TABLE}.value::json->>'expires') IS NOT NULL AND (${TABLE}.value::json->>'expires')::bigint < $3
         RETURNING key`,
        [fullKey, raw, now],
      );
      return rows.length === 1;
    },
    sweep: async (stores, now) => {
      const first = stores[0];
      if (!first) return 0;
      const rows = await query(first)(
        `DELETE FROM ${TABLE} WHERE key LIKE $1 AND (value::json->>'expires') IS NOT NULL AND (value::json->>'expires')::bigint < $2 RETURNING key`,
        [`${common.prefix}%`, now],
      );
      return rows.length;
    },
    // @keyv/postgres keeps one pool per process: ending it once closes every namespace.
    close: async (stores) => {
      await stores[0]?.disconnect?.();
    },
  };
  const backend = new KeyvBackend(driver, common);
  try {
    await withTimeout(backend.namespace<number>('meta').get('opened'), common.connectTimeoutMs, `connect to ${redactUrl(url)}`);
  } catch (err) {
    await backend.close().catch(() => undefined);
    throw err instanceof StorageUnavailableError ? err : new StorageUnavailableError('postgres', `connect to ${redactUrl(url)}`, err);
  }
  return backend;
}
