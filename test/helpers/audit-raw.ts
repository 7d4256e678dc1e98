// Raw access to a store for the audit tests: every row of an SQLite file (to prove what is and is
// not kept), and the audit records of the old layout (keyed by tool id only) as the code before
// per-knowledge-base audit logs wrote them: `audit-entries` id -> record, `audit-index` tool id (or
// `-`) -> array of ids, oldest first.
import { openBackend, type BackendOptions } from '../../src/storage/backend.js';

export interface RawRow {
  key: string;
  value: string;
}

/** Every row of the keyv table of an SQLite file. */
export async function sqliteRows(file: string): Promise<RawRow[]> {
  const { KeyvSqlite } = await import('@keyv/sqlite');
  const store = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'keyv' });
  try {
    const query = (store as unknown as { query: (sql: string) => Promise<RawRow[]> }).query;
    return await query('SELECT key, value FROM keyv');
  } finally {
    await store.disconnect();
  }
}

export interface OldRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  toolId: string | null;
  before: unknown;
  after: unknown;
  note?: string;
}

/** Writes `records` in the old layout, in order (the index keeps them oldest first). */
export async function writeOldAuditRecords(options: BackendOptions, records: OldRecord[]): Promise<void> {
  const backend = await openBackend(options);
  try {
    const entries = backend.namespace<OldRecord>('audit-entries');
    const index = backend.namespace<string[]>('audit-index');
    const byTool = new Map<string, string[]>();
    for (const r of records) {
      await entries.set(r.id, r);
      const key = r.toolId ?? '-';
      byTool.set(key, [...(byTool.get(key) ?? []), r.id]);
    }
    for (const [key, ids] of byTool) await index.set(key, ids);
  } finally {
    await backend.close();
  }
}

/** The old layout's keys still present: index keys of `tools` and the entries of `ids`. */
export async function oldAuditKeysLeft(options: BackendOptions, tools: string[], ids: string[]): Promise<string[]> {
  const backend = await openBackend(options);
  try {
    const index = await backend.namespace<string[]>('audit-index').getMany(tools);
    const entries = await backend.namespace<unknown>('audit-entries').getMany(ids);
    return [...tools.filter((_, i) => index[i] !== undefined).map((t) => `index:${t}`), ...ids.filter((_, i) => entries[i] !== undefined).map((id) => `entry:${id}`)];
  } finally {
    await backend.close();
  }
}
