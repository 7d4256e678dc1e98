// Slack's agent messaging experience (features.agent_view) through real Bolt over HTTP: opening the
// DM (app_home_opened, tab "messages") greets once and sets suggested prompts in that DM; a question
// at the top of the DM is answered in its own thread with the status set; a reply in that thread is
// a follow-up; app_context_changed is acknowledged with 200 and changes nothing; with an LLM, the
// explanation is streamed into the thread (chat.startStream / appendStream / stopStream).
// Payload shapes: Slack API docs, "app_home_opened" (tab, channel), "app_context_changed" (event
// with context.entities), "message.im".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KnowledgeBase } from '../src/kb/model.js';
import { directMessageEvent, eventRequest, FAKE_TEAM_ID } from './fakes/slack-api.js';
import { blockText, methods, slackTimestamps, startShippedSlackHarness, startSlackHarness, type SlackHarness } from './helpers/slack-native.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { fileURLToPath } from 'node:url';

/** app_home_opened as Slack sends it when the person opens the DM with the app. */
function dmOpened(user: string, channel: string) {
  return eventRequest({ type: 'app_home_opened', user, channel, tab: 'messages', event_ts: '1715000000.000200' });
}

/** app_context_changed with the channel the person looks at (documented example's shape). */
function contextChanged(channel: string) {
  return eventRequest({
    type: 'app_context_changed',
    user: 'U0ASKER',
    channel: 'D0CTX',
    context: { entities: [{ type: 'slack#/types/channel_id', value: channel, team_id: FAKE_TEAM_ID }] },
    event_ts: '1715000000.000300',
  });
}

const nextTs = slackTimestamps(1720000000);

describe('Slack agent messaging experience (German catalogue)', () => {
  let kb: KnowledgeBase;
  let h: SlackHarness;
  before(async () => {
    ({ kb, h } = await startShippedSlackHarness());
  });
  after(() => h.close());

  it('greets in the DM the first time it is opened and sets three to four suggested prompts there; later visits only refresh the prompts', async () => {
    h.slack.reset();
    await h.send(dmOpened('U0NEW', 'D0NEW'));
    const [prompts] = await h.slack.waitFor('assistant.threads.setSuggestedPrompts', 1);
    const [greeting] = h.slack.callsOf('chat.postMessage');
    assert.equal(greeting?.body.channel, 'D0NEW');
    assert.equal(greeting?.body.thread_ts, undefined, 'the greeting opens the DM, in no thread');
    assert.match(blockText(greeting?.body.blocks), /Hallo!.*dienstlich nutzen/);
    assert.equal(prompts?.body.channel_id, 'D0NEW');
    assert.equal(prompts?.body.thread_ts, undefined);
    const list = prompts?.body.prompts as { title: string; message: string }[];
    assert.ok(list.length >= 3 && list.length <= 4, `${list.length} prompts`);
    const names = [...kb.tools.values()].map((t) => t.name);
    assert.ok(list.some((p) => names.some((n) => p.message.includes(n))), JSON.stringify(list));
    assert.deepEqual(methods(h.slack), ['conversations.history', 'chat.postMessage', 'assistant.threads.setSuggestedPrompts']);

    // The DM holds the greeting now: no second one.
    await h.send(dmOpened('U0NEW', 'D0NEW'));
    await h.slack.waitFor('assistant.threads.setSuggestedPrompts', 2);
    assert.equal(h.slack.callsOf('chat.postMessage').length, 1);
  });

  it('answers a question at the top of the DM in its own thread, with the status set first; a reply in that thread follows up', async () => {
    h.slack.reset();
    const questionTs = nextTs();
    const res = await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0AGENT', ts: questionTs }));
    assert.equal(res.status, 200);
    const [answer] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(answer?.body.channel, 'D0AGENT');
    assert.equal(answer?.body.thread_ts, questionTs);
    const [status] = h.slack.callsOf('assistant.threads.setStatus');
    assert.equal(status?.body.channel_id, 'D0AGENT');
    assert.equal(status?.body.thread_ts, questionTs);
    assert.match(String(status?.body.status), /prüft den Katalog/);
    assert.deepEqual(methods(h.slack), ['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage']);

    h.slack.reset();
    await h.send(directMessageEvent({ text: 'Und mit Bürgern?', channel: 'D0AGENT', thread_ts: questionTs, ts: nextTs() }));
    const [followUp] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(followUp?.body.thread_ts, questionTs);
    assert.match(blockText(followUp?.body.blocks), /Zoom/);
    assert.match(blockText(followUp?.body.blocks), /Nachfrage/, 'read as a follow-up of the thread');
    // The thread was titled by its first question: the follow-up does not rename it.
    assert.deepEqual(methods(h.slack), ['assistant.threads.setStatus', 'chat.postMessage']);
  });

  it('acknowledges app_context_changed with 200 and neither answers nor calls Slack', async () => {
    h.slack.reset();
    const asked = h.core.asked;
    const res = await h.send(contextChanged('C0LOOKED'));
    assert.equal(res.status, 200);
    const empty = await h.send(eventRequest({ type: 'app_context_changed', context: {} }));
    assert.equal(empty.status, 200, 'the documented empty context too');
    await h.sentinel(1);
    assert.deepEqual(methods(h.slack), ['chat.postMessage']);
    assert.equal(h.core.asked, asked + 1, 'only the sentinel was asked');
  });

  it("does not answer the bot's own message at the top of its DM", async () => {
    h.slack.reset();
    await h.send(directMessageEvent({ text: 'Hallo!', channel: 'D0SELF', extra: { bot_id: 'B0BOT' } }));
    const posts = await h.sentinel(1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
  });
});

describe('Slack agent messaging experience with the LLM explanation', () => {
  let h: SlackHarness;
  let explanation: string | null = null;
  before(async () => {
    const kb = await loadKnowledgeBase(fileURLToPath(new URL('../knowledge', import.meta.url)));
    h = await startSlackHarness(kb, { summarize: async () => explanation });
  });
  after(() => h.close());

  it('posts the answer at once, then streams the explanation into the thread (no chat.update)', async () => {
    h.slack.reset();
    explanation = 'Zoom ist mit Auflagen freigegeben. Vertrauliches gehört nicht hinein! <!channel> bleibt Text.';
    const questionTs = nextTs();
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0STREAM', ts: questionTs }));
    const [stop] = await h.slack.waitFor('chat.stopStream', 1);
    const [answer] = h.slack.callsOf('chat.postMessage');
    assert.equal(answer?.body.thread_ts, questionTs);
    assert.doesNotMatch(blockText(answer?.body.blocks), /Vertrauliches gehört nicht hinein/, 'the answer does not wait for the model');
    const [start] = h.slack.callsOf('chat.startStream');
    assert.equal(start?.body.channel, 'D0STREAM');
    assert.equal(start?.body.thread_ts, questionTs);
    assert.match(String(start?.body.markdown_text), /Erläuterung|Erklärung/);
    const appended = h.slack.callsOf('chat.appendStream');
    assert.ok(appended.length >= 1);
    assert.ok([...appended, stop].every((c) => c?.body.ts === start?.response?.ts));
    const text = appended.map((a) => a.body.markdown_text).join('');
    assert.match(text, /Vertrauliches gehört nicht hinein/);
    assert.ok(!text.includes('<!channel>'), 'model text cannot ping a channel');
    assert.equal(h.slack.callsOf('chat.update').length, 0);
    const order = methods(h.slack).filter((m) => m.startsWith('chat.'));
    assert.deepEqual(order.slice(0, 2), ['chat.postMessage', 'chat.startStream']);
    assert.equal(order.at(-1), 'chat.stopStream');
  });

  it('posts the explanation into the thread when Slack refuses to stream', async () => {
    h.slack.reset();
    explanation = 'Zoom ist mit Auflagen freigegeben.';
    h.slack.failNext('chat.startStream', 'not_allowed');
    const questionTs = nextTs();
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0NOSTREAM', ts: questionTs }));
    const posts = await h.slack.waitFor('chat.postMessage', 2);
    assert.equal(posts[1]?.body.thread_ts, questionTs);
    assert.match(blockText(posts[1]?.body.blocks), /Zoom ist mit Auflagen freigegeben/);
  });

  it('streams nothing when the model has nothing to add', async () => {
    h.slack.reset();
    explanation = null;
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0QUIET', ts: nextTs() }));
    await h.sentinel(2);
    assert.equal(h.slack.callsOf('chat.startStream').length, 0);
    assert.equal(h.slack.callsOf('chat.update').length, 0);
  });
});

describe('explanation stream chunks', () => {
  it('splits a long explanation at sentence ends into pieces of at most 400 characters, losing nothing', async () => {
    const { streamChunks } = await import('../adapters/slack/stream.js');
    const text = Array.from({ length: 30 }, (_, i) => `Satz Nummer ${i} erklärt etwas Genaues zur Nutzung.`).join(' ');
    const chunks = streamChunks(text);
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((c) => c.length <= 400));
    assert.equal(chunks.join(''), text);
  });
});
