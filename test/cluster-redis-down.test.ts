// Redis unreachable (a TCP proxy between the instances and Redis, cut and restored): questions are
// still answered from the knowledge base in memory, subscribing says it is unavailable for now, an
// admin change acknowledged meanwhile is not lost (its notification goes out once Redis is back,
// exactly once) and the instances recover by themselves.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_USER, eventually, startClusterFixture, type ClusterFixture, type Instance } from './helpers/cluster-harness.js';
import { describeNeeding, skipUnless, type Service } from './helpers/services.js';

let c: ClusterFixture;
let a: Instance;
let b: Instance;

const noRedis = await skipUnless('redis');
before(async () => {
  if (noRedis) return;
  c = await startClusterFixture({ proxy: true });
  const storage = await c.storage();
  await storage.conversations.remember('slack:UWAITS', { platform: 'slack', conversationId: 'DUWAITS', userId: 'UWAITS' }, 'en');
  await storage.subscriptions.subscribe('slack:UWAITS', { kind: 'tool', id: 'zoom' });
  [a, b] = (await c.start(2)) as [Instance, Instance];
});
after(() => c?.cleanup());

const postsTo = (channel: string) => c.slack.callsOf('chat.postMessage').filter((call) => call.body.channel === channel);
const lastText = (channel: string) => String(postsTo(channel).at(-1)?.body.text ?? '');

async function askWeb(instance: Instance, question: string): Promise<{ status: number; verdict?: string }> {
  const res = await fetch(`${instance.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  const body = (await res.json()) as { verdict?: string };
  return { status: res.status, ...(body.verdict !== undefined ? { verdict: body.verdict } : {}) };
}


test('Redis down: questions answered, subscribing unavailable, an admin change kept; all recover when it is back', { skip: noRedis }, async () => {
  const proxy = c.proxy;
  assert.ok(proxy);
  proxy.cut();

  // Questions: web and Slack, on both instances, from memory.
  const started = Date.now();
  assert.deepEqual(await askWeb(b, 'May I use Zoom for a confidential call?'), { status: 200, verdict: 'not_allowed' });
  assert.equal(await c.slackDm(a, 'Darf ich Zoom mit Bürgern nutzen?', { user: 'UQUESTION' }), 200);
  await eventually(() => postsTo('DUQUESTION')[0], () => 'the Slack answer while Redis is down', 10_000);
  assert.ok(Date.now() - started < 8_000, 'answered without waiting for Redis');

  // Subscribing says clearly that it is unavailable for now.
  assert.equal(await c.slackDm(b, 'subscribe zoom', { user: 'ULATER' }), 200);
  await eventually(() => postsTo('DULATER')[0], () => 'the reply to "subscribe zoom"', 10_000);
  assert.match(lastText('DULATER'), /not available right now/);

  // An admin change is written to the shared folder and acknowledged; Redis cannot take its notification yet.
  assert.equal(await c.slackDm(a, 'admin status zoom prohibited', { user: ADMIN_USER }), 200);
  await eventually(() => postsTo(`D${ADMIN_USER}`)[0], () => 'the reply to the admin', 10_000);
  assert.match(lastText(`D${ADMIN_USER}`), /Zoom/);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(postsTo('UWAITS').length, 0, 'no notification while Redis is down');
  assert.equal((await askWeb(a, 'Darf ich Zoom mit Bürgern nutzen?')).verdict, 'not_allowed', 'the changing instance answers from the new base at once');

  // Redis is back: the notification goes out once, subscribing works again, all on one version.
  proxy.restore();
  await eventually(() => postsTo('UWAITS')[0], () => 'the notification of the change made while Redis was down', 20_000);
  await eventually(async () => ((await askWeb(b, 'Darf ich Zoom mit Bürgern nutzen?')).verdict === 'not_allowed' ? true : undefined), () => 'B on the new base', 10_000);
  await eventually(
    async () => {
      const before = postsTo('DULATER').length;
      await c.slackDm(b, 'subscribe zoom', { user: 'ULATER' });
      await eventually(() => (postsTo('DULATER').length > before ? true : undefined), () => 'a reply', 10_000);
      return /not available/.test(lastText('DULATER')) ? undefined : true;
    },
    () => 'subscribing to work again',
    20_000,
  );
  assert.match(lastText('DULATER'), /Zoom/);
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  assert.equal(postsTo('UWAITS').length, 1, 'notified exactly once');
  assert.ok(!a.exited() && !b.exited(), 'both instances ran through it');
});
