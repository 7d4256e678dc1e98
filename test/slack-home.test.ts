// The App Home through real Bolt over HTTP: app_home_opened publishes the view (views.publish), with
// the person's subscriptions from a real SQLite store and an "Unsubscribe" button each, the latest
// catalogue changes and, for admins only, the reviews due with admin buttons; the store down gives
// the view without the subscriptions, saying so. Also the "Notify me" button of a tool that has
// left the catalogue. Payload shapes: Slack API docs, "app_home_opened" event and "block_actions"
// payload (interactivity: a button in a view has `view` and no channel or response_url).
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
import { buttonClick, directMessageEvent, eventRequest, FAKE_TEAM_ID, type SlackRequest } from './fakes/slack-api.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';
import { blockText, methods, startSlackHarness, type SlackHarness } from './helpers/slack-native.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { unexplainedSummary } from '../src/usage/report.js';

/** The app_home_opened event (Slack API docs, "app_home_opened"). */
function homeOpened(user: string, tab: 'home' | 'messages' = 'home') {
  return eventRequest({ type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: '1715000000.000100' });
}

/** A block_actions payload from a button in the App Home (Slack API docs, "block_actions payloads"). */
function homeClick(user: string, actionId: string, value: string): SlackRequest {
  const payload = {
    type: 'block_actions',
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    user: { id: user, username: 'asker', team_id: FAKE_TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: `trigger.home.${Date.now()}.${Math.random()}`,
    view: { id: 'V0HOME', type: 'home', team_id: FAKE_TEAM_ID, blocks: [] },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'Abbestellen' }, action_ts: '1715000001.000200' }],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

type Button = { type: string; action_id: string; value: string };
function buttons(blocks: unknown): Button[] {
  const found: Button[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ((v as { type?: string }).type === 'button') found.push(v as Button);
      Object.values(v).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

describe('Slack App Home (German catalogue, SQLite store)', () => {
  let kb: KnowledgeBase;
  let h: SlackHarness;
  let storage: Storage;
  let dir: string;
  let storageUp = true;
  before(async () => {
    kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
    dir = mkdtempSync(path.join(tmpdir(), 'slack-home-'));
    storage = await openStorage({ sqlitePath: path.join(dir, 'store.sqlite') });
    let day = Date.now() - 86_400_000;
    const usage = createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30, now: () => new Date(day) });
    const core = new ComplianceCore(kb);
    // Two clients on two days (a capitalised word is listed once corroborated).
    for (const client of ['slack:T1:U1', 'slack:T1:U2']) {
      await usage.recordAnswer(core.preview('Darf ich Zoom für eine Beratung zum Impfschaden nutzen?'), 'slack', 1, [client]);
      day += 86_400_000;
    }
    day -= 86_400_000;
    h = await startSlackHarness(kb, {
      overview: {
        storage: () => (storageUp ? storage : null),
        isAdmin: (id) => id === 'slack:U0ADMIN',
        unexplained: async (lang) => unexplainedSummary(await usage.report(), kb, lang),
      },
      commands: createChatCommands({ core: new ComplianceCore(kb), storage, logger: pino({ level: 'silent' }) }),
    });
  });
  after(async () => {
    await h.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the home view with the subscription and its Unsubscribe button, example questions and the latest changes', async () => {
    await storage.subscriptions.subscribe('slack:U0HOME', { kind: 'tool', id: 'zoom' });
    h.slack.reset();
    await h.send(homeOpened('U0HOME'));
    const [publish] = await h.slack.waitFor('views.publish', 1);
    assert.equal(publish?.body.user_id, 'U0HOME');
    const view = publish?.body.view as { type: string; blocks: unknown[] };
    assert.equal(view.type, 'home');
    const text = blockText(view.blocks);
    assert.match(text, /Ihre Abonnements/);
    assert.match(text, /Beispielfragen[\s\S]*Darf ich/);
    assert.match(text, /Letzte Änderungen im Katalog[\s\S]*Zoom/);
    assert.doesNotMatch(text, /Für Admins/);
    assert.deepEqual(buttons(view.blocks).map((b) => b.value), ['tool:zoom']);
    assert.deepEqual(methods(h.slack), ['views.publish']);
  });

  it('unsubscribes from the Unsubscribe button and publishes the view again, posting nothing', async () => {
    await storage.subscriptions.subscribe('slack:U0UNSUB', { kind: 'tool', id: 'zoom' });
    h.slack.reset();
    await h.send(homeClick('U0UNSUB', 'home-unsubscribe:tool:zoom', 'tool:zoom'));
    const [publish] = await h.slack.waitFor('views.publish', 1);
    assert.deepEqual(await storage.subscriptions.list('slack:U0UNSUB'), []);
    assert.deepEqual(buttons((publish?.body.view as { blocks: unknown[] }).blocks), []);
    assert.match(blockText(publish?.body.view), /Sie haben nichts abonniert/);
    assert.deepEqual(methods(h.slack), ['views.publish']);
  });

  it('shows an admin the reviews due with a History button and the report and proposals buttons', async () => {
    h.slack.reset();
    await h.send(homeOpened('U0ADMIN'));
    const [publish] = await h.slack.waitFor('views.publish', 1);
    const view = publish?.body.view as { blocks: unknown[] };
    const text = blockText(view.blocks);
    assert.match(text, /Für Admins[\s\S]*Überprüfung fällig[\s\S]*fällig seit/);
    const values = buttons(view.blocks).map((b) => b.value);
    const due = [...kb.tools.values()].filter((t) => t.review_due !== undefined && t.review_due <= new Date().toISOString().slice(0, 10));
    assert.ok(due.length > 0, 'premise: the shipped catalogue has reviews due');
    for (const t of due.slice(0, 5)) assert.ok(values.includes(`history ${t.id}`), values.join(','));
    assert.ok(values.includes('report') && values.includes('proposals'));
    // The words staff used that nothing placed, and how to file one.
    assert.match(text, /Nicht eingeordnet: [^\n]*Impfschaden 2×/);
    assert.match(text, /admin context add &lt;Kontext&gt; &lt;Wort&gt;/);
    h.slack.reset();
    await h.send(homeOpened('U0HOME'));
    const [staff] = await h.slack.waitFor('views.publish', 1);
    assert.doesNotMatch(blockText((staff?.body.view as { blocks: unknown[] }).blocks), /Nicht eingeordnet/, 'only admins see it');
  });

  it('says the store cannot be reached and leaves the subscriptions out when it is down', async () => {
    storageUp = false;
    try {
      h.slack.reset();
      await h.send(homeOpened('U0HOME'));
      const [publish] = await h.slack.waitFor('views.publish', 1);
      const view = publish?.body.view as { blocks: unknown[] };
      assert.match(blockText(view.blocks), /Speicher ist gerade nicht erreichbar/);
      assert.deepEqual(buttons(view.blocks), []);
      assert.match(blockText(view.blocks), /Letzte Änderungen im Katalog/);
    } finally {
      storageUp = true;
    }
  });

  it('publishes the view again after a subscription typed in a DM, next to the one confirmation', async () => {
    h.slack.reset();
    await h.send(directMessageEvent({ text: 'abonnieren zoom', channel: 'D0TYPED', user: 'U0TYPED' }));
    const [publish] = await h.slack.waitFor('views.publish', 1);
    assert.equal(publish?.body.user_id, 'U0TYPED');
    assert.deepEqual(buttons((publish?.body.view as { blocks: unknown[] }).blocks).map((b) => b.value), ['tool:zoom']);
    // The agent view answers in the message's own thread, with the status and title set first.
    assert.deepEqual(methods(h.slack), ['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage', 'views.publish']);
    assert.equal(h.slack.callsOf('chat.postMessage')[0]?.body.channel, 'D0TYPED');
  });

  it('publishes no home view when the Messages tab is opened (the agent view greets there: slack-agent-view.test.ts)', async () => {
    h.slack.reset();
    await h.send(homeOpened('U0HOME', 'messages'));
    await h.slack.waitFor('assistant.threads.setSuggestedPrompts', 1);
    await h.sentinel(1);
    assert.equal(h.slack.callsOf('views.publish').length, 0);
  });
});

describe('Slack App Home and buttons (English catalogue)', () => {
  let h: SlackHarness;
  let notified = 0;
  before(async () => {
    const kb = kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/quackmail.yaml': toolYaml('Quackmail', 'approved', 'category: email\n'),
      'tools/chatter.yaml': toolYaml('Chatter', 'prohibited', 'category: messaging\n'),
    });
    h = await startSlackHarness(kb, {
      onNotifyRequest: async () => {
        notified++;
        return 'subscribed';
      },
    });
  });
  after(() => h.close());

  it('publishes the home view in English; without a store it says notifications are not set up', async () => {
    h.slack.reset();
    await h.send(homeOpened('U0EN'));
    const [publish] = await h.slack.waitFor('views.publish', 1);
    const text = blockText(publish?.body.view);
    assert.match(text, /Example questions[\s\S]*May I use/);
    assert.match(text, /Your subscriptions[\s\S]*Notifications are not set up/);
    assert.match(text, /Latest changes in the catalogue[\s\S]*(Quackmail|Chatter)/);
  });

  it('answers a "Notify me" button for a tool no longer in the catalogue plainly, with the current list, and subscribes nothing', async () => {
    h.slack.reset();
    await h.send(buttonClick({ actionId: 'notify:zoom', value: 'zoom', blockId: 'notify-en-0', responseUrl: h.slack.responseUrl('stale') }));
    const [response] = await h.slack.waitForResponses(1);
    assert.equal(response?.body.response_type, 'ephemeral');
    assert.equal(response?.body.text, 'Zoom is no longer in the catalogue. The catalogue now holds: Chatter, Quackmail.');
    assert.equal(notified, 0);
    assert.deepEqual(methods(h.slack), []);
  });
});
