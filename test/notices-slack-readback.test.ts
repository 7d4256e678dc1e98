// The Slack side of exactly-once notices, through the real Slack adapter and the fake Slack Web
// API: a notice is posted with its id in the message metadata, and wasDelivered() finds it again by
// reading the conversation back (a DM opened from the user id, or a channel subscribed with "here"),
// only from the given time on; a 429 on the read-back is handed to the pipeline, which waits.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { RetryAfterError } from '../src/errors.js';
import type { MessagingAdapter as ChatAdapter } from '../adapters/types.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { slackDirectMessage } from '../src/model/conversation-target.js';
import { toNotice } from '../src/notifications/index.js';
import { fakeDmOf, startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';
import { KILL_CHANGE } from './helpers/notices-kill.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let slack: FakeSlackApi;
let adapter: ChatAdapter;
before(async () => {
  slack = await startFakeSlackApi();
  const core = new ComplianceCore(await loadKnowledgeBase(path.join(root, 'knowledge')));
  adapter = createSlackAdapter({ core, botToken: 'xoxb-readback', signingSecret: 'readback-secret', apiUrl: slack.apiUrl, logger: pino({ level: 'silent' }) });
});
after(() => slack.close());

const notice = toNotice(KILL_CHANGE, 'en');
const other = { ...notice, id: 'another-notice-id' };

test('a notice carries its id as message metadata; the DM read back finds it, and only it', async () => {
  const target = slackDirectMessage('URB001');
  const since = Date.now() - 1_000;
  assert.equal(await adapter.wasDelivered?.(target, notice.id, since), false, 'nothing posted yet');
  await adapter.notify(target, other);
  assert.equal(await adapter.wasDelivered?.(target, notice.id, since), false, 'another notice is not this one');
  await adapter.notify(target, notice);
  const [post] = slack.callsOf('chat.postMessage').slice(-1);
  assert.deepEqual(post?.body.metadata, { event_type: 'compliance_notice', event_payload: { notice_id: notice.id } });
  assert.equal(await adapter.wasDelivered?.(target, notice.id, since), true);
  const read = slack.callsOf('conversations.history').at(-1);
  assert.equal(read?.body.channel, fakeDmOf('URB001'), 'the DM opened from the user id');
  assert.equal(String(read?.body.include_all_metadata), 'true');
  // Posted before `since`: not looked at.
  assert.equal(await adapter.wasDelivered?.(target, notice.id, Date.now() + 60_000), false);
});

test('a channel subscribed with "here" is read back directly', async () => {
  const target = { platform: 'slack' as const, conversationId: 'CRB001' };
  await adapter.notify(target, notice);
  assert.equal(await adapter.wasDelivered?.(target, notice.id, Date.now() - 1_000), true);
  assert.equal(slack.callsOf('conversations.history').at(-1)?.body.channel, 'CRB001');
});

test('a 429 on the read-back is thrown for the pipeline to wait; another failure means "cannot tell"', async () => {
  const target = slackDirectMessage('URB002');
  slack.rateLimit({ share: 1, retryAfterSeconds: 2, methods: ['conversations.history'] });
  try {
    await assert.rejects(adapter.wasDelivered?.(target, notice.id, 0) ?? Promise.resolve(), (err: unknown) => err instanceof RetryAfterError && err.retryAfterSeconds === 2);
  } finally {
    slack.rateLimit({ share: 0 });
  }
  slack.failNext('conversations.history', 'missing_scope');
  assert.equal(await adapter.wasDelivered?.(target, notice.id, 0), undefined);
});
