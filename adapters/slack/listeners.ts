// What the bot does with each kind of Slack input: app mentions (answer in a thread), direct
// messages (also with a file, a thread broadcast, and edits of answered questions), the App Home,
// the /compliance slash command and the buttons (answers' and the App Home's). Every handler
// acknowledges first (Bolt acks events itself) and answers through the Web API afterwards, so no
// request waits for the engine; every failure still reaches the asker as a message.
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import type { Answer, Verdict } from '../../src/answer.js';
import type { ChatCommands, ChatUser } from '../../src/chat/commands.js';
import type { ComplianceCore } from '../../src/core.js';
import { slackDirectMessage } from '../../src/conversation.js';
import { messages } from '../../src/i18n.js';
import type { Language } from '../../src/kb/schema.js';
import type { Logger } from '../../src/logger.js';
import { parseSubscriptionCommand } from '../../src/subscriptions/commands.js';
import { staleTopicReply, topicExists, type RecentToolNames } from '../../src/subscriptions/stale.js';
import { parseTopicKey } from '../../src/storage/index.js';
import { answerSignature, type AnsweredMessages } from './answered.js';
import type { Dedupe } from '../../src/storage/dedupe.js';
import { HOME_ADMIN_ACTION, HOME_UNSUBSCRIBE_ACTION, type Home } from './home.js';
import { slackErrorCode } from './errors.js';
import { failurePlainText, renderFailure } from './failure.js';
import { normalizeChat } from '../../src/text/chat.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { readModalValues, REQUEST_OPEN_ACTION, REQUEST_VIEW, requestModal } from './request-modal.js';
import type { RequestActions } from '../../src/requests/actions.js';
import { guessLanguage, parseSlashText } from './question.js';
import {
  APPROVE_ACTION,
  FEEDBACK_ACTION_PREFIX,
  NOTIFY_ACTION_PREFIX,
  NOTIFY_BLOCK_PREFIX,
  messageFields,
  renderAnswerBlocks,
  renderCommandReply,
  type SlackMessage,
} from './render.js';

export const SLASH_COMMAND = '/compliance';

export interface NotifyRequest {
  platform: 'slack';
  userId: string;
  conversationId: string;
  toolId: string;
  language: Language;
}

/** Subscribes the user to changes of the tool; resolves to the confirmation shown to them. */
export type NotifyRequestHandler = (req: NotifyRequest) => Promise<string>;

export interface ListenerDeps {
  core: ComplianceCore;
  logger: Logger;
  dedupe: Dedupe;
  onNotifyRequest?: NotifyRequestHandler;
  /** Subscription and admin words; questions go to the engine when it returns null. */
  commands?: ChatCommands;
  /** The optional LLM explanation of an answer (null: keep the engine's answer as posted). */
  summarize?: (answer: Answer) => Promise<string | null>;
  /** A click on "helpful" / "not helpful". */
  onFeedback?: (feedback: { verdict: Verdict; toolIds: string[]; helpful: boolean }) => Promise<void>;
  /** "Request an assessment" / "I need this too": the form and its submission (src/requests/actions.ts). */
  requests?: RequestActions;
  /** Registers work that stop() waits for; returns the same promise. */
  track<T>(work: Promise<T>): Promise<T>;
  /** False once stop() was called: new input is acknowledged and dropped. */
  accepting(): boolean;
  /** Which bot message answered which question (for edited questions). */
  answered: AnsweredMessages;
  /** Names of tools seen in answers: a button for a tool removed since still names it. */
  toolNames: RecentToolNames;
  /** The App Home tab; absent: app_home_opened is ignored. */
  home?: Home;
  /** Unsubscribes from the App Home; absent (no storage configured): no buttons are shown anyway. */
  unsubscribe?: (subscriberKey: string, topicKey: string) => Promise<boolean>;
}

/** What an answer offers here: feedback and requests where the server takes them. */
function renderOptions(deps: Pick<ListenerDeps, 'onFeedback' | 'requests'>): { feedback: boolean; requests: boolean } {
  return { feedback: deps.onFeedback !== undefined, requests: deps.requests !== undefined };
}

/** Message subtypes a person uses to ask: a question with a screenshot, a thread reply also sent to the channel. */
const ANSWERED_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

/** The message_changed event (Slack API docs, "message_changed" message subtype). */
interface ChangedMessageEvent {
  type: 'message';
  subtype: 'message_changed';
  channel: string;
  ts?: string;
  message?: { type?: string; subtype?: string; user?: string; bot_id?: string; text?: string; ts?: string; edited?: { user?: string; ts?: string } };
  previous_message?: { text?: string; ts?: string };
}

/** What the assistant panel (assistant.ts) needs from the listeners: the DM path, in a thread. */
export interface ThreadAnswerer {
  answerInThread(
    client: WebClient,
    input: { channel: string; threadTs: string; questionTs: string; text: string; userId: string | undefined; teamId: string },
  ): Promise<void>;
}

type WebClient = webApi.WebClient;

/** Error details for the log, with the question cut out should an error message quote it. */
function describeError(err: unknown, question: string): Record<string, unknown> {
  const scrub = (s: string | undefined) => (s && question.length > 0 ? s.split(question).join('[question]') : s);
  if (err instanceof Error) return { type: err.name, message: scrub(err.message), stack: scrub(err.stack) };
  return { type: typeof err };
}

interface Reply {
  message: SlackMessage;
  /** Set when the reply is an engine answer (it may then be improved by the LLM explanation). */
  answer?: Answer;
}

/** The person behind a Slack message: their DM for notifications, the channel they wrote in. */
function slackUser(deps: ListenerDeps, userId: string, channel: string, isDm: boolean, text: string): ChatUser {
  const conversation = { platform: 'slack' as const, conversationId: channel, userId };
  let language: Language | undefined;
  return {
    platform: 'slack',
    key: `slack:${userId}`,
    adminId: `slack:${userId}`,
    personal: isDm ? conversation : slackDirectMessage(userId),
    conversation,
    // Guessed only when a command reply needs it: a question's answer carries its own language.
    get language() {
      return (language ??= guessLanguage(text, deps.core.knowledgeBase.organization.default_language));
    },
  };
}

/** The reply to a command, the rendered answer, or the failure message naming whom to ask. Never throws. */
async function answerFor(deps: ListenerDeps, question: string, kind: string, user?: ChatUser, conversationKey?: string): Promise<Reply> {
  const started = performance.now();
  try {
    const command = user && deps.commands ? await deps.commands.handle(question, user) : null;
    if (command) return { message: renderCommandReply(command.text, user?.language ?? 'de', command.approveProposalId) };
    const answer = await deps.core.ask(question, { platform: 'slack', ...(conversationKey !== undefined ? { conversationKey } : {}) });
    const message = renderAnswerBlocks(answer, renderOptions(deps));
    deps.logger.debug({ kind, verdict: answer.verdict, ms: Math.round(performance.now() - started) }, 'answered');
    return { message, answer };
  } catch (err) {
    deps.logger.error({ kind, err: describeError(err, question) }, 'could not answer a Slack question');
    try {
      const org = deps.core.knowledgeBase.organization;
      return { message: renderFailure(guessLanguage(question, org.default_language), org) };
    } catch {
      const text = messages('de').ui.failure + ' / ' + messages('en').ui.failure;
      return { message: { text, blocks: [] } };
    }
  }
}

/** With an LLM configured: the posted answer is replaced by one with the explanation, when it comes. */
async function improve(deps: ListenerDeps, answer: Answer | undefined, update: (m: SlackMessage) => Promise<unknown>): Promise<void> {
  if (!answer || !deps.summarize || answer.verdict === 'unclear') return;
  try {
    const explanation = await deps.summarize(answer);
    if (explanation) await update(renderAnswerBlocks(answer, { ...renderOptions(deps), explanation }));
  } catch (err) {
    deps.logger.warn({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'could not add the explanation');
  }
}

/** Posts `message`; should Slack refuse the blocks, the plain text goes out instead. */
async function postAnswer(
  client: WebClient,
  logger: Logger,
  where: { channel: string; thread_ts?: string },
  message: SlackMessage,
): Promise<string | undefined> {
  try {
    const posted = await client.chat.postMessage({ ...where, ...messageFields(message) });
    return posted.ts;
  } catch (err) {
    const code = slackErrorCode(err);
    logger.error({ slackError: code, err: { type: (err as Error).name } }, 'chat.postMessage failed');
    if (code === undefined || code === 'channel_not_found' || code === 'not_in_channel' || code === 'ratelimited') return undefined;
    try {
      await client.chat.postMessage({ ...where, text: message.text });
    } catch (again) {
      logger.error({ slackError: slackErrorCode(again) }, 'chat.postMessage without blocks failed too');
    }
    return undefined;
  }
}

function isFromBot(event: { bot_id?: string; subtype?: string; user?: string }, botUserId: string | undefined): boolean {
  return Boolean(event.bot_id) || event.subtype === 'bot_message' || (botUserId !== undefined && event.user === botUserId);
}

function languageOfBlock(blockId: string | undefined, fallback: Language): Language {
  if (blockId?.startsWith(NOTIFY_BLOCK_PREFIX)) {
    const lang = blockId.slice(NOTIFY_BLOCK_PREFIX.length, NOTIFY_BLOCK_PREFIX.length + 2);
    if (lang === 'de' || lang === 'en') return lang;
  }
  return fallback;
}

/** Drops everything after stop(), and events Slack delivers again (same event_id). */
function gate(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!deps.accepting()) {
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    const body = args.body as { type?: string; event_id?: unknown };
    if (body.type === 'event_callback' && typeof body.event_id === 'string') {
      let first = true;
      try {
        first = await deps.dedupe.firstSeen(body.event_id);
      } catch (err) {
        // Better to answer twice than not at all when the dedupe store is down.
        deps.logger.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'event dedupe failed');
      }
      if (!first) {
        deps.logger.info({ eventId: body.event_id, retryNum: args.context.retryNum }, 'repeated Slack event ignored');
        return;
      }
    }
    await args.next();
  };
}

export function registerListeners(app: App, deps: ListenerDeps): ThreadAnswerer {
  const { logger } = deps;
  app.use(gate(deps));

  /** Posts the reply, then (with an LLM) replaces it by the explained version. */
  const post = async (client: WebClient, where: { channel: string; thread_ts?: string }, r: Reply): Promise<void> => {
    const ts = await postAnswer(client, logger, where, r.message);
    if (ts) await improve(deps, r.answer, (better) => client.chat.update({ channel: where.channel, ts, ...messageFields(better) }));
  };

  // One listener for every button: Bolt runs each listener's matchers for every incoming request,
  // so fewer listeners cost less per question.
  type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
  const onFeedback = async ({ action, respond, body }: ButtonArgs) => {
    const [verdict, ids] = (action.value ?? '').split('|');
    const helpful = action.action_id === `${FEEDBACK_ACTION_PREFIX}yes`;
    const lang = languageOfBlock(action.block_id?.replace(/^feedback-/, NOTIFY_BLOCK_PREFIX), deps.core.knowledgeBase.organization.default_language);
    const work = async () => {
      try {
        await deps.onFeedback?.({ verdict: verdict as Verdict, toolIds: ids ? ids.split(',').filter(Boolean) : [], helpful });
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: messages(lang).ui.thanksForFeedback });
      } catch (err) {
        logger.error({ err: { type: (err as Error).name } }, 'feedback not recorded');
      }
    };
    await deps.track(work());
  };

  const onApprove = async ({ action, respond, body }: ButtonArgs) => {
    const channel = body.channel?.id ?? body.user.id;
    const user = slackUser(deps, body.user.id, channel, channel.startsWith('D'), '');
    const work = async () => {
      const reply = await answerFor(deps, `admin approve ${action.value ?? ''}`, 'approve', user);
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, text: reply.message.text, blocks: reply.message.blocks });
      } catch (err) {
        logger.error({ err: { type: (err as Error).name } }, 'approval reply failed');
      }
    };
    await deps.track(work());
  };

  /** Answers a question and remembers which message answered it (for edits). */
  const answerMessage = async (
    client: WebClient,
    input: { kind: string; question: string; user?: ChatUser; conversation: string; where: { channel: string; thread_ts?: string }; questionTs: string },
  ): Promise<void> => {
    const r = await answerFor(deps, input.question, input.kind, input.user, input.conversation);
    if (r.answer) deps.toolNames.remember(r.answer.tools);
    const ts = await postAnswer(client, logger, input.where, r.message);
    // A subscription typed in a message changes what the App Home shows.
    const userId = input.user?.conversation.userId;
    if (!r.answer && userId && deps.home && parseSubscriptionCommand(input.question)) await deps.home.publish(client, userId);
    if (!ts) return;
    if (r.answer) {
      await deps.answered.remember(input.where.channel, input.questionTs, {
        channel: input.where.channel,
        answerTs: ts,
        signature: answerSignature(r.answer),
        conversationKey: input.conversation,
      });
    }
    await improve(deps, r.answer, (better) => client.chat.update({ channel: input.where.channel, ts, ...messageFields(better) }));
  };

  /** An edited question the bot answered: the answer is updated when the verdict changes, once per edit. */
  const onEdit = async (client: WebClient, event: ChangedMessageEvent, botUserId: string | undefined): Promise<void> => {
    const edited = event.message;
    if (!edited || typeof edited.ts !== 'string' || typeof edited.text !== 'string') return;
    if (isFromBot(edited, botUserId) || (edited.subtype !== undefined && !ANSWERED_SUBTYPES.has(edited.subtype))) return;
    // Link previews and other changes that leave the text alone are not edits of the question.
    if (event.previous_message?.text === edited.text) return;
    const record = await deps.answered.lookup(event.channel, edited.ts);
    if (!record) return;
    const editKey = `edit:${event.channel}:${edited.ts}:${edited.edited?.ts ?? event.ts ?? ''}`;
    try {
      if (!(await deps.dedupe.firstSeen(editKey))) return;
    } catch (err) {
      logger.warn({ err: { type: (err as Error).name } }, 'edit dedupe failed');
    }
    const question = normalizeChat(edited.text, 'slack');
    // An edit into a command is not carried out: commands act once, when written.
    if (question === '' || /^admin\b/i.test(question) || parseSubscriptionCommand(question)) return;
    let answer: Answer;
    try {
      answer = await deps.core.ask(question, { platform: 'slack', ...(record.conversationKey !== undefined ? { conversationKey: record.conversationKey } : {}) });
    } catch (err) {
      logger.error({ kind: 'edit', err: describeError(err, question) }, 'could not answer an edited Slack question');
      return;
    }
    const signature = answerSignature(answer);
    if (signature === record.signature) {
      logger.debug({ kind: 'edit' }, 'edited question has the same answer; left as it is');
      return;
    }
    deps.toolNames.remember(answer.tools);
    try {
      await client.chat.update({ channel: record.channel, ts: record.answerTs, ...messageFields(renderAnswerBlocks(answer, renderOptions(deps))) });
      await deps.answered.remember(event.channel, edited.ts, { ...record, signature });
      logger.info({ kind: 'edit', verdict: answer.verdict }, 'answer updated after the question was edited');
    } catch (err) {
      logger.error({ slackError: slackErrorCode(err) }, 'chat.update after an edit failed');
    }
  };

  // Mentions and messages in one listener: Bolt runs every listener's matchers for every
  // request, so each listener less is work saved on each question. Messages in the assistant
  // panel's threads never get here: the Assistant middleware (assistant.ts) takes them first.
  app.event(/^(app_mention|message)$/, async ({ event, context, client }) => {
    if (event.type === 'app_mention') {
      if (isFromBot(event, context.botUserId)) return;
      const question = normalizeChat(event.text, 'slack');
      // In a thread under the question (or in the thread it was asked in).
      const where = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
      const user = event.user ? slackUser(deps, event.user, event.channel, false, question) : undefined;
      // Follow-ups belong to the thread: team, channel and the thread's first message.
      const conversation = `slack:${context.teamId ?? ''}:${event.channel}:${where.thread_ts}`;
      await deps.track(answerMessage(client, { kind: 'mention', question, ...(user ? { user } : {}), conversation, where, questionTs: event.ts }));
      return;
    }
    if (event.type !== 'message') return;
    const subtype = (event as { subtype?: string }).subtype;
    if (subtype === 'message_changed') {
      await deps.track(onEdit(client, event as unknown as ChangedMessageEvent, context.botUserId));
      return;
    }
    // Deletions, joins, bot posts and the rest: only what a person writes to ask is a question.
    if (event.channel_type !== 'im') return;
    if ((subtype !== undefined && !ANSWERED_SUBTYPES.has(subtype)) || isFromBot(event as { bot_id?: string; user?: string }, context.botUserId)) return;
    const m = event as { text?: string; user?: string; ts: string; thread_ts?: string; channel: string };
    const question = normalizeChat(m.text ?? '', 'slack');
    // A file without words is not a question.
    if (subtype === 'file_share' && question === '') return;
    const where = m.thread_ts ? { channel: m.channel, thread_ts: m.thread_ts } : { channel: m.channel };
    const user = typeof m.user === 'string' ? slackUser(deps, m.user, m.channel, true, question) : undefined;
    // A direct message channel is one conversation.
    const conversation = `slack:${context.teamId ?? ''}:${m.channel}`;
    await deps.track(answerMessage(client, { kind: 'dm', question, ...(user ? { user } : {}), conversation, where, questionTs: m.ts }));
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home' || !deps.home) return;
    const home = deps.home;
    await deps.track(home.publish(client, event.user));
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const slash = parseSlashText(command.text);
    const question = normalizeChat(slash.question, 'slack');
    const isPublic = slash.isPublic;
    // An in_channel ack shows the command itself in the channel, above the answer.
    await ack(isPublic ? { response_type: 'in_channel' } : undefined);
    const user = slackUser(deps, command.user_id, command.channel_id, command.channel_id.startsWith('D'), question);
    const responseType = isPublic ? ('in_channel' as const) : ('ephemeral' as const);
    await deps.track(
      answerFor(deps, question, 'command', user, `slack:${command.team_id}:${command.channel_id}:${command.user_id}`).then(async ({ message: m, answer }) => {
        try {
          await respond({ response_type: responseType, text: m.text, blocks: m.blocks });
        } catch (err) {
          logger.error({ err: { type: (err as Error).name, message: (err as Error).message } }, 'response_url post failed');
          return;
        }
        await improve(deps, answer, (better) => respond({ response_type: responseType, replace_original: true, text: better.text, blocks: better.blocks }));
      }),
    );
  });

  /** An ephemeral reply to a click: through response_url when there is one, else chat.postEphemeral (or the DM, from the App Home). */
  const confirm = async ({ body, respond, client }: ButtonArgs, text: string): Promise<void> => {
    const userId = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id;
    try {
      const safe = escapeMrkdwn(text);
      if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: safe });
      else if (channel) await client.chat.postEphemeral({ channel, user: userId, text: safe });
      else await client.chat.postMessage({ channel: userId, text: safe });
    } catch (err) {
      logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'click confirmation failed');
    }
  };

  const onNotify = async (args: ButtonArgs) => {
    const { body, action, client } = args;
    const kb = deps.core.knowledgeBase;
    const org = kb.organization;
    const language = languageOfBlock(action.block_id, org.default_language);
    const toolId = action.value ?? action.action_id.slice(NOTIFY_ACTION_PREFIX.length);
    const userId = body.user.id;
    const conversationId = body.channel?.id ?? body.container?.channel_id ?? userId;
    const work = async () => {
      let text: string;
      let changed = false;
      // A button offered before the tool left the catalogue: say so, not "unknown tool".
      if (!topicExists(kb, toolId)) text = staleTopicReply(kb, toolId, language, deps.toolNames.nameOf(toolId));
      else if (!deps.onNotifyRequest) text = messages(language).chat.notificationsNotSetUp;
      else {
        try {
          text = await deps.onNotifyRequest({ platform: 'slack', userId, conversationId, toolId, language });
          changed = true;
        } catch (err) {
          logger.error({ toolId, err: { type: (err as Error).name, message: (err as Error).message } }, 'notify request failed');
          text = failurePlainText(language, org);
        }
      }
      await confirm(args, text);
      if (changed && deps.home) await deps.home.publish(client, userId);
    };
    await deps.track(work());
  };

  /** "Unsubscribe" in the App Home: the refreshed view is the confirmation (a message would be noise). */
  const onHomeUnsubscribe = async ({ body, action, client }: ButtonArgs) => {
    const userId = body.user.id;
    const work = async () => {
      const key = action.value ?? '';
      if (!parseTopicKey(key) || !deps.unsubscribe) return;
      try {
        await deps.unsubscribe(`slack:${userId}`, key);
      } catch (err) {
        // The refreshed view says that the store cannot be reached.
        logger.error({ err: { type: (err as Error).name } }, 'unsubscribe from the App Home failed');
      }
      if (deps.home) await deps.home.publish(client, userId);
    };
    await deps.track(work());
  };

  /** An admin button of the App Home: the admin command's reply goes to the admin's DM. */
  const onHomeAdmin = async ({ body, action, client }: ButtonArgs) => {
    const userId = body.user.id;
    const work = async () => {
      const user = slackUser(deps, userId, userId, true, '');
      const reply = await answerFor(deps, `admin ${action.value ?? ''}`, 'home-admin', user);
      await postAnswer(client, logger, { channel: userId }, reply.message);
    };
    await deps.track(work());
  };

  /** "Request an assessment" / "I need this too": opens the form as a modal (trigger ids last 3 s). */
  const onRequestOpen = async (args: ButtonArgs) => {
    const { body, action, client } = args;
    const form = deps.requests?.form(action.value);
    const work = async () => {
      if (!form) return confirm(args, messages(deps.core.knowledgeBase.organization.default_language).chat.unknownAction);
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: requestModal(form) });
      } catch (err) {
        logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'views.open of the request form failed');
        await confirm(args, failurePlainText(form.language, deps.core.knowledgeBase.organization));
      }
    };
    await deps.track(work());
  };

  app.view(REQUEST_VIEW, async ({ ack, body, view, client }) => {
    const state = view.private_metadata;
    const fields = readModalValues(view.state.values);
    const problem = deps.requests?.check(state, fields);
    if (problem) {
      await ack({ response_action: 'errors', errors: { [problem.field]: problem.text } });
      return;
    }
    await ack();
    const userId = body.user.id;
    const work = async () => {
      let text: string;
      try {
        text = deps.requests ? await deps.requests.submit(state, fields, { key: `slack:${userId}`, target: slackDirectMessage(userId) }) : '';
      } catch (err) {
        // Nothing of the form in the log: its type only.
        logger.error({ err: { type: (err as Error).name } }, 'request form could not be filed');
        text = failurePlainText(deps.core.knowledgeBase.organization.default_language, deps.core.knowledgeBase.organization);
      }
      if (text === '') return;
      try {
        await client.chat.postMessage({ channel: userId, text: escapeMrkdwn(text) });
      } catch (err) {
        logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'request confirmation not posted');
      }
    };
    await deps.track(work());
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async (args) => {
    await args.ack();
    const id = args.action.action_id;
    if (id.startsWith(REQUEST_OPEN_ACTION)) return onRequestOpen(args);
    if (id.startsWith(FEEDBACK_ACTION_PREFIX)) await onFeedback(args);
    else if (id === APPROVE_ACTION) await onApprove(args);
    else if (id.startsWith(NOTIFY_ACTION_PREFIX)) await onNotify(args);
    else if (id.startsWith(HOME_UNSUBSCRIBE_ACTION)) await onHomeUnsubscribe(args);
    else if (id.startsWith(HOME_ADMIN_ACTION)) await onHomeAdmin(args);
  });

  return {
    async answerInThread(client, input) {
      const question = normalizeChat(input.text, 'slack');
      const user = input.userId ? slackUser(deps, input.userId, input.channel, true, question) : undefined;
      const conversation = `slack:${input.teamId}:${input.channel}:${input.threadTs}`;
      await answerMessage(client, {
        kind: 'assistant',
        question,
        ...(user ? { user } : {}),
        conversation,
        where: { channel: input.channel, thread_ts: input.threadTs },
        questionTs: input.questionTs,
      });
    },
  };
}
