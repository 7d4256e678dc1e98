// The LLM explanation in Slack, through the real server: the engine's answer is posted at once; in
// a DM thread (agent messaging experience) the explanation is streamed beneath it, elsewhere the
// answer is replaced (chat.update) by the explained version; a slow or contradicting model leaves
// the engine's answer alone; what reaches the model is redacted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerHandle } from '../server/index.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fakes/openai-server.js';
import { startFakeConnector, type FakeConnector } from './fakes/bot-connector.js';
import { appMentionEvent, directMessageEvent, FAKE_BOT_USER_ID, postSigned, startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';
import { startTestServer } from './helpers/server.js';

const SECRET = 'llm-update-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LLM explanation in Slack and Teams', () => {
  let llm: FakeOpenAiServer;
  let slack: FakeSlackApi;
  let connector: FakeConnector;
  let server: ServerHandle;

  before(async () => {
    llm = await startFakeOpenAiServer();
    slack = await startFakeSlackApi();
    connector = await startFakeConnector();
    server = await startTestServer({
      TEAMS_ENABLED: 'true',
      SLACK_BOT_TOKEN: 'xoxb-llm-update',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      LLM_BASE_URL: llm.baseURL,
      LLM_MODEL: 'test-model',
      LLM_TIMEOUT_MS: '500',
    });
  });
  after(async () => {
    await server.close();
    await slack.close();
    await connector.close();
    await llm.close();
  });

  const ask = async (text: string, user: string) => {
    slack.reset();
    await postSigned(`${server.url}/slack/events`, SECRET, directMessageEvent({ text, user, channel: `D${user}` }));
    const [post] = await slack.waitFor('chat.postMessage', 1);
    return post!;
  };

  it('posts the engine answer in the DM question\'s thread, then streams the explanation beneath it; nothing personal reaches the model', async () => {
    llm.reply({ content: 'Zoom darf für Gespräche mit Bürgern genutzt werden, solange sie nicht vertraulich sind.' });
    const post = await ask('Darf ich Zoom mit Bürgern nutzen? Frau Schmidt, schmidt@example.org, 040 1234567', 'U1');
    assert.match(JSON.stringify(post.body.blocks), /Mit Auflagen freigegeben/);
    assert.match(JSON.stringify(post.body.blocks), /Nur für nicht vertrauliche Gespräche/, "the engine's conditions are posted at once");
    const [stop] = await slack.waitFor('chat.stopStream', 1);
    const [start] = slack.callsOf('chat.startStream');
    assert.equal(start!.body.channel, 'DU1');
    assert.equal(start!.body.thread_ts, post.body.thread_ts, 'streamed into the thread of the answer');
    const appended = slack.callsOf('chat.appendStream');
    assert.ok(appended.every((a) => a.body.ts === start!.response?.ts) && stop!.body.ts === start!.response?.ts);
    assert.match(appended.map((a) => a.body.markdown_text).join(''), /solange sie nicht vertraulich sind/, 'the explanation is shown');
    assert.equal(slack.callsOf('chat.update').length, 0, 'streamed, not posted and then updated');
    const sent = llm.requests.map((r) => r.raw).join('\n');
    for (const personal of ['Schmidt', 'schmidt@example.org', '1234567']) assert.ok(!sent.includes(personal), `${personal} left the process`);
  });

  it('updates the answer to an @mention in a channel with the explanation (chat.update: no stream there)', async () => {
    llm.reply({ content: 'Zoom darf für Gespräche mit Bürgern genutzt werden, solange sie nicht vertraulich sind.' });
    slack.reset();
    await postSigned(`${server.url}/slack/events`, SECRET, appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom mit Bürgern nutzen?`, channel: 'C0LLM' }));
    const [update] = await slack.waitFor('chat.update', 1);
    assert.equal(update!.body.channel, 'C0LLM');
    assert.match(JSON.stringify(update!.body.blocks), /solange sie nicht vertraulich sind/);
    assert.equal(slack.callsOf('chat.startStream').length, 0);
  });

  it('in Teams, updates the sent card with the explanation', async () => {
    llm.reply({ content: 'Microsoft 365 ist noch in Prüfung; bis zur Entscheidung bitte nicht nutzen.' });
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'llm-teams-1',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:llm-user', name: 'Erika' },
        recipient: { id: '28:bot', name: 'Bot' },
        conversation: { id: 'a:llm-chat', conversationType: 'personal' },
        locale: 'de-DE',
        text: 'Darf ich Teams nutzen?',
      }),
    });
    assert.ok(res.status < 300);
    const [sent] = await connector.waitFor(1);
    const deadline = Date.now() + 5_000;
    while (connector.updates.length === 0 && Date.now() < deadline) await sleep(25);
    const [update] = connector.updates;
    assert.ok(update, 'the answer was updated');
    assert.equal(update.replyToId, sent!.id, 'the sent activity is the one updated');
    const card = JSON.stringify(update.body);
    assert.match(card, /bis zur Entscheidung bitte nicht nutzen/);
    assert.match(card, /Noch nicht entschieden/, "the engine's verdict stays");
  });

  it('keeps the engine answer when the model contradicts the verdict', async () => {
    llm.reply({ content: 'Ja, Zoom ist für vertrauliche Gespräche freigegeben und erlaubt.' });
    await ask('Darf ich Zoom für vertrauliche Gespräche nutzen?', 'U2');
    await sleep(800);
    assert.equal(slack.callsOf('chat.update').length + slack.callsOf('chat.startStream').length + slack.callsOf('chat.postMessage').length, 1);
  });

  it('keeps the engine answer when the model is too slow', async () => {
    llm.reply({ content: 'Too late.', delayMs: 2_000 });
    await ask('Darf ich Zoom mit Kindern nutzen?', 'U3');
    await sleep(900);
    assert.equal(slack.callsOf('chat.update').length + slack.callsOf('chat.startStream').length + slack.callsOf('chat.postMessage').length, 1);
  });
});
