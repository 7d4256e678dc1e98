// The audit log on the real stores (a temporary SQLite file, Redis and PostgreSQL on 127.0.0.1,
// each under a unique prefix): records kept per knowledge base, one key per record (no growing
// list), newest first with pages, two processes on one store losing nothing, refused attempts
// forgotten after their retention, and the records of the old layout moved once to the first
// knowledge base that opens the log (SQLite and Redis: those tests open the store twice).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AuditEntry } from '../src/model/audit.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { oldAuditKeysLeft, sqliteRows, writeOldAuditRecords, type OldRecord } from './helpers/audit-raw.js';
import { storageBackends } from './helpers/backends.js';
import { describeNeeding } from './helpers/services.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'audit-storage-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const BACKENDS = storageBackends({ sqlitePath: () => path.join(tmp, `audit-${randomUUID().slice(0, 8)}.sqlite`) });

let seq = 0;
function record(kb: string, toolId: string | null, extra: Partial<AuditEntry> = {}): AuditEntry {
  seq++;
  return {
    id: `r${seq}`,
    kb,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    actor: 'cli:anna',
    action: 'status',
    toolId,
    before: { status: 'restricted' },
    after: { status: 'prohibited' },
    ...extra,
  };
}

for (const backend of BACKENDS) {
  await describeNeeding(backend.needs, `audit log on ${backend.name}`, () => {
    const prefix = `t-${randomUUID().slice(0, 8)}-`;
    const options = { ...backend.options(), prefix };
    let storage: Storage;

    before(async () => {
      storage = await openStorage(options);
    });
    after(async () => {
      await storage.clearAll();
      await storage.close();
    });

    test('an entry written twice (a retry after a write that timed out but landed) is listed once', async () => {
      const entry = record('kb-retry', 'zoom');
      const other = record('kb-retry', 'zoom', { after: { status: 'approved' } });
      await storage.audit.append(entry);
      await storage.audit.append(entry);
      await storage.audit.append(other);
      assert.deepEqual((await storage.audit.history({ kb: 'kb-retry', toolId: 'zoom' })).entries, [other, entry]);
    });

    test('keeps records per knowledge base: a copy\'s change is not in the original\'s history', async () => {
      const original = record('kb-original', 'zoom');
      const copy = record('kb-copy', 'zoom', { after: { status: 'approved' } });
      await storage.audit.append(original);
      await storage.audit.append(copy);
      assert.deepEqual((await storage.audit.history({ kb: 'kb-original', toolId: 'zoom' })).entries, [original]);
      assert.deepEqual((await storage.audit.history({ kb: 'kb-copy', toolId: 'zoom' })).entries, [copy]);
      assert.deepEqual((await storage.audit.history({ kb: 'kb-other', toolId: 'zoom' })).entries, []);
      // The knowledge base's own stream (refused attempts) is apart from its tools'.
      assert.deepEqual((await storage.audit.history({ kb: 'kb-original', toolId: null })).entries, []);
    });

    test('newest first, in pages; a page costs its own records only', async () => {
      const written: AuditEntry[] = [];
      for (let i = 0; i < 60; i++) {
        const r = record('kb-pages', 'zoom');
        written.push(r);
        await storage.audit.append(r);
      }
      const newestFirst = written.map((r) => r.id).reverse();
      const p1 = await storage.audit.history({ kb: 'kb-pages', toolId: 'zoom', limit: 25 });
      assert.deepEqual([p1.page, p1.pages], [1, 3]);
      assert.deepEqual(p1.entries.map((e) => e.id), newestFirst.slice(0, 25));
      const p3 = await storage.audit.history({ kb: 'kb-pages', toolId: 'zoom', limit: 25, page: 3 });
      assert.deepEqual(p3.entries.map((e) => e.id), newestFirst.slice(50));
      const beyond = await storage.audit.history({ kb: 'kb-pages', toolId: 'zoom', limit: 25, page: 9 });
      assert.equal(beyond.page, 3, 'a page past the end shows the last one');
    });

    // @keyv/postgres keeps one pool per process, which closing a second storage would end: the tests
    // that open a second storage on the same store run on SQLite and Redis.
    const twoStores = backend.name !== 'postgres';

    test('two processes appending to one stream at once lose nothing and overwrite nothing', { skip: !twoStores && 'one pool per process on PostgreSQL' }, async () => {
      // A second storage on the same store: its own connections, caches and in-process locks, as
      // the CLI beside a running server (SQLite) or a second instance (Redis) has.
      const other = await openStorage(options);
      try {
        const mine = Array.from({ length: 40 }, () => record('kb-race', 'zoom'));
        const theirs = Array.from({ length: 40 }, () => record('kb-race', 'zoom', { actor: 'cli:ben' }));
        await Promise.all([...mine.map((r) => storage.audit.append(r)), ...theirs.map((r) => other.audit.append(r))]);
        const all = await storage.audit.history({ kb: 'kb-race', toolId: 'zoom', limit: 100 });
        assert.equal(all.entries.length, 80);
        assert.deepEqual(new Set(all.entries.map((e) => e.id)), new Set([...mine, ...theirs].map((r) => r.id)));
        // Each process's own records stay in the order it wrote them.
        const order = all.entries.map((e) => e.id).reverse();
        assert.deepEqual(order.filter((id) => mine.some((r) => r.id === id)), mine.map((r) => r.id));
      } finally {
        await other.close();
      }
    });

    test('a record with a retention is forgotten after it', async () => {
      const longer = record('kb-ttl', null, { action: 'refused', after: { command: 'history' } });
      await storage.audit.append(longer, { ttlMs: 86_400_000 });
      await storage.audit.append(record('kb-ttl', null, { action: 'refused', after: { command: 'status' } }), { ttlMs: 1 });
      const kept = record('kb-ttl', null, { action: 'refused', after: { command: 'due' } });
      await storage.audit.append(kept);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual((await storage.audit.history({ kb: 'kb-ttl', toolId: null })).entries, [kept, longer]);
    });

    test('records of the old layout move once to the first knowledge base, without the free text of refused attempts', { skip: !twoStores && 'one pool per process on PostgreSQL' }, async () => {
      const oldPrefix = `t-${randomUUID().slice(0, 8)}-`;
      const oldOptions = { ...options, prefix: oldPrefix };
      const old: OldRecord[] = [
        { id: 'o1', at: '2024-01-01T10:00:00.000Z', actor: 'slack:UA', action: 'status', toolId: 'zoom', before: { status: 'approved' }, after: { status: 'restricted' }, note: 'first' },
        { id: 'o2', at: '2024-01-02T10:00:00.000Z', actor: 'slack:UE', action: 'refused', toolId: null, before: null, after: { command: 'history', tool: 'Frau Erika Mustermann erika@example.org' } },
        { id: 'o3', at: '2024-01-03T10:00:00.000Z', actor: 'file', action: 'hand_edit', toolId: 'zoom', before: { status: 'restricted' }, after: { status: 'prohibited' } },
        { id: 'o4', at: '2024-01-04T10:00:00.000Z', actor: 'slack:UA', action: 'add_tool', toolId: 'retired', before: null, after: { status: 'approved' } },
      ];
      await writeOldAuditRecords(oldOptions, old);
      const a = await openStorage(oldOptions);
      const b = await openStorage(oldOptions); // a second process opening the same store at the same time
      try {
        const [adoptA, adoptB] = await Promise.all([a.audit.adoptLegacy!('kb-first', ['zoom']), b.audit.adoptLegacy!('kb-second', ['zoom'])]);
        assert.equal(adoptA.owner, adoptB.owner, 'one owner, whoever asked first');
        const owner = adoptA.owner;
        const loser = owner === 'kb-first' ? 'kb-second' : 'kb-first';
        const zoom = await a.audit.history({ kb: owner, toolId: 'zoom' });
        assert.deepEqual(zoom.entries.map((e) => [e.id, e.kb, e.note]), [['o3', owner, undefined], ['o1', owner, 'first']]);
        assert.deepEqual((await b.audit.history({ kb: loser, toolId: 'zoom' })).entries, []);
        const refused = await a.audit.history({ kb: owner, toolId: null });
        assert.deepEqual(refused.entries.map(({ id, action, before, after }) => ({ id, action, before, after })), [{ id: 'o2', action: 'refused', before: null, after: { command: 'history' } }]);
        // A tool no longer in the catalog moves when first asked for.
        assert.deepEqual(await oldAuditKeysLeft(oldOptions, ['zoom', '-', 'retired'], ['o1', 'o2', 'o3', 'o4']), ['index:retired', 'entry:o4']);
        assert.deepEqual((await b.audit.history({ kb: owner, toolId: 'retired' })).entries.map((e) => e.id), ['o4']);
        assert.deepEqual(await oldAuditKeysLeft(oldOptions, ['zoom', '-', 'retired'], ['o1', 'o2', 'o3', 'o4']), []);
        // New records follow the moved ones; nothing is duplicated by a second adoption.
        await b.audit.append(record(owner, 'zoom', { id: 'new1' }));
        await a.audit.adoptLegacy!(owner, ['zoom']);
        assert.deepEqual((await a.audit.history({ kb: owner, toolId: 'zoom' })).entries.map((e) => e.id), ['new1', 'o3', 'o1']);
      } finally {
        await a.clearAll();
        await a.close();
        await b.close();
      }
      if (backend.name === 'sqlite') {
        const rows = await sqliteRows(options.sqlitePath as string);
        assert.ok(!rows.some((r) => /Erika|example\.org/.test(r.value)), 'the free text of the old refused record is gone from the file');
      }
    });

    if (backend.name === 'sqlite') {
      test('one key per record: no stored value grows with the number of records', async () => {
        for (let i = 0; i < 300; i++) await storage.audit.append(record('kb-growth', 'zoom'));
        const rows = (await sqliteRows(options.sqlitePath as string)).filter((r) => r.key.includes('kb-growth'));
        assert.equal(rows.filter((r) => r.key.startsWith(`${prefix}audit-log:`)).length, 300);
        const largest = Math.max(...rows.map((r) => r.value.length));
        assert.ok(largest < 500, `largest audit value ${largest} characters`);
      });
    }
  });
}
