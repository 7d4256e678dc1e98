// The pieces of the multi-instance mode in one process, against the real Redis (each test in its
// own key prefix): settings, the prefix in STORAGE_URL, BullMQ notification queues run by two
// "instances" (exactly one delivery per subscriber, a 429 pauses the platform without using an
// attempt, permanent failures are dead-lettered), the change recorder racing with itself, and the
// knowledge-base version sync (announced, missed and caught up, or not shown by the folder).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { pino } from 'pino';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { connectClusterRedis, createChangeRecorder, notifyJobId, platformOf, startKbSync, startNotifyQueues, kbVersionKey, type ClusterRedis, type Deliver, type NotifyQueues } from '../src/cluster/index.js';
import { DEFAULT_CLUSTER_SETTINGS, parseClusterSettings } from '../src/config/cluster.js';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { ConfigError, PermanentDeliveryError, RetryAfterError } from '../src/errors.js';
import { diffKnowledgeBases, type ToolChange } from '../src/notifications/index.js';
import { openStorage, splitRedisUrl, type Storage } from '../src/storage/index.js';
import { knowledgeBaseIdentity } from '../src/admin/kb-identity.js';
import { copyKnowledge } from './helpers/admin-kb-copy.js';
import { deleteKeys, eventually } from './helpers/cluster-harness.js';
import { describeNeeding, skipUnless, type Service } from './helpers/services.js';

const silent = pino({ level: 'silent' });
const REDIS = 'redis://127.0.0.1:6379/0';
const noRedis = await skipUnless('redis');
const settings = { ...DEFAULT_CLUSTER_SETTINGS, lockMs: 2_000, backoffMs: 50, perSecond: 1_000, concurrency: 4 };

interface Env {
  prefix: string;
  storage: Storage;
  redis: ClusterRedis[];
  close(): Promise<void>;
}

async function env(instances = 2): Promise<Env> {
  const prefix = `cq-${randomUUID().slice(0, 8)}-`;
  const storage = await openStorage({ url: `${REDIS}?prefix=${prefix}` });
  const redis = await Promise.all(Array.from({ length: instances }, () => connectClusterRedis({ url: REDIS, prefix, logger: silent })));
  return {
    prefix,
    storage,
    redis,
    async close() {
      await Promise.all(redis.map((r) => r.close()));
      await storage.close();
      await deleteKeys(prefix);
    },
  };
}

/** A Zoom change from the shipped knowledge base (restricted -> prohibited). */
async function zoomChange(): Promise<ToolChange> {
  const kb = await copyKnowledge();
  try {
    const before = await loadKnowledgeBase(kb.dir);
    await writeFile(kb.tool('zoom'), (await readFile(kb.tool('zoom'), 'utf8')).replace(/^status: \w+$/m, 'status: prohibited'));
    const [change] = diffKnowledgeBases(before, await loadKnowledgeBase(kb.dir), { by: 'slack:UADMIN', at: new Date() });
    assert.ok(change);
    return change;
  } finally {
    await kb.cleanup();
  }
}

async function subscribe(storage: Storage, users: string[]): Promise<void> {
  for (const u of users) await storage.conversations.remember(`slack:${u}`, { platform: 'slack', conversationId: `D${u}`, userId: u }, 'en');
  await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, users.map((u) => `slack:${u}`));
}

test('settings: defaults, overrides, and errors that name the variable', () => {
  assert.deepEqual(parseClusterSettings({}), DEFAULT_CLUSTER_SETTINGS);
  assert.equal(parseClusterSettings({ CLUSTER_NOTIFY_PER_SECOND: '200', CLUSTER_JOB_LOCK_MS: ' 5000 ' }).perSecond, 200);
  assert.throws(() => parseClusterSettings({ CLUSTER_NOTIFY_CONCURRENCY: 'many' }), (err: unknown) => err instanceof ConfigError && err.variable === 'CLUSTER_NOTIFY_CONCURRENCY');
  assert.throws(() => parseClusterSettings({ CLUSTER_JOB_LOCK_MS: '10' }), /CLUSTER_JOB_LOCK_MS: expected a whole number from 500/);
});

test('STORAGE_URL may carry the key prefix; the Redis client never sees it', () => {
  assert.deepEqual(splitRedisUrl('redis://127.0.0.1:6379/2?prefix=bot-a:'), { url: 'redis://127.0.0.1:6379/2', prefix: 'bot-a:' });
  assert.deepEqual(splitRedisUrl('redis://127.0.0.1:6379'), { url: 'redis://127.0.0.1:6379', prefix: undefined });
  assert.throws(() => splitRedisUrl('redis://127.0.0.1:6379?prefix=a*'), ConfigError);
  assert.equal(platformOf('teams:29:abc'), 'teams');
  assert.equal(platformOf('web:x'), undefined);
  assert.doesNotMatch(notifyJobId('abc', 'slack:U1'), /:/, 'BullMQ job ids may not contain ":"');
});

test('keys written through a STORAGE_URL with a prefix land under that prefix', { skip: noRedis }, async () => {
  const prefix = `cq-${randomUUID().slice(0, 8)}-`;
  const storage = await openStorage({ url: `${REDIS}?prefix=${prefix}` });
  try {
    await storage.conversations.remember('slack:U1', { platform: 'slack', conversationId: 'D1' });
  } finally {
    await storage.close();
  }
  assert.ok((await deleteKeys(prefix)) > 0, 'the keys were written under the prefix');
});

test('two instances, one change enqueued by both: each subscriber gets it once', { skip: noRedis }, async () => {
  const e = await env(2);
  const queues: NotifyQueues[] = [];
  try {
    const users = Array.from({ length: 60 }, (_, i) => `U${i}`);
    await subscribe(e.storage, users);
    const sent: string[] = [];
    const deliver: Deliver = async (target) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      sent.push(target.userId ?? '?');
    };
    for (const [i, redis] of e.redis.entries()) {
      queues.push(startNotifyQueues({ redis, storage: e.storage, settings, platforms: ['slack'], deliver, logger: silent, instanceId: `i${i}` }));
    }
    const change = await zoomChange();
    await Promise.all(queues.map((q) => q.enqueue([change])));
    await queues[1]?.enqueue([change]); // and again later
    await eventually(() => (sent.length >= users.length ? true : undefined), () => `${users.length} deliveries (have ${sent.length})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(sent.length, users.length);
    assert.equal(new Set(sent).size, users.length);
    const fannedOut = queues.reduce((n, q) => n + q.stats().fannedOut, 0);
    assert.equal(fannedOut, 1, 'one fan-out job for the change');
    assert.ok(queues.every((q) => q.stats().delivered > 0), 'both instances delivered a share');
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    await e.close();
  }
});

test('a 429 pauses the platform for its Retry-After without using an attempt; permanent failures are dead-lettered', { skip: noRedis }, async () => {
  const e = await env(1);
  let q: NotifyQueues | undefined;
  try {
    await subscribe(e.storage, ['UOK', 'ULIMIT', 'UGONE']);
    await e.storage.subscriptions.subscribe('slack:UNOTARGET', { kind: 'tool', id: 'zoom' }); // no conversation stored
    const sent = new Map<string, number>();
    let limited = 0;
    let pausedUntil = 0;
    const deliver: Deliver = async (target: ConversationTarget, notice: ChangeNotice) => {
      assert.equal(notice.toolId, 'zoom');
      const u = target.userId ?? '?';
      if (u === 'UGONE') throw new PermanentDeliveryError('channel_not_found');
      if (u === 'ULIMIT' && limited === 0) {
        limited++;
        pausedUntil = Date.now() + 600;
        throw new RetryAfterError(0.6);
      }
      if (Date.now() < pausedUntil - 50) throw new Error(`${u} was sent during the pause`);
      sent.set(u, (sent.get(u) ?? 0) + 1);
    };
    q = startNotifyQueues({ redis: e.redis[0] as ClusterRedis, storage: e.storage, settings: { ...settings, attempts: 1, concurrency: 1 }, platforms: ['slack'], deliver, logger: silent, instanceId: 'solo' });
    await q.enqueue([await zoomChange()]);
    await eventually(() => (sent.get('ULIMIT') === 1 && sent.get('UOK') === 1 ? true : undefined), () => 'UOK and ULIMIT delivered');
    // With attempts: 1, a counted rate limit would have dead-lettered ULIMIT instead.
    assert.equal(q.stats().rateLimited, 1);
    const dead = await eventually(async () => {
      const list = await e.storage.outbox.deadLetters();
      return list.length >= 2 ? list : undefined;
    }, () => 'two dead letters');
    assert.deepEqual(dead.map((d) => d.subscriber).sort(), ['slack:UGONE', 'slack:UNOTARGET']);
    assert.match(dead.find((d) => d.subscriber === 'slack:UNOTARGET')?.error ?? '', /no conversation target/);
  } finally {
    await q?.close();
    await e.close();
  }
});

test('the change recorder: instances racing over one change enqueue it once; the first start only remembers', { skip: noRedis }, async () => {
  const e = await env(3);
  const kb = await copyKnowledge();
  try {
    const enqueued: ToolChange[] = [];
    const recorders = e.redis.map((redis) =>
      createChangeRecorder({ redis, storage: e.storage, queues: { enqueue: async (c) => void enqueued.push(...c) }, knowledgeDir: kb.dir, logger: silent }),
    );
    const first = await recorders[0]?.record({ by: 'file', at: new Date() });
    assert.deepEqual(first?.changes, [], 'nothing to compare with at the first start');

    await writeFile(kb.tool('zoom'), (await readFile(kb.tool('zoom'), 'utf8')).replace(/^status: \w+$/m, 'status: prohibited'));
    const results = await Promise.all(recorders.map((r) => r.record({ by: 'file', at: new Date() })));
    assert.equal(enqueued.length, 1, 'one change, enqueued once');
    assert.equal(enqueued[0]?.toolId, 'zoom');
    assert.equal(results.filter((r) => r.changes.length > 0).length, 1);
    const history = (await e.storage.audit.history({ kb: knowledgeBaseIdentity(kb.dir).id, toolId: 'zoom' })).entries;
    assert.equal(history.filter((h) => h.action === 'hand_edit').length, 1, 'one hand-edit audit entry for the cluster');
    assert.equal((await recorders[2]?.record({ by: 'file', at: new Date() }))?.changes.length, 0, 'nothing left later');
  } finally {
    await kb.cleanup();
    await e.close();
  }
});

test('knowledge-base versions: announced ones are loaded, missed ones caught up, a folder that does not show them is left alone', { skip: noRedis }, async () => {
  const e = await env(3);
  const shared = await copyKnowledge();
  const elsewhere = await copyKnowledge(); // an instance whose folder is not the shared one
  const syncs: { close(): Promise<void> }[] = [];
  try {
    const holders = await Promise.all([shared.dir, shared.dir, elsewhere.dir].map(async (dir) => ({ dir, kb: await loadKnowledgeBase(dir) })));
    const [a, b, stray] = await Promise.all(
      holders.map((h, i) =>
        startKbSync({
          redis: e.redis[i] as ClusterRedis,
          instanceId: `i${i}`,
          knowledgeDir: h.dir,
          current: () => h.kb,
          apply: (kb: KnowledgeBase) => void (h.kb = kb),
          logger: silent,
          retryDelaysMs: [20, 40],
        }),
      ),
    );
    syncs.push(a!, b!, stray!);
    const edit = async (status: string) => {
      await writeFile(shared.tool('zoom'), (await readFile(shared.tool('zoom'), 'utf8')).replace(/^status: \w+$/m, `status: ${status}`));
      return loadKnowledgeBase(shared.dir);
    };

    // A changes the shared folder and announces it: B follows; the stray instance keeps its base.
    const v2 = await edit('prohibited');
    holders[0]!.kb = v2;
    const strayBefore = holders[2]!.kb.version;
    await a!.announce(v2.version);
    await eventually(() => (holders[1]!.kb.version === v2.version ? true : undefined), () => 'B on the announced version');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(holders[2]!.kb.version, strayBefore, 'a folder without the announced version is not applied');

    // A version stored while B missed the message (Redis away): B's next check catches up.
    const v3 = await edit('pending');
    await e.redis[0]!.command.set(kbVersionKey(e.prefix), v3.version);
    assert.equal(holders[1]!.kb.version, v2.version);
    await b!.check();
    assert.equal(holders[1]!.kb.version, v3.version);
    assert.equal(holders[1]!.kb.tools.get('zoom')?.status, 'pending');
  } finally {
    await Promise.all(syncs.map((s) => s.close()));
    await shared.cleanup();
    await elsewhere.cleanup();
    await e.close();
  }
});
