// The Slack adapter: Bolt 5 receives on the shared HTTP server (ExpressReceiver, one URL
// /slack/events for events, slash commands and interactivity) or over Socket Mode, and translates
// between Slack and the platform-neutral core. Listeners live in listeners.ts, rendering in render.ts.
import { App, webApi, type ExpressReceiver } from '@slack/bolt';
import type { Router } from 'express';
import type { Answer } from '../../src/model/answer.js';
import type { ChangeNotice } from '../../src/model/change-notice.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Logger } from '../../src/logger.js';
import type { ConversationTarget, MessagingAdapter } from '../types.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { createMemoryDedupe, type Dedupe } from '../../src/storage/dedupe.js';
import { AdapterConfigError, AdapterStartError, RetryAfterError } from '../../src/errors.js';
import { slackErrorCode, toDeliveryError } from './errors.js';
import { commandGuard, HardenedExpressReceiver, timestampGuard } from './guards.js';
import { registerListeners, SLASH_COMMAND, type NotifyRequestHandler } from './listeners.js';
import { createChatTurn, type ChatTurn, type ChatTurnDeps } from '../../src/chat/turn.js';
import type { ChatUser } from '../../src/chat/commands.js';
import { messageFields, renderAnswerBlocks, renderNoticeBlocks, type SlackMessage } from './render.js';
import { slackLoggerFrom } from './slack-logger.js';
import { createAnsweredMessages, type AnsweredStore } from './answered.js';
import { createAgentView } from './agent-view.js';
import { inbound } from './inbound.js';
import { isFromBot } from './reply.js';
import { createAssistant } from './assistant.js';
import { createHome } from './home.js';
import { parseTopicKey } from '../../src/storage/index.js';
import { RecentToolNames } from '../../src/subscriptions/stale.js';
import type { OverviewSource } from '../../src/subscriptions/overview.js';
import { createSlackTransport, type SlackTransport } from './transport.js';

export { SLASH_COMMAND, type NotifyRequest, type NotifyRequestHandler } from './listeners.js';
export { renderAnswerBlocks, renderNoticeBlocks, type Block, type SlackMessage } from './render.js';

/** The path Slack posts events, slash commands and interactivity to (see manifest.yml). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  core: ComplianceCore;
  /** xoxb-… */
  botToken: string;
  /** Verifies that HTTP requests come from Slack; required unless appToken (Socket Mode) is given. */
  signingSecret?: string;
  /** xapp-…: use Socket Mode (no public URL, no HTTP route). */
  appToken?: string;
  /** Web API base URL, default https://slack.com/api/ (tests point it at a fake). */
  apiUrl?: string;
  logger: Logger;
  /** Answers each event_id and trigger_id once (src/storage/dedupe.ts); in memory by default. */
  dedupe?: Dedupe;
  onNotifyRequest?: NotifyRequestHandler;
  /** Subscription and admin words (see src/chat/commands.ts). */
  commands?: ChatTurnDeps['commands'];
  /**
   * The optional LLM explanation: the answer is posted at once; in DM threads the explanation is
   * streamed beneath it (stream.ts), elsewhere the answer is updated when it arrives.
   */
  summarize?: ChatTurnDeps['summarize'];
  /** "Helpful / not helpful" clicks; the buttons are shown only when this is set. */
  onFeedback?: ChatTurnDeps['onFeedback'];
  /** The request form (modal) and its submission; the buttons are shown only when this is set. */
  requests?: ChatTurnDeps['requests'];
  /**
   * What the App Home and the assistant's suggested prompts show beyond the catalogue: the store
   * (subscriptions), who is an admin, the gap report, the most-asked tools. All optional.
   */
  overview?: OverviewSource;
  /** A shared store for "which answer belongs to which question" (edits); memory only without it. */
  answeredStore?: () => AnsweredStore | null;
  /** Registers Bolt's Assistant (the older AI-assistant panel, and replies in DM threads); default true. */
  assistant?: boolean;
}

/** Socket Mode or HTTP, and which Bolt pieces that needs. */
type Transport = { kind: 'http'; receiver: ExpressReceiver } | { kind: 'socket' };

const WEB_API_TIMEOUT_MS = 10_000;
/** The message-metadata event type of change notices (the notice id is its payload's `notice_id`). */
export const NOTICE_EVENT_TYPE = 'compliance_notice';
/** Pages of 100 messages read back for an in-doubt notice. */
const READ_BACK_PAGES = 5;

/** The chat turn of the Slack adapter: the adapter's options, with "Notify me" as a NotifyRequest. */
function slackTurn(options: SlackAdapterOptions): ChatTurn {
  const notify = options.onNotifyRequest;
  return createChatTurn({
    core: options.core,
    logger: options.logger,
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.summarize ? { summarize: options.summarize } : {}),
    ...(options.onFeedback ? { onFeedback: options.onFeedback } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
    ...(notify
      ? {
          subscribe: (user: ChatUser, toolId: string) =>
            notify({ platform: 'slack', userId: user.conversation.userId ?? '', conversationId: user.conversation.conversationId, toolId, language: user.language }),
        }
      : {}),
  });
}

class SlackAdapter implements MessagingAdapter {
  readonly platform = 'slack' as const;
  readonly #app: App;
  readonly #transport: Transport;
  /** For reply() and notify(): fails fast on 429 so the delivery queue can schedule the retry. */
  readonly #outbound: webApi.WebClient;
  /** The HTTP connections of every Web API call and respond(). */
  readonly #http: SlackTransport;
  readonly #logger: Logger;
  readonly #inFlight = new Set<Promise<unknown>>();
  #accepting = true;

  constructor(options: SlackAdapterOptions) {
    if (!options.botToken) throw new AdapterConfigError('slack', 'Slack needs a bot token (xoxb-…): set SLACK_BOT_TOKEN.');
    if (!options.appToken && !options.signingSecret) {
      throw new AdapterConfigError(
        'slack',
        'Slack needs a signing secret (SLACK_SIGNING_SECRET) to verify requests, or an app token (SLACK_APP_TOKEN) for Socket Mode.',
      );
    }
    this.#logger = options.logger;
    const language = () => options.core.knowledgeBase.organization.default_language;
    const dedupe = options.dedupe ?? createMemoryDedupe();
    const slackLogger = slackLoggerFrom(options.logger.child({ lib: 'bolt' }));
    const slackApiUrl = options.apiUrl ? options.apiUrl.replace(/\/?$/, '/') : undefined;
    // Answers to questions may retry a little (they are still useful a few seconds late);
    // start() must not hang for minutes on a wrong URL either.
    // The transport enforces WEB_API_TIMEOUT_MS itself: the WebClient's own timeout stays off.
    this.#http = createSlackTransport({ timeoutMs: WEB_API_TIMEOUT_MS });
    const clientOptions: webApi.WebClientOptions = {
      slackApiUrl,
      fetch: this.#http.fetch,
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    };
    // deferInitialization: auth.test runs in start(), not as a stray promise in the constructor.
    if (options.appToken) {
      this.#transport = { kind: 'socket' };
      this.#app = new App({
        token: options.botToken,
        appToken: options.appToken,
        socketMode: true,
        logger: slackLogger,
        clientOptions,
        deferInitialization: true,
        // The bot keeps no conversation state in Bolt: skip its per-event store lookup.
        convoStore: false,
      });
    } else {
      const receiver = new HardenedExpressReceiver({
        slashCommand: SLASH_COMMAND,
        language,
        log: options.logger,
        // Bolt's default is 4 MB; Slack's largest payloads (a 40,000-character message with its
        // rich-text blocks) stay well below 1 MB.
        bodyLimit: 1024 * 1024,
        signingSecret: options.signingSecret as string,
        endpoints: SLACK_EVENTS_PATH,
        logger: slackLogger,
        // Ack first, work after: Slack wants the HTTP answer within 3 seconds.
        processBeforeResponse: false,
      });
      this.#transport = { kind: 'http', receiver };
      this.#app = new App({ token: options.botToken, receiver, logger: slackLogger, clientOptions, deferInitialization: true, convoStore: false });
    }
    this.#outbound = new webApi.WebClient(options.botToken, {
      slackApiUrl,
      logger: slackLogger,
      fetch: this.#http.fetch,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    this.#app.error(async (err) => {
      this.#logger.error({ err: { type: err.name, code: err.code } }, 'Slack request handling failed');
    });
    const overview = options.overview ?? {};
    const storageOf = overview.storage;
    const home = createHome({ core: options.core, logger: options.logger, source: overview });
    const threads = registerListeners(this.#app, {
      core: options.core,
      logger: options.logger,
      dedupe,
      turn: slackTurn(options),
      track: (work) => this.#track(work),
      accepting: () => this.#accepting,
      answered: createAnsweredMessages(options.answeredStore ? { store: options.answeredStore } : {}),
      home,
      ...(storageOf
        ? {
            unsubscribe: async (subscriberKey: string, topicKey: string) => {
              const storage = storageOf();
              const topic = parseTopicKey(topicKey);
              if (!storage) throw new Error('storage unavailable');
              return topic ? storage.subscriptions.unsubscribe(subscriberKey, topic) : false;
            },
          }
        : {}),
    });
    // The AI-assistant panel: after the listeners' gate (dedupe), before the events are handled.
    // It also takes the replies in the agent view's threads (agent-view.ts).
    const titled = new Set<string>();
    const assistant =
      options.assistant === false
        ? undefined
        : createAssistant({
            titled,
            core: options.core,
            logger: options.logger,
            ...(overview.popularTools ? { popularTools: overview.popularTools } : {}),
            languageOf: (userId) => home.language(userId),
            isFromBot,
            answer: (input) => threads.answerInThread(this.#app.client, input),
            track: (work) => this.#track(work),
          });
    // The agent messaging experience: the DM's greeting and prompts, a thread per top-level question.
    const agentView = createAgentView({
      core: options.core,
      logger: options.logger,
      threads,
      titled,
      isFromBot,
      languageOf: (userId) => home.language(userId),
      ...(overview.popularTools ? { popularTools: overview.popularTools } : {}),
      track: (work) => this.#track(work),
    });
    // One global middleware for all of it (inbound.ts): gate, Assistant, events, then the command
    // guard for replayed commands and clicks, and commands without a question.
    this.#app.use(
      inbound({
        listeners: threads,
        ...(assistant ? { assistant: assistant.getMiddleware() } : {}),
        agentView,
        commandGuard: commandGuard({ dedupe, logger: options.logger, slashCommand: SLASH_COMMAND, language }),
        logger: options.logger,
      }),
    );
  }

  mount(router: Router): void {
    if (this.#transport.kind === 'socket') {
      this.#logger.info('Slack runs in Socket Mode: no HTTP route mounted');
      return;
    }
    // The receiver's router reads the raw body itself (the signature covers it): no JSON body
    // parser may run before it on this path.
    router.post(SLACK_EVENTS_PATH, timestampGuard());
    router.use(this.#transport.receiver.router);
  }

  async start(): Promise<void> {
    try {
      await this.#app.init(); // auth.test: checks the token, learns the bot's own user id
    } catch (err) {
      const code = slackErrorCode(err);
      const why = code ? `Slack answered "${code}"` : (err as Error).message;
      throw new AdapterStartError('slack', `Slack auth.test failed (${why}); check SLACK_BOT_TOKEN and the network.`, code, { cause: err });
    }
    if (this.#transport.kind === 'socket') {
      try {
        await this.#app.start();
      } catch (err) {
        const code = slackErrorCode(err);
        throw new AdapterStartError('slack', `Slack Socket Mode did not connect (${code ?? (err as Error).message}); check SLACK_APP_TOKEN.`, code, {
          cause: err,
        });
      }
    }
    this.#logger.info({ mode: this.#transport.kind }, 'Slack adapter started');
  }

  async stop(): Promise<void> {
    this.#accepting = false;
    await Promise.allSettled([...this.#inFlight]);
    if (this.#transport.kind === 'socket') await this.#app.stop();
    await this.#http.close();
  }

  /**
   * To the subscriber's direct messages when target.userId is set, else to target.conversationId.
   * The message carries the notice id as message metadata, so wasDelivered() can find it again.
   */
  async notify(target: ConversationTarget, notice: ChangeNotice): Promise<void> {
    await this.#post(target.userId ?? target.conversationId, renderNoticeBlocks(notice), undefined, {
      event_type: NOTICE_EVENT_TYPE,
      event_payload: { notice_id: notice.id },
    });
  }

  /**
   * Reads the conversation back (conversations.history with include_all_metadata, from
   * `sinceEpochMs` on) for a message carrying the notice id. Needs im:history (direct messages;
   * im:write opens the DM's id); a channel target would need channels:history or groups:history.
   * A 429 is thrown (the pipeline waits); any other failure answers "cannot tell" (undefined).
   */
  async wasDelivered(target: ConversationTarget, noticeId: string, sinceEpochMs: number): Promise<boolean | undefined> {
    try {
      let channel = target.conversationId;
      if (target.userId && !channel.startsWith('D')) {
        const opened = await this.#outbound.conversations.open({ users: target.userId });
        channel = opened.channel?.id ?? channel;
      }
      let cursor: string | undefined;
      for (let page = 0; page < READ_BACK_PAGES; page++) {
        const history = await this.#outbound.conversations.history({
          channel,
          oldest: (Math.max(0, sinceEpochMs) / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        const found = (history.messages ?? []).some(
          (m) => m.metadata?.event_type === NOTICE_EVENT_TYPE && (m.metadata.event_payload as { notice_id?: unknown } | undefined)?.notice_id === noticeId,
        );
        if (found) return true;
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) return false;
      }
      return undefined; // more messages since then than we read: cannot tell
    } catch (err) {
      const failure = toDeliveryError('conversations.history', err);
      if (failure instanceof RetryAfterError) throw failure;
      this.#logger.warn({ err: { type: failure.name, message: failure.message } }, 'could not read a conversation back to check an in-doubt notice; sending it again');
      return undefined;
    }
  }

  async say(target: ConversationTarget, text: string): Promise<void> {
    await this.#post(target.userId ?? target.conversationId, { text: escapeMrkdwn(text), blocks: [] });
  }

  async #post(channel: string, message: SlackMessage, threadTs?: string, metadata?: { event_type: string; event_payload: Record<string, string> }): Promise<void> {
    try {
      await this.#outbound.chat.postMessage({
        channel,
        ...messageFields(message),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(metadata ? { metadata } : {}),
      });
    } catch (err) {
      throw toDeliveryError('chat.postMessage', err);
    }
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    const done = () => this.#inFlight.delete(work);
    work.then(done, done);
    return work;
  }
}

export function createSlackAdapter(options: SlackAdapterOptions): MessagingAdapter {
  return new SlackAdapter(options);
}
