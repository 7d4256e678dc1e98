// The Slack adapter end to end: real Bolt (ExpressReceiver) mounted on a real express server on
// 127.0.0.1, signed requests as Slack sends them, and the fake Slack Web API recording the replies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createSlackAdapter, type NotifyRequest } from '../adapters/slack/index.js';
import type { Dedupe as EventDedupe } from '../src/storage/dedupe.js';
import type { ChatAdapter } from '../adapters/types.js';
import type { Answer } from '../src/model/answer.js';
import { ComplianceCore, type AskMeta } from '../src/core.js';
import type { AnswerOptions } from '../src/engine/engine.js';
import { phrases as messages } from '../src/phrases/index.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { appMentionEvent, buttonClick, directMessageEvent, FAKE_BOT_ID, FAKE_BOT_USER_ID, postSigned, slashCommand, startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from './fakes/slack-api.js';
import { serveAdapter } from './helpers/serve-adapter.js';

const SECRET = 'test-signing-secret';
const de = messages('de');
const en = messages('en');

/** Records every question; optionally throws, or waits for `gate` before answering. */
class ProbeCore extends ComplianceCore {
  questions: string[] = [];
  throwWith?: (question: string) => Error;
  gate?: Promise<void>;
  override async ask(question: string, meta: AskMeta, options?: AnswerOptions): Promise<Answer> {
    this.questions.push(question);
    assert.equal(meta.platform, 'slack');
    if (this.gate) await this.gate;
    if (this.throwWith) throw this.throwWith(question);
    return super.ask(question, meta, options);
  }
}

function memoryLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
  return { logger, lines };
}

interface Harness {
  slack: FakeSlackApi;
  core: ProbeCore;
  adapter: ChatAdapter;
  eventsUrl: string;
  logLines: string[];
  send(request: { body: string; contentType: string }, options?: Parameters<typeof postSigned>[3]): ReturnType<typeof postSigned>;
  close(): Promise<void>;
}

async function startHarness(
  kb: KnowledgeBase,
  extra: { onNotifyRequest?: (r: NotifyRequest) => Promise<string>; dedupe?: EventDedupe } = {},
): Promise<Harness> {
  const slack = await startFakeSlackApi();
  const core = new ProbeCore(kb);
  const { logger, lines } = memoryLogger();
  const adapter = createSlackAdapter({
    core,
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: slack.apiUrl,
    logger,
    onNotifyRequest: extra.onNotifyRequest,
    dedupe: extra.dedupe,
  });
  const served = await serveAdapter(adapter);
  const eventsUrl = `${served.base}/slack/events`;
  return {
    slack,
    core,
    adapter,
    eventsUrl,
    logLines: lines,
    send: (request, options) => postSigned(eventsUrl, SECRET, request, options),
    async close() {
      await served.close();
      await slack.close();
    },
  };
}

/** Every text in a Block Kit message, joined: what a reader would see. */
function blockText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(blockText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(blockText).join('\n');
  return '';
}

/** Sends a harmless question and waits for its answer: whatever came before it has been handled. */
async function sentinel(h: Harness, expectedPosts: number): Promise<SlackApiCall[]> {
  const res = await h.send(directMessageEvent({ text: 'Zoom?', channel: 'D0SENTINEL' }));
  assert.equal(res.status, 200);
  return h.slack.waitFor('chat.postMessage', expectedPosts);
}

let kb: KnowledgeBase;
before(async () => {
  kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
});

describe('Slack adapter over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kb);
  });
  after(() => h.close());

  it('called auth.test once at start, with the bot token', () => {
    const auth = h.slack.callsOf('auth.test');
    assert.equal(auth.length, 1);
    assert.equal(auth[0]?.token, 'xoxb-test-token');
  });

  it('answers the URL verification challenge', async () => {
    const res = await h.send({ body: JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' }), contentType: 'application/json' });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.text).challenge, 'c-123');
  });

  it('answers an app mention in a thread under the question, without the mention', async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    const res = await h.send(appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom mit Bürgern nutzen?`, ts: '1700000000.000100' }));
    assert.equal(res.status, 200);
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    assert.deepEqual(h.core.questions, ['Darf ich Zoom mit Bürgern nutzen?']);
    assert.equal(post?.token, 'xoxb-test-token');
    assert.equal(post?.body.channel, 'C0GENERAL');
    assert.equal(post?.body.thread_ts, '1700000000.000100');
    assert.ok(Array.isArray(post?.body.blocks) && post.body.blocks.length > 0);
    assert.ok(typeof post?.body.text === 'string');
  });

  it('answers "Darf ich Zoom mit Bürgern nutzen?" with the conditional marker (needs the real engine)', async () => {
    h.slack.reset();
    await h.send(appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom mit Bürgern nutzen?` }));
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    const shown = blockText(post?.body.blocks);
    assert.ok(shown.includes(de.marker.conditional), shown);
    assert.ok(shown.includes(de.ui.conditions), shown);
    const buttons = (post?.body.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
    assert.deepEqual(buttons.map((b) => b.action_id), ['notify:zoom']);
  });

  it("answers a direct message in the DM, in the message's own thread (agent messaging experience)", async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    await h.send(directMessageEvent({ text: 'May I use Zoom for a confidential call?', channel: 'D0ALICE', ts: '1700000003.000100' }));
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    assert.deepEqual(h.core.questions, ['May I use Zoom for a confidential call?']);
    assert.equal(post?.body.channel, 'D0ALICE');
    assert.equal(post?.body.thread_ts, '1700000003.000100');
  });

  it('answers "May I use Zoom for a confidential call?" as not allowed, in English (needs the real engine)', async () => {
    h.slack.reset();
    await h.send(directMessageEvent({ text: 'May I use Zoom for a confidential call?', channel: 'D0ALICE' }));
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    const shown = blockText(post?.body.blocks);
    assert.ok(shown.includes(`${en.marker.not_allowed} *${en.verdict.not_allowed}*`) || shown.includes(en.marker.not_allowed), shown);
    assert.ok(shown.includes(en.ui.notifyMe), shown);
  });

  it('answers a slash command ephemerally through response_url after an empty ack', async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    const res = await h.send(slashCommand({ text: 'Darf ich Zoom mit Bürgern nutzen?', responseUrl: h.slack.responseUrl('private') }));
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    const [response] = await h.slack.waitForResponses(1);
    assert.equal(response?.name, 'private');
    assert.equal(response?.body.response_type, 'ephemeral');
    assert.ok(Array.isArray(response?.body.blocks) && response.body.blocks.length > 0);
    assert.deepEqual(h.core.questions, ['Darf ich Zoom mit Bürgern nutzen?']);
    assert.equal(h.slack.callsOf('chat.postMessage').length, 0);
  });

  it('posts a slash command answer to the channel when the text says "public", without that word', async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    const res = await h.send(slashCommand({ text: 'public Darf ich Zoom mit Bürgern nutzen?', responseUrl: h.slack.responseUrl('public') }));
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.text).response_type, 'in_channel');
    const [response] = await h.slack.waitForResponses(1);
    assert.equal(response?.body.response_type, 'in_channel');
    assert.deepEqual(h.core.questions, ['Darf ich Zoom mit Bürgern nutzen?']);
  });

  it('keeps "the public" as part of an English question (not the flag)', async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    await h.send(slashCommand({ text: 'May I use Zoom with the public', responseUrl: h.slack.responseUrl('the-public') }));
    const [response] = await h.slack.waitForResponses(1);
    assert.equal(response?.body.response_type, 'ephemeral');
    assert.deepEqual(h.core.questions, ['May I use Zoom with the public']);
  });

  it('rejects a wrong signature with 401 and answers nothing', async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    const res = await h.send(appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom nutzen?`, channel: 'C0FORGED' }), {
      signWith: 'not-the-secret',
    });
    assert.equal(res.status, 401);
    const posts = await sentinel(h, 1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
    assert.deepEqual(h.core.questions, ['Zoom?']);
  });

  it('rejects a request signed 6 minutes ago with 401', async () => {
    h.slack.reset();
    const res = await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0OLD' }), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    assert.equal(res.status, 401);
    const posts = await sentinel(h, 1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
  });

  it("answers Slack's retry of the same event_id once", async () => {
    h.slack.reset();
    const event = directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0RETRY', event_id: 'Ev0RETRY1' });
    assert.equal((await h.send(event)).status, 200);
    await h.slack.waitFor('chat.postMessage', 1);
    const retry = await h.send(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    assert.equal(retry.status, 200);
    const again = await h.send(event, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    assert.equal(again.status, 200);
    const posts = await sentinel(h, 2);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0RETRY', 'D0SENTINEL']);
  });

  it('ignores messages from bots and from itself', async () => {
    h.slack.reset();
    h.core.questions.length = 0;
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0BOT1', extra: { bot_id: 'B0OTHER' } }));
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0BOT2', extra: { subtype: 'bot_message', bot_id: FAKE_BOT_ID } }));
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0BOT3', user: FAKE_BOT_USER_ID }));
    await h.send(appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom nutzen?`, channel: 'C0BOT4', extra: { bot_id: 'B0OTHER' } }));
    await h.send(directMessageEvent({ text: 'edited', channel: 'D0EDIT', extra: { subtype: 'message_changed' } }));
    const posts = await sentinel(h, 1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
    assert.deepEqual(h.core.questions, ['Zoom?']);
  });

  it('acks before the answer is computed (nothing waits on the engine)', async () => {
    h.slack.reset();
    let release!: () => void;
    h.core.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const res = await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0SLOW' }));
      assert.equal(res.status, 200);
      assert.equal(h.slack.callsOf('chat.postMessage').length, 0);
    } finally {
      release();
      h.core.gate = undefined;
    }
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(post?.body.channel, 'D0SLOW');
  });

  it('replies to a "Notify me" click that notifications are not set up, in the language of the answer', async () => {
    h.slack.reset();
    const res = await h.send(buttonClick({ actionId: 'notify:zoom', value: 'zoom', blockId: 'notify-en-0', responseUrl: h.slack.responseUrl('click') }));
    assert.equal(res.status, 200);
    const [response] = await h.slack.waitForResponses(1);
    assert.equal(response?.body.response_type, 'ephemeral');
    assert.equal(response?.body.replace_original, false);
    assert.equal(response?.body.text, 'Notifications are not set up on this server.');
  });
});

describe('Slack adapter with notifications', () => {
  let h: Harness;
  const requests: NotifyRequest[] = [];
  before(async () => {
    h = await startHarness(kb, {
      onNotifyRequest: async (r) => {
        requests.push(r);
        return r.language === 'de' ? 'Sie werden benachrichtigt.' : 'You will be notified.';
      },
    });
  });
  after(() => h.close());

  it('hands the click to onNotifyRequest and shows its text to the user only', async () => {
    await h.send(buttonClick({ actionId: 'notify:zoom', value: 'zoom', blockId: 'notify-de-0', responseUrl: h.slack.responseUrl('n'), user: 'U0BOB', channel: 'C0TEAM' }));
    const [response] = await h.slack.waitForResponses(1);
    assert.deepEqual(requests, [{ platform: 'slack', userId: 'U0BOB', conversationId: 'C0TEAM', toolId: 'zoom', language: 'de' }]);
    assert.equal(response?.body.text, 'Sie werden benachrichtigt.');
    assert.equal(response?.body.response_type, 'ephemeral');
  });

  it('uses chat.postEphemeral when the click has no response_url', async () => {
    await h.send(buttonClick({ actionId: 'notify:microsoft-365', value: 'microsoft-365', blockId: 'notify-en-0', user: 'U0CAROL', channel: 'C0TEAM' }));
    const [eph] = await h.slack.waitFor('chat.postEphemeral', 1);
    assert.equal(eph?.body.user, 'U0CAROL');
    assert.equal(eph?.body.channel, 'C0TEAM');
    assert.equal(eph?.body.text, 'You will be notified.');
    assert.equal(requests.at(-1)?.toolId, 'microsoft-365');
  });
});

describe('Slack adapter when the core fails', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kb);
    h.core.throwWith = (q) => new Error(`engine exploded while reading: ${q}`);
  });
  after(() => h.close());

  it('posts the failure message and whom to ask, in German for a German question', async () => {
    const question = 'Darf ich Quackmail für vertrauliche Daten nutzen?';
    await h.send(appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> ${question}`, channel: 'C0FAIL', ts: '1700000001.000200' }));
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(post?.body.thread_ts, '1700000001.000200');
    const shown = blockText(post?.body.blocks) + '\n' + post?.body.text;
    assert.ok(shown.includes(de.ui.failure), shown);
    assert.ok(shown.includes(de.ui.whomToAsk), shown);
    assert.ok(shown.includes('Datenschutzbeauftragte oder Datenschutzbeauftragter Ihrer Behörde'), shown);
    // Logged, without the question.
    const errors = h.logLines.filter((l) => l.includes('could not answer'));
    assert.equal(errors.length, 1);
    assert.ok(errors[0]?.includes('engine exploded'));
    assert.ok(!h.logLines.some((l) => l.includes('Quackmail')), 'question text leaked into the log');
  });

  it('answers an English question with the English failure message', async () => {
    h.slack.reset();
    await h.send(slashCommand({ text: 'May I use Quackmail for confidential data?', responseUrl: h.slack.responseUrl('fail') }));
    const [response] = await h.slack.waitForResponses(1);
    const shown = blockText(response?.body.blocks);
    assert.ok(shown.includes(en.ui.failure), shown);
    assert.ok(shown.includes("Your authority's data protection officer") || shown.includes('Your authority&#39;s'), shown);
  });
});

describe('Slack adapter with a shared dedupe store', () => {
  it('asks the store about each event id, and still answers when the store fails', async () => {
    const asked: string[] = [];
    const h = await startHarness(kb, {
      dedupe: {
        async firstSeen(id) {
          asked.push(id);
          throw new Error('redis is down');
        },
      },
    });
    try {
      await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0STORE', event_id: 'Ev0STORE' }));
      const [post] = await h.slack.waitFor('chat.postMessage', 1);
      assert.equal(post?.body.channel, 'D0STORE');
      assert.deepEqual(asked, ['Ev0STORE']);
      assert.ok(h.logLines.some((l) => l.includes('event dedupe failed')));
    } finally {
      await h.close();
    }
  });
});

describe('Slack adapter lifecycle', () => {
  it('stop() waits for answers in flight', async () => {
    const h = await startHarness(kb);
    let release!: () => void;
    h.core.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0INFLIGHT' }));
    let stopped = false;
    const stopping = h.adapter.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(stopped, false);
    release();
    await stopping;
    assert.equal(h.slack.callsOf('chat.postMessage').length, 1);
    await h.close();
  });
});
