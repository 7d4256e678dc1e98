// A Slack adapter on a real express server on 127.0.0.1 with the fake Slack Web API, for the tests
// of the assistant panel, the App Home and the message kinds: signed requests go to real Bolt.
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createSlackAdapter, type NotifyRequest } from '../../adapters/slack/index.js';
import type { ChatAdapter } from '../../adapters/types.js';
import type { Answer } from '../../src/model/answer.js';
import type { ChatCommands } from '../../src/chat/commands.js';
import { ComplianceCore, type AskMeta } from '../../src/core.js';
import type { AnswerOptions } from '../../src/engine/engine.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import type { KnowledgeBase } from '../../src/kb/model.js';
import type { OverviewSource } from '../../src/subscriptions/overview.js';
import { directMessageEvent, postSigned, startFakeSlackApi, type FakeSlackApi, type SlackApiCall, type SlackRequest } from '../fakes/slack-api.js';
import { serveAdapter } from './serve-adapter.js';

export const SECRET = 'test-signing-secret';

/** Counts questions (not their text) reaching the core. */
export class CountingCore extends ComplianceCore {
  asked = 0;
  override async ask(question: string, meta: AskMeta, options?: AnswerOptions): Promise<Answer> {
    this.asked++;
    return super.ask(question, meta, options);
  }
}

export interface SlackHarness {
  slack: FakeSlackApi;
  core: CountingCore;
  adapter: ChatAdapter;
  send(request: SlackRequest): Promise<{ status: number; text: string }>;
  /** Sends a DM and waits for its answer: everything sent before has been handled. Returns every post so far. */
  sentinel(expectedPosts: number): Promise<SlackApiCall[]>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  kb: KnowledgeBase,
  extra: { overview?: OverviewSource; onNotifyRequest?: (r: NotifyRequest) => Promise<string>; commands?: ChatCommands; summarize?: (a: Answer) => Promise<string | null> } = {},
): Promise<SlackHarness> {
  const slack = await startFakeSlackApi();
  const core = new CountingCore(kb);
  const adapter = createSlackAdapter({
    core,
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: slack.apiUrl,
    logger: pino({ level: 'silent' }),
    ...(extra.overview ? { overview: extra.overview } : {}),
    ...(extra.onNotifyRequest ? { onNotifyRequest: extra.onNotifyRequest } : {}),
    ...(extra.commands ? { commands: extra.commands } : {}),
    ...(extra.summarize ? { summarize: extra.summarize } : {}),
  });
  const served = await serveAdapter(adapter);
  const url = `${served.base}/slack/events`;
  const send = (request: SlackRequest) => postSigned(url, SECRET, request);
  return {
    slack,
    core,
    adapter,
    send,
    async sentinel(expectedPosts) {
      await send(directMessageEvent({ text: 'Zoom?', channel: SENTINEL_CHANNEL }));
      return slack.waitFor('chat.postMessage', expectedPosts);
    },
    async close() {
      await served.close();
      await slack.close();
    },
  };
}

/** Every text in a Block Kit structure, joined: what a reader would see. */
export function blockText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(blockText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(blockText).join('\n');
  return '';
}

/** The DM of the harness's sentinel question (see sentinel()). */
export const SENTINEL_CHANNEL = 'D0SENTINEL';

/**
 * Web API methods called (auth.test left out), in order. The status and title the agent view sets
 * for the sentinel's own thread are left out too: the sentinel only marks "all handled".
 */
export function methods(slack: FakeSlackApi): string[] {
  return slack.calls
    .filter((c) => !c.rateLimited && c.method !== 'auth.test' && !(c.method.startsWith('assistant.threads.') && c.body.channel_id === SENTINEL_CHANNEL))
    .map((c) => c.method);
}

/** The harness over the knowledge base shipped in knowledge/. */
export async function startShippedSlackHarness(): Promise<{ kb: KnowledgeBase; h: SlackHarness }> {
  const kb = await loadKnowledgeBase(fileURLToPath(new URL('../../knowledge', import.meta.url)));
  return { kb, h: await startSlackHarness(kb) };
}

/** Slack message timestamps counting up from `startSeconds`: "1700000000.000001", "1700000000.000002", … */
export function slackTimestamps(startSeconds: number): () => string {
  let n = 0;
  return () => `${startSeconds}.${String(++n).padStart(6, '0')}`;
}
