// Every Slack message kind a person uses to ask, through real Bolt over HTTP: a question with a file
// (file_share), a thread reply also sent to the conversation (thread_broadcast), an edited question
// (message_changed: the answer is updated with chat.update when the verdict changes, once per edit),
// a deleted question (message_deleted: the answer stays). Bot messages and other subtypes are ignored.
// Payload shapes: Slack API docs, "message" event and its subtypes ("file_share", "thread_broadcast",
// "message_changed", "message_deleted"), inside the Events API's event_callback envelope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ComplianceCore } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { appMentionEvent, directMessageEvent, eventRequest, FAKE_BOT_ID, FAKE_BOT_USER_ID } from './fakes/slack-api.js';
import { blockText, methods, slackTimestamps, startShippedSlackHarness, type SlackHarness } from './helpers/slack-native.js';

let kb: KnowledgeBase;
let h: SlackHarness;
before(async () => {
  ({ kb, h } = await startShippedSlackHarness());
});
after(() => h.close());

const nextTs = slackTimestamps(1700000000);

/** "file_share" subtype (Slack API docs): a message with files and the text typed with them. */
function fileShare(text: string, channel: string) {
  const ts = nextTs();
  return eventRequest({
    type: 'message',
    subtype: 'file_share',
    text,
    files: [{ id: 'F0SCREEN', name: 'screenshot.png', mimetype: 'image/png', filetype: 'png' }],
    upload: false,
    user: 'U0ASKER',
    display_as_bot: false,
    ts,
    event_ts: ts,
    channel,
    channel_type: 'im',
  });
}

/** "message_changed" subtype (Slack API docs): `message` is the edited message, `previous_message` the old one. */
function messageChanged(input: { channel: string; questionTs: string; oldText: string; newText: string; editTs: string; user?: string; botId?: string }) {
  return eventRequest({
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: input.channel,
    channel_type: 'im',
    ts: input.editTs,
    event_ts: input.editTs,
    message: {
      type: 'message',
      user: input.user ?? 'U0ASKER',
      ...(input.botId ? { bot_id: input.botId } : {}),
      text: input.newText,
      ts: input.questionTs,
      edited: { user: input.user ?? 'U0ASKER', ts: input.editTs },
    },
    previous_message: { type: 'message', user: input.user ?? 'U0ASKER', text: input.oldText, ts: input.questionTs },
  });
}

/** Asks in a DM and returns the answer's ts, after checking it was posted. */
async function askInDm(channel: string, text: string, ts: string): Promise<string> {
  h.slack.reset();
  await h.send(directMessageEvent({ text, channel, ts }));
  const [post] = await h.slack.waitFor('chat.postMessage', 1);
  assert.equal(post?.body.channel, channel);
  const answerTs = post?.response?.ts;
  assert.equal(typeof answerTs, 'string');
  return answerTs as string;
}

describe('Slack message kinds', () => {
  it("answers a question sent with a screenshot (file_share) once, in the DM, in the message's own thread", async () => {
    h.slack.reset();
    const request = fileShare('Darf ich Zoom mit Bürgern nutzen?', 'D0FILE');
    await h.send(request);
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(post?.body.channel, 'D0FILE');
    assert.equal(post?.body.thread_ts, JSON.parse(request.body).event.ts);
    const expected = await new ComplianceCore(kb).ask('Darf ich Zoom mit Bürgern nutzen?', { platform: 'slack' });
    assert.match(blockText(post?.body.blocks), new RegExp(expected.tools[0]?.name ?? 'Zoom'));
    const posts = await h.sentinel(2);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0FILE', 'D0SENTINEL']);
  });

  it('ignores a file shared without any text', async () => {
    h.slack.reset();
    await h.send(fileShare('', 'D0FILEONLY'));
    const posts = await h.sentinel(1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
  });

  it('answers a thread reply also sent to the conversation (thread_broadcast) in its thread', async () => {
    h.slack.reset();
    const ts = nextTs();
    // "thread_broadcast" subtype (Slack API docs): a reply with thread_ts and the thread's root.
    await h.send(
      eventRequest({
        type: 'message',
        subtype: 'thread_broadcast',
        text: 'Darf ich Zoom nutzen?',
        user: 'U0ASKER',
        ts,
        event_ts: ts,
        thread_ts: '1699999999.000001',
        root: { text: 'Frage zu Tools', user: 'U0ASKER', ts: '1699999999.000001', thread_ts: '1699999999.000001', reply_count: 1 },
        channel: 'D0BROADCAST',
        channel_type: 'im',
      }),
    );
    const [post] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(post?.body.channel, 'D0BROADCAST');
    assert.equal(post?.body.thread_ts, '1699999999.000001');
    const posts = await h.sentinel(2);
    assert.equal(posts.length, 2);
  });

  it('updates the answer (chat.update, nothing posted) when an edit changes the verdict, once for the edit delivered twice', async () => {
    const core = new ComplianceCore(kb);
    const before = await core.ask('Darf ich Zoom nutzen?', { platform: 'slack' });
    const afterEdit = await core.ask('Darf ich Zoom für ein vertrauliches Gespräch nutzen?', { platform: 'slack' });
    assert.notEqual(afterEdit.verdict, before.verdict, 'premise: the edit changes the verdict in this catalogue');
    const questionTs = nextTs();
    const answerTs = await askInDm('D0EDIT', 'Darf ich Zoom nutzen?', questionTs);
    h.slack.reset();
    const edit = { channel: 'D0EDIT', questionTs, oldText: 'Darf ich Zoom nutzen?', newText: 'Darf ich Zoom für ein vertrauliches Gespräch nutzen?', editTs: nextTs() };
    await h.send(messageChanged(edit));
    // The same edit again under another event id (as a second instance or a replay would see it).
    await h.send(messageChanged(edit));
    const [update] = await h.slack.waitFor('chat.update', 1);
    assert.equal(update?.body.channel, 'D0EDIT');
    assert.equal(update?.body.ts, answerTs);
    assert.match(blockText(update?.body.blocks), new RegExp(afterEdit.headline.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await h.sentinel(1);
    assert.deepEqual(methods(h.slack), ['chat.update', 'chat.postMessage']);
  });

  it('updates the threaded answer to an edited @mention in a channel (message_changed with channel_type channel)', async () => {
    const questionTs = nextTs();
    h.slack.reset();
    await h.send(appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom nutzen?`, channel: 'C0EDIT', ts: questionTs }));
    const [answer] = await h.slack.waitFor('chat.postMessage', 1);
    assert.equal(answer?.body.thread_ts, questionTs);
    h.slack.reset();
    const editTs = nextTs();
    await h.send(
      eventRequest({
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: 'C0EDIT',
        channel_type: 'channel',
        ts: editTs,
        event_ts: editTs,
        message: { type: 'message', user: 'U0ASKER', text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom für ein vertrauliches Gespräch nutzen?`, ts: questionTs, edited: { user: 'U0ASKER', ts: editTs } },
        previous_message: { type: 'message', user: 'U0ASKER', text: `<@${FAKE_BOT_USER_ID}> Darf ich Zoom nutzen?`, ts: questionTs },
      }),
    );
    const [update] = await h.slack.waitFor('chat.update', 1);
    assert.equal(update?.body.channel, 'C0EDIT');
    assert.equal(update?.body.ts, answer?.response?.ts);
    await h.sentinel(1);
    assert.deepEqual(methods(h.slack), ['chat.update', 'chat.postMessage']);
  });

  it('leaves the answer alone when the edit does not change the verdict', async () => {
    const questionTs = nextTs();
    await askInDm('D0SAME', 'Darf ich Zoom nutzen?', questionTs);
    h.slack.reset();
    await h.send(messageChanged({ channel: 'D0SAME', questionTs, oldText: 'Darf ich Zoom nutzen?', newText: 'Darf ich Zoom nutzen??', editTs: nextTs() }));
    await h.sentinel(1);
    assert.deepEqual(methods(h.slack), ['chat.postMessage']);
  });

  it('ignores the edit of a message the bot did not answer, and the edit of a bot message', async () => {
    h.slack.reset();
    await h.send(messageChanged({ channel: 'D0OTHER', questionTs: nextTs(), oldText: 'Hallo', newText: 'Darf ich Zoom vertraulich nutzen?', editTs: nextTs() }));
    const questionTs = nextTs();
    await askInDm('D0BOTEDIT', 'Darf ich Zoom nutzen?', questionTs);
    h.slack.reset();
    await h.send(
      messageChanged({ channel: 'D0BOTEDIT', questionTs, oldText: 'Darf ich Zoom nutzen?', newText: 'vertraulich', editTs: nextTs(), user: FAKE_BOT_USER_ID, botId: FAKE_BOT_ID }),
    );
    await h.sentinel(1);
    assert.deepEqual(methods(h.slack), ['chat.postMessage']);
  });

  it('leaves the answer when the question is deleted (message_deleted)', async () => {
    const questionTs = nextTs();
    await askInDm('D0DELETE', 'Darf ich Zoom nutzen?', questionTs);
    h.slack.reset();
    const ts = nextTs();
    await h.send(
      eventRequest({ type: 'message', subtype: 'message_deleted', hidden: true, channel: 'D0DELETE', channel_type: 'im', ts, event_ts: ts, deleted_ts: questionTs, previous_message: { type: 'message', user: 'U0ASKER', text: 'Darf ich Zoom nutzen?', ts: questionTs } }),
    );
    await h.sentinel(1);
    assert.deepEqual(methods(h.slack), ['chat.postMessage']);
  });

  it('still ignores bot messages and other subtypes (channel_join, bot_message)', async () => {
    h.slack.reset();
    const asked = h.core.asked;
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0JOIN', extra: { subtype: 'channel_join' } }));
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0BOTMSG', extra: { subtype: 'bot_message', bot_id: 'B0OTHER' } }));
    await h.send(directMessageEvent({ text: 'Darf ich Zoom nutzen?', channel: 'D0OWN', user: FAKE_BOT_USER_ID }));
    const posts = await h.sentinel(1);
    assert.deepEqual(posts.map((p) => p.body.channel), ['D0SENTINEL']);
    assert.equal(h.core.asked, asked + 1);
  });
});
