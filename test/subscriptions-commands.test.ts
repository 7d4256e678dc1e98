// Subscription commands in English and German, against a knowledge base built in memory and a
// real (SQLite) storage.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { executeSubscriptionCommand, parseSubscriptionCommand, subscribeFromButton, type SubscriberContext } from '../src/subscriptions/commands.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const kb = kbFromFiles({
  'organization.yaml': 'name: Example Agency\ndefault_language: de\n',
  'tools/zoom.yaml': toolYaml(
    'Zoom',
    'restricted',
    'category: video-conferencing\naliases: [zoom meetings]\nrestrictions:\n  - id: non-confidential\n    text: { de: Nicht vertraulich., en: Not confidential. }\n',
  ),
  'tools/microsoft-teams.yaml': toolYaml('Microsoft Teams', 'pending', 'category: messaging\naliases: [teams]\n'),
  'tools/jitsi.yaml': toolYaml('Jitsi Meet', 'approved', 'category: video-conferencing\n'),
});

const tmp = mkdtempSync(path.join(tmpdir(), 'subscriptions-'));
let storage: Storage;
before(async () => {
  storage = await openStorage({ sqlitePath: path.join(tmp, 's.sqlite') });
});
after(async () => {
  await storage.close();
  rmSync(tmp, { recursive: true, force: true });
});

const dm: ConversationTarget = { platform: 'slack', conversationId: 'D1', userId: 'U1' };
const channel: ConversationTarget = { platform: 'slack', conversationId: 'C9', userId: 'U1', threadId: '123.456' };
const ctx = (language: 'de' | 'en' = 'en', key = 'slack:U1'): SubscriberContext => ({
  kb,
  storage,
  subscriber: { key, target: dm, language },
  conversation: channel,
});

async function run(text: string, c = ctx()): Promise<string> {
  const cmd = parseSubscriptionCommand(text);
  assert.ok(cmd, `"${text}" should be a command`);
  return executeSubscriptionCommand(cmd, c);
}

describe('parseSubscriptionCommand', () => {
  test('English and German words, targets, "here"/"hier", mentions', () => {
    assert.deepEqual(parseSubscriptionCommand('subscribe zoom'), { action: 'subscribe', target: 'zoom', here: false, language: 'en' });
    assert.deepEqual(parseSubscriptionCommand('<@U0BOT> Subscribe Video Conferencing here'), {
      action: 'subscribe',
      target: 'Video Conferencing',
      here: true,
      language: 'en',
    });
    assert.deepEqual(parseSubscriptionCommand('abonnieren zoom hier'), { action: 'subscribe', target: 'zoom', here: true, language: 'de' });
    assert.deepEqual(parseSubscriptionCommand('abbestellen alle'), { action: 'unsubscribe', target: 'alle', here: false, language: 'de' });
    assert.deepEqual(parseSubscriptionCommand('unsubscribe zoom.'), { action: 'unsubscribe', target: 'zoom', here: false, language: 'en' });
    assert.deepEqual(parseSubscriptionCommand('subscriptions'), { action: 'list', here: false, language: 'en' });
    assert.deepEqual(parseSubscriptionCommand('Meine Abonnements'), { action: 'list', here: false, language: 'de' });
    assert.deepEqual(parseSubscriptionCommand('subscriptions here'), { action: 'list', here: true, language: 'en' });
  });

  test('questions are not commands', () => {
    for (const q of ['Darf ich Zoom mit Bürgern nutzen?', 'May I use Teams?', 'Can I subscribe to Zoom?', 'Hallo', '']) {
      assert.equal(parseSubscriptionCommand(q), null, q);
    }
  });
});

describe('executeSubscriptionCommand', () => {
  test('subscribe to a tool by id, name or alias; confirms in English; stores the DM target and language', async () => {
    const reply = await run('subscribe zoom');
    assert.match(reply, /You will be notified when the status or conditions of Zoom change/);
    assert.match(await run('subscribe Zoom Meetings'), /already subscribed to Zoom/);
    assert.deepEqual(await storage.subscriptions.subscribers({ kind: 'tool', id: 'zoom' }), ['slack:U1']);
    const conv = await storage.conversations.get('slack:U1');
    assert.deepEqual(conv?.target, dm);
    assert.equal(conv?.language, 'en');
  });

  test('German: abonnieren, Kategorie per Synonym, Antwort auf Deutsch', async () => {
    const c = ctx('de', 'slack:U2');
    assert.match(await run('abonnieren teams', c), /^Sie werden benachrichtigt, wenn sich Status oder Bedingungen von Microsoft Teams ändern/);
    assert.match(await run('abonnieren videokonferenz', c), /Kategorie Videokonferenz/);
    assert.deepEqual(await storage.subscriptions.list('slack:U2'), [
      { kind: 'tool', id: 'microsoft-teams' },
      { kind: 'category', id: 'video-conferencing' },
    ]);
    assert.equal(await run('abonnements', c), 'Ihre Abonnements: Microsoft Teams, Videokonferenz (Kategorie).');
    assert.match(await run('abbestellen teams', c), /keine Benachrichtigungen mehr zu Microsoft Teams/);
    assert.match(await run('abbestellen teams', c), /nicht abonniert/);
    assert.equal((await storage.conversations.get('slack:U2'))?.language, 'de');
  });

  test('category by id or English synonym, and all', async () => {
    const c = ctx('en', 'slack:U3');
    assert.match(await run('subscribe video-conferencing', c), /any video conferencing tool/);
    assert.match(await run('subscribe all', c), /every change in the catalog/);
    assert.equal(await run('subscriptions', c), 'Your subscriptions: video conferencing (category), all changes.');
    const everyone = await storage.subscriptions.subscribersOf('jitsi', ['video-conferencing']);
    assert.ok(everyone.includes('slack:U3'));
  });

  test('"here" subscribes the channel (without thread or user), not the person', async () => {
    const reply = await run('subscribe zoom here', ctx('en', 'slack:U4'));
    assert.match(reply, /^This channel will be notified/);
    assert.deepEqual(await storage.subscriptions.list('slack:C9'), [{ kind: 'tool', id: 'zoom' }]);
    assert.deepEqual(await storage.subscriptions.list('slack:U4'), []);
    assert.deepEqual((await storage.conversations.get('slack:C9'))?.target, { platform: 'slack', conversationId: 'C9' });
    assert.match(await run('abonnements hier', ctx('de', 'slack:U4')), /Abonnements dieses Kanals: Zoom/);
  });

  test('unknown target: says so and suggests close names', async () => {
    const reply = await run('subscribe zooom', ctx('en', 'slack:U5'));
    assert.match(reply, /I do not know "zooom" as a tool or a category\. Did you mean: Zoom\?/);
    assert.match(await run('abonnieren quackmail', ctx('de', 'slack:U5')), /„quackmail“ kenne ich weder als Tool noch als Kategorie/);
    assert.deepEqual(await storage.subscriptions.list('slack:U5'), []);
    assert.match(await run('subscribe', ctx('en', 'slack:U5')), /Write "subscribe <tool or category>"/);
  });

  test('unsubscribe all removes every subscription; an empty list says how to subscribe', async () => {
    const c = ctx('en', 'slack:U6');
    await run('subscribe zoom', c);
    await run('subscribe all', c);
    assert.match(await run('unsubscribe all', c), /no longer receive change notifications \(unsubscribed: Zoom, all changes\)/);
    assert.deepEqual(await storage.subscriptions.list('slack:U6'), []);
    assert.match(await run('subscriptions', c), /You have no subscriptions\. For example: "subscribe zoom"/);
  });

  test('the "Notify me of changes" button subscribes to the tool in the user\'s language', async () => {
    const reply = await subscribeFromButton('jitsi', ctx('de', 'teams:A7'));
    assert.match(reply, /Sie werden benachrichtigt.*Jitsi Meet/);
    assert.deepEqual(await storage.subscriptions.list('teams:A7'), [{ kind: 'tool', id: 'jitsi' }]);
  });

  test('storage unavailable: a polite reply instead of an exception', async () => {
    const broken = await openStorage({ sqlitePath: path.join(tmp, 'closed.sqlite') });
    await broken.close();
    const reply = await executeSubscriptionCommand(
      { action: 'subscribe', target: 'zoom', here: false, language: 'en' },
      { ...ctx('en', 'slack:U8'), storage: broken },
    );
    assert.equal(reply, 'Subscriptions are not available right now. Please try again later.');
  });
});
