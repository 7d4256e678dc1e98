// PostgreSQL through @keyv/postgres (one pg pool per process, shared by every namespace).
import type { KeyvStoreAdapter } from 'keyv';
import { TABLE, type Driver } from './driver.js';

type PgQuery = (sql: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
const query = (store: KeyvStoreAdapter): PgQuery => (store as unknown as { query: PgQuery }).query;

export async function postgresDriver(url: string): Promise<Driver> {
  const { KeyvPostgres } = await import('@keyv/postgres');
  return {
    kind: 'postgres',
    keyvPrefixes: true,
    // keySize: PostgreSQL enforces VARCHAR lengths (SQLite does not); Teams ids make long keys.
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
    sweep: async (stores, prefix, now) => {
      const first = stores[0];
      if (!first) return 0;
      const rows = await query(first)(
        `DELETE FROM ${TABLE} WHERE key LIKE $1 AND (value::json->>'expires') IS NOT NULL AND (value::json->>'expires')::bigint < $2 RETURNING key`,
        [`${prefix}%`, now],
      );
      return rows.length;
    },
    // @keyv/postgres keeps one pool per process: ending it once closes every namespace. It also
    // means two storages on one URL in one process share the pool (closing one ends both).
    close: async (stores) => {
      await stores[0]?.disconnect?.();
    },
  };
}
