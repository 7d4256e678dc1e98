// What the bot does with each incoming Teams activity: answers questions (personal chat, or an
// @mention in a channel or group chat), handles the "Notify me of changes" card button, and says
// hello when it is added to a conversation. It never stays silent: when the core or the notify
// service fails, the user gets the failure message with whom to ask. Question text is never logged.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Answer, Verdict } from '../../src/answer.js';
import type { ChatCommands, ChatUser } from '../../src/chat/commands.js';
import type { ComplianceCore } from '../../src/core.js';
import { messages } from '../../src/i18n.js';
import { normalizeChat } from '../../src/text/chat.js';
import type { Language } from '../../src/kb/schema.js';
import type { Logger } from '../../src/logger.js';
import type { ConversationTarget } from '../types.js';
import { conversationTargetFromActivity } from './conversation.js';
import { activityDedupeKey, type ActivityDedupe } from './dedupe.js';
import { toDeliveryError } from './errors.js';
import { failureText, guessLanguage, languageFromLocale } from './failure.js';
import { teamsPhrases } from './phrases.js';
import { answerMessage, commandReplyMessage, type AdminSubmitData, type FeedbackSubmitData, type NotifySubmitData } from './render.js';

export interface NotifyRequest {
  platform: 'teams';
  userId: string;
  conversationId: string;
  toolId: string;
  language: Language;
  target: ConversationTarget;
}

/** Subscribes the user to changes of a tool; resolves with the confirmation to show. */
export type NotifyRequestHandler = (req: NotifyRequest) => Promise<string>;

export interface TurnHandlerDeps {
  core: ComplianceCore;
  logger: Logger;
  onNotifyRequest?: NotifyRequestHandler;
  /** Subscription and admin words; questions go to the engine when it returns null. */
  commands?: ChatCommands;
  /** The optional LLM explanation; the sent answer is updated with it when it arrives. */
  summarize?: (answer: Answer) => Promise<string | null>;
  /** A click on "helpful" / "not helpful"; the buttons are shown only when this is set. */
  onFeedback?: (feedback: { verdict: Verdict; toolIds: string[]; helpful: boolean }) => Promise<void>;
  /** Handles each activity id once (shared across instances when backed by the shared store). */
  dedupe?: ActivityDedupe;
}

/** The person behind an activity. Admin ids are AAD object ids, as ADMINS lists them. */
function teamsUser(activity: Partial<Activity>, language: Language): ChatUser {
  const target = conversationTargetFromActivity(activity);
  const aad = activity.from?.aadObjectId;
  return {
    platform: 'teams',
    // The same key as the "Notify me" button's (the Teams user id), so both manage one subscription list.
    key: `teams:${activity.from?.id ?? 'unknown'}`,
    adminId: aad ? `teams:${aad}` : null,
    // A proactive message can only go to a conversation the bot is in: the one written in.
    personal: target,
    conversation: target,
    language,
  };
}

function isSubmit<T extends { action: string }>(value: unknown, action: T['action']): value is T {
  return typeof value === 'object' && value !== null && (value as { action?: unknown }).action === action;
}

/** The question in a message: the bot's @mention removed, then the core's chat normalisation (markup, mentions, chatter). */
export function questionText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  if (activity.recipient?.id) text = TurnContext.removeRecipientMention(activity) ?? text;
  return normalizeChat(text, 'teams');
}

function isNotifySubmit(value: unknown): value is { action: 'notify' } & Partial<NotifySubmitData> {
  return typeof value === 'object' && value !== null && (value as { action?: unknown }).action === 'notify';
}

/** Log fields of an error with any occurrence of the question replaced: a message may quote it. */
function errorFields(err: unknown, question?: string): Record<string, unknown> {
  const scrub = (s: string | undefined) => (s && question ? s.split(question).join('[question]') : s);
  if (!(err instanceof Error)) return { err: { message: scrub(String(err)) } };
  return { err: { type: err.name, message: scrub(err.message), stack: scrub(err.stack) } };
}

function plain(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'plain' };
}

export function createTurnHandler(deps: TurnHandlerDeps): (context: TurnContext) => Promise<void> {
  const { core, logger } = deps;

  /** Sends in the current turn and returns the activity id; a failed send is logged (with the connector's status), not thrown. */
  async function send(context: TurnContext, activity: Partial<Activity>): Promise<string | undefined> {
    try {
      return (await context.sendActivity(activity))?.id;
    } catch (err) {
      const e = toDeliveryError(err, context.activity.conversation?.id ?? '?');
      logger.error({ status: e.status, retryable: e.retryable, err: { type: e.name, message: e.message } }, 'Teams reply not delivered');
      return undefined;
    }
  }

  async function onQuestion(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const org = core.knowledgeBase.organization;
    const question = questionText(activity);
    const conversationType = activity.conversation?.conversationType ?? 'personal';
    if (question === '') {
      await send(context, plain(messages(languageFromLocale(activity.locale, org.default_language)).ui.unclearHelp));
      return;
    }
    let reply: Partial<Activity>;
    let answer: Answer | undefined;
    const feedback = deps.onFeedback !== undefined;
    try {
      const user = teamsUser(activity, guessLanguage(question, org));
      const command = deps.commands ? await deps.commands.handle(question, user) : null;
      if (command) {
        reply = commandReplyMessage(command.text, user.language, command.approveProposalId) as Partial<Activity>;
      } else {
        // Follow-ups belong to the conversation (a channel's reply chain has its own id).
        const conversationId = activity.conversation?.id;
        answer = await core.ask(question, { platform: 'teams', ...(conversationId ? { conversationKey: `teams:${conversationId}` } : {}) });
        reply = answerMessage(answer, { feedback }) as Partial<Activity>;
        logger.info({ conversationType, verdict: answer.verdict, toolIds: answer.tools.map((t) => t.id) }, 'Teams question answered');
      }
    } catch (err) {
      logger.error({ conversationType, ...errorFields(err, question) }, 'Teams question could not be answered');
      reply = plain(failureText(guessLanguage(question, org), org));
    }
    const sentId = await send(context, reply);
    if (sentId && answer && deps.summarize && answer.verdict !== 'unclear') {
      try {
        const explanation = await deps.summarize(answer);
        if (explanation) await context.updateActivity({ ...(answerMessage(answer, { explanation, feedback }) as Partial<Activity>), id: sentId });
      } catch (err) {
        logger.warn({ ...errorFields(err, question) }, 'Teams answer not updated with the explanation');
      }
    }
  }

  async function onFeedback(context: TurnContext, data: FeedbackSubmitData): Promise<void> {
    const lang: Language = data.language === 'en' ? 'en' : 'de';
    try {
      await deps.onFeedback?.({ verdict: data.verdict, toolIds: Array.isArray(data.toolIds) ? data.toolIds.map(String) : [], helpful: data.helpful === true });
      await send(context, plain(messages(lang).ui.thanksForFeedback));
    } catch (err) {
      logger.error({ ...errorFields(err) }, 'Teams feedback not recorded');
    }
  }

  async function onAdminSubmit(context: TurnContext, data: AdminSubmitData): Promise<void> {
    const org = core.knowledgeBase.organization;
    const lang = languageFromLocale(context.activity.locale, org.default_language);
    try {
      const reply = deps.commands ? await deps.commands.handle(`admin ${String(data.command)}`, teamsUser(context.activity, lang)) : null;
      if (reply) await send(context, commandReplyMessage(reply.text, lang, reply.approveProposalId) as Partial<Activity>);
    } catch (err) {
      logger.error({ ...errorFields(err) }, 'Teams admin action failed');
      await send(context, plain(failureText(lang, org)));
    }
  }

  async function onNotify(context: TurnContext, data: { action: 'notify' } & Partial<NotifySubmitData>): Promise<void> {
    const activity = context.activity;
    const org = core.knowledgeBase.organization;
    const lang: Language =
      data.language === 'de' || data.language === 'en' ? data.language : languageFromLocale(activity.locale, org.default_language);
    const toolId = typeof data.toolId === 'string' ? data.toolId.trim() : '';
    if (toolId === '') {
      logger.warn('Teams notify button without a tool id');
      await send(context, plain(failureText(lang, org)));
      return;
    }
    if (!deps.onNotifyRequest) {
      await send(context, plain(teamsPhrases(lang).notificationsNotSetUp));
      return;
    }
    try {
      const target = conversationTargetFromActivity(activity);
      const text = await deps.onNotifyRequest({
        platform: 'teams',
        userId: activity.from?.id ?? '',
        conversationId: target.conversationId,
        toolId,
        language: lang,
        target,
      });
      logger.info({ toolId }, 'Teams notification requested');
      await send(context, plain(text));
    } catch (err) {
      logger.error({ toolId, ...errorFields(err) }, 'Teams notification request failed');
      await send(context, plain(failureText(lang, org)));
    }
  }

  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    if (!botId || !activity.membersAdded?.some((m) => m.id === botId)) return;
    const org = core.knowledgeBase.organization;
    const lang = languageFromLocale(activity.locale, org.default_language);
    logger.info({ conversationType: activity.conversation?.conversationType ?? 'personal' }, 'Teams bot added to a conversation');
    await send(context, plain(teamsPhrases(lang).welcome(org.name)));
  }

  /** False for an activity already handled (here or by another instance). A failing store lets it through. */
  async function firstDelivery(activity: Partial<Activity>): Promise<boolean> {
    const key = deps.dedupe ? activityDedupeKey(activity) : undefined;
    if (!deps.dedupe || key === undefined) return true;
    try {
      if (await deps.dedupe.firstSeen(key)) return true;
    } catch (err) {
      // Better to answer twice than not at all when the dedupe store is down.
      logger.warn({ ...errorFields(err) }, 'Teams activity dedupe failed');
      return true;
    }
    logger.info({ activityType: activity.type }, 'repeated Teams activity ignored');
    return false;
  }

  return async (context) => {
    const activity = context.activity;
    if (!(await firstDelivery(activity))) return;
    switch (activity.type) {
      case ActivityTypes.Message:
        if (isNotifySubmit(activity.value)) await onNotify(context, activity.value);
        else if (isSubmit<FeedbackSubmitData>(activity.value, 'feedback')) await onFeedback(context, activity.value);
        else if (isSubmit<AdminSubmitData>(activity.value, 'admin')) await onAdminSubmit(context, activity.value);
        else await onQuestion(context);
        return;
      case ActivityTypes.ConversationUpdate:
        await onConversationUpdate(context);
        return;
      default:
        logger.debug({ activityType: activity.type }, 'Teams activity ignored');
    }
  };
}
