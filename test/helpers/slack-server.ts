// The real server with Slack configured against a fake Web API, on a knowledge folder and an SQLite
// file the test owns (so a second server can start on the same ones: a restart).
import assert from 'node:assert/strict';
import type { Logger } from 'pino';
import type { ServerHandle } from '../../server/index.js';
import type { ServiceTimers } from '../../server/services.js';
import { directMessageEvent, postSigned, type FakeSlackApi, type SlackApiCall } from '../fakes/slack-api.js';
import { eventually } from './cluster-harness.js';
import { startTestServer } from './server.js';

const SIGNING_SECRET = 'slack-server-signing-secret';

export interface SlackServer {
  server: ServerHandle;
  /** Posts sent by the bot to `channel` (a user id: a DM the bot opens, as for admins and notices). */
  postsTo(channel: string): SlackApiCall[];
  /** A signed Slack DM from `user`; resolves with the bot's reply in that DM. */
  /** Sends a DM and waits for the bot's reply (15 s unless `timeoutMs` says otherwise). */
  dm(user: string, text: string, timeoutMs?: number): Promise<SlackApiCall>;
  close(): Promise<void>;
}

export interface SlackServerOptions {
  slack: FakeSlackApi;
  kbDir: string;
  sqliteFile: string;
  /** Slack user ids of the admins. */
  admins?: string[];
  logger?: Logger;
  timers?: ServiceTimers;
}

export async function startSlackServer(options: SlackServerOptions): Promise<SlackServer> {
  const { slack } = options;
  const server = await startTestServer(
    {
      KNOWLEDGE_DIR: options.kbDir,
      STORAGE_URL: `sqlite:${options.sqliteFile}`,
      SLACK_BOT_TOKEN: 'xoxb-slack-server',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      ADMINS: (options.admins ?? []).map((id) => `slack:${id}`).join(','),
    },
    { ...(options.logger ? { logger: options.logger } : {}), ...(options.timers ? { timers: options.timers } : {}) },
  );
  const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === channel);
  return {
    server,
    postsTo,
    async dm(user, text, timeoutMs) {
      const channel = `D${user}`;
      const before = postsTo(channel).length;
      const res = await postSigned(`${server.url}/slack/events`, SIGNING_SECRET, directMessageEvent({ text, user, channel }));
      assert.equal(res.status, 200, `Bolt accepted the signed DM (got ${res.status})`);
      return eventually(() => postsTo(channel)[before], () => `the reply in ${channel} to "${text}"`, timeoutMs);
    },
    close: () => server.close(),
  };
}
