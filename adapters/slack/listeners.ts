// Which Slack input goes where: app mentions and direct messages (and edits of answered questions),
// the App Home, the /compliance slash command and the buttons. Every handler acknowledges first
// (Bolt acks events itself) and answers through the Web API afterwards, so no request waits for the
// engine. Events are handed over by the one global middleware (inbound.ts) and never reach Bolt's
// listener chains; commands, clicks and the request form are Bolt listeners. The conversation itself is the chat turn's (src/chat/turn.ts): messages.ts and clicks.ts
// only parse Slack's payloads, render and post.
import type { ListenerDeps } from './listener-deps.js';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, BlockAction, ButtonAction, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import type { ChatTurn } from '../../src/chat/turn.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import type { Dedupe } from '../../src/storage/dedupe.js';
import { normalizeChat } from '../../src/text/chat.js';
import type { AnsweredMessages } from './answered.js';
import { createClickHandlers } from './clicks.js';
import { HOME_ADMIN_ACTION, HOME_UNSUBSCRIBE_ACTION, type Home } from './home.js';
import { createMessageHandlers, type ChangedMessageEvent } from './messages.js';
import { APPROVE_ACTION, CONFIRM_ACTION_PREFIX, FEEDBACK_ACTION_PREFIX, NOTIFY_ACTION_PREFIX } from './render.js';
import { parseSlashText } from './question.js';
import { isFromBot, slackUser } from './reply.js';
import { readModalValues, REQUEST_OPEN_ACTION, REQUEST_VIEW } from './request-modal.js';
import { slackDirectMessage } from '../../src/model/conversation-target.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { slackErrorCode } from './errors.js';

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


/** What the assistant panel (assistant.ts) needs from the listeners: the DM path, in a thread. */
export interface ThreadAnswerer {
  answerInThread(
    client: webApi.WebClient,
    input: { channel: string; threadTs: string; questionTs: string; text: string; userId: string | undefined; teamId: string },
  ): Promise<void>;
}

/** What the one global middleware (inbound.ts) needs from the listeners besides answerInThread. */
export interface SlackListeners extends ThreadAnswerer {
  /**
   * Whether a request goes on: not after stop() (acknowledged and dropped), and not an event Slack
   * delivers again (same event_id).
   */
  admit(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<boolean>;
  /** Mentions, messages (edits too) and the App Home tab, handled without Bolt's listener chains. */
  event(args: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void>;
}

/** Registers the listeners of commands, clicks and the request form; events go through `event()`. */
export function registerListeners(app: App, deps: ListenerDeps): SlackListeners {
  const messages = createMessageHandlers(deps);
  const clicks = createClickHandlers(deps);

  async function admit(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<boolean> {
    if (!deps.accepting()) {
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return false;
    }
    const body = args.body as { type?: string; event_id?: unknown };
    if (body.type !== 'event_callback' || typeof body.event_id !== 'string') return true;
    let first = true;
    try {
      first = await deps.dedupe.firstSeen(body.event_id);
    } catch (err) {
      // Better to answer twice than not at all when the dedupe store is down.
      deps.logger.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'event dedupe failed');
    }
    if (!first) deps.logger.info({ eventId: body.event_id, retryNum: args.context.retryNum }, 'repeated Slack event ignored');
    return first;
  }

  // Messages in the assistant panel's threads never get here: the Assistant (assistant.ts) takes them first.
  async function event({ event, context, client }: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    if (event.type === 'app_mention') {
      if (isFromBot(event, context.botUserId)) return;
      await deps.track(messages.mention(client, event, context.teamId));
      return;
    }
    if (event.type === 'app_home_opened') {
      if (event.tab !== 'home' || !deps.home) return;
      await deps.track(deps.home.publish(client, event.user));
      return;
    }
    if (event.type !== 'message') return;
    if ((event as { subtype?: string }).subtype === 'message_changed') {
      await deps.track(messages.edit(client, event as unknown as ChangedMessageEvent, context.botUserId));
      return;
    }
    // Deletions, joins, bot posts and the rest: only what a person writes to ask is a question.
    if (event.channel_type !== 'im') return;
    await deps.track(messages.directMessage(client, event, context));
  }

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    // An in_channel ack shows the command itself in the channel, above the answer.
    await ack(parseSlashText(command.text).isPublic ? { response_type: 'in_channel' } : undefined);
    await deps.track(messages.slashCommand(command, respond));
  });

  // One listener for every button: Bolt runs each listener's matchers for every incoming request,
  // so fewer listeners cost less per question.
  // The request form's modal, submitted: a field left empty is shown in the modal; else it closes,
  // the request is filed and the person told in their DM.
  app.view(REQUEST_VIEW, async ({ ack, body, view, client }) => {
    const state = view.private_metadata;
    const fields = readModalValues(view.state.values);
    const problem = deps.turn.requestCheck(state, fields);
    if (problem) return void (await ack({ response_action: 'errors', errors: { [problem.field]: problem.text } }));
    await ack();
    const userId = body.user.id;
    const work = async () => {
      const text = await deps.turn.requestSubmit(state, fields, { key: `slack:${userId}`, target: slackDirectMessage(userId) });
      try {
        await client.chat.postMessage({ channel: userId, text: escapeMrkdwn(text) });
      } catch (err) {
        deps.logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'request confirmation not posted');
      }
    };
    await deps.track(work());
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async (args) => {
    await args.ack();
    const id = args.action.action_id;
    if (id.startsWith(REQUEST_OPEN_ACTION)) return clicks.requestOpen(args);
    if (id.startsWith(FEEDBACK_ACTION_PREFIX)) await clicks.feedback(args);
    else if (id === APPROVE_ACTION) await clicks.approve(args);
    else if (id.startsWith(NOTIFY_ACTION_PREFIX)) await clicks.notify(args);
    else if (id.startsWith(CONFIRM_ACTION_PREFIX)) await clicks.confirm(args);
    else if (id.startsWith(HOME_UNSUBSCRIBE_ACTION)) await clicks.homeUnsubscribe(args);
    else if (id.startsWith(HOME_ADMIN_ACTION)) await clicks.homeAdmin(args);
  });

  return {
    admit,
    event,
    async answerInThread(client, input) {
      const question = normalizeChat(input.text, 'slack');
      const user = input.userId ? slackUser(deps.core, input.userId, input.channel, true, question) : undefined;
      const conversation = `slack:${input.teamId}:${input.channel}:${input.threadTs}`;
      await messages.answer(client, {
        kind: 'assistant',
        question,
        ...(user ? { user } : {}),
        conversation,
        where: { channel: input.channel, thread_ts: input.threadTs },
        questionTs: input.questionTs,
        stream: true,
      });
    },
  };
}

export type { ListenerDeps } from './listener-deps.js';
