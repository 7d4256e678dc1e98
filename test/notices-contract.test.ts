// The contract of a NotificationPipeline, the keyv way: the same tests run against every
// implementation, through the real store: the outbox on a SQLite file and on PostgreSQL (one
// instance), and the BullMQ queues on Redis (several). Each subscriber gets a notice once, in their
// language; a 429 Retry-After pauses the platform that long; permanent failures go to the store's
// dead letters; a restarted pipeline resumes; an in-doubt delivery (a claim of a crashed run with
// no recorded outcome) is read back from the platform before it is sent again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pino } from 'pino';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { connectClusterRedis, createQueuePipeline, type ClusterRedis } from '../src/cluster/index.js';
import { DEFAULT_CLUSTER_SETTINGS } from '../src/config/cluster.js';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import { createDeliveryClaims, createOutboxPipeline, pipelineKindFor, type NoticeSender, type NotificationPipeline } from '../src/notifications/index.js';
import { PermanentDeliveryError, RetryAfterError } from '../src/errors.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { deleteKeys, eventually } from './helpers/cluster-harness.js';
import { describeNeeding, type Service } from './helpers/services.js';
import { zoomProhibitedChange } from './helpers/zoom-change.js';

const silent = pino({ level: 'silent' });
const tmp = mkdtempSync(path.join(tmpdir(), 'notices-contract-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const change = zoomProhibitedChange();

const N = 40;
const user = (i: number) => `UCT${String(i).padStart(3, '0')}`;
const key = (i: number) => `slack:${user(i)}`;
const languageOf = (i: number) => (i % 2 === 0 ? 'de' : 'en');

/** One pipeline implementation on its store; `pipeline()` is a new process's pipeline on the same store. */
interface Env {
  storage: Storage;
  pipeline(): Promise<NotificationPipeline>;
  close(): Promise<void>;
}
interface Implementation {
  name: string;
  needs: Service[];
  open(): Promise<Env>;
}

function outboxOn(storage: Storage, closeStore: boolean): Env {
  const made: NotificationPipeline[] = [];
  return {
    storage,
    async pipeline() {
      assert.equal(pipelineKindFor(storage.backend), 'outbox');
      const p = createOutboxPipeline({ storage, logger: silent, pollMs: 50, concurrency: 4, maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 }, lease: false });
      made.push(p);
      return p;
    },
    async close() {
      for (const p of made) await p.stop();
      await storage.clearAll();
      if (closeStore) await storage.close();
    },
  };
}

// @keyv/postgres keeps one pool per process: the PostgreSQL handles are closed once, at the end.
const pgHandles: Storage[] = [];
after(async () => {
  await pgHandles.at(-1)?.close();
});

const IMPLEMENTATIONS: Implementation[] = [
  { name: 'outbox on a SQLite file', needs: [], open: async () => outboxOn(await openStorage({ sqlitePath: path.join(tmp, 'contract.sqlite'), prefix: `k-${randomUUID().slice(0, 8)}-` }), true) },
  {
    name: 'outbox on PostgreSQL',
    needs: ['postgres'],
    open: async () => {
      const storage = await openStorage({ url: 'postgres://postgres@127.0.0.1:5432/test', prefix: `k-${randomUUID().slice(0, 8)}-` });
      pgHandles.push(storage);
      return outboxOn(storage, false);
    },
  },
  {
    name: 'BullMQ queues on Redis',
    needs: ['redis'],
    open: async () => {
      const prefix = `kq-${randomUUID().slice(0, 8)}-`;
      const url = 'redis://127.0.0.1:6379/0';
      const storage = await openStorage({ url: `${url}?prefix=${prefix}` });
      assert.equal(pipelineKindFor(storage.backend), 'queue');
      const connections: ClusterRedis[] = [];
      const made: NotificationPipeline[] = [];
      const settings = { ...DEFAULT_CLUSTER_SETTINGS, concurrency: 4, perSecond: 1_000, attempts: 3, backoffMs: 20, lockMs: 2_000 };
      return {
        storage,
        async pipeline() {
          const redis = await connectClusterRedis({ url, prefix, logger: silent });
          connections.push(redis);
          const p = createQueuePipeline({ redis, storage, settings, logger: silent, instanceId: `run-${randomUUID().slice(0, 6)}` });
          made.push(p);
          return p;
        },
        async close() {
          for (const p of made) await p.stop();
          for (const r of connections) await r.close();
          await storage.close();
          await deleteKeys(prefix);
        },
      };
    },
  },
];

async function seed(storage: Storage): Promise<void> {
  const keys = Array.from({ length: N }, (_, i) => key(i));
  await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, keys);
  await Promise.all(keys.map((k, i) => storage.conversations.remember(k, { platform: 'slack', conversationId: `D${user(i)}`, userId: user(i) }, languageOf(i))));
}

interface Call {
  user: string;
  language: string;
  at: number;
}

/** A Slack-like sender that records every call; `behave` may throw for a call (n = that user's call number). */
function recorder(behave?: (userId: string, n: number) => Promise<void> | void, wasDelivered?: NoticeSender['wasDelivered']) {
  const calls: Call[] = [];
  const sender: NoticeSender = {
    platform: 'slack',
    async notify(target: ConversationTarget, notice: ChangeNotice) {
      const userId = target.userId as string;
      const n = calls.filter((c) => c.user === userId).length + 1;
      calls.push({ user: userId, language: notice.language, at: Date.now() });
      await behave?.(userId, n);
    },
    ...(wasDelivered ? { wasDelivered } : {}),
  };
  // Delivered = called and not thrown: the behaviours below throw only on calls they name.
  return { calls, sender, count: (u: string) => calls.filter((c) => c.user === u).length };
}

for (const impl of IMPLEMENTATIONS) {
  await describeNeeding(impl.needs, `notification pipeline contract: ${impl.name}`, () => {
    test('each subscriber gets the notice once, in their language, however often the change is enqueued', async () => {
      const env = await impl.open();
      try {
        await seed(env.storage);
        const rec = recorder();
        const p = await env.pipeline();
        await p.enqueue([change]);
        await p.start([rec.sender]);
        await p.enqueue([change]);
        await p.whenIdle();
        for (let i = 0; i < N; i++) assert.equal(rec.count(user(i)), 1, `${user(i)} notified once`);
        for (const c of rec.calls) assert.equal(c.language, languageOf(Number(c.user.slice(3))));
        assert.equal(p.stats().delivered, N);
      } finally {
        await env.close();
      }
    });

    test('a 429 with Retry-After: the subscriber is tried again no earlier than asked, without using an attempt', async () => {
      const env = await impl.open();
      try {
        await seed(env.storage);
        let limitedAt = 0;
        let limitedUser = '';
        const rec = recorder((u) => {
          if (limitedAt === 0) {
            limitedAt = Date.now();
            limitedUser = u;
            throw new RetryAfterError(0.6);
          }
        });
        const p = await env.pipeline();
        await p.start([rec.sender]);
        await p.enqueue([change]);
        await p.whenIdle();
        const again = rec.calls.filter((c) => c.user === limitedUser);
        assert.equal(again.length, 2, 'the rate-limited subscriber: the 429, then one delivery');
        assert.ok((again[1] as Call).at - limitedAt >= 550, `tried again ${(again[1] as Call).at - limitedAt} ms after a Retry-After of 600 ms`);
        for (let i = 0; i < N; i++) if (user(i) !== limitedUser) assert.equal(rec.count(user(i)), 1);
        assert.ok(p.stats().rateLimited >= 1);
        assert.equal(p.stats().failedAttempts, 0, 'a rate limit is not a failed attempt');
        assert.equal(p.stats().deadLettered, 0);
      } finally {
        await env.close();
      }
    });

    test('a permanent failure is dead-lettered at once; a passing failure is retried', async () => {
      const env = await impl.open();
      try {
        await seed(env.storage);
        const rec = recorder((u, n) => {
          if (u === user(3)) throw new PermanentDeliveryError('channel_not_found');
          if (u === user(5) && n === 1) throw new Error('socket hang up');
        });
        const p = await env.pipeline();
        await p.start([rec.sender]);
        await p.enqueue([change]);
        await p.whenIdle();
        assert.equal(rec.count(user(3)), 1, 'no retry after a permanent failure');
        assert.equal(rec.count(user(5)), 2, 'one retry after a passing failure');
        const dead = await eventually(
          async () => {
            const letters = await env.storage.outbox.deadLetters();
            return letters.length > 0 ? letters : undefined;
          },
          () => 'a dead letter in the store',
          10_000,
        );
        assert.deepEqual(dead.map((d) => d.subscriber), [key(3)]);
        assert.match(dead[0]?.error ?? '', /channel_not_found/);
        assert.equal(p.stats().deadLettered, 1);
      } finally {
        await env.close();
      }
    });

    test('a restarted pipeline resumes where the stopped one left off: nothing lost, nothing twice', async () => {
      const env = await impl.open();
      try {
        await seed(env.storage);
        const rec = recorder(() => new Promise((resolve) => setTimeout(resolve, 30)));
        const first = await env.pipeline();
        await first.start([rec.sender]);
        await first.enqueue([change]);
        await eventually(() => (rec.calls.length >= 8 ? true : undefined), () => `8 deliveries (have ${rec.calls.length})`, 20_000);
        await first.stop();
        const before = rec.calls.length;
        assert.ok(before < N, `stopped mid-way (${before} of ${N})`);
        const second = await env.pipeline();
        await second.start([rec.sender]);
        await second.whenIdle();
        for (let i = 0; i < N; i++) assert.equal(rec.count(user(i)), 1, `${user(i)} notified once`);
        assert.equal(second.stats().delivered, N - before, 'the second run sent exactly the rest');
      } finally {
        await env.close();
      }
    });

    test('in-doubt deliveries of a crashed run are read back first: found = not sent again; not found or cannot tell = sent', async () => {
      const env = await impl.open();
      try {
        await seed(env.storage);
        // A run that died with three notices handed over and no outcome recorded.
        const crashed = createDeliveryClaims(env.storage, 'run-that-crashed');
        for (const i of [0, 1, 2]) await crashed.claim(change.id, key(i), 1);
        const asked: string[] = [];
        const rec = recorder(undefined, async (target, noticeId, since) => {
          asked.push(target.userId as string);
          assert.equal(noticeId, change.id);
          assert.ok(since <= Date.now());
          return target.userId === user(0) ? true : target.userId === user(1) ? false : undefined;
        });
        const p = await env.pipeline();
        await p.start([rec.sender]);
        await p.enqueue([change]);
        await p.whenIdle();
        assert.deepEqual(asked.sort(), [user(0), user(1), user(2)], 'only the in-doubt deliveries are read back');
        assert.equal(rec.count(user(0)), 0, 'found in the conversation: not sent again');
        assert.equal(rec.count(user(1)), 1, 'not found: sent');
        assert.equal(rec.count(user(2)), 1, 'the platform cannot tell: sent');
        for (let i = 3; i < N; i++) assert.equal(rec.count(user(i)), 1);
        assert.equal(p.stats().confirmedWithoutResend, 1);
        assert.equal(p.stats().delivered, N - 1, 'sent: all but the one found delivered');
        assert.equal(p.stats().inDoubtResent, 2);
        // Marked done: a later run neither asks nor sends.
        const later = await env.pipeline();
        const rec2 = recorder(undefined, async () => true);
        await p.stop();
        await later.start([rec2.sender]);
        await later.enqueue([change]);
        await later.whenIdle();
        assert.equal(rec2.calls.length, 0);
      } finally {
        await env.close();
      }
    });
  });
}
