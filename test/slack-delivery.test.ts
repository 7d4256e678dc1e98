// The outbound side of the Slack adapter: reply() and notify() through the real WebClient to the
// fake Slack Web API, 429s surfacing as RetryAfterError for the delivery queue, and start()
// failing loudly on a bad token.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import { createSlackAdapter, SLACK_EVENTS_PATH, SLASH_COMMAND } from '../adapters/slack/index.js';
import type { MessagingAdapter as ChatAdapter } from '../adapters/types.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { ComplianceCore } from '../src/core.js';
import { AdapterConfigError, AdapterStartError, DeliveryError, PermanentDeliveryError, RetryAfterError } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';

const silent = pino({ level: 'silent' });

const notice: ChangeNotice = {
  id: 'chg-42',
  toolId: 'zoom',
  toolName: 'Zoom',
  oldStatus: 'restricted',
  newStatus: 'prohibited',
  changes: ['Status: restricted → prohibited'],
  by: 'hand edit',
  at: '2021-10-01T09:30:00Z',
  language: 'de',
};

let kb: KnowledgeBase;
let core: ComplianceCore;
before(async () => {
  kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
  core = new ComplianceCore(kb);
});

describe('Slack reply and notify', () => {
  let slack: FakeSlackApi;
  let adapter: ChatAdapter;
  before(async () => {
    slack = await startFakeSlackApi();
    adapter = createSlackAdapter({ core, botToken: 'xoxb-out', signingSecret: 's', apiUrl: slack.apiUrl, logger: silent });
    await adapter.start();
  });
  after(async () => {
    await adapter.stop();
    await slack.close();
  });

  it("notify() posts the notice into the subscriber's direct messages", async () => {
    slack.reset();
    await adapter.notify({ platform: 'slack', conversationId: 'C0TEAM', userId: 'U0BOB' }, notice);
    const [post] = slack.callsOf('chat.postMessage');
    assert.equal(post?.body.channel, 'U0BOB');
    assert.ok(JSON.stringify(post?.body.blocks).includes('Änderung im Tool-Katalog: Zoom'));
    await adapter.notify({ platform: 'slack', conversationId: 'C0TEAM' }, notice);
    assert.equal(slack.callsOf('chat.postMessage')[1]?.body.channel, 'C0TEAM');
  });

  it('a 429 rejects notify() at once with RetryAfterError carrying Retry-After (no silent retry)', async () => {
    slack.reset();
    slack.rateLimit({ share: 1, retryAfterSeconds: 7, methods: ['chat.postMessage'] });
    try {
      const started = Date.now();
      await assert.rejects(
        adapter.notify({ platform: 'slack', conversationId: 'C0TEAM', userId: 'U0BOB' }, notice),
        (err: unknown) => {
          assert.ok(err instanceof RetryAfterError);
          assert.equal(err.code, 'DELIVERY_RATE_LIMITED');
          assert.equal(err.retryAfterSeconds, 7);
          assert.equal(err.operation, 'chat.postMessage');
          return true;
        },
      );
      assert.ok(Date.now() - started < 2000, 'did not wait for the retry-after');
      assert.equal(slack.calls.filter((c) => c.method === 'chat.postMessage').length, 1, 'exactly one attempt');
    } finally {
      slack.rateLimit({ share: 0 });
    }
  });

  it('a share of 429s: every second notify fails, the others are delivered', async () => {
    slack.reset();
    slack.rateLimit({ share: 0.5, retryAfterSeconds: 3 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => adapter.notify({ platform: 'slack', conversationId: `C${i}` }, notice)),
      );
      const limited = results.filter((r) => r.status === 'rejected' && r.reason instanceof RetryAfterError);
      assert.equal(limited.length, 3);
      assert.equal(slack.callsOf('chat.postMessage').length, 3);
    } finally {
      slack.rateLimit({ share: 0 });
    }
  });

  it("Slack's refusal for good surfaces as PermanentDeliveryError with Slack's error code, a passing one as DeliveryError", async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    await assert.rejects(adapter.notify({ platform: 'slack', conversationId: 'C0GONE' }, notice), (err: unknown) => {
      assert.ok(err instanceof PermanentDeliveryError);
      assert.equal(err.code, 'DELIVERY_PERMANENT');
      assert.equal(err.platformError, 'channel_not_found');
      assert.match(err.message, /channel_not_found/);
      return true;
    });
    slack.failNext('chat.postMessage', 'internal_error');
    await assert.rejects(adapter.notify({ platform: 'slack', conversationId: 'C0TEAM' }, notice), (err: unknown) => {
      assert.ok(err instanceof DeliveryError && !(err instanceof PermanentDeliveryError) && !(err instanceof RetryAfterError));
      assert.equal(err.code, 'DELIVERY_FAILED');
      assert.equal(err.platformError, 'internal_error');
      return true;
    });
  });
});

describe('Slack adapter configuration and start', () => {
  it('refuses to be built without a signing secret or an app token', () => {
    assert.throws(
      () => createSlackAdapter({ core, botToken: 'xoxb-1', logger: silent }),
      (err: unknown) => err instanceof AdapterConfigError && /SLACK_SIGNING_SECRET/.test(err.message),
    );
    assert.throws(() => createSlackAdapter({ core, botToken: '', signingSecret: 's', logger: silent }), AdapterConfigError);
  });

  it('start() fails with AdapterStartError when auth.test rejects the token', async () => {
    const slack = await startFakeSlackApi();
    try {
      slack.failNext('auth.test', 'invalid_auth');
      const adapter = createSlackAdapter({ core, botToken: 'xoxb-bad', signingSecret: 's', apiUrl: slack.apiUrl, logger: silent });
      await assert.rejects(adapter.start(), (err: unknown) => {
        assert.ok(err instanceof AdapterStartError);
        assert.equal(err.code, 'ADAPTER_START_FAILED');
        assert.equal(err.platformError, 'invalid_auth');
        assert.match(err.message, /SLACK_BOT_TOKEN/);
        return true;
      });
      await adapter.stop();
    } finally {
      await slack.close();
    }
  });

  it('mounts only /slack/events on the shared router', async () => {
    const slack = await startFakeSlackApi();
    const adapter = createSlackAdapter({ core, botToken: 'xoxb-1', signingSecret: 's', apiUrl: slack.apiUrl, logger: silent });
    const router = express.Router();
    adapter.mount(router);
    const app = express();
    app.use(router);
    app.use((_req, res) => void res.status(404).send('other'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const unsigned = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(unsigned.status, 401);
      const other = await fetch(`${base}/health`);
      assert.equal(await other.text(), 'other');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await adapter.stop();
      await slack.close();
    }
  });

  it('the app manifest subscribes to what the adapter handles, on its one URL', async () => {
    const manifest = parseYaml(await readFile(new URL('../adapters/slack/manifest.yml', import.meta.url), 'utf8'));
    const url = `https://YOUR-HOST${SLACK_EVENTS_PATH}`;
    // The agent messaging experience (issue 20): agent_view with its description, no assistant_view.
    assert.deepEqual(manifest.settings.event_subscriptions.bot_events.sort(), ['app_context_changed', 'app_home_opened', 'app_mention', 'message.im']);
    assert.equal(typeof manifest.features.agent_view?.agent_description, 'string');
    assert.ok(manifest.features.agent_view.agent_description.length > 10);
    assert.equal(manifest.features.assistant_view, undefined);
    assert.equal(manifest.features.app_home.messages_tab_enabled, true);
    assert.equal(manifest.settings.event_subscriptions.request_url, url);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.equal(manifest.settings.interactivity.request_url, url);
    assert.deepEqual(manifest.features.slash_commands.map((c: { command: string; url: string }) => [c.command, c.url]), [[SLASH_COMMAND, url]]);
    for (const scope of ['app_mentions:read', 'assistant:write', 'chat:write', 'commands', 'im:history']) {
      assert.ok(manifest.oauth_config.scopes.bot.includes(scope), scope);
    }
    assert.ok(manifest.features.bot_user.display_name);
  });
});
