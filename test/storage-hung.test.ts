// A hung store (a redis-server stopped with SIGSTOP: its port still accepts, nothing answers, as in a
// network partition) costs a reply a second or two at most: the first operation runs into the short
// timeout and opens the store's circuit breaker, later ones fail at once, dedupe answers from memory,
// and everything works again once the server continues. Timeouts here are hang detectors.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { StorageUnavailableError } from '../src/errors.js';
import { openStorage } from '../src/storage/index.js';
import { eventually, startClusterFixture, type ClusterFixture, type Instance } from './helpers/cluster-harness.js';
import { skipUnless } from './helpers/services.js';

const noRedis = await skipUnless('redis');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server of the test's own, so it can be stopped without touching anyone else's. */
async function startOwnRedis(): Promise<{ port: number; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await eventually(
    () =>
      new Promise<true | undefined>((resolve) => {
        const probe = createServer();
        probe.once('error', () => resolve(true)); // the port is taken: the server is up
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
      }),
    () => `redis-server on ${port}`,
    10_000,
  );
  return {
    port,
    process: child,
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await once(child, 'exit').catch(() => undefined);
    },
  };
}

/** Rejects if `p` takes longer than `ms`: a hang detector, not a speed measurement. */
function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms (a hung store held it up)`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

let redis: Awaited<ReturnType<typeof startOwnRedis>>;
before(async () => {
  if (!noRedis) redis = await startOwnRedis();
});
after(() => redis?.stop());

test('storage on a SIGSTOPped Redis: one timeout opens the breaker, later operations fail at once, all works after SIGCONT', { skip: noRedis }, async () => {
  const storage = await openStorage({ url: `redis://127.0.0.1:${redis.port}`, prefix: `hung-${randomUUID().slice(0, 8)}-`, breakerCoolDownMs: 300 });
  try {
    await storage.subscriptions.subscribe('slack:U1', { kind: 'tool', id: 'zoom' });
    redis.process.kill('SIGSTOP');
    // The first operation waits out the short timeout (1.5 s by default), not the old 10 s.
    await within(4_000, assert.rejects(storage.dedupe.firstSeen('e1', 60_000), StorageUnavailableError), 'the first operation');
    // The breaker is open: the next ones are refused without asking the store.
    const refused = await storage.subscriptions.list('slack:U1').then(
      () => assert.fail('a hung store cannot answer'),
      (err: unknown) => err,
    );
    assert.ok(refused instanceof StorageUnavailableError);
    assert.match(String((refused as Error).message), /circuit breaker open/);

    redis.process.kill('SIGCONT');
    const list = await eventually(async () => storage.subscriptions.list('slack:U1').catch(() => undefined), () => 'the store answering again', 10_000);
    assert.deepEqual(list, [{ kind: 'tool', id: 'zoom' }]);
  } finally {
    redis.process.kill('SIGCONT');
    await storage.close().catch(() => undefined);
  }
});

test('the server on a SIGSTOPped Redis: questions and Slack messages answered, "subscribe" told it is unavailable, without waiting for the store', { skip: noRedis }, async () => {
  let c: ClusterFixture | undefined;
  try {
    c = await startClusterFixture({ redisPort: redis.port });
    const [bot] = (await c.start(1)) as [Instance];
    const fixture = c;
    const posts = (channel: string) => fixture.slack.callsOf('chat.postMessage').filter((call) => call.body.channel === channel);
    redis.process.kill('SIGSTOP');

    const res = await within(
      4_000,
      fetch(`${bot.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'May I use Zoom for a confidential call?' }) }),
      'a web question',
    );
    assert.equal(((await res.json()) as { verdict: string }).verdict, 'not_allowed');

    // A Slack question goes through the shared dedupe: answered from this instance's memory.
    assert.equal(await within(4_000, c.slackDm(bot, 'Darf ich Zoom mit Bürgern nutzen?', { user: 'UHUNG1' }), 'the Slack ack'), 200);
    await eventually(() => posts('DUHUNG1')[0], () => 'the Slack answer while Redis is hung', 4_000);
    // The same event again (Slack's retry) is still answered once.
    assert.equal(await c.slackDm(bot, 'Darf ich Zoom mit Bürgern nutzen?', { user: 'UHUNG2', eventId: 'EvHUNG' }), 200);
    assert.equal(await c.slackDm(bot, 'Darf ich Zoom mit Bürgern nutzen?', { user: 'UHUNG2', eventId: 'EvHUNG' }), 200);
    await eventually(() => posts('DUHUNG2')[0], () => 'the answer to the first delivery', 4_000);

    assert.equal(await c.slackDm(bot, 'subscribe zoom', { user: 'UHUNG3' }), 200);
    const reply = await eventually(() => posts('DUHUNG3')[0], () => 'the reply to "subscribe zoom"', 4_000);
    assert.match(String(reply.body.text), /not available right now/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(posts('DUHUNG2').length, 1, 'a retried event is answered once');
  } finally {
    redis.process.kill('SIGCONT');
    await c?.cleanup();
  }
});
