// Socket Mode: with an app token the adapter mounts no HTTP route, connects through
// apps.connections.open and a WebSocket (the fake Slack's), and answers events arriving there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import { createSlackAdapter } from '../adapters/slack/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { appMentionEvent, directMessageEvent, FAKE_BOT_USER_ID, startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';

describe('Slack adapter in Socket Mode', () => {
  let slack: FakeSlackApi;
  let adapter: ChatAdapter;
  before(async () => {
    slack = await startFakeSlackApi();
    const core = new ComplianceCore(await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname));
    adapter = createSlackAdapter({ core, botToken: 'xoxb-sock', appToken: 'xapp-sock', apiUrl: slack.apiUrl, logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await adapter.stop();
    await slack.close();
  });

  it('mounts no HTTP route', () => {
    const router = express.Router();
    adapter.mount(router);
    assert.equal(router.stack.length, 0);
  });

  it('start() checks the bot token and opens the socket with the app token', async () => {
    await adapter.start();
    assert.equal(slack.callsOf('auth.test')[0]?.token, 'xoxb-sock');
    assert.equal(slack.callsOf('apps.connections.open')[0]?.token, 'xapp-sock');
    assert.equal(slack.socketMode.connections(), 1);
  });

  it('acks an app mention on the socket and answers it in the thread', async () => {
    const envelope = slack.socketMode.sendEvent(
      appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom mit Bürgern nutzen?`, ts: '1700000002.000300', event_id: 'EvSOCK1' }),
    );
    await slack.socketMode.waitForAck(envelope);
    const [post] = await slack.waitFor('chat.postMessage', 1);
    assert.equal(post?.token, 'xoxb-sock');
    assert.equal(post?.body.thread_ts, '1700000002.000300');
    assert.ok(JSON.stringify(post?.body.blocks).includes('notify:zoom'));
  });

  it("answers Slack's redelivery of the same event once", async () => {
    const again = slack.socketMode.sendEvent(
      appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom mit Bürgern nutzen?`, ts: '1700000002.000300', event_id: 'EvSOCK1' }),
      1,
    );
    await slack.socketMode.waitForAck(again);
    slack.socketMode.sendEvent(directMessageEvent({ text: 'Hallo', channel: 'D0SENTINEL' }));
    const posts = await slack.waitFor('chat.postMessage', 2);
    assert.deepEqual(posts.map((p) => p.body.channel), ['C0GENERAL', 'D0SENTINEL']);
  });

  it('stop() closes the socket', async () => {
    await adapter.stop();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(slack.socketMode.connections(), 0);
  });
});
