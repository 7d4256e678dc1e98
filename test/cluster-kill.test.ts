// Killing one of three instances (SIGKILL, no shutdown) in the middle of a fan-out to 2,000
// subscribers, with Slack answering some posts 429 and every post a little late: the two others
// finish it. Nothing is lost and nothing is sent twice: a delivery the platform accepted just
// before the kill, whose completion was never recorded, is in doubt; the instance that takes the
// job over reads the DM back (the notice id in the message metadata) and does not send it again.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { eventually, postsByChannel, startClusterFixture, type ClusterFixture } from './helpers/cluster-harness.js';
import { describeNeeding, skipUnless, type Service } from './helpers/services.js';

const SUBSCRIBERS = 2_000;
const CONCURRENCY = 8;
const PER_SECOND = 400; // the whole fan-out takes about 5 s, so the kill lands in the middle
const LOCK_MS = 3_000;
const user = (i: number) => `UKILL${String(i).padStart(5, '0')}`;

let c: ClusterFixture;
const noRedis = await skipUnless('redis');
before(async () => {
  if (noRedis) return;
  c = await startClusterFixture();
  const storage = await c.storage();
  const keys = Array.from({ length: SUBSCRIBERS }, (_, i) => `slack:${user(i)}`);
  for (let i = 0; i < SUBSCRIBERS; i += 250) {
    await Promise.all(
      keys.slice(i, i + 250).map((k, j) => storage.conversations.remember(k, { platform: 'slack', conversationId: `D${user(i + j)}`, userId: user(i + j) }, 'de')),
    );
  }
  await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, keys);
});
after(() => c?.cleanup());


test('an instance killed mid-fan-out with 429s: the others finish it, nothing lost, nothing twice', { skip: noRedis }, async () => {
  const instances = await c.start(3, {
    CLUSTER_NOTIFY_CONCURRENCY: String(CONCURRENCY),
    CLUSTER_NOTIFY_PER_SECOND: String(PER_SECOND),
    CLUSTER_JOB_LOCK_MS: String(LOCK_MS),
  });
  const victim = instances[1];
  assert.ok(victim);

  const notices = () => postsByChannel(c.slack, (ch) => ch.startsWith('UKILL'));
  const delivered = () => [...notices().values()].reduce((a, b) => a + b, 0);

  // Some 429s, and posts answered late: some have arrived when the kill comes, unbeknown to the victim.
  c.slack.rateLimit({ share: 0.005, retryAfterSeconds: 1, methods: ['chat.postMessage'] });
  c.slack.latency(20);
  // A hand edit: every watcher sees it; the change is enqueued once.
  const file = c.kb.tool('zoom');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: \w+$/m, 'status: prohibited'));
  const started = Date.now();
  await eventually(() => (delivered() >= SUBSCRIBERS * 0.3 ? true : undefined), () => `30 % delivered (have ${delivered()})`, 30_000);
  const atKill = delivered();
  await victim.kill();
  assert.ok(atKill < SUBSCRIBERS, 'the kill came before the end');

  await eventually(() => (notices().size === SUBSCRIBERS ? true : undefined), () => `every subscriber reached (have ${notices().size} of ${SUBSCRIBERS})`, 45_000);
  const finishedMs = Date.now() - started;
  // Jobs of the killed instance return after their lock expired (plus one stalled check): wait for any straggler.
  await new Promise((resolve) => setTimeout(resolve, LOCK_MS * 2 + 500));
  const counts = notices();
  const lost = SUBSCRIBERS - counts.size;
  const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
  const line = `kill after ${atKill} of ${SUBSCRIBERS}; all delivered after ${finishedMs} ms; lost ${lost}; duplicates ${duplicates}; in-doubt notices read back ${c.slack.callsOf('conversations.history').length}`;
  console.log(line);
  assert.equal(lost, 0, line);
  assert.equal(duplicates, 0, `in-doubt notices are read back, not sent twice: ${line}`);
  assert.ok(instances.filter((i) => i !== victim).every((i) => !i.exited()), 'the survivors still run');
});
