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
import { activityDedupeKey, conversationTargetFromActivity } from './conversation.js';
import type { Dedupe } from '../../src/storage/dedupe.js';
import { toDeliveryError } from './errors.js';
import { failureText, guessLanguage, languageFromLocale } from './failure.js';
import { answerMessage, commandReplyMessage, type AdminSubmitData, type FeedbackSubmitData, type NotifySubmitData } from './render.js';
import { cardAfterClick, cardResponse, invokeData, messageResponse, REFRESH_VERB, SentAnswers, type InvokeBody } from './actions.js';
import { REQUEST_OPEN_VERB, REQUEST_SUBMIT_VERB, requestFormCard } from './request-card.js';
import type { RequestActions } from '../../src/requests/actions.js';
import { isPersonal, withPersonalChat } from './personal.js';
import { parseSubscriptionCommand } from '../../src/subscriptions/commands.js';
import { staleTopicReply, topicExists, RecentToolNames } from '../../src/subscriptions/stale.js';

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
  /** "Request an assessment" / "I need this too": the form and its submission (src/requests/actions.ts). */
  requests?: RequestActions;
  /** Handles each activity id once (shared across instances when backed by the shared store). */
  dedupe?: Dedupe;
  /** The bot's app id ('' with authentication off): opening a person's personal chat needs it. */
  appId?: string;
  /**
   * The bot was removed from a conversation (installationUpdate "remove"): delete what was stored
   * for it. `personKey` is the subscriber key of the person whose personal chat it was.
   */
  onRemoved?: (removed: { conversationId: string; personKey?: string; teamId?: string }) => Promise<void>;
  /** A channel of a team subscribed ("… here"): noted so that removing the app from the team removes it. */
  onChannelSubscribed?: (teamId: string, conversationId: string) => Promise<void>;
}

/** The team a channel activity belongs to (Teams channelData). */
function teamIdOf(activity: Partial<Activity>): string | undefined {
  const id = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The person behind an activity. Admin ids are AAD object ids, as ADMINS lists them. */
function teamsUser(activity: Partial<Activity>, language: Language, personal?: ConversationTarget): ChatUser {
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
  const appId = deps.appId ?? '';
  // The answers behind sent cards (memory, bounded): a click updates the card it was on.
  const sent = new SentAnswers();
  // Tool names seen in answers: a button for a tool removed since still names it.
  const toolNames = new RecentToolNames();

  /** The invoke response of an `adaptiveCard/action` (always 200). */
  async function respond(context: TurnContext, body: InvokeBody): Promise<void> {
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as Partial<Activity>);
  }

  /**
   * The person's personal chat as a target, from a channel or group chat (opened with the connector;
   * nothing is posted there by this). Undefined when the connector refuses.
   */
  async function personalTarget(context: TurnContext): Promise<ConversationTarget | undefined> {
    if (isPersonal(context.activity)) return conversationTargetFromActivity(context.activity);
    try {
      return await withPersonalChat(context, appId, async () => {});
    } catch (err) {
      logger.warn({ ...errorFields(err) }, 'personal chat with a Teams user could not be opened');
      return undefined;
    }
  }

  /** Sends in the current turn and returns the activity id; a failed send is logged (with the connector's status), not thrown. */
  async function send(context: TurnContext, activity: Partial<Activity>): Promise<string | undefined> {
    try {
      return (await context.sendActivity(activity))?.id;
    } catch (err) {
      const e = toDeliveryError(err, context.activity.conversation?.id ?? '?');
      logger.error({ status: e.status, code: e.code, err: { type: e.name, message: e.message } }, 'Teams reply not delivered');
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
    const requests = deps.requests !== undefined;
    try {
      const language = guessLanguage(question, org);
      // "subscribe zoom" in a channel subscribes the person, in their personal chat; "… here" the channel.
      const sub = conversationType !== 'personal' && deps.commands ? parseSubscriptionCommand(question) : null;
      const personal = sub && !sub.here ? await personalTarget(context) : undefined;
      const user = teamsUser(activity, language, personal);
      // Without the personal chat a subscription would reach the whole channel: say how instead.
      const blocked = sub !== null && !sub.here && sub.action === 'subscribe' && personal === undefined;
      const command = blocked
        ? { text: messages(sub.language).chat.personalChatFailed(question) }
        : deps.commands
          ? await deps.commands.handle(question, user)
          : null;
      const teamId = teamIdOf(activity);
      if (command && sub?.here && sub.action === 'subscribe' && teamId && deps.onChannelSubscribed && activity.conversation?.id) {
        try {
          await deps.onChannelSubscribed(teamId, activity.conversation.id);
        } catch (err) {
          logger.warn({ ...errorFields(err) }, 'a channel subscription was not noted for its team');
        }
      }
      if (command) {
        reply = commandReplyMessage(command.text, user.language, command.approveProposalId) as Partial<Activity>;
      } else {
        // Follow-ups belong to the conversation (a channel's reply chain has its own id).
        const conversationId = activity.conversation?.id;
        answer = await core.ask(question, { platform: 'teams', ...(conversationId ? { conversationKey: `teams:${conversationId}` } : {}) });
        reply = answerMessage(answer, { feedback, requests }) as Partial<Activity>;
        logger.info({ conversationType, verdict: answer.verdict, toolIds: answer.tools.map((t) => t.id) }, 'Teams question answered');
      }
    } catch (err) {
      logger.error({ conversationType, ...errorFields(err, question) }, 'Teams question could not be answered');
      reply = plain(failureText(guessLanguage(question, org), org));
    }
    const sentId = await send(context, reply);
    if (sentId && answer && activity.conversation?.id) {
      sent.remember(activity.conversation.id, sentId, answer);
      toolNames.remember(answer.tools);
    }
    if (sentId && answer && deps.summarize && answer.verdict !== 'unclear') {
      try {
        const explanation = await deps.summarize(answer);
        if (explanation) await context.updateActivity({ ...(answerMessage(answer, { explanation, feedback, requests }) as Partial<Activity>), id: sentId });
      } catch (err) {
        logger.warn({ ...errorFields(err, question) }, 'Teams answer not updated with the explanation');
      }
    }
  }

  /** Records a feedback click; false when it could not be recorded. */
  async function recordFeedback(data: Partial<FeedbackSubmitData>): Promise<boolean> {
    try {
      await deps.onFeedback?.({
        verdict: data.verdict as Verdict,
        toolIds: Array.isArray(data.toolIds) ? data.toolIds.map(String) : [],
        helpful: data.helpful === true,
      });
      return true;
    } catch (err) {
      logger.error({ ...errorFields(err) }, 'Teams feedback not recorded');
      return false;
    }
  }

  /** "Helpful / not helpful" (Action.Submit): the card it was on is updated, nothing is posted. */
  async function onFeedback(context: TurnContext, data: FeedbackSubmitData): Promise<void> {
    const activity = context.activity;
    const lang: Language = data.language === 'en' ? 'en' : 'de';
    if (!(await recordFeedback(data))) return;
    const thanks = messages(lang).ui.thanksForFeedback;
    const answer = sent.get(activity.conversation?.id, activity.replyToId);
    if (answer && activity.replyToId) {
      const card = cardAfterClick({ answer, note: thanks, lang, dropFeedback: true });
      try {
        await context.updateActivity({
          type: ActivityTypes.Message,
          id: activity.replyToId,
          text: answerMessage(answer).text,
          textFormat: 'plain',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        } as Partial<Activity>);
        return;
      } catch (err) {
        logger.warn({ ...errorFields(err) }, 'Teams card not updated after feedback');
      }
    }
    // The card's answer is not known here (sent before a restart): a personal chat gets the
    // thanks as a message; a channel gets nothing, rather than a public "thanks" for each click.
    if (isPersonal(activity)) await send(context, plain(thanks));
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

  /**
   * The "Notify me" button: subscribes the person (their personal chat is where notices go, also
   * when the button was in a channel) and returns the confirmation text. `undefined` target: the
   * personal chat could not be opened.
   */
  async function subscribeClicker(
    context: TurnContext,
    data: Partial<NotifySubmitData>,
    lang: Language,
    target: ConversationTarget | undefined,
  ): Promise<string> {
    const activity = context.activity;
    const kb = core.knowledgeBase;
    const org = kb.organization;
    const toolId = typeof data.toolId === 'string' ? data.toolId.trim() : '';
    if (toolId === '') {
      logger.warn('Teams notify button without a tool id');
      return failureText(lang, org);
    }
    // A button offered before the tool left the catalogue: say so, with the current list.
    if (!topicExists(kb, toolId)) return staleTopicReply(kb, toolId, lang, toolNames.nameOf(toolId));
    const chat = messages(lang).chat;
    if (!deps.onNotifyRequest) return chat.notificationsNotSetUp;
    if (!target) return chat.personalChatFailed(chat.subscribeCommand(toolId));
    try {
      const text = await deps.onNotifyRequest({
        platform: 'teams',
        userId: activity.from?.id ?? '',
        conversationId: target.conversationId,
        toolId,
        language: lang,
        target,
      });
      logger.info({ toolId, personal: isPersonal(activity) }, 'Teams notification requested');
      return text;
    } catch (err) {
      logger.error({ toolId, ...errorFields(err) }, 'Teams notification request failed');
      return failureText(lang, org);
    }
  }

  function languageOf(context: TurnContext, data: { language?: unknown }): Language {
    if (data.language === 'de' || data.language === 'en') return data.language;
    return languageFromLocale(context.activity.locale, core.knowledgeBase.organization.default_language);
  }

  /** "Notify me" (Action.Submit): in a personal chat confirmed there; from a channel, in the person's personal chat only. */
  async function onNotify(context: TurnContext, data: { action: 'notify' } & Partial<NotifySubmitData>): Promise<void> {
    const lang = languageOf(context, data);
    if (isPersonal(context.activity)) {
      await send(context, plain(await subscribeClicker(context, data, lang, conversationTargetFromActivity(context.activity))));
      return;
    }
    let confirmed = false;
    try {
      await withPersonalChat(context, appId, async (personal, target) => {
        const text = await subscribeClicker(context, data, lang, target);
        await personal.sendActivity(plain(text));
        confirmed = true;
      });
    } catch (err) {
      logger.warn({ ...errorFields(err) }, 'Teams personal chat could not be opened for a channel button');
    }
    // Never silent: without a personal chat the clicker learns in the thread how to subscribe.
    if (!confirmed) await send(context, plain(await subscribeClicker(context, data, lang, undefined)));
  }

  /**
   * The submitted request form: a field left empty shows the form again with the problem; else it is
   * filed for the person (told the outcome in their personal chat) and the card says what happened.
   */
  async function onRequestSubmit(context: TurnContext, data: Record<string, unknown>, lang: Language): Promise<InvokeBody> {
    if (!deps.requests) return messageResponse(messages(lang).chat.unknownAction);
    const state = typeof data.state === 'string' ? data.state : undefined;
    const problem = deps.requests.check(state, data);
    const form = deps.requests.form(state);
    if (problem && form) {
      const text = (name: string) => (typeof data[name] === 'string' ? (data[name] as string) : '');
      return cardResponse(requestFormCard({ ...form, tool: { ...form.tool, value: text('tool') } }, problem.text));
    }
    const target = await personalTarget(context);
    const text = await deps.requests.submit(state, data, { key: `teams:${context.activity.from?.id ?? ''}`, ...(target ? { target } : {}) });
    return cardResponse(cardAfterClick({ answer: undefined, note: text, lang }));
  }

  /** `adaptiveCard/action` (Universal Actions, Action.Execute): answered with a card for the clicker, or a message. */
  async function onCardAction(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const parsed = invokeData(activity.value);
    const userId = activity.from?.id;
    const org = core.knowledgeBase.organization;
    const lang = languageOf(context, parsed?.data ?? {});
    const answer = sent.get(activity.conversation?.id, activity.replyToId);
    // In a channel the returned card is the clicker's own view (refresh.userIds), not everyone's.
    const forUser = isPersonal(activity) ? undefined : userId;
    const privateCard = (note: string, dropFeedback = false) =>
      cardResponse(cardAfterClick({ answer, note, lang, ...(forUser ? { forUser } : {}), dropFeedback }));
    try {
      switch (parsed?.action) {
        case 'notify': {
          const target = await personalTarget(context);
          await respond(context, privateCard(await subscribeClicker(context, parsed.data as Partial<NotifySubmitData>, lang, target)));
          return;
        }
        case 'feedback': {
          const ok = await recordFeedback(parsed.data as Partial<FeedbackSubmitData>);
          await respond(context, ok ? privateCard(messages(lang).ui.thanksForFeedback, true) : messageResponse(failureText(lang, org)));
          return;
        }
        case 'admin': {
          const reply = deps.commands ? await deps.commands.handle(`admin ${String(parsed.data.command ?? '')}`, teamsUser(activity, lang)) : null;
          await respond(context, messageResponse(reply?.text ?? failureText(lang, org)));
          return;
        }
        case REQUEST_OPEN_VERB: {
          const form = deps.requests?.form(typeof parsed.data.value === 'string' ? parsed.data.value : undefined);
          await respond(context, form ? cardResponse(requestFormCard(form)) : messageResponse(messages(lang).chat.unknownAction));
          return;
        }
        case REQUEST_SUBMIT_VERB:
          await respond(context, await onRequestSubmit(context, parsed.data, lang));
          return;
        case REFRESH_VERB:
          // Teams asks again for a user named in refresh.userIds: the answer as it stands.
          {
            const card = answer ? answerMessage(answer, { feedback: deps.onFeedback !== undefined, requests: deps.requests !== undefined }).attachments[0]?.content : undefined;
            await respond(context, card ? cardResponse(card) : messageResponse(''));
          }
          return;
        default:
          await respond(context, messageResponse(messages(lang).chat.unknownAction));
      }
    } catch (err) {
      logger.error({ ...errorFields(err) }, 'Teams card action failed');
      await respond(context, messageResponse(failureText(lang, org)));
    }
  }

  /** installationUpdate: on "remove" what was stored for the conversation is deleted. */
  async function onInstallationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const action = (activity as { action?: string }).action ?? '';
    if (!action.startsWith('remove') || !deps.onRemoved || !activity.conversation?.id) return;
    try {
      const personKey = isPersonal(activity) && activity.from?.id ? `teams:${activity.from.id}` : undefined;
      const teamId = teamIdOf(activity);
      await deps.onRemoved({ conversationId: activity.conversation.id, ...(personKey ? { personKey } : {}), ...(teamId ? { teamId } : {}) });
      logger.info({ conversationType: activity.conversation.conversationType ?? 'personal' }, 'Teams bot removed: the conversation\'s subscriptions were deleted');
    } catch (err) {
      logger.error({ ...errorFields(err) }, 'Teams bot removed, but its subscriptions could not be deleted');
    }
  }

  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    if (!botId || !activity.membersAdded?.some((m) => m.id === botId)) return;
    const org = core.knowledgeBase.organization;
    const lang = languageFromLocale(activity.locale, org.default_language);
    logger.info({ conversationType: activity.conversation?.conversationType ?? 'personal' }, 'Teams bot added to a conversation');
    await send(context, plain(messages(lang).chat.welcome(org.name)));
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
      case ActivityTypes.Invoke:
        if (activity.name === 'adaptiveCard/action') await onCardAction(context);
        else logger.debug({ invoke: activity.name }, 'Teams invoke ignored');
        return;
      case ActivityTypes.InstallationUpdate:
        await onInstallationUpdate(context);
        return;
      default:
        logger.debug({ activityType: activity.type }, 'Teams activity ignored');
    }
  };
}
