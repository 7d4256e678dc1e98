// Teams card buttons acting for one person, through the real botbuilder CloudAdapter over HTTP with
// the fake Bot Connector: a channel's "Notify me" (Action.Submit) confirms in the clicker's personal
// chat and subscribes that chat; feedback updates the card instead of posting; Universal Actions
// (invoke `adaptiveCard/action`) are answered 200 with a card for the clicker (refresh.userIds) or
// a message; "subscribe zoom here" subscribes the channel, and installationUpdate "remove" deletes
// that conversation's subscriptions and stored address; a button for a removed tool says so.
// Payload shapes: Bot Framework Activity schema (botframework-schema: message with `value` and
// `replyToId`, invoke, installationUpdate with `action`), Microsoft Teams docs "Universal Actions
// for Adaptive Cards" (adaptiveCard/action invoke and its response format) and "Conversation events"
// (installationUpdate), Bot Framework REST API "Create Conversation" (the personal chat).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createChatCommands } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import type { FakeConnector } from './fakes/bot-connector.js';
import { startHarness, type Harness } from './helpers/teams-harness.js';

const BOT = { id: '28:bot-app-id', name: 'Compliance-Bot' };
const USER = { id: '29:user-erika', name: 'Erika Mustermann', aadObjectId: '6f1c2a4e-0000-4000-8000-000000000001' };
const PERSONAL = { id: 'a:1personal-erika', conversationType: 'personal', tenantId: 'tenant-1' };
const CHANNEL_ID = '19:general@thread.tacv2';
const CHANNEL = { id: `${CHANNEL_ID};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' };
const CARD = 'application/vnd.microsoft.card.adaptive';

let kb: KnowledgeBase;
let fake: FakeConnector;
let storage: Storage;
let dir: string;
let harness: Harness;
let n = 0;
const feedback: { helpful: boolean }[] = [];

function activity(conversation: object, extra: Record<string, unknown>): Record<string, unknown> {
  const inChannel = (conversation as { conversationType?: string }).conversationType === 'channel';
  return {
    type: 'message',
    id: `in-${++n}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: fake.url,
    from: USER,
    recipient: BOT,
    conversation,
    channelData: inChannel
      ? { tenant: { id: 'tenant-1' }, teamsTeamId: CHANNEL_ID, teamsChannelId: CHANNEL_ID, team: { id: CHANNEL_ID }, channel: { id: CHANNEL_ID } }
      : { tenant: { id: 'tenant-1' } },
    locale: 'de-DE',
    ...extra,
  };
}

/** The invoke Teams sends for a click on an Action.Execute button (Universal Actions), on the card `replyToId` when given. */
function execute(conversation: object, action: { id?: string; verb: string; data: Record<string, unknown> }, replyToId?: string): Record<string, unknown> {
  return activity(conversation, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(replyToId ? { replyToId } : {}),
    value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' },
  });
}

async function post(body: object): Promise<{ status: number; body: any }> {
  const res = await harness.post(body);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Everything the connector received, counted: posts, updates, created conversations. */
function traffic() {
  return { posts: fake.activities.length, updates: fake.updates.length, created: fake.created.length };
}

function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' && ['text', 'title'].includes(k) ? [v] : texts(v)));
}

function actionsOf(card: unknown, type: string): any[] {
  const found: any[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ((v as { type?: string }).type === type) found.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Asks in the channel (an @mention) and returns the id of the card the bot sent. */
async function askInChannel(text: string): Promise<string> {
  const before = fake.activities.length;
  await post(activity(CHANNEL, { text: `<at>Compliance-Bot</at> ${text}`, entities: [{ type: 'mention', mentioned: BOT, text: '<at>Compliance-Bot</at>' }] }));
  const [sent] = (await fake.waitFor(before + 1)).slice(before);
  return sent!.id;
}

before(async () => {
  kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
  dir = mkdtempSync(path.join(tmpdir(), 'teams-actions-'));
  storage = await openStorage({ sqlitePath: path.join(dir, 'store.sqlite') });
  const core = new ComplianceCore(kb);
  const logger = pino({ level: 'silent' });
  const commands = createChatCommands({ core, storage, logger });
  harness = await startHarness(kb, {
    core,
    logger,
    commands,
    storage: () => storage,
    onFeedback: async (f) => void feedback.push({ helpful: f.helpful }),
    onNotifyRequest: (req) =>
      commands.subscribeButton(req.toolId, {
        platform: 'teams',
        key: `teams:${req.userId}`,
        adminId: null,
        personal: req.target,
        conversation: req.target,
        language: req.language,
      }),
  });
  fake = harness.fake;
});

after(async () => {
  await harness.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Teams buttons in a channel act privately', () => {
  it('"Notify me" (Action.Submit) in a channel confirms in the personal chat only, and subscribes that chat', async () => {
    await storage.clearAll();
    const cardId = await askInChannel('Darf ich Zoom nutzen?');
    const start = traffic();
    const res = await post(activity(CHANNEL, { replyToId: cardId, value: { action: 'notify', toolId: 'zoom', language: 'de' } }));
    assert.equal(res.status, 200);
    const [confirmation] = (await fake.waitFor(start.posts + 1)).slice(start.posts);
    assert.equal(confirmation!.conversationId, `a:personal-${USER.id}`);
    assert.match(confirmation!.body.text, /Zoom/);
    assert.deepEqual(traffic(), { posts: start.posts + 1, updates: start.updates, created: start.created + 1 });
    assert.deepEqual(fake.created.at(-1)!.body.members.map((m: { id: string }) => m.id), [USER.id]);
    assert.deepEqual(await storage.subscriptions.list(`teams:${USER.id}`), [{ kind: 'tool', id: 'zoom' }]);
    const stored = await storage.conversations.get(`teams:${USER.id}`);
    assert.equal(stored?.target.conversationId, `a:personal-${USER.id}`);
  });

  it('when the personal chat cannot be opened, "Notify me" in a channel subscribes nothing and says once, in the thread, how to subscribe', async () => {
    await storage.clearAll();
    const cardId = await askInChannel('Darf ich Zoom nutzen?');
    fake.failNextCreate(1, 403);
    const start = traffic();
    await post(activity(CHANNEL, { replyToId: cardId, value: { action: 'notify', toolId: 'zoom', language: 'de' } }));
    const [reply] = (await fake.waitFor(start.posts + 1)).slice(start.posts);
    assert.equal(reply!.conversationId, CHANNEL.id);
    assert.match(reply!.body.text, /nicht privat schreiben.*abonnieren zoom/);
    assert.deepEqual(await storage.subscriptions.subscribers({ kind: 'tool', id: 'zoom' }), []);
    assert.equal(fake.activities.length, start.posts + 1);
  });

  it('"Hilfreich" (Action.Submit) updates the card it was on, with thanks and without the buttons, and posts nothing', async () => {
    const cardId = await askInChannel('Darf ich Zoom nutzen?');
    const start = traffic();
    const res = await post(activity(CHANNEL, { replyToId: cardId, value: { action: 'feedback', helpful: true, verdict: 'conditional', toolIds: ['zoom'], language: 'de' } }));
    assert.equal(res.status, 200);
    assert.deepEqual(traffic(), { ...start, updates: start.updates + 1 });
    const update = fake.updates.at(-1)!;
    assert.equal(update.replyToId, cardId);
    const card = update.body.attachments[0].content;
    assert.ok(texts(card).some((t) => /Danke/.test(t)), texts(card).join(' | '));
    assert.deepEqual(actionsOf(card, 'Action.Submit').filter((a) => a.data?.action === 'feedback'), []);
    assert.equal(feedback.at(-1)?.helpful, true);
  });

  it('answers an Action.Execute "notify" invoke with 200 and a card for the clicker only (refresh.userIds), posting nothing', async () => {
    await storage.clearAll();
    const cardId = await askInChannel('Darf ich Zoom nutzen?');
    const start = traffic();
    const res = await post(execute(CHANNEL, { id: 'notify-zoom', verb: 'notify', data: { action: 'notify', toolId: 'zoom', language: 'de' } }, cardId));
    assert.equal(res.status, 200);
    assert.equal(res.body.statusCode, 200);
    assert.equal(res.body.type, CARD);
    assert.deepEqual(res.body.value.refresh.userIds, [USER.id]);
    assert.ok(texts(res.body.value).some((t) => /Zoom/.test(t) && /benachrichtigt/.test(t)), texts(res.body.value).join(' | '));
    assert.equal(traffic().posts, start.posts);
    assert.equal(traffic().updates, start.updates);
    assert.deepEqual(await storage.subscriptions.list(`teams:${USER.id}`), [{ kind: 'tool', id: 'zoom' }]);
    assert.equal((await storage.conversations.get(`teams:${USER.id}`))?.target.conversationId, `a:personal-${USER.id}`);
  });

  it('answers an Action.Execute feedback invoke with the card for the clicker, thanked and without feedback buttons', async () => {
    const cardId = await askInChannel('Darf ich Zoom nutzen?');
    const start = traffic();
    const res = await post(execute(CHANNEL, { verb: 'feedback', data: { action: 'feedback', helpful: false, verdict: 'conditional', toolIds: ['zoom'], language: 'de' } }, cardId));
    assert.equal(res.status, 200);
    assert.equal(res.body.type, CARD);
    assert.ok(texts(res.body.value).some((t) => /Danke/.test(t)));
    assert.deepEqual(actionsOf(res.body.value, 'Action.Submit').filter((a) => a.data?.action === 'feedback'), []);
    assert.deepEqual(traffic(), start);
    assert.equal(feedback.at(-1)?.helpful, false);
  });

  it('answers an Action.Execute with an unknown verb 200 with a message, never 501', async () => {
    const start = traffic();
    const res = await post(
      execute(PERSONAL, { verb: 'somethingElse', data: {} }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.statusCode, 200);
    assert.equal(res.body.type, 'application/vnd.microsoft.activity.message');
    assert.equal(typeof res.body.value, 'string');
    assert.deepEqual(traffic(), start);
  });
});

describe('Teams subscriptions of a conversation', () => {
  it('"subscribe zoom" typed in a channel subscribes the person in their personal chat, not the channel', async () => {
    await storage.clearAll();
    const before = fake.activities.length;
    await post(activity(CHANNEL, { text: '<at>Compliance-Bot</at> abonnieren zoom', entities: [{ type: 'mention', mentioned: BOT, text: '<at>Compliance-Bot</at>' }] }));
    await fake.waitFor(before + 1);
    assert.deepEqual(await storage.subscriptions.list(`teams:${USER.id}`), [{ kind: 'tool', id: 'zoom' }]);
    assert.equal((await storage.conversations.get(`teams:${USER.id}`))?.target.conversationId, `a:personal-${USER.id}`);
    assert.deepEqual(await storage.subscriptions.list(`teams:${CHANNEL_ID}`), []);
  });

  it('"subscribe zoom here" subscribes the channel; installationUpdate "remove" there deletes it and its address, and only it', async () => {
    await storage.clearAll();
    // The person's own subscription, made in their personal chat, must survive the channel's removal.
    let before = fake.activities.length;
    await post(activity(PERSONAL, { text: 'abonnieren microsoft 365' }));
    await fake.waitFor(before + 1);
    before = fake.activities.length;
    await post(activity(CHANNEL, { text: '<at>Compliance-Bot</at> abonnieren zoom hier', entities: [{ type: 'mention', mentioned: BOT, text: '<at>Compliance-Bot</at>' }] }));
    await fake.waitFor(before + 1);
    assert.deepEqual(await storage.subscriptions.list(`teams:${CHANNEL_ID}`), [{ kind: 'tool', id: 'zoom' }]);
    assert.equal((await storage.conversations.get(`teams:${CHANNEL_ID}`))?.target.conversationId, CHANNEL_ID);

    const start = traffic();
    const res = await post(activity({ id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' }, { type: 'installationUpdate', action: 'remove' }));
    assert.equal(res.status, 200);
    assert.deepEqual(await storage.subscriptions.list(`teams:${CHANNEL_ID}`), []);
    assert.deepEqual(await storage.subscriptions.subscribers({ kind: 'tool', id: 'zoom' }), []);
    assert.equal(await storage.conversations.get(`teams:${CHANNEL_ID}`), undefined);
    assert.deepEqual(await storage.subscriptions.list(`teams:${USER.id}`), [{ kind: 'tool', id: 'microsoft-365' }]);
    assert.deepEqual(traffic(), start);
  });

  it('installationUpdate "remove" for a team deletes the subscriptions of its other channels too', async () => {
    await storage.clearAll();
    const other = { id: '19:projects@thread.tacv2;messageid=1700000000555', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' };
    const before = fake.activities.length;
    await post(activity(other, { text: '<at>Compliance-Bot</at> subscribe zoom here', entities: [{ type: 'mention', mentioned: BOT, text: '<at>Compliance-Bot</at>' }] }));
    await fake.waitFor(before + 1);
    assert.deepEqual(await storage.subscriptions.list('teams:19:projects@thread.tacv2'), [{ kind: 'tool', id: 'zoom' }]);
    // The team's removal names its General channel (whose id is the team's) and the team in channelData.
    const res = await post(activity({ id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' }, { type: 'installationUpdate', action: 'remove' }));
    assert.equal(res.status, 200);
    assert.deepEqual(await storage.subscriptions.list('teams:19:projects@thread.tacv2'), []);
    assert.equal(await storage.conversations.get('teams:19:projects@thread.tacv2'), undefined);
  });

  it('installationUpdate "remove" in a personal chat deletes that person\'s subscriptions and address', async () => {
    await storage.clearAll();
    const before = fake.activities.length;
    await post(activity(PERSONAL, { text: 'abonnieren zoom' }));
    await fake.waitFor(before + 1);
    assert.equal((await storage.subscriptions.list(`teams:${USER.id}`)).length, 1);
    const res = await post(activity(PERSONAL, { type: 'installationUpdate', action: 'remove' }));
    assert.equal(res.status, 200);
    assert.deepEqual(await storage.subscriptions.list(`teams:${USER.id}`), []);
    assert.equal(await storage.conversations.get(`teams:${USER.id}`), undefined);
  });
});

describe('Teams stale buttons', () => {
  it('a "Notify me" button for a tool no longer in the catalogue says so and lists the catalogue, subscribing nothing', async () => {
    await storage.clearAll();
    const before = fake.activities.length;
    await post(activity(PERSONAL, { value: { action: 'notify', toolId: 'quackmail', language: 'de' } }));
    const [reply] = (await fake.waitFor(before + 1)).slice(before);
    const names = [...kb.tools.values()].map((t) => t.name).sort((a, b) => a.localeCompare(b, 'de'));
    assert.equal(reply!.body.text, `Quackmail ist nicht mehr im Katalog. Im Katalog sind jetzt: ${names.join(', ')}.`);
    assert.deepEqual(await storage.subscriptions.list(`teams:${USER.id}`), []);
    assert.equal(fake.activities.length, before + 1);
  });
});
