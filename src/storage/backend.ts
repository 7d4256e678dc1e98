// The one place that talks to keyv: opens a store per namespace (SQLite file, Redis or PostgreSQL)
// and turns keyv's quiet failures (an `error` event plus `undefined`) into StorageUnavailableError.
// Every other storage module works on the small `Namespace` interface below.
import { randomUUID } from 'node:crypto';
import { Keyv, type KeyvStoreAdapter } from 'keyv';
import { withTimeout, type BackendKind, type Driver } from './driver.js';
import { CircuitBreaker } from './breaker.js';
import type { LockProvider } from './lock.js';
import { ConfigError, StorageUnavailableError } from '../errors.js';
import { redactUrl } from './redact.js';
import { postgresDriver } from './postgres-driver.js';
import { redisDriver } from './redis-driver.js';
import { isRedisUrl, PREFIX_PATTERN, splitRedisUrl } from './redis-url.js';
import { sqliteDriver } from './sqlite-driver.js';

export type { BackendKind } from './driver.js';

/** Which backend a STORAGE_URL names (no URL: the SQLite file); undefined for a scheme none of them speaks. */
export function backendKindOf(url: string | undefined): BackendKind | undefined {
  if (url === undefined || url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return 'redis';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  return undefined;
}

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
  /** Cross-process locks on keys of this namespace where several processes share the store (Redis); else undefined. */
  readonly locks?: LockProvider;
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
  /**
   * How long one operation may take before it counts as "unavailable" and opens the circuit
   * breaker (default 1.5 s for Redis and PostgreSQL, 10 s for the local SQLite file). Operations on
   * many keys get this per slice of MANY_CHUNK keys.
   */
  operationTimeoutMs?: number;
  /** How long the breaker stays open after a timeout before one operation probes again (default 5 s). */
  breakerCoolDownMs?: number;
  /** How long openStorage waits for Redis/PostgreSQL at start (default 5 s). */
  connectTimeoutMs?: number;
}

export const DEFAULT_SQLITE_PATH = 'data/compliance-bot.sqlite';
// getMany in slices: keyv's SQLite adapter matches rows to keys with a linear search per key.
const MANY_CHUNK = 500;
// A cross-process lock is held for a few store operations; it expires by itself after this long.
const LOCK_TTL_MS = 10_000;
// How long to wait for a lock another process holds (it holds it for a few operations).
const LOCK_WAIT_MS = 10_000;

interface Common {
  prefix: string;
  timeoutMs: number;
  breaker: CircuitBreaker;
}

// A network store that does not answer within this is treated as hung (the reply path must not wait).
const NETWORK_TIMEOUT_MS = 1_500;
const SQLITE_TIMEOUT_MS = 10_000;

/** Opens the backend named by `url` (none = SQLite file). Throws StorageUnavailableError if it cannot be reached. */
export async function openBackend(options: BackendOptions = {}): Promise<Backend> {
  let url = options.url?.trim() || undefined;
  let urlPrefix: string | undefined;
  // A Redis URL may name the prefix itself (`?prefix=`); an explicit option wins.
  if (isRedisUrl(url)) ({ url, prefix: urlPrefix } = splitRedisUrl(url));
  const prefix = options.prefix ?? urlPrefix ?? '';
  if (!PREFIX_PATTERN.test(prefix)) {
    // `_` and `%` are LIKE wildcards and `*` a Redis glob: a prefix with them could reach other keys on clear().
    throw new ConfigError({ variable: 'prefix', message: `"${prefix}" may only contain letters, digits, ".", ":" and "-"` });
  }
  const isSqlite = backendKindOf(url) === 'sqlite';
  const common: Common = {
    prefix,
    timeoutMs: options.operationTimeoutMs ?? (isSqlite ? SQLITE_TIMEOUT_MS : NETWORK_TIMEOUT_MS),
    breaker: new CircuitBreaker({ ...(options.breakerCoolDownMs !== undefined ? { coolDownMs: options.breakerCoolDownMs } : {}) }),
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  let driver: Driver;
  let where: string;
  if (url === undefined || url.startsWith('sqlite:')) {
    where = url ? url.replace(/^sqlite:(\/\/)?/, '') : (options.sqlitePath ?? DEFAULT_SQLITE_PATH);
    driver = await sqliteDriver(where);
  } else if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    where = redactUrl(url);
    driver = await redisDriver(url, connectTimeoutMs);
  } else if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    where = redactUrl(url);
    driver = await postgresDriver(url);
  } else {
    throw new ConfigError({ variable: 'STORAGE_URL', message: `unsupported scheme in ${redactUrl(url)}: use redis://, postgres:// or leave it empty for the SQLite file` });
  }
  const backend = new KeyvBackend(driver, common);
  // The first read creates the file / table and proves the connection: fail at start, not at the first answer.
  try {
    await withTimeout(backend.namespace<number>('meta').get('opened'), connectTimeoutMs, `open ${where}`);
  } catch (err) {
    await backend.close().catch(() => undefined);
    throw err instanceof StorageUnavailableError ? err : new StorageUnavailableError(driver.kind, `open ${where}`, err);
  }
  return backend;
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
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new ConfigError({ variable: 'namespace', message: `"${name}" must be lower-case letters, digits and "-"` });
    if (this.#closed) throw new StorageUnavailableError(this.kind, `open namespace ${name}`, 'the storage was closed');
    let ns = this.#spaces.get(name);
    if (!ns) {
      // One store instance per namespace: a store shared by two Keyv namespaces clears both on clear().
      ns = new KeyvNamespace<unknown>(name, `${this.#common.prefix}${name}`, this.#driver, this.#common.timeoutMs, this.#common.breaker);
      this.#spaces.set(name, ns);
    }
    return ns as Namespace<T>;
  }

  async sweepExpired(): Promise<number> {
    return this.#driver.sweep([...this.#spaces.values()].map((s) => s.store), this.#common.prefix, Date.now());
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
  readonly #breaker: CircuitBreaker;
  readonly locks: LockProvider | undefined;
  #lastError: unknown;

  constructor(name: string, full: string, driver: Driver, timeoutMs: number, breaker: CircuitBreaker) {
    this.name = name;
    this.#full = full;
    this.#driver = driver;
    this.#timeoutMs = timeoutMs;
    this.#breaker = breaker;
    this.store = driver.makeStore(full);
    this.locks = driver.lock ? { runExclusive: (key, fn) => this.#exclusive(key, fn) } : undefined;
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

  async #op<R>(operation: string, fn: () => Promise<R>, slices = 1): Promise<R> {
    if (!this.#breaker.allow()) {
      throw new StorageUnavailableError(this.#driver.kind, `${operation} ${this.name}`, 'the store did not answer lately (circuit breaker open; it is tried again in a few seconds)');
    }
    this.#lastError = undefined;
    const limitMs = this.#timeoutMs * Math.max(1, slices);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let answered = false;
    const work = fn().finally(() => {
      answered = true;
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // After a stall of the event loop (a start loading large modules) the timer and the reply
        // fall due together, and timers run before I/O: let I/O that already arrived land first.
        setImmediate(() => {
          if (answered) return;
          timedOut = true;
          reject(new Error(`no answer within ${limitMs} ms`));
        });
      }, limitMs);
      timer.unref();
    });
    try {
      const result = await Promise.race([work, timeout]);
      if (this.#lastError !== undefined) throw this.#lastError;
      this.#breaker.succeeded();
      return result;
    } catch (err) {
      if (timedOut) this.#breaker.timedOut();
      else this.#breaker.failed();
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
    }, Math.ceil(keys.length / MANY_CHUNK));
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
    }, Math.ceil(entries.length / MANY_CHUNK));
  }

  delete(key: string): Promise<boolean> {
    return this.#op('delete', () => this.#keyv.delete(key));
  }

  deleteMany(keys: readonly string[]): Promise<void> {
    return this.#op('deleteMany', async () => {
      for (let i = 0; i < keys.length; i += MANY_CHUNK) await this.#keyv.deleteMany(keys.slice(i, i + MANY_CHUNK));
    }, Math.ceil(keys.length / MANY_CHUNK));
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
    // Clearing a namespace is a bulk delete: allowed the time of ten operations.
    return this.#op('clear', () => this.#keyv.clear(), 10);
  }

  /**
   * Runs `fn` holding the cross-process lock of `key`: waits (polling) up to the operation timeout
   * for it. The lock expires after LOCK_TTL_MS, so a process that dies holding it blocks the key
   * for that long at most; `fn` is a few store operations, far shorter.
   */
  async #exclusive<R>(key: string, fn: () => Promise<R>): Promise<R> {
    const lock = this.#driver.lock;
    if (!lock) return fn();
    const lockKey = `~lock:${key}`;
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      // Through #op: a hung store times out and opens the breaker here too.
      const acquired = await this.#op('lock', () => lock.acquire(this.store, lockKey, token, LOCK_TTL_MS));
      if (acquired) break;
      if (Date.now() >= deadline) {
        throw new StorageUnavailableError(this.#driver.kind, `lock ${this.name}`, `another process held the lock of "${key}" for more than ${LOCK_WAIT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    }
    try {
      return await fn();
    } finally {
      await lock.release(this.store, lockKey, token).catch(() => undefined); // expires by itself otherwise
    }
  }
}
