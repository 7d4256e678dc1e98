// SQLite (the default): one file, one connection per namespace, WAL journal.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KeyvStoreAdapter } from 'keyv';
import { TABLE, type Driver } from './driver.js';
import { StorageUnavailableError } from '../errors.js';

type SqlQuery = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;
const query = (store: KeyvStoreAdapter): SqlQuery => (store as unknown as { query: SqlQuery }).query;

// Rows per statement: two parameters each, well below SQLite's limit on parameters (999 in old builds).
const MAX_ROWS = 200;
const rowsOf = (n: number) => Array.from({ length: n }, () => '(?, ?)').join(', ');

/** The longest a batch waits for the statements before it; SQLite answers well within it (busy timeout aside). */
const BATCH_WAIT_MS = 1_000;

/**
 * Calls as few calls of `run` (up to MAX_ROWS items each): the calls of one turn of the event loop
 * go out together, and calls made while a statement is under way wait for it and go out together
 * after it. Under load, when every statement is a prepared SQL text of its own and the event loop
 * is slow to take the answer, the batches grow by themselves; with little to do nothing waits
 * longer than one turn. Each caller gets its own item's result, or the error of the whole statement.
 */
function batched<I, R>(run: (items: I[]) => Promise<R[]>): (item: I) => Promise<R> {
  let queue: { item: I; resolve(r: R): void; reject(e: unknown): void }[] = [];
  let busy = false;
  const flush = () => {
    const all = queue;
    queue = [];
    if (all.length === 0) {
      busy = false;
      return;
    }
    const statements: Promise<void>[] = [];
    for (let i = 0; i < all.length; i += MAX_ROWS) {
      const part = all.slice(i, i + MAX_ROWS);
      statements.push(
        run(part.map((p) => p.item)).then(
          (results) => part.forEach((p, k) => p.resolve(results[k] as R)),
          (err: unknown) => part.forEach((p) => p.reject(err)),
        ),
      );
    }
    // The next batch once these statements answered, or after BATCH_WAIT_MS should one hang.
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, BATCH_WAIT_MS);
      timer.unref();
    });
    void Promise.race([Promise.all(statements), bound]).then(() => {
      clearTimeout(timer);
      flush();
    });
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!busy) {
        busy = true;
        setImmediate(flush);
      }
    });
}

/** Inserts each key unless it exists unexpired; per item whether this call set it (the first of equal keys in a batch). */
function insertIfAbsent(run: SqlQuery): (items: { key: string; value: string; now: number }[]) => Promise<boolean[]> {
  return async (items) => {
    const now = Math.max(...items.map((i) => i.now));
    const rows = await run(
      `INSERT INTO ${TABLE} (key, value) VALUES ${rowsOf(items.length)}
       ON CONFLICT(key) DO UPDATE SET value = excluded.value
       WHERE json_extract(${TABLE}.value, '$.expires') IS NOT NULL AND json_extract(${TABLE}.value, '$.expires') < ?
       RETURNING key`,
      ...items.flatMap((i) => [i.key, i.value]),
      now,
    );
    const set = new Set(rows.map((r) => String(r.key)));
    return items.map((i) => set.delete(i.key));
  };
}

const insertsIfAbsent = new WeakMap<KeyvStoreAdapter, (item: { key: string; value: string; now: number }) => Promise<boolean>>();

export async function sqliteDriver(file: string): Promise<Driver> {
  const { KeyvSqlite } = await import('@keyv/sqlite');
  const abs = path.resolve(file);
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
  } catch (err) {
    throw new StorageUnavailableError('sqlite', `create the folder ${path.dirname(abs)}`, err);
  }
  return {
    kind: 'sqlite',
    keyvPrefixes: true,
    makeStore: () => {
      const store = new KeyvSqlite({ uri: `sqlite://${abs}`, table: TABLE, busyTimeout: 10_000 }) as unknown as KeyvStoreAdapter;
      // WAL lets readers run beside the writer; synchronous=NORMAL skips the fsync per commit. A
      // committed write survives a crash of the process (the outbox relies on this), though not
      // necessarily a power cut of the machine. secure_delete: a deleted or rewritten value (an
      // expired question text, an unknown-tool name) is overwritten in the file, not left in a free page.
      // secure_delete is the connection's own setting (it takes no lock): every statement waits for
      // it, so a delete on a namespace opened a moment before cannot leave the deleted bytes in the
      // file. Journal mode and syncing may wait for a lock another process holds: nothing waits for them.
      // Without it the privacy promise does not hold, so the store refuses to work: every statement
      // (the first being openStorage's probe, so the server does not start) fails with the reason.
      const run = query(store);
      const secured = run('PRAGMA secure_delete=ON')
        .then((rows) => {
          if (Number(Object.values(rows[0] ?? {})[0]) !== 1) throw new Error('SQLite answered that secure_delete is off');
        })
        .catch((err: unknown) => {
          throw new StorageUnavailableError('sqlite', `turn on secure_delete for ${abs} (deleted question texts and names must not stay in the file)`, err);
        });
      void secured
        .then(() => run('PRAGMA journal_mode=WAL'))
        .then(() => run('PRAGMA synchronous=NORMAL'))
        .catch(() => undefined);
      const secureQuery: SqlQuery = async (sql, ...params) => {
        await secured;
        return run(sql, ...params);
      };
      (store as unknown as { query: SqlQuery }).query = secureQuery;
      // Writes of one turn of the event loop, and those made while the last statement was under
      // way, go out as one statement (a Slack event writes its dedupe record and its answered
      // record; fifty events at once would be a hundred statements).
      const upserts = batched<{ key: string; value: string }, void>(async (items) => {
        await secureQuery(`INSERT INTO ${TABLE} (key, value) VALUES ${rowsOf(items.length)} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...items.flatMap((i) => [i.key, i.value]));
        return items.map(() => undefined);
      });
      (store as unknown as { set(key: string, value: string): Promise<void> }).set = (key, value) => upserts({ key, value });
      insertsIfAbsent.set(store, batched(insertIfAbsent(secureQuery)));
      return store;
    },
    setIfAbsent: (store, fullKey, raw, now) => {
      const insert = insertsIfAbsent.get(store) ?? batched(insertIfAbsent(query(store)));
      return insert({ key: fullKey, value: raw, now });
    },
    sweep: async (stores, prefix, now) => {
      const first = stores[0];
      if (!first) return 0;
      const rows = await query(first)(
        `DELETE FROM ${TABLE} WHERE key LIKE ? AND json_extract(value, '$.expires') < ? RETURNING key`,
        `${prefix}%`,
        now,
      );
      return rows.length;
    },
    close: async (stores) => {
      // One after another: SQLite removes the WAL (which still holds the page images from before a
      // delete) only when the connection closing is the last one. Connections closing at the same
      // moment each see the other and all leave it behind. The last one first copies the WAL into
      // the file and empties it, so even a failed removal leaves no deleted bytes in it.
      const last = stores.at(-1);
      for (const store of stores.slice(0, -1)) await store.disconnect?.();
      if (!last) return;
      await query(last)('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
      await last.disconnect?.();
    },
  };
}
