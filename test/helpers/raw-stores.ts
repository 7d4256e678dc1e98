// The real stores a privacy test opens, each with a way to read every byte it holds for the test:
// a temporary SQLite file (and its journal files, read after close), Redis over RESP, PostgreSQL
// through psql. Each test runs under its own prefix; `needs` names the service for describeNeeding.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { openStorage, type Storage } from '../../src/storage/index.js';
import type { Service } from './services.js';
import { POSTGRES_URL, REDIS_URL } from './backends.js';
import { RawRedis } from './usage-redis-raw.js';

export interface OpenedStore {
  storage: Storage;
  prefix: string;
  file?: string;
}

export interface RawStore {
  name: 'sqlite' | 'redis' | 'postgres';
  needs: Service[];
  open(): Promise<OpenedStore>;
  /** Every byte the store holds for this test, as text (after close for SQLite). */
  raw(o: OpenedStore): Promise<string>;
}

/** The three stores, with SQLite files in `tmp` and prefixes starting with `label`. */
export function rawStores(tmp: string, label: string): RawStore[] {
  const prefix = () => `${label}-${randomUUID().slice(0, 8)}-`;
  return [
    {
      name: 'sqlite',
      needs: [],
      async open() {
        const file = path.join(tmp, `${randomUUID()}.sqlite`);
        const p = `${label}-`;
        return { storage: await openStorage({ sqlitePath: file, prefix: p }), prefix: p, file };
      },
      async raw({ file }) {
        // The database file and its journal/WAL files, read as bytes.
        const dir = path.dirname(file!);
        const base = path.basename(file!);
        return readdirSync(dir)
          .filter((f) => f.startsWith(base))
          .map((f) => readFileSync(path.join(dir, f)).toString('latin1'))
          .join('\n');
      },
    },
    {
      name: 'redis',
      needs: ['redis'],
      async open() {
        const p = prefix();
        return { storage: await openStorage({ url: REDIS_URL, prefix: p }), prefix: p };
      },
      async raw({ prefix: p }) {
        const redis = await RawRedis.open();
        try {
          return [...(await redis.dump(p))].map(([k, v]) => `${k}=${v}`).join('\n');
        } finally {
          await redis.close();
        }
      },
    },
    {
      name: 'postgres',
      needs: ['postgres'],
      async open() {
        const p = prefix();
        return { storage: await openStorage({ url: POSTGRES_URL, prefix: p }), prefix: p };
      },
      async raw({ prefix: p }) {
        return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-At', '-c', `select key || '=' || value from keyv where key like '%${p}%'`], {
          encoding: 'utf8',
        });
      },
    },
  ];
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), set: (iso: string) => (t = Date.parse(iso)), advance: (ms: number) => (t += ms) };
}

/**
 * A function opening a fresh store of `backend` for each test of the current suite; after the suite
 * each is cleared and closed (PostgreSQL's is left open: @keyv/postgres shares one pool per process,
 * and closing it would break the next suite's store).
 */
export function freshStores(backend: RawStore): () => Promise<OpenedStore> {
  const opened: OpenedStore[] = [];
  after(async () => {
    for (const o of opened) {
      await o.storage.clearAll().catch(() => undefined);
      if (backend.name !== 'postgres') await o.storage.close();
    }
  });
  return async () => {
    const o = await backend.open();
    opened.push(o);
    return o;
  };
}
