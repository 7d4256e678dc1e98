// What every Teams handler shares: the chat turn (src/chat/turn.ts) and the Teams side of it: who
// wrote (a ChatUser), how a TurnReply looks in Teams, sending in the current turn, invoke responses,
// the person's personal chat, and the answers behind sent cards.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { ChatUser } from '../../src/chat/commands.js';
import { createChatTurn, type ChatTurn, type Thread, type TurnReply } from '../../src/chat/turn.js';
import type { Language } from '../../src/model/language.js';
import { normalizeChat } from '../../src/text/chat.js';
import type { ConversationTarget } from '../types.js';
import { conversationTargetFromActivity } from './conversation.js';
import { toDeliveryError } from './errors.js';
import { SentAnswers, type InvokeBody } from './actions.js';
import { isPersonal, withPersonalChat } from './personal.js';
import { answerMessage, commandReplyMessage } from './render.js';
import type { TurnHandlerDeps } from './turn-handler-deps.js';

export interface TeamsTurn {
  deps: TurnHandlerDeps;
  turn: ChatTurn;
  /** The answers behind sent cards (memory, bounded): a click updates the card it was on. */
  sent: SentAnswers;
  /** Sends in the current turn; the activity id, or undefined (logged) when it failed. */
  send(context: TurnContext, activity: Partial<Activity>): Promise<string | undefined>;
  /** The invoke response of an `adaptiveCard/action` (always 200). */
  respond(context: TurnContext, body: InvokeBody): Promise<void>;
  /** The person's personal chat as a target (opened with the connector); undefined when refused. */
  personalTarget(context: TurnContext): Promise<ConversationTarget | undefined>;
  /** The Thread of the current conversation: sent in this turn, updated by activity id. */
  thread(context: TurnContext, before?: (r: TurnReply) => Promise<void>): Thread<string>;
}

/** The team a channel activity belongs to (Teams channelData). */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  const id = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The person behind an activity. Admin ids are AAD object ids, as ADMINS lists them. */
export function teamsUser(activity: Partial<Activity>, language: Language, personal?: ConversationTarget): ChatUser {
  const target = conversationTargetFromActivity(activity);
  const aad = activity.from?.aadObjectId;
  return {
    platform: 'teams',
    // The same key as the "Notify me" button's (the Teams user id), so both manage one subscription list.
    key: `teams:${activity.from?.id ?? 'unknown'}`,
    adminId: aad ? `teams:${aad}` : null,
    // The person's personal chat when known; else the conversation written in (where the bot is).
    personal: personal ?? target,
    conversation: target,
    language,
  };
}

/** The question in a message: the bot's @mention removed, then the core's chat normalisation (markup, mentions, chatter). */
export function questionText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  if (activity.recipient?.id) text = TurnContext.removeRecipientMention(activity) ?? text;
  return normalizeChat(text, 'teams');
}

/** Log fields of an error with any occurrence of the question replaced: a message may quote it. */
export function errorFields(err: unknown, question?: string): Record<string, unknown> {
  const scrub = (s: string | undefined) => (s && question ? s.split(question).join('[question]') : s);
  if (!(err instanceof Error)) return { err: { message: scrub(String(err)) } };
  return { err: { type: err.name, message: scrub(err.message), stack: scrub(err.stack) } };
}

export function plain(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'plain' };
}

/** A turn's reply as a Teams message activity. */
export function renderReply(r: TurnReply, feedback: boolean, requests = false): Partial<Activity> {
  switch (r.kind) {
    case 'answer':
      return answerMessage(r.answer, { feedback, requests, ...(r.explanation ? { explanation: r.explanation } : {}) }) as Partial<Activity>;
    case 'command': {
      const approve = r.actions.find((a) => a.kind === 'approve');
      return commandReplyMessage(r.text, r.language, approve?.kind === 'approve' ? approve.proposalId : undefined) as Partial<Activity>;
    }
    case 'failure':
      return plain(r.text);
  }
}

export function createTeamsTurn(deps: TurnHandlerDeps): TeamsTurn {
  const { logger } = deps;
  const appId = deps.appId ?? '';
  const notify = deps.onNotifyRequest;
  const turn = createChatTurn({
    core: deps.core,
    logger,
    ...(deps.commands ? { commands: deps.commands } : {}),
    ...(deps.summarize ? { summarize: deps.summarize } : {}),
    ...(deps.onFeedback ? { onFeedback: deps.onFeedback } : {}),
    ...(deps.requests ? { requests: deps.requests } : {}),
    ...(notify
      ? {
          subscribe: (user: ChatUser, toolId: string) =>
            notify({
              platform: 'teams',
              userId: user.key.slice('teams:'.length),
              conversationId: user.personal.conversationId,
              toolId,
              language: user.language,
              target: user.personal,
            }),
        }
      : {}),
  });
  const sent = new SentAnswers();

  async function send(context: TurnContext, activity: Partial<Activity>): Promise<string | undefined> {
    try {
      return (await context.sendActivity(activity))?.id;
    } catch (err) {
      const e = toDeliveryError(err, context.activity.conversation?.id ?? '?');
      logger.error({ status: e.status, code: e.code, err: { type: e.name, message: e.message } }, 'Teams reply not delivered');
      return undefined;
    }
  }

  return {
    deps,
    turn,
    sent,
    send,
    async respond(context, body) {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as Partial<Activity>);
    },
    async personalTarget(context) {
      if (isPersonal(context.activity)) return conversationTargetFromActivity(context.activity);
      try {
        return await withPersonalChat(context, appId, async () => {});
      } catch (err) {
        logger.warn({ ...errorFields(err) }, 'personal chat with a Teams user could not be opened');
        return undefined;
      }
    },
    thread(context, before) {
      const conversationId = context.activity.conversation?.id;
      return {
        async post(r) {
          await before?.(r);
          return send(context, renderReply(r, turn.feedback, turn.requests));
        },
        async update(id, r) {
          await context.updateActivity({ ...renderReply(r, turn.feedback, turn.requests), id });
        },
        posted(id, r) {
          if (r.kind === 'answer' && conversationId) sent.remember(conversationId, id, r.answer);
        },
      };
    },
  };
}
