// Three real instances sharing one knowledge folder and one Redis: a change made through one of
// them (an admin command in chat) is answered from by all of them within seconds, and every
// subscriber is notified exactly once, whichever instance made the change; a hand edit of the
// folder, which every instance's watcher sees, is notified once too.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import type { Storage } from '../src/storage/index.js';
import { ADMIN_USER, eventually, postsByChannel, startClusterFixture, type ClusterFixture, type Instance } from './helpers/cluster-harness.js';
import { describeNeeding, skipUnless } from './helpers/services.js';

const SLACK_SUBSCRIBERS = 40;
const TEAMS_SUBSCRIBERS = 3;
const slackUser = (i: number) => `USUB${String(i).padStart(3, '0')}`;
const teamsConversation = (i: number) => `a:teams-sub-${i}`;

async function askWeb(instance: Instance, question: string): Promise<{ verdict: string }> {
  const res = await fetch(`${instance.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  assert.equal(res.status, 200);
  return (await res.json()) as { verdict: string };
}

async function versionOf(instance: Instance): Promise<string> {
  const res = await fetch(`${instance.url}/healthz`);
  return ((await res.json()) as { knowledgeBase: { version: string } }).knowledgeBase.version;
}

await describeNeeding(['redis'], 'three instances, one change', () => {
  let c: ClusterFixture;
  let instances: Instance[];
  let storage: Storage;

  before(async () => {
    c = await startClusterFixture();
    storage = await c.storage();
    // Subscribers of Zoom on both platforms, stored the way the subscribe command stores them.
    for (let i = 0; i < SLACK_SUBSCRIBERS; i++) {
      const u = slackUser(i);
      await storage.conversations.remember(`slack:${u}`, { platform: 'slack', conversationId: `D${u}`, userId: u }, i % 2 === 0 ? 'de' : 'en');
    }
    await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, Array.from({ length: SLACK_SUBSCRIBERS }, (_, i) => `slack:${slackUser(i)}`));
    for (let i = 0; i < TEAMS_SUBSCRIBERS; i++) {
      const target: ConversationTarget = {
        platform: 'teams',
        conversationId: teamsConversation(i),
        userId: `29:teams-user-${i}`,
        reference: {
          channelId: 'msteams',
          serviceUrl: c.connector.url,
          conversation: { id: teamsConversation(i), conversationType: 'personal' },
          user: { id: `29:teams-user-${i}` },
          bot: { id: '28:bot' },
        },
      };
      await storage.conversations.remember(`teams:29:teams-user-${i}`, target, 'en');
      await storage.subscriptions.subscribe(`teams:29:teams-user-${i}`, { kind: 'category', id: 'video-conferencing' });
    }
    instances = await c.start(3);
  });
  after(() => c.cleanup());

  const notices = () => postsByChannel(c.slack, (ch) => ch.startsWith('USUB'));
  const teamsNotices = () => {
    const counts = new Map<string, number>();
    for (const a of c.connector.activities) if (a.conversationId.startsWith('a:teams-sub-')) counts.set(a.conversationId, (counts.get(a.conversationId) ?? 0) + 1);
    return counts;
  };

  test('an admin change on one instance: all answer from the new base, each subscriber is told once', async () => {
    const [a, b, cc] = instances as [Instance, Instance, Instance];
    assert.equal((await askWeb(b, 'May I use Zoom for a confidential call?')).verdict, 'not_allowed');
    assert.equal((await askWeb(cc, 'Darf ich Zoom mit Bürgern nutzen?')).verdict, 'conditional', 'restricted before the change');

    const started = Date.now();
    assert.equal(await c.slackDm(a, 'admin status zoom prohibited', { user: ADMIN_USER }), 200);
    const reply = await eventually(
      () => c.slack.callsOf('chat.postMessage').find((call) => call.body.channel === `D${ADMIN_USER}`),
      () => 'the reply to the admin',
    );
    assert.match(String(reply.body.text), /Zoom/);

    // B and C answer from the new base within seconds.
    const versionA = await versionOf(a);
    await eventually(async () => ((await versionOf(b)) === versionA && (await versionOf(cc)) === versionA ? true : undefined), () => 'B and C on the new version', 10_000);
    assert.equal((await askWeb(cc, 'Darf ich Zoom mit Bürgern nutzen?')).verdict, 'not_allowed', 'prohibited now, on another instance');
    const syncedMs = Date.now() - started;
    assert.ok(syncedMs < 10_000, `synced after ${syncedMs} ms`);

    // Every subscriber once: 40 on Slack, 3 on Teams (subscribed to Zoom's category).
    await eventually(() => (notices().size === SLACK_SUBSCRIBERS && teamsNotices().size === TEAMS_SUBSCRIBERS ? true : undefined), () => `all notified (slack ${notices().size}, teams ${teamsNotices().size})`);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a second enqueue's duplicates would have arrived by now
    assert.deepEqual([...new Set(notices().values())], [1], 'each Slack subscriber exactly once');
    assert.deepEqual([...new Set(teamsNotices().values())], [1], 'each Teams subscriber exactly once');
    const first = c.slack.callsOf('chat.postMessage').find((call) => call.body.channel === slackUser(0));
    assert.match(JSON.stringify(first?.body), /Zoom/);
    assert.match(JSON.stringify(first?.body), /(untersagt|prohibited|nicht erlaubt|Verboten|verboten)/i);
  });

  test('a hand edit of the shared folder, seen by every watcher, is notified once', async () => {
    const file = c.kb.tool('zoom');
    const text = await readFile(file, 'utf8');
    // Back to restricted, on another day: a new change with its own id.
    await writeFile(file, text.replace(/^status: \w+$/m, 'status: restricted').replace(/^updated: .*$/m, 'updated: 2031-02-03'));
    const versions = await eventually(
      async () => {
        const all = await Promise.all(instances.map(versionOf));
        return new Set(all).size === 1 && notices().get(slackUser(0)) === 2 ? all : undefined;
      },
      () => 'all instances on the edited version and the second notice out',
    );
    assert.equal(versions.length, 3);
    await eventually(() => ([...notices().values()].every((n) => n === 2) && notices().size === SLACK_SUBSCRIBERS ? true : undefined), () => 'second notice to all');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.deepEqual([...new Set(notices().values())], [2], 'two changes, two notices each, no more');
    assert.deepEqual([...new Set(teamsNotices().values())], [2]);
  });
});
