// Slack's AI-assistant panel through real Bolt over HTTP (Bolt's Assistant class): a new thread gets
// the greeting and suggested prompts from the catalogue, a question gets the status, the title and
// the answer in the thread, a follow-up stays in the thread. Payload shapes: Slack API docs,
// "assistant_thread_started" event and "Developing apps with AI features" (the user's message in
// the assistant thread is a message.im event with thread_ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KnowledgeBase } from '../src/kb/model.js';
import { directMessageEvent, eventRequest, FAKE_BOT_USER_ID, FAKE_TEAM_ID } from './fakes/slack-api.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';
import { blockText, methods, slackTimestamps, startShippedSlackHarness, startSlackHarness, type SlackHarness } from './helpers/slack-native.js';

/** The assistant_thread_started event (Slack API docs, "assistant_thread_started"). */
function threadStarted(channel: string, threadTs: string) {
  return eventRequest({
    type: 'assistant_thread_started',
    assistant_thread: {
      user_id: 'U0ASKER',
      context: { channel_id: 'C0GENERAL', team_id: FAKE_TEAM_ID, enterprise_id: null },
      channel_id: channel,
      thread_ts: threadTs,
    },
    event_ts: threadTs,
  });
}

const nextTs = slackTimestamps(1710000000);

describe('Slack assistant panel (German catalogue)', () => {
  let kb: KnowledgeBase;
  let h: SlackHarness;
  before(async () => {
    ({ kb, h } = await startShippedSlackHarness());
  });
  after(() => h.close());

  it('greets a new thread in the thread and suggests three to four questions naming catalogue tools, in German', async () => {
    h.slack.reset();
    const threadTs = nextTs();
    await h.send(threadStarted('D0ASSIST', threadTs));
    const [prompts] = await h.slack.waitFor('assistant.threads.setSuggestedPrompts', 1);
    const [greeting] = h.slack.callsOf('chat.postMessage');
    assert.equal(greeting?.body.channel, 'D0ASSIST');
    assert.equal(greeting?.body.thread_ts, threadTs);
    assert.match(blockText(greeting?.body.blocks), /Hallo!.*dienstlich nutzen/);
    assert.equal(prompts?.body.channel_id, 'D0ASSIST');
    assert.equal(prompts?.body.thread_ts, threadTs);
    const list = prompts?.body.prompts as { title: string; message: string }[];
    assert.ok(list.length >= 3 && list.length <= 4, `${list.length} prompts`);
    const names = [...kb.tools.values()].map((t) => t.name);
    assert.ok(list.some((p) => names.some((n) => p.message.includes(n))), JSON.stringify(list));
    assert.ok(list.every((p) => /^(Darf ich|Welche)/.test(p.message)), JSON.stringify(list));
    assert.deepEqual(methods(h.slack), ['chat.postMessage', 'assistant.threads.setSuggestedPrompts']);
  });

  it('sets the status and the title, then answers in the assistant thread; a follow-up stays in the thread, untitled again', async () => {
    h.slack.reset();
    const threadTs = nextTs();
    // A user message in the assistant thread: message.im with thread_ts.
    await h.send(directMessageEvent({ text: 'Darf ich Zoom mit Bürgern nutzen?', channel: 'D0ASSIST', thread_ts: threadTs, ts: nextTs() }));
    const [answer] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(answer?.body.channel, 'D0ASSIST');
    assert.equal(answer?.body.thread_ts, threadTs);
    const [status] = h.slack.callsOf('assistant.threads.setStatus');
    assert.equal(status?.body.thread_ts, threadTs);
    assert.match(String(status?.body.status), /prüft den Katalog/);
    const [title] = h.slack.callsOf('assistant.threads.setTitle');
    assert.equal(title?.body.title, 'Darf ich Zoom mit Bürgern nutzen?');
    assert.deepEqual(methods(h.slack), ['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage']);

    h.slack.reset();
    await h.send(directMessageEvent({ text: 'Und vertraulich?', channel: 'D0ASSIST', thread_ts: threadTs, ts: nextTs() }));
    const [followUp] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(followUp?.body.thread_ts, threadTs);
    // A follow-up: the answer is about Zoom again (issue 7's rules), not "unclear".
    assert.match(blockText(followUp?.body.blocks), /Zoom/);
    assert.deepEqual(methods(h.slack), ['assistant.threads.setStatus', 'chat.postMessage']);
  });

  it("ignores the bot's own message in an assistant thread", async () => {
    h.slack.reset();
    const asked = h.core.asked;
    await h.send(directMessageEvent({ text: 'Hallo!', channel: 'D0ASSIST', thread_ts: nextTs(), user: FAKE_BOT_USER_ID }));
    const posts = await h.sentinel(1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
    assert.equal(h.core.asked, asked + 1);
  });
  // A message at the top of the DM: slack-agent-view.test.ts (answered in its own thread).
});

describe('Slack assistant panel (English catalogue)', () => {
  let h: SlackHarness;
  before(async () => {
    const kb = kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/quackmail.yaml': toolYaml('Quackmail', 'approved', 'category: email\n'),
      'tools/chatter.yaml': toolYaml('Chatter', 'prohibited', 'category: messaging\n'),
    });
    h = await startSlackHarness(kb);
  });
  after(() => h.close());

  it('greets and suggests questions in English, naming this catalogue', async () => {
    h.slack.reset();
    await h.send(threadStarted('D0EN', nextTs()));
    const [prompts] = await h.slack.waitFor('assistant.threads.setSuggestedPrompts', 1);
    const [greeting] = h.slack.callsOf('chat.postMessage');
    assert.match(blockText(greeting?.body.blocks), /Hello! .*Example Agency/);
    const list = prompts?.body.prompts as { title: string; message: string }[];
    assert.ok(list.length >= 3, JSON.stringify(list));
    assert.ok(list.some((p) => p.message.includes('Quackmail')) && list.some((p) => p.message.includes('Chatter')), JSON.stringify(list));
    assert.ok(list.every((p) => /^(May I|Which)/.test(p.message)), JSON.stringify(list));
  });
});
