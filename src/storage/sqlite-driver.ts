// SQLite (the default): one file, one connection per namespace, WAL journal.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KeyvStoreAdapter } from 'keyv';
import { TABLE, type Driver } from './driver.js';
import { StorageUnavailableError } from '../errors.js';

type SqlQuery = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;
const query = (store: KeyvStoreAdapter): SqlQuery => (store as unknown as { query: SqlQuery }).query;

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
      (store as unknown as { query: SqlQuery }).query = async (sql, ...params) => {
        await secured;
        return run(sql, ...params);
      };
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
      await Promise.all(stores.map((s) => s.disconnect?.()));
    },
  };
}
