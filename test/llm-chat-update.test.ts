// The LLM explanation in Slack, through the real server: the engine's answer is posted at once and
// replaced (chat.update) by the explained version when the model answers; a slow or contradicting
// model leaves the engine's answer alone; what reaches the model is redacted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerHandle } from '../server/index.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fakes/openai-server.js';
import { startFakeConnector, type FakeConnector } from './fakes/bot-connector.js';
import { directMessageEvent, postSigned, startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';
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

  it('posts the engine answer, then updates it with the explanation; nothing personal reaches the model', async () => {
    llm.reply({ content: 'Zoom darf für Gespräche mit Bürgern genutzt werden, solange sie nicht vertraulich sind.' });
    const post = await ask('Darf ich Zoom mit Bürgern nutzen? Frau Schmidt, schmidt@example.org, 040 1234567', 'U1');
    assert.match(JSON.stringify(post.body.blocks), /Mit Auflagen freigegeben/);
    const [update] = await slack.waitFor('chat.update', 1);
    assert.equal(update!.body.channel, 'DU1');
    const blocks = JSON.stringify(update!.body.blocks);
    assert.match(blocks, /solange sie nicht vertraulich sind/, 'the explanation is shown');
    assert.match(blocks, /Nur für nicht vertrauliche Gespräche/, "the engine's conditions stay");
    const sent = llm.requests.map((r) => r.raw).join('\n');
    for (const personal of ['Schmidt', 'schmidt@example.org', '1234567']) assert.ok(!sent.includes(personal), `${personal} left the process`);
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
    assert.equal(slack.callsOf('chat.update').length, 0);
  });

  it('keeps the engine answer when the model is too slow', async () => {
    llm.reply({ content: 'Too late.', delayMs: 2_000 });
    await ask('Darf ich Zoom mit Kindern nutzen?', 'U3');
    await sleep(900);
    assert.equal(slack.callsOf('chat.update').length, 0);
  });
});
