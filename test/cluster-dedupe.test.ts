// Two real instances behind an imaginary load balancer, on the real Redis: a Slack event or a Teams
// activity that reaches both (Slack retries land anywhere; the Bot Connector retries too) is
// answered exactly once, and index keys written by both at the same moment lose nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { directMessageEvent, postSigned } from './fakes/slack-api.js';
import { eventually, SIGNING_SECRET, startClusterFixture, type ClusterFixture, type Instance } from './helpers/cluster-harness.js';
import { openStorage } from '../src/storage/index.js';
import { describeNeeding, skipUnless } from './helpers/services.js';

await describeNeeding(['redis'], 'two instances on one Redis', () => {
  let c: ClusterFixture;
  let a: Instance;
  let b: Instance;

  before(async () => {
    c = await startClusterFixture();
    [a, b] = (await c.start(2)) as [Instance, Instance];
  });
  after(() => c.cleanup());

  test('the same Slack event posted to both instances is answered once', async () => {
    const request = directMessageEvent({ text: 'Darf ich Zoom mit Bürgern nutzen?', user: 'UDEDUPE', channel: 'DUDEDUPE', event_id: 'EvDedupe1' });
    const statuses = await Promise.all([
      postSigned(`${a.url}/slack/events`, SIGNING_SECRET, request),
      postSigned(`${b.url}/slack/events`, SIGNING_SECRET, request),
    ]);
    assert.deepEqual(statuses.map((s) => s.status), [200, 200], 'both acknowledge (Slack would retry otherwise)');
    // Slack's retry a little later, to the other instance, with its retry header.
    await c.slack.waitFor('chat.postMessage', 1);
    const retry = await postSigned(`${b.url}/slack/events`, SIGNING_SECRET, request, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    assert.equal(retry.status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answers = c.slack.callsOf('chat.postMessage').filter((call) => call.body.channel === 'DUDEDUPE');
    assert.equal(answers.length, 1, 'one answer for one event, whichever instance got it');
  });

  test('different events are each answered (dedupe is per event id)', async () => {
    for (const [i, instance] of [a, b].entries()) {
      assert.equal(await c.slackDm(instance, 'May I use Zoom for a confidential call?', { user: 'UDISTINCT', eventId: `EvDistinct${i}` }), 200);
    }
    await eventually(
      () => (c.slack.callsOf('chat.postMessage').filter((call) => call.body.channel === 'DUDISTINCT').length === 2 ? true : undefined),
      () => 'two answers in DUDISTINCT',
    );
  });

  test('the same Teams activity posted to both instances is answered once', async () => {
    const activity = {
      type: 'message',
      id: 'teams-activity-dedupe-1',
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: c.connector.url,
      from: { id: '29:dedupe-user', name: 'Dedupe User', aadObjectId: '00000000-0000-0000-0000-00000000d0d0' },
      recipient: { id: '28:bot', name: 'compliance-bot' },
      conversation: { id: 'a:dedupe-conversation', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      locale: 'de-DE',
      text: 'Darf ich Zoom mit Bürgern nutzen?',
    };
    const post = (instance: Instance) =>
      fetch(`${instance.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const responses = await Promise.all([post(a), post(b)]);
    for (const r of responses) assert.ok(r.status < 300, `status ${r.status}`);
    await c.connector.waitFor(1);
    await post(b); // the Bot Connector's redelivery, later
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const replies = c.connector.activities.filter((x) => x.conversationId === 'a:dedupe-conversation');
    assert.equal(replies.length, 1, 'one reply for one activity');
  });

  test('subscriptions written through both instances at the same moment are all kept', async () => {
    // Two storages = two processes writing the same sharded-set buckets; the Redis lock per key
    // keeps every read-modify-write whole (without it some of these subscriptions vanish).
    const first = await c.storage();
    const second = await openStorage({ url: `redis://127.0.0.1:6379/0?prefix=${c.prefix}` });
    try {
      const keys = Array.from({ length: 300 }, (_, i) => `slack:ULOCK${i}`);
      await Promise.all(keys.map((k, i) => (i % 2 === 0 ? first : second).subscriptions.subscribe(k, { kind: 'tool', id: 'microsoft-365' })));
      const members = await first.subscriptions.subscribers({ kind: 'tool', id: 'microsoft-365' });
      assert.equal(members.length, keys.length);
      // And the per-subscriber lists of one subscriber, from both sides at once.
      await Promise.all(['zoom', 'zoom-licensed', 'microsoft-365'].map((id, i) => (i % 2 === 0 ? first : second).subscriptions.subscribe('slack:UMULTI', { kind: 'tool', id })));
      assert.equal((await first.subscriptions.list('slack:UMULTI')).length, 3);
    } finally {
      await second.close();
    }
  });
});
