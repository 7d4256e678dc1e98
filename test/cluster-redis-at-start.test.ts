// Redis unreachable when an instance starts: it answers questions at once, says that subscriptions
// are unavailable for now, and attaches the store by itself once Redis answers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { directMessageEvent, postSigned, startFakeSlackApi } from './fakes/slack-api.js';
import { deleteKeys, eventually, startRedisProxy } from './helpers/cluster-harness.js';
import { postJson, startTestServer } from './helpers/server.js';
import { describeNeeding, skipUnless } from './helpers/services.js';

const SECRET = 'redis-at-start-secret';
const prefix = `test-at-start-${randomUUID().slice(0, 8)}:`;

await describeNeeding(['redis'], 'Redis down at start', () => {
  // Inside the suite, so that a skipped suite (no Redis) does not try to reach Redis either.
  after(async () => {
    await deleteKeys(prefix);
  });
  it('answers questions, says subscriptions are unavailable, and recovers when Redis is back', async () => {
    const proxy = await startRedisProxy();
    proxy.cut();
    const slack = await startFakeSlackApi();
    const server = await startTestServer({
      STORAGE_URL: `redis://127.0.0.1:${proxy.port}/0?prefix=${prefix}`,
      SLACK_BOT_TOKEN: 'xoxb-at-start',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    try {
      const answer = (await (await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' })).json()) as { verdict: string };
      assert.equal(answer.verdict, 'conditional');

      const dm = async (text: string) => {
        const before = slack.callsOf('chat.postMessage').length;
        await postSigned(`${server.url}/slack/events`, SECRET, directMessageEvent({ text, user: 'USUB', channel: 'DSUB' }));
        const posts = await slack.waitFor('chat.postMessage', before + 1);
        return String(posts[before]?.body.text ?? '');
      };
      assert.match(await dm('subscribe zoom'), /cannot be reached|unavailable|not available|nicht erreichbar/i);

      proxy.restore();
      const reply = await eventually(
        async () => {
          const text = await dm('subscribe zoom');
          return /cannot be reached|unavailable|not available|nicht erreichbar/i.test(text) ? undefined : text;
        },
        () => 'subscriptions to work after Redis came back',
        20_000,
      );
      assert.match(reply, /Zoom/);
    } finally {
      await server.close();
      await slack.close();
      await proxy.close();
    }
  });
});
