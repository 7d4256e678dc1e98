// Slack's agent messaging experience (manifest `features.agent_view`): the person opens the DM with
// the bot (app_home_opened, tab "messages"): the first time a greeting, every time the suggested
// prompts. Each message written at the top of the DM starts a thread of its own: the bot answers
// in it (thread_ts = the message's ts) with the "is checking…" status meanwhile; replies in that
// thread are follow-ups (Bolt's Assistant, assistant.ts, takes them). app_context_changed (what
// the person looks at) is accepted and not kept (inbound.ts): no answer depends on where someone looks, since
// the catalogue rules tools and situations, not Slack channels.
// Payload shapes: Slack API docs, "app_home_opened" (tab, channel), "app_context_changed" and
// "Migrating to the Agent messaging experience".
import type { AnyMiddlewareArgs, AllMiddlewareArgs, webApi } from '@slack/bolt';
import type { ComplianceCore } from '../../src/core.js';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import { phrases } from '../../src/phrases/index.js';
import { normalizeChat } from '../../src/text/chat.js';
import { greetingMessage, suggestedPrompts, type SuggestedPrompt } from './assistant.js';
import { slackErrorCode } from './errors.js';
import type { ThreadAnswerer } from './listeners.js';
import { truncate } from './mrkdwn.js';
import { guessLanguage } from './question.js';

export interface AgentViewDeps {
  core: ComplianceCore;
  logger: Logger;
  threads: ThreadAnswerer;
  /** The person's language as known, else the catalogue's. */
  languageOf?: (userId: string) => Promise<Language>;
  popularTools?: () => Promise<string[]>;
  /** True when the event comes from a bot (the bot's own messages included). */
  isFromBot(event: { bot_id?: string; subtype?: string; user?: string }, botUserId: string | undefined): boolean;
  /** Threads titled already ("channel:thread_ts"), shared with the Assistant: only a thread's first question names it. */
  titled: Set<string>;
  track<T>(work: Promise<T>): Promise<T>;
}

/** A message written at the top of a DM (not in a thread), as message.im delivers it. */
interface TopLevelDm {
  type: 'message';
  channel_type: 'im';
  channel: string;
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
}

/** Message subtypes a person asks with at the top of a DM: plain, or with a screenshot. */
function isTopLevelDm(event: unknown): event is TopLevelDm {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<TopLevelDm> & { thread_ts?: unknown };
  return (
    e.type === 'message' &&
    e.channel_type === 'im' &&
    typeof e.channel === 'string' &&
    typeof e.ts === 'string' &&
    e.thread_ts === undefined &&
    (e.subtype === undefined || e.subtype === 'file_share')
  );
}

const TITLE_MAX = 80;

/** The agent view's part of the one global middleware (inbound.ts). */
export interface AgentView {
  /** A question at the top of a DM, answered in a thread of its own: true when it was one (nothing else handles it then). */
  topLevelQuestion(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<boolean>;
  /** app_home_opened: on the Messages tab, the greeting (first time) and the suggested prompts. */
  homeOpened(event: { tab?: string; channel?: string; user: string }, client: webApi.WebClient): Promise<void>;
}

export function createAgentView(deps: AgentViewDeps): AgentView {
  const { logger } = deps;
  const fallback = () => deps.core.knowledgeBase.organization.default_language;
  const bestEffort = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (err) {
      logger.debug({ slackError: slackErrorCode(err), what }, 'agent view call refused');
    }
  };
  const languageOf = async (userId: string): Promise<Language> => {
    try {
      return deps.languageOf ? await deps.languageOf(userId) : fallback();
    } catch {
      return fallback();
    }
  };

  /** The DM has no message yet: the greeting is due (Slack sends app_home_opened on every visit). */
  const isEmpty = async (client: webApi.WebClient, channel: string): Promise<boolean> => {
    try {
      const history = await client.conversations.history({ channel, limit: 1 });
      return (history.messages ?? []).length === 0;
    } catch (err) {
      // Unknown: no greeting rather than one on every visit.
      logger.debug({ slackError: slackErrorCode(err) }, 'DM history unreadable; no greeting');
      return false;
    }
  };

  async function homeOpened(event: { tab?: string; channel?: string; user: string }, client: webApi.WebClient): Promise<void> {
    if (event.tab !== 'messages' || !event.channel) return;
    const channel = event.channel;
    const work = async () => {
      const kb = deps.core.knowledgeBase;
      const lang = await languageOf(event.user);
      let popular: string[] = [];
      try {
        popular = (await deps.popularTools?.()) ?? [];
      } catch {
        popular = [];
      }
      if (await isEmpty(client, channel)) {
        const greeting = greetingMessage(kb, lang);
        await bestEffort('greeting', () => client.chat.postMessage({ channel, text: greeting.text, blocks: greeting.blocks }));
      }
      const prompts = suggestedPrompts(kb, lang, popular) as [SuggestedPrompt, ...SuggestedPrompt[]];
      await bestEffort('setSuggestedPrompts', () =>
        client.assistant.threads.setSuggestedPrompts({ channel_id: channel, prompts, title: phrases(lang).chat.assistant.promptsTitle }),
      );
    };
    await deps.track(work());
  }

  // A question at the top of the DM: answered in its own thread. Asked after the listeners' gate
  // (dedupe) and Bolt's Assistant (which takes the replies in threads); other events pass on.
  async function topLevelQuestion(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<boolean> {
    const body = args.body as { type?: string; event?: unknown };
    const event = body.type === 'event_callback' ? body.event : undefined;
    if (!isTopLevelDm(event) || deps.isFromBot(event, args.context.botUserId)) return false;
    const text = event.text ?? '';
    // A file without words is not a question (the listeners say the same); a greeting gets the help.
    if (event.subtype === 'file_share' && normalizeChat(text, 'slack') === '') return true;
    const { channel, ts } = event;
    const client = args.client;
    const work = async () => {
      const status = phrases(guessLanguage(text, fallback())).chat.assistant.thinking;
      await bestEffort('setStatus', () => client.assistant.threads.setStatus({ channel_id: channel, thread_ts: ts, status }));
      const key = `${channel}:${ts}`;
      if (!deps.titled.has(key)) {
        if (deps.titled.size >= 10_000) deps.titled.clear();
        deps.titled.add(key);
        const title = truncate(normalizeChat(text, 'slack').replace(/\s+/g, ' '), TITLE_MAX);
        await bestEffort('setTitle', () => client.assistant.threads.setTitle({ channel_id: channel, thread_ts: ts, title }));
      }
      await deps.threads.answerInThread(client, { channel, threadTs: ts, questionTs: ts, text, userId: event.user, teamId: args.context.teamId ?? '' });
    };
    await deps.track(work());
    return true;
  }

  return { topLevelQuestion, homeOpened };
}
