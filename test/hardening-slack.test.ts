// Slack's HTTP endpoint under attack, through the real server and real Bolt receiving signed
// requests (the fake Slack Web API and response_url receiver on 127.0.0.1 are the only fakes):
// timestamps out of range, replayed slash commands and clicks, commands without a question,
// malformed envelopes; every signed request is acknowledged and nobody waiting is left in silence.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ServerHandle } from '../server/index.js';
import { buttonClick, directMessageEvent, postSigned, slashCommand, startFakeSlackApi, type FakeSlackApi, type SlackRequest } from './fakes/slack-api.js';
import { deleteKeys } from './helpers/cluster-harness.js';
import { GOOD_URL, HOSTILE_TOOL, writeHostileKb } from './helpers/hostile-kb.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { KnowledgeBaseError } from '../src/errors.js';
import { startTestServer } from './helpers/server.js';
import { describeNeeding } from './helpers/services.js';

const SECRET = 'hardening-slack-signing-secret';

function slackEnv(slack: FakeSlackApi, extra: Record<string, string> = {}): Record<string, string> {
  return { SLACK_BOT_TOKEN: 'xoxb-hardening', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, ...extra };
}

/** POSTs with exactly this timestamp header, correctly signed over the header's text. */
async function postWithTimestamp(url: string, request: SlackRequest, timestamp: string): Promise<{ status: number; text: string }> {
  const signature = 'v0=' + createHmac('sha256', SECRET).update(`v0:${timestamp}:${request.body}`).digest('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': request.contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
    body: request.body,
  });
  return { status: res.status, text: await res.text() };
}

function jsonRequest(body: unknown): SlackRequest {
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

function formRequest(fields: Record<string, string>): SlackRequest {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

describe('Slack over HTTP, hardened', () => {
  let slack: FakeSlackApi;
  let server: ServerHandle;
  let events: string;
  let asked: string[];

  const send = (request: SlackRequest, options?: Parameters<typeof postSigned>[3]) => postSigned(events, SECRET, request, options);

  /** A harmless slash command whose answer shows that everything sent before it was handled. */
  async function sentinel(expectedResponses: number): Promise<string[]> {
    const res = await send(slashCommand({ text: 'Darf ich Zoom nutzen?', responseUrl: slack.responseUrl('sentinel') }));
    assert.equal(res.status, 200);
    return (await slack.waitForResponses(expectedResponses)).map((r) => r.name);
  }

  before(async () => {
    slack = await startFakeSlackApi();
    server = await startTestServer(slackEnv(slack));
    events = `${server.url}/slack/events`;
    asked = [];
    const real = server.core.ask.bind(server.core);
    server.core.ask = (question, ...rest) => {
      asked.push(question);
      return real(question, ...rest);
    };
  });
  after(async () => {
    await server.close();
    await slack.close();
  });

  it('refuses timestamps more than five minutes in the future and ones that are not a number of seconds, with 401', async () => {
    slack.reset();
    asked.length = 0;
    const now = Math.floor(Date.now() / 1000);
    const dm = (channel: string) => directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel });
    for (const [what, timestamp] of [
      ['six minutes ahead', String(now + 6 * 60)],
      ['a year ahead', String(now + 365 * 24 * 3600)],
      ['1e99', '1e99'],
      ['negative', '-5'],
      ['not a number', 'abc'],
      ['a fraction', `${now}.5`],
      ['hexadecimal', `0x${now.toString(16)}`],
      ['empty', ''],
    ] as const) {
      const res = await postWithTimestamp(events, dm(`D0TS${what.length}`), timestamp);
      assert.equal(res.status, 401, `${what} (${timestamp})`);
    }
    // The control: one minute ahead (clock skew) is accepted, with the same signing.
    assert.equal((await postWithTimestamp(events, dm('D0SKEW'), String(now + 60))).status, 200);
    const [post] = await slack.waitFor('chat.postMessage', 1);
    assert.equal(post?.body.channel, 'D0SKEW');
    await sentinel(1);
    assert.deepEqual(slack.callsOf('chat.postMessage').map((c) => c.body.channel), ['D0SKEW'], 'nothing refused was answered');
    assert.deepEqual(asked, ['Darf ich Zoom nutzen?', 'Darf ich Zoom nutzen?'], 'only the control and the sentinel reached the core');
  });

  it('answers a slash command delivered three times once (same trigger_id)', async () => {
    slack.reset();
    asked.length = 0;
    const command = slashCommand({ text: 'Darf ich Zoom mit Bürgern nutzen?', responseUrl: slack.responseUrl('replayed') });
    const timestamp = Math.floor(Date.now() / 1000);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(command, { timestamp })).status);
    assert.deepEqual(statuses, [200, 200, 200], 'each delivery is acknowledged');
    await sentinel(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(slack.responses.map((r) => r.name).sort(), ['replayed', 'sentinel']);
    assert.equal(asked.filter((q) => q === 'Darf ich Zoom mit Bürgern nutzen?').length, 1);
  });

  it('handles a replayed button click once', async () => {
    slack.reset();
    const click = buttonClick({ actionId: 'notify:zoom', value: 'zoom', blockId: 'notify-en-0', responseUrl: slack.responseUrl('click') });
    assert.equal((await send(click)).status, 200);
    await slack.waitForResponses(1);
    for (let i = 0; i < 2; i++) assert.equal((await send(click)).status, 200, 'a replay is acknowledged');
    await sentinel(2);
    // Give a wrongly handled replay the time the first click took to be answered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(slack.responses.map((r) => r.name), ['click', 'sentinel']);
  });

  it('acknowledges a slash command without a question and says how to ask', async () => {
    slack.reset();
    asked.length = 0;
    const base = slashCommand({ text: 'x', responseUrl: slack.responseUrl('empty') });
    const withoutText = new URLSearchParams(base.body);
    withoutText.delete('text');
    const requests: SlackRequest[] = [
      { body: withoutText.toString(), contentType: base.contentType },
      slashCommand({ text: '', responseUrl: slack.responseUrl('empty') }),
      slashCommand({ text: '   ', responseUrl: slack.responseUrl('empty') }),
      slashCommand({ text: 'public', responseUrl: slack.responseUrl('empty') }),
    ];
    for (const request of requests) {
      const res = await send(request);
      assert.equal(res.status, 200);
      const body = JSON.parse(res.text) as { response_type: string; text: string };
      assert.equal(body.response_type, 'ephemeral');
      assert.match(body.text, /\/compliance /, 'names the command with an example');
    }
    const names = await sentinel(1);
    assert.deepEqual(names, ['sentinel'], 'nothing else was posted');
    assert.deepEqual(asked, ['Darf ich Zoom nutzen?'], 'the empty commands never reached the core');
  });

  it('answers malformed envelopes 400 and unknown request types 200, never 500', async () => {
    slack.reset();
    asked.length = 0;
    const now = Math.floor(Date.now() / 1000);
    const envelope = (event: unknown) => ({ type: 'event_callback', event_id: `Ev${randomUUID()}`, team_id: 'T0TEAM', api_app_id: 'A0APP', event_time: now, event });
    for (const [what, request, status] of [
      ['"event": null', jsonRequest(envelope(null)), 400],
      ['"event": "text"', jsonRequest(envelope('message')), 400],
      ['"event": []', jsonRequest(envelope([])), 400],
      ['an event without a type', jsonRequest(envelope({ text: 'hi' })), 400],
      ['an event outside an event_callback', jsonRequest({ type: 'block_actions', event: { type: 'message' } }), 400],
      ['event_id not a string', jsonRequest({ ...envelope({ type: 'message' }), event_id: 42 }), 400],
      ['a JSON null', jsonRequest(null), 400],
      ['a JSON array', jsonRequest([1, 2]), 400],
      ['a JSON number', jsonRequest(7), 400],
      ['an object with no type', jsonRequest({ hello: 'world' }), 400],
      ['a slash command without a user', formRequest({ command: '/compliance', text: 'Zoom?', channel_id: 'C1' }), 400],
      ['block_actions with "actions": null', formRequest({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: null }) }), 400],
      ['block_actions with no actions', formRequest({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [] }) }), 400],
      ['block_actions without a user', formRequest({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'notify:zoom' }] }) }), 400],
      ['a payload that is not JSON', formRequest({ payload: '{not json' }), 400],
      ['a shortcut (no listener here)', formRequest({ payload: JSON.stringify({ type: 'shortcut', callback_id: 'x', trigger_id: 't.1', user: { id: 'U1' } }) }), 200],
      ['a view submission of another view', formRequest({ payload: JSON.stringify({ type: 'view_submission', view: { id: 'V1' }, user: { id: 'U1' } }) }), 200],
      ['a request form submission without state', formRequest({ payload: JSON.stringify({ type: 'view_submission', view: { id: 'V1', callback_id: 'request-form' }, user: { id: 'U1' } }) }), 400],
      ['app_rate_limited', jsonRequest({ type: 'app_rate_limited', team_id: 'T0TEAM', minute_rate_limited: now }), 200],
      ['an event type without a listener', jsonRequest(envelope({ type: 'reaction_added', user: 'U1', reaction: 'x', item: { type: 'message', channel: 'C1', ts: '1.1' } })), 200],
    ] as const) {
      const res = await send(request);
      assert.equal(res.status, status, what);
      assert.doesNotMatch(res.text, /at .*\.js|stack|Error/, `${what}: no internals in the answer`);
    }
    // Another slash command than ours: acknowledged with a pointer to ours.
    const other = await send(slashCommand({ text: 'Zoom?', command: '/other', responseUrl: slack.responseUrl('other') }));
    assert.equal(other.status, 200);
    assert.match((JSON.parse(other.text) as { text: string }).text, /\/compliance/);
    const names = await sentinel(1);
    assert.deepEqual(names, ['sentinel']);
    assert.deepEqual(asked, ['Darf ich Zoom nutzen?']);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it('a command whose answer fails still tells the asker what went wrong', async () => {
    slack.reset();
    const real = server.core.ask;
    server.core.ask = async () => {
      throw new Error('engine down');
    };
    try {
      const res = await send(slashCommand({ text: 'Darf ich Zoom nutzen?', responseUrl: slack.responseUrl('failing') }));
      assert.equal(res.status, 200);
      const [response] = await slack.waitForResponses(1);
      assert.equal(response?.name, 'failing');
      assert.match(String(response?.body.text), /Entschuldigung|Sorry/);
    } finally {
      server.core.ask = real;
    }
  });
});

await describeNeeding(['redis'], 'slash commands deduplicated across instances (shared Redis store)', () => {
  const prefix = `hs-${randomUUID().slice(0, 8)}-`;
  let slack: FakeSlackApi;
  let a: ServerHandle;
  let b: ServerHandle;
  before(async () => {
    slack = await startFakeSlackApi();
    const env = slackEnv(slack, { STORAGE_URL: `redis://127.0.0.1:6379/0?prefix=${prefix}` });
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await slack.close();
    await deleteKeys(prefix);
  });

  it('the same signed command reaching both instances is answered once', async () => {
    const command = slashCommand({ text: 'Darf ich Zoom mit Bürgern nutzen?', responseUrl: slack.responseUrl('both') });
    const timestamp = Math.floor(Date.now() / 1000);
    const statuses = await Promise.all([a, b].map((s) => postSigned(`${s.url}/slack/events`, SECRET, command, { timestamp })));
    assert.deepEqual(statuses.map((s) => s.status), [200, 200]);
    await slack.waitForResponses(1);
    // A later command on each instance: once both are answered, the duplicate would have been too.
    for (const [i, s] of [a, b].entries()) {
      await postSigned(`${s.url}/slack/events`, SECRET, slashCommand({ text: 'Zoom?', responseUrl: slack.responseUrl(`after-${i}`) }));
    }
    const names = (await slack.waitForResponses(3)).map((r) => r.name).sort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(slack.responses.map((r) => r.name).sort(), ['after-0', 'after-1', 'both'], `got ${names.join(', ')}`);
  });
});

describe('a javascript: link in a knowledge base', () => {
  it('is refused when the folder is loaded, naming the source and the contact', async () => {
    const kb = writeHostileKb({ schemeUrls: true });
    try {
      await assert.rejects(loadKnowledgeBase(kb.dir), (err: unknown) => {
        assert.ok(err instanceof KnowledgeBaseError);
        assert.equal(err.code, 'KB_INVALID');
        assert.match(err.message, /contacts\.requests\.url/);
        assert.match(err.message, /sources\[0\]\.url/);
        return true;
      });
    } finally {
      kb.cleanup();
    }
  });
});

describe('Slack messages link only to web URLs', () => {
  let slack: FakeSlackApi;
  let server: ServerHandle;
  let kb: ReturnType<typeof writeHostileKb>;
  before(async () => {
    slack = await startFakeSlackApi();
    kb = writeHostileKb();
    server = await startTestServer(slackEnv(slack, { KNOWLEDGE_DIR: kb.dir }));
  });
  after(async () => {
    await server.close();
    await slack.close();
    kb.cleanup();
  });

  /** The targets of mrkdwn links (<target|label> or <target>) in a message, wherever they are. */
  function linkTargets(message: unknown): string[] {
    const json = JSON.stringify(message);
    return [...json.matchAll(/<([^<>|@#!][^<>|]*)(?:\|[^<>]*)?>/g)].map((m) => m[1] as string);
  }

  it('links only to web and mail URLs; the good source stays a link', async () => {
    for (const [i, question] of [`May I use ${HOSTILE_TOOL}?`, 'May I use Frobnicator Pro?'].entries()) {
      const channel = `D0LINK${i}`;
      assert.equal((await postSigned(`${server.url}/slack/events`, SECRET, directMessageEvent({ text: question, channel }))).status, 200);
      const posts = await slack.waitFor('chat.postMessage', i + 1);
      const post = posts.find((p) => p.body.channel === channel);
      assert.ok(post, 'answered');
      const targets = linkTargets({ text: post.body.text, blocks: post.body.blocks });
      assert.ok(targets.length > 0, 'the answer has links (else this proves nothing)');
      for (const t of targets) assert.match(t, /^(https?:|mailto:)/, `only web and mail links: ${t}`);
      assert.doesNotMatch(JSON.stringify(post.body.blocks), /<javascript:/i);
      if (i === 0) assert.ok(targets.includes(GOOD_URL), 'the good source is still a link');
    }
  });
});
