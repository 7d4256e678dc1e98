// The same behaviour suite against every backend: a temporary SQLite file, the real Redis on
// 127.0.0.1:6379 and the real PostgreSQL on 127.0.0.1:5432 (each run under a unique prefix,
// cleared afterwards).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AuditEntry } from '../src/model/audit.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { storageBackends } from './helpers/backends.js';
import { describeNeeding, skipUnless } from './helpers/services.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storage-backends-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const BACKENDS = storageBackends({ sqlitePath: () => path.join(tmp, 'store.sqlite') });

const slack = (conversationId: string, userId?: string) => ({ platform: 'slack' as const, conversationId, ...(userId ? { userId } : {}) });

function auditEntry(id: string, toolId: string | null, at: string): AuditEntry {
  return { id, kb: 'kb-1', at, actor: 'slack:UADMIN', action: 'status', toolId, before: 'restricted', after: 'prohibited' };
}


for (const backend of BACKENDS) {
  await describeNeeding(backend.needs, `storage on ${backend.name}`, () => {
    const prefix = `t-${randomUUID().slice(0, 8)}-`;
    let storage: Storage;

    before(async () => {
      storage = await openStorage({ ...backend.options(), prefix });
    });
    after(async () => {
      await storage.clearAll();
      await storage.close();
    });

    test('subscriptions: subscribe, list, unsubscribe, and the union of tool, category and all', async () => {
      const s = storage.subscriptions;
      assert.equal(await s.subscribe('slack:U1', { kind: 'tool', id: 'zoom' }), true);
      assert.equal(await s.subscribe('slack:U1', { kind: 'tool', id: 'zoom' }), false, 'a second subscribe is no new subscription');
      await s.subscribe('slack:U1', { kind: 'category', id: 'video-conferencing' });
      await s.subscribe('slack:U2', { kind: 'category', id: 'video-conferencing' });
      await s.subscribe('teams:A3', { kind: 'all' });
      await s.subscribe('slack:U4', { kind: 'tool', id: 'teams' });

      assert.deepEqual(await s.list('slack:U1'), [
        { kind: 'tool', id: 'zoom' },
        { kind: 'category', id: 'video-conferencing' },
      ]);
      assert.deepEqual(await s.subscribers({ kind: 'tool', id: 'zoom' }), ['slack:U1']);
      // U1 is subscribed twice (tool and category) and still counted once.
      assert.deepEqual(await s.subscribersOf('zoom', ['video-conferencing']), ['slack:U1', 'slack:U2', 'teams:A3']);
      assert.deepEqual(await s.subscribersOf('zoom'), ['slack:U1', 'teams:A3']);

      assert.equal(await s.unsubscribe('slack:U1', { kind: 'tool', id: 'zoom' }), true);
      assert.equal(await s.unsubscribe('slack:U1', { kind: 'tool', id: 'zoom' }), false);
      assert.deepEqual(await s.list('slack:U1'), [{ kind: 'category', id: 'video-conferencing' }]);
      assert.deepEqual(await s.subscribersOf('zoom'), ['teams:A3']);
    });

    test('subscriptions: 300 concurrent subscribes to one topic lose none', async () => {
      const keys = Array.from({ length: 300 }, (_, i) => `slack:C${i}`);
      await Promise.all(keys.map((k) => storage.subscriptions.subscribe(k, { kind: 'tool', id: 'concurrent' })));
      assert.deepEqual(await storage.subscriptions.subscribers({ kind: 'tool', id: 'concurrent' }).then((l) => l.sort()), [...keys].sort());
    });

    test('subscriptions: 10,000 subscribers of one tool are stored and listed', async () => {
      const keys = Array.from({ length: 10_000 }, (_, i) => `slack:U${String(i).padStart(5, '0')}`);
      assert.equal(await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'bulk' }, keys), 10_000);
      const all = await storage.subscriptions.subscribersOf('bulk', ['video-conferencing']);
      assert.equal(all.filter((k) => keys.includes(k)).length, 10_000);
      assert.deepEqual(await storage.subscriptions.list('slack:U00042'), [{ kind: 'tool', id: 'bulk' }]);
    });

    test('conversations: the newest target wins, an unknown language keeps the known one', async () => {
      const c = storage.conversations;
      await c.remember('slack:U1', slack('D1', 'U1'), 'de');
      await c.remember('slack:U1', slack('D2', 'U1'));
      const got = await c.get('slack:U1');
      assert.equal(got?.target.conversationId, 'D2');
      assert.equal(got?.language, 'de');
      const ref = { serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'a:1' }, bot: { id: 'b' } };
      await c.remember('teams:A3', { platform: 'teams', conversationId: 'a:1', reference: ref }, 'en');
      const many = await c.getMany(['teams:A3', 'slack:nobody', 'slack:U1']);
      assert.deepEqual(many[0]?.target.reference, ref);
      assert.equal(many[1], undefined);
      assert.equal(many[2]?.target.conversationId, 'D2');
    });

    test('audit log: newest first, limited, per tool', async () => {
      await storage.audit.append(auditEntry('a1', 'zoom', '2024-01-01T10:00:00Z'));
      await storage.audit.append(auditEntry('a2', 'teams', '2024-01-02T10:00:00Z'));
      await storage.audit.append(auditEntry('a3', 'zoom', '2024-01-03T10:00:00Z'));
      await storage.audit.append(auditEntry('a4', null, '2024-01-04T10:00:00Z'));
      const history = async (toolId: string, limit?: number) => (await storage.audit.history({ kb: 'kb-1', toolId, ...(limit ? { limit } : {}) })).entries;
      assert.deepEqual((await history('zoom')).map((e) => e.id), ['a3', 'a1']);
      assert.deepEqual((await history('zoom', 1)).map((e) => e.id), ['a3']);
      assert.deepEqual(await history('unknown-tool'), []);
      const [entry] = await history('teams');
      assert.deepEqual(entry, auditEntry('a2', 'teams', '2024-01-02T10:00:00Z'));
    });

    test('proposals: put, get, list, delete', async () => {
      const p = { id: 'p1', command: 'status zoom prohibited', toolId: 'zoom', proposedBy: 'slack:U1', at: '2024-01-01T00:00:00Z', expiresAt: '2024-01-02T00:00:00Z' };
      await storage.proposals.put(p);
      await storage.proposals.put({ ...p, id: 'p2' });
      assert.deepEqual(await storage.proposals.get('p1'), p);
      assert.deepEqual((await storage.proposals.list()).map((x) => x.id), ['p1', 'p2']);
      assert.equal(await storage.proposals.delete('p1'), true);
      assert.equal(await storage.proposals.delete('p1'), false);
      assert.deepEqual((await storage.proposals.list()).map((x) => x.id), ['p2']);
    });

    test('dedupe: first time true, then false until the TTL ran out; concurrent callers get one true', async () => {
      assert.equal(await storage.dedupe.firstSeen('ev-1', 800), true);
      assert.equal(await storage.dedupe.firstSeen('ev-1', 800), false);
      await new Promise((r) => setTimeout(r, 900));
      assert.equal(await storage.dedupe.firstSeen('ev-1', 800), true, 'seen again after the TTL');
      const results = await Promise.all(Array.from({ length: 25 }, () => storage.dedupe.firstSeen('ev-race', 10_000)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    test('kv: values, TTL, and namespaces that do not see each other', async () => {
      const a = storage.kv<{ n: number }>('cache-a');
      const b = storage.kv<{ n: number }>('cache-b');
      await a.set('k', { n: 1 });
      await a.set('short', { n: 2 }, 150);
      assert.deepEqual(await a.get('k'), { n: 1 });
      assert.equal(await b.get('k'), undefined);
      assert.deepEqual(await a.getMany(['k', 'missing']), [{ n: 1 }, undefined]);
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(await a.get('short'), undefined);
      assert.equal(await a.delete('k'), true);
      assert.equal(await a.get('k'), undefined);
    });

    test('outbox: enqueue once, states, dead letters, batch completion', async () => {
      const o = storage.outbox;
      const subscribers = Array.from({ length: 1_200 }, (_, i) => `slack:U${i}`);
      const first = await o.enqueue('n1', { hello: 'world' }, [...subscribers, 'slack:U1']);
      assert.deepEqual(first, { added: true, items: 1_200, batches: 3 });
      const again = await o.enqueue('n1', { hello: 'world' }, subscribers);
      assert.equal(again.added, false, 'enqueuing the same notice again adds nothing');
      assert.deepEqual(await o.payload('n1'), { hello: 'world' });
      const pending = await o.pendingBatches();
      assert.equal(pending.length, 3);
      const batch = await o.batch(pending[0] as string);
      assert.equal(batch?.subscribers.length, 500);

      await o.markDone('n1', 'slack:U0', 1);
      await o.markRetry('n1', 'slack:U1', 1, Date.now() + 1000, 'HTTP 500');
      await o.markDead('n1', 'slack:U2', 8, 'channel_not_found');
      const states = await o.states('n1', ['slack:U0', 'slack:U1', 'slack:U2', 'slack:U3']);
      assert.deepEqual(states.map((s) => s?.status), ['done', 'retry', 'dead', undefined]);
      assert.equal(states[1]?.attempts, 1);
      const [dead] = await o.deadLetters();
      assert.equal(dead?.subscriber, 'slack:U2');
      assert.equal(dead?.error, 'channel_not_found');

      for (const id of pending) await o.completeBatch(id);
      assert.deepEqual(await o.pendingBatches(), []);
      assert.equal((await o.enqueue('n1', { hello: 'world' }, subscribers)).added, false, 'still known after delivery');
    });

    test('a second handle with the same prefix sees the data (a restart); another prefix does not', async () => {
      await storage.subscriptions.subscribe('slack:UR', { kind: 'tool', id: 'restart' });
      const again = await openStorage({ ...backend.options(), prefix });
      const other = await openStorage({ ...backend.options(), prefix: `${prefix}other-` });
      try {
        assert.deepEqual(await again.subscriptions.subscribers({ kind: 'tool', id: 'restart' }), ['slack:UR']);
        assert.deepEqual(await other.subscriptions.subscribers({ kind: 'tool', id: 'restart' }), []);
      } finally {
        // Postgres: @keyv/postgres shares one pool per process, so these handles are not closed here
        // (closing would end the pool of `storage` too); the suite's after() closes it.
        if (backend.name !== 'postgres') {
          await again.close();
          await other.close();
        }
      }
    });

    test('clearAll removes everything under the prefix', async () => {
      const scratch = await openStorage({ ...backend.options(), prefix: `${prefix}scratch-` });
      await scratch.subscriptions.subscribe('slack:U9', { kind: 'all' });
      await scratch.kv<number>('counter').set('x', 1);
      await scratch.clearAll();
      assert.deepEqual(await scratch.subscriptions.subscribers({ kind: 'all' }), []);
      assert.equal(await scratch.kv<number>('counter').get('x'), undefined);
      if (backend.name !== 'postgres') await scratch.close();
    });
  });
}
