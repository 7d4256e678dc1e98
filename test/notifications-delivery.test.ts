// The outbox and the delivery worker on SQLite and on the real Redis: every subscriber gets exactly
// one notice although `deliver` fails now and then and answers "retry after"; failures end in the
// dead letters; the platform pause is honoured; stop() waits for deliveries in flight.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { startDelivery, type Deliver } from '../src/notifications/delivery.js';
import { diffKnowledgeBases, type ToolChange } from '../src/notifications/diff.js';
import { PermanentDeliveryError, RetryAfterError } from '../src/errors.js';
import { enqueueChange } from '../src/notifications/outbox.js';
import { childLogger } from '../src/logger.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { ComplianceCore } from '../src/core.js';
import { startFakeSlackApi } from './fakes/slack-api.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';
import { storageBackends } from './helpers/backends.js';
import { describeNeeding, skipUnless } from './helpers/services.js';

const quiet = childLogger('delivery-test');
quiet.level = 'silent'; // the dead-letter warnings below are expected

const tmp = mkdtempSync(path.join(tmpdir(), 'notifications-delivery-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const ORG = 'name: Example Agency\ndefault_language: de\n';
const before = kbFromFiles({ 'organization.yaml': ORG, 'tools/zoom.yaml': toolYaml('Zoom', 'pending', 'category: video-conferencing\n') });
const afterKb = kbFromFiles({ 'organization.yaml': ORG, 'tools/zoom.yaml': toolYaml('Zoom', 'approved', 'category: video-conferencing\n') });
const change: ToolChange = diffKnowledgeBases(before, afterKb, { by: 'slack:UADMIN', at: new Date('2024-02-01T10:00:00Z') })[0] as ToolChange;

/** Subscribes `n` people (platform chosen by `platformOf`) and stores where to reach them. */
async function subscribeMany(storage: Storage, n: number, platformOf: (i: number) => 'slack' | 'teams' = () => 'slack'): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(`${platformOf(i)}:P${i}`);
  // Three ways in, to check that each subscriber is still told once.
  await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, keys);
  await storage.subscriptions.subscribeMany({ kind: 'category', id: 'video-conferencing' }, keys.filter((_, i) => i % 2 === 0));
  await storage.subscriptions.subscribeMany({ kind: 'all' }, keys.filter((_, i) => i % 3 === 0));
  for (let i = 0; i < keys.length; i += 200) {
    await Promise.all(
      keys.slice(i, i + 200).map((k, j) => {
        const [platform, id] = k.split(':') as ['slack' | 'teams', string];
        return storage.conversations.remember(k, { platform, conversationId: `D-${id}`, userId: id }, (i + j) % 4 === 0 ? 'en' : undefined);
      }),
    );
  }
  return keys;
}

/** Records each successful delivery (as the platform would have accepted it). */
function recorder() {
  const delivered: { key: string; notice: ChangeNotice; at: number; platform: string }[] = [];
  const counts = new Map<string, number>();
  return {
    delivered,
    counts,
    accept(target: ConversationTarget, notice: ChangeNotice) {
      const key = `${target.platform}:${target.userId}`;
      delivered.push({ key, notice, at: Date.now(), platform: target.platform });
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    duplicates: () => [...counts.values()].filter((c) => c > 1).length,
  };
}

const BACKENDS = storageBackends({ sqlitePath: () => path.join(tmp, `${randomUUID()}.sqlite`), prefix: () => `t-${randomUUID().slice(0, 8)}-`, only: ['sqlite', 'redis'] });

for (const backend of BACKENDS) {
  await describeNeeding(backend.needs, `delivery on ${backend.name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openStorage(backend.options());
    });
    afterEach(async () => {
      await storage.clearAll();
      await storage.close();
    });

    test('failures and rate limits: every subscriber gets exactly one notice, in their language', async () => {
      const keys = await subscribeMany(storage, 400, (i) => (i % 5 === 0 ? 'teams' : 'slack'));
      const rec = recorder();
      let calls = 0;
      let slackCalls = 0;
      let pauseEnds = 0;
      const slackCallsDuringPause: number[] = [];
      const teamsCallsDuringPause: number[] = [];
      const deliver: Deliver = async (target, notice) => {
        const n = ++calls;
        const s = target.platform === 'slack' ? ++slackCalls : 0;
        const now = Date.now();
        if (now < pauseEnds) (target.platform === 'slack' ? slackCallsDuringPause : teamsCallsDuringPause).push(now);
        await new Promise((r) => setTimeout(r, 1));
        if (n % 7 === 0) throw new Error('HTTP 502 from the platform');
        if (s % 53 === 0 && s > 0) {
          // Started before the pause: a call in flight may still answer, the next ones must wait.
          pauseEnds = Math.max(pauseEnds, Date.now() + 300);
          throw new RetryAfterError(0.3);
        }
        rec.accept(target, notice);
      };
      const summary = await enqueueChange(storage, change);
      assert.equal(summary.items, 400);
      const again = await enqueueChange(storage, change);
      assert.equal(again.added, false, 'the same change enqueued twice is one notice');

      const worker = startDelivery({ storage, deliver, concurrency: 8, backoff: { baseMs: 10, maxMs: 50 }, maxAttempts: 10, pollMs: 50, logger: quiet });
      await worker.whenIdle();
      await worker.stop();

      assert.equal(rec.delivered.length, 400, 'all delivered');
      assert.equal(rec.duplicates(), 0, 'no duplicates');
      assert.deepEqual([...rec.counts.keys()].sort(), [...keys].sort());
      const stats = worker.stats();
      assert.equal(stats.delivered, 400);
      assert.ok(stats.failedAttempts > 0 && stats.rateLimited > 0, JSON.stringify(stats));
      assert.equal(stats.deadLettered, 0);
      // At most the calls already started when the 429 came (concurrency) may fall into the pause.
      assert.ok(slackCallsDuringPause.length <= 8 * stats.rateLimited, `slack calls during a pause: ${slackCallsDuringPause.length}`);
      assert.deepEqual(await storage.outbox.pendingBatches(), []);

      const en = rec.delivered.find((d) => d.key === 'slack:P4');
      const de = rec.delivered.find((d) => d.key === 'slack:P1');
      assert.equal(en?.notice.language, 'en');
      assert.deepEqual(en?.notice.changes, ['Status: under assessment → approved']);
      assert.equal(de?.notice.language, 'de', 'language unknown: the organisation default');
      assert.equal(de?.notice.id, change.id);
      assert.equal(de?.notice.by, 'slack:UADMIN');
    });

    test('a platform that says "retry after" is paused for that long; the other platform goes on', async () => {
      await subscribeMany(storage, 60, (i) => (i % 2 === 0 ? 'teams' : 'slack'));
      const rec = recorder();
      let limited = false;
      let pausedAt = 0;
      const deliver: Deliver = async (target, notice) => {
        if (target.platform === 'slack' && !limited) {
          limited = true;
          pausedAt = Date.now();
          throw new RetryAfterError(0.5);
        }
        await new Promise((r) => setTimeout(r, 2));
        rec.accept(target, notice);
      };
      await enqueueChange(storage, change);
      const worker = startDelivery({ storage, deliver, concurrency: 1, pollMs: 50, logger: quiet });
      await worker.whenIdle();
      await worker.stop();
      const slackTimes = rec.delivered.filter((d) => d.platform === 'slack').map((d) => d.at - pausedAt);
      const teamsTimes = rec.delivered.filter((d) => d.platform === 'teams').map((d) => d.at - pausedAt);
      assert.equal(slackTimes.length, 30);
      assert.equal(teamsTimes.length, 30);
      assert.ok(Math.min(...slackTimes) >= 490, `first Slack delivery ${Math.min(...slackTimes)} ms after the 429`);
      assert.ok(teamsTimes.some((t) => t < 450), 'Teams deliveries went on during the Slack pause');
      assert.equal(rec.duplicates(), 0);
      assert.equal(worker.stats().failedAttempts, 0, 'a rate limit is not a failed attempt');
    });

    test('dead letters: after maxAttempts, at once for a permanent error, and without a stored target', async () => {
      const keys = await subscribeMany(storage, 10);
      await storage.subscriptions.subscribe('slack:NOWHERE', { kind: 'tool', id: 'zoom' }); // no conversation stored
      const rec = recorder();
      const tries = new Map<string, number>();
      const deliver: Deliver = async (target, notice) => {
        const key = `${target.platform}:${target.userId}`;
        tries.set(key, (tries.get(key) ?? 0) + 1);
        if (key === 'slack:P1') throw new Error('HTTP 500');
        if (key === 'slack:P2') throw new PermanentDeliveryError('channel_not_found');
        rec.accept(target, notice);
      };
      await enqueueChange(storage, change);
      const worker = startDelivery({ storage, deliver, maxAttempts: 3, backoff: { baseMs: 5, maxMs: 20 }, pollMs: 50, logger: quiet });
      await worker.whenIdle();
      await worker.stop();
      assert.equal(tries.get('slack:P1'), 3);
      assert.equal(tries.get('slack:P2'), 1);
      assert.equal(rec.delivered.length, keys.length - 2);
      const dead = await storage.outbox.deadLetters();
      assert.deepEqual(dead.map((d) => d.subscriber).sort(), ['slack:NOWHERE', 'slack:P1', 'slack:P2']);
      assert.match(dead.find((d) => d.subscriber === 'slack:P1')?.error ?? '', /HTTP 500/);
      assert.equal(dead.find((d) => d.subscriber === 'slack:P1')?.attempts, 3);
      assert.equal(worker.stats().deadLettered, 3);
      assert.deepEqual(await storage.outbox.pendingBatches(), [], 'dead letters do not keep the outbox busy');
    });

    test('stop() waits for deliveries in flight and records them; a new worker sends the rest once', async () => {
      await subscribeMany(storage, 40);
      const rec = recorder();
      let started = 0;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const slow: Deliver = async (target, notice) => {
        started++;
        await gate;
        rec.accept(target, notice);
      };
      await enqueueChange(storage, change);
      const first = startDelivery({ storage, deliver: slow, concurrency: 4, pollMs: 50, logger: quiet });
      while (started < 4) await new Promise((r) => setTimeout(r, 5));
      const stopping = first.stop();
      let stopped = false;
      void stopping.then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(stopped, false, 'stop() waits while deliveries are in flight');
      release();
      await stopping;
      assert.equal(rec.delivered.length, 4);
      assert.equal(first.stats().delivered, 4, 'the four in flight were recorded as done');

      const second = startDelivery({ storage, deliver: async (t, n) => rec.accept(t, n), pollMs: 50, logger: quiet });
      await second.whenIdle();
      await second.stop();
      assert.equal(rec.delivered.length, 40);
      assert.equal(rec.duplicates(), 0);
    });

    test('work enqueued while the worker runs is picked up (kick or poll)', async () => {
      const rec = recorder();
      const worker = startDelivery({ storage, deliver: async (t, n) => rec.accept(t, n), pollMs: 100, logger: quiet });
      await worker.whenIdle();
      await subscribeMany(storage, 5);
      await enqueueChange(storage, change);
      worker.kick();
      await worker.whenIdle();
      assert.equal(rec.delivered.length, 5);
      await worker.stop();
    });
  });
}

test('through the real Slack adapter to a fake Slack API: 429 Retry-After and errors, each user exactly once', async () => {
  const slack = await startFakeSlackApi();
  const storage = await openStorage({ sqlitePath: path.join(tmp, 'slack-adapter.sqlite') });
  try {
    const keys = await subscribeMany(storage, 40);
    slack.rateLimit({ share: 0.05, retryAfterSeconds: 1, methods: ['chat.postMessage'] });
    slack.failNext('chat.postMessage', 'internal_error', 3);
    const adapter = createSlackAdapter({ core: new ComplianceCore(afterKb), botToken: 'xoxb-test', signingSecret: 'secret', apiUrl: slack.apiUrl, logger: quiet });
    await enqueueChange(storage, change);
    const started = Date.now();
    const worker = startDelivery({
      storage,
      deliver: (target, notice) => adapter.notify(target, notice),
      concurrency: 4,
      backoff: { baseMs: 10, maxMs: 50 },
      pollMs: 50,
      logger: quiet,
    });
    await worker.whenIdle();
    await worker.stop();
    const posts = slack.callsOf('chat.postMessage');
    const channels = posts.map((p) => String(p.body.channel));
    assert.equal(new Set(channels).size, 40, 'every subscriber');
    // The three internal_error answers were retried, so 43 successful HTTP answers carried 40 messages.
    assert.equal(channels.filter((c, i) => channels.indexOf(c) !== i).length, 3);
    assert.deepEqual([...new Set(channels)].sort(), keys.map((k) => k.split(':')[1]).sort());
    const stats = worker.stats();
    assert.equal(stats.delivered, 40);
    assert.equal(stats.failedAttempts, 3);
    assert.ok(stats.rateLimited >= 2, `429s seen by the worker: ${stats.rateLimited}`);
    assert.ok(Date.now() - started >= 1000 * Math.min(2, stats.rateLimited) - 50, 'Retry-After: 1 was waited for');
  } finally {
    await storage.close();
    await slack.close();
  }
});
