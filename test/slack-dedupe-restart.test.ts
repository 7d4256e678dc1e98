// Slack retries an event it saw no ack for (after about 1 and 5 minutes), and a deploy restarts the
// server in between. The dedupe records live in the store (here the SQLite file), so a retried
// event, a replayed slash command and a replayed click reaching the restarted server are answered
// once. Through the real server and Bolt receiving signed requests over HTTP; the Slack Web API and
// the response_url receiver are the only fakes, on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buttonClick, directMessageEvent, postSigned, slashCommand, startFakeSlackApi, type FakeSlackApi, type SlackRequest } from './fakes/slack-api.js';
import { eventually } from './helpers/cluster-harness.js';
import { startSlackServer, type SlackServer } from './helpers/slack-server.js';

const SIGNING_SECRET = 'slack-server-signing-secret';
const KB_DIR = path.resolve('knowledge');

describe('Slack retries after a restart on SQLite', () => {
  let slack: FakeSlackApi;
  let dataDir: string;
  let sqliteFile: string;
  let server: SlackServer | undefined;

  before(async () => {
    slack = await startFakeSlackApi();
    dataDir = await mkdtemp(path.join(tmpdir(), 'slack-dedupe-'));
    sqliteFile = path.join(dataDir, 'bot.sqlite');
  });
  after(async () => {
    await server?.close();
    await slack.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => (server = await startSlackServer({ slack, kbDir: KB_DIR, sqliteFile }));
  const restart = async () => {
    await server?.close();
    server = undefined;
    return start();
  };
  const send = (s: SlackServer, request: SlackRequest, headers: Record<string, string> = {}) =>
    postSigned(`${s.server.url}/slack/events`, SIGNING_SECRET, request, { headers });
  const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === channel);

  /** A DM whose reply shows that every request sent to `s` before it was handled. */
  const sentinel = (s: SlackServer) => s.dm('U0SENTINEL', 'Darf ich Zoom nutzen?');

  it('a message event retried to the restarted server is answered once', async () => {
    const first = await start();
    const event = directMessageEvent({ text: 'Darf ich Zoom mit Bürgern nutzen?', user: 'U0RETRY', channel: 'D0RETRY', event_id: 'Ev0RESTART1' });
    assert.equal((await send(first, event)).status, 200);
    await eventually(() => postsTo('D0RETRY')[0], () => 'the answer to the first delivery');
    const second = await restart();
    const retry = await send(second, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    assert.equal(retry.status, 200, 'the retry is acknowledged');
    await sentinel(second);
    assert.equal(postsTo('D0RETRY').length, 1, 'the retried event got no second answer');
  });

  it('a different event with a new id is still answered after the restart', async () => {
    const s = server ?? (await start());
    const event = directMessageEvent({ text: 'Darf ich Zoom nutzen?', user: 'U0FRESH', channel: 'D0FRESH', event_id: 'Ev0RESTART2' });
    assert.equal((await send(s, event)).status, 200);
    await eventually(() => postsTo('D0FRESH')[0], () => 'the answer to a new event');
  });

  it('a slash command and a click replayed to the restarted server are handled once', async () => {
    const s = server ?? (await start());
    const command = slashCommand({ text: 'Darf ich Zoom nutzen?', responseUrl: slack.responseUrl('replayed-command') });
    const click = buttonClick({ actionId: 'feedback:yes', value: 'allowed|zoom', blockId: 'feedback-de', responseUrl: slack.responseUrl('replayed-click') });
    assert.equal((await send(s, command)).status, 200);
    assert.equal((await send(s, click)).status, 200);
    await slack.waitForResponses(2);
    const again = await restart();
    assert.equal((await send(again, command)).status, 200, 'a replayed command is acknowledged');
    assert.equal((await send(again, click)).status, 200, 'a replayed click is acknowledged');
    // A later command: once it is answered, a replay handled twice would have been answered too.
    await send(again, slashCommand({ text: 'Darf ich Zoom nutzen?', responseUrl: slack.responseUrl('sentinel') }));
    await slack.waitForResponses(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const names = slack.responses.map((r) => r.name);
    assert.equal(names.filter((n) => n === 'replayed-command').length, 1, `the command was answered once (got ${names.join(', ')})`);
    assert.equal(names.filter((n) => n === 'replayed-click').length, 1, `the click was handled once (got ${names.join(', ')})`);
  });
});
