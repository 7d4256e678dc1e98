// The buttons of Teams cards: feedback, "Notify me", a proposal's approve (admin), a `confirm`
// answer's yes/no and the request form (open, submit), as Action.Submit (a message activity) or Action.Execute (an adaptiveCard/action
// invoke). Each is parsed here and carried out by the chat turn (src/chat/turn.ts).
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Language } from '../../src/model/language.js';
import { phrases as messages } from '../../src/phrases/index.js';
import { cardAfterClick, cardResponse, invokeData, messageResponse, REFRESH_VERB, type InvokeBody } from './actions.js';
import { REQUEST_OPEN_VERB, REQUEST_SUBMIT_VERB, requestFormCard } from './request-card.js';
import { conversationTargetFromActivity } from './conversation.js';
import { failureText, languageFromLocale } from './failure.js';
import { isPersonal, withPersonalChat } from './personal.js';
import { answerMessage, type AdminSubmitData, type FeedbackSubmitData, type NotifySubmitData } from './render.js';
import { errorFields, plain, teamsUser, type TeamsTurn } from './teams-turn.js';
import type { ConversationTarget } from '../types.js';

function languageOf(t: TeamsTurn, context: TurnContext, data: { language?: unknown }): Language {
  if (data.language === 'de' || data.language === 'en') return data.language;
  return languageFromLocale(context.activity.locale, t.deps.core.knowledgeBase.organization.default_language);
}

/** Records a feedback click; false when it could not be recorded (or was no feedback). */
async function recordFeedback(t: TeamsTurn, data: Partial<FeedbackSubmitData>, lang: Language): Promise<boolean> {
  try {
    return (await t.turn.feedbackClick({ verdict: data.verdict, toolIds: data.toolIds, helpful: data.helpful }, lang)) !== null;
  } catch (err) {
    t.deps.logger.error({ ...errorFields(err) }, 'Teams feedback not recorded');
    return false;
  }
}

/** "Helpful / not helpful" (Action.Submit): the card it was on is updated, nothing is posted. */
export async function onFeedbackSubmit(t: TeamsTurn, context: TurnContext, data: FeedbackSubmitData): Promise<void> {
  const activity = context.activity;
  const lang: Language = data.language === 'en' ? 'en' : 'de';
  if (!(await recordFeedback(t, data, lang))) return;
  const thanks = messages(lang).ui.thanksForFeedback;
  const answer = t.sent.get(activity.conversation?.id, activity.replyToId);
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
      t.deps.logger.warn({ ...errorFields(err) }, 'Teams card not updated after feedback');
    }
  }
  // The card's answer is not known here (sent before a restart): a personal chat gets the
  // thanks as a message; a channel gets nothing, rather than a public "thanks" for each click.
  if (isPersonal(activity)) await t.send(context, plain(thanks));
}

/** An admin button (Action.Submit): "approve <id>" under a proposal. */
export async function onAdminSubmit(t: TeamsTurn, context: TurnContext, data: AdminSubmitData): Promise<void> {
  const lang = languageOf(t, context, {});
  if (!t.deps.commands) return;
  await t.turn.message({ platform: 'teams', text: `admin ${String(data.command)}`, user: teamsUser(context.activity, lang), language: lang, kind: 'admin' }, { post: t.thread(context).post });
}

/** Yes or no under a `confirm` answer: the typed reply, answered as a follow-up in this conversation. */
export async function onConfirmSubmit(t: TeamsTurn, context: TurnContext, data: { choice?: unknown; language?: unknown }): Promise<void> {
  const conversationId = context.activity.conversation?.id;
  const language = languageOf(t, context, data);
  const conversation = conversationId ? { conversationKey: `teams:${conversationId}` } : {};
  await t.turn.confirmClick(data.choice, { platform: 'teams', language, kind: 'confirm', ...conversation }, t.thread(context));
}

/** "Notify me": the person's personal chat is where notices go, also when the button was in a channel. */
async function subscribeClicker(t: TeamsTurn, context: TurnContext, data: Partial<NotifySubmitData>, lang: Language, target: ConversationTarget | undefined): Promise<string> {
  const toolId = typeof data.toolId === 'string' ? data.toolId : '';
  const user = target ? teamsUser(context.activity, lang, target) : undefined;
  return (await t.turn.notifyClick(toolId, user, lang)).text;
}

/** "Notify me" (Action.Submit): in a personal chat confirmed there; from a channel, in the person's personal chat only. */
export async function onNotifySubmit(t: TeamsTurn, context: TurnContext, data: Partial<NotifySubmitData>): Promise<void> {
  const lang = languageOf(t, context, data);
  if (isPersonal(context.activity)) {
    await t.send(context, plain(await subscribeClicker(t, context, data, lang, conversationTargetFromActivity(context.activity))));
    return;
  }
  let confirmed = false;
  try {
    await withPersonalChat(context, t.deps.appId ?? '', async (personal, target) => {
      const text = await subscribeClicker(t, context, data, lang, target);
      await personal.sendActivity(plain(text));
      confirmed = true;
    });
  } catch (err) {
    t.deps.logger.warn({ ...errorFields(err) }, 'Teams personal chat could not be opened for a channel button');
  }
  // Never silent: without a personal chat the clicker learns in the thread how to subscribe.
  if (!confirmed) await t.send(context, plain(await subscribeClicker(t, context, data, lang, undefined)));
}

/**
 * The submitted request form (its inputs merged into the action's data): a field left empty shows
 * the form again with the problem; else it is filed for the person, whose personal chat is where
 * the outcome is told, and the card says what happened.
 */
async function requestSubmitted(t: TeamsTurn, context: TurnContext, data: Record<string, unknown>, lang: Language): Promise<InvokeBody> {
  const state = typeof data.state === 'string' ? data.state : undefined;
  const form = t.turn.requestForm(state);
  if (!form) return messageResponse(messages(lang).chat.unknownAction);
  const problem = t.turn.requestCheck(state, data);
  if (problem) {
    const typed = typeof data.tool === 'string' ? data.tool : form.tool.value;
    return cardResponse(requestFormCard({ ...form, tool: { ...form.tool, value: typed } }, problem.text));
  }
  const target = await t.personalTarget(context);
  const text = await t.turn.requestSubmit(state, data, { key: `teams:${context.activity.from?.id ?? ''}`, ...(target ? { target } : {}) });
  return cardResponse(cardAfterClick({ answer: undefined, note: text, lang: form.language }));
}

/** `adaptiveCard/action` (Universal Actions, Action.Execute): answered with a card for the clicker, or a message. */
export async function onCardAction(t: TeamsTurn, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const parsed = invokeData(activity.value);
  const org = t.deps.core.knowledgeBase.organization;
  const lang = languageOf(t, context, parsed?.data ?? {});
  const answer = t.sent.get(activity.conversation?.id, activity.replyToId);
  // In a channel the returned card is the clicker's own view (refresh.userIds), not everyone's.
  const forUser = isPersonal(activity) ? undefined : activity.from?.id;
  const privateCard = (note: string, dropFeedback = false) => cardResponse(cardAfterClick({ answer, note, lang, ...(forUser ? { forUser } : {}), dropFeedback }));
  try {
    switch (parsed?.action) {
      case 'notify': {
        const target = await t.personalTarget(context);
        await t.respond(context, privateCard(await subscribeClicker(t, context, parsed.data as Partial<NotifySubmitData>, lang, target)));
        return;
      }
      case 'feedback': {
        const ok = await recordFeedback(t, parsed.data as Partial<FeedbackSubmitData>, lang);
        await t.respond(context, ok ? privateCard(messages(lang).ui.thanksForFeedback, true) : messageResponse(failureText(lang, org)));
        return;
      }
      case 'admin': {
        const reply = t.deps.commands
          ? await t.turn.reply({ platform: 'teams', text: `admin ${String(parsed.data.command ?? '')}`, user: teamsUser(activity, lang), language: lang, kind: 'admin' })
          : null;
        await t.respond(context, messageResponse(reply && reply.kind !== 'answer' ? reply.text : failureText(lang, org)));
        return;
      }
      case REQUEST_OPEN_VERB: {
        const form = t.turn.requestForm(typeof parsed.data.value === 'string' ? parsed.data.value : undefined);
        await t.respond(context, form ? cardResponse(requestFormCard(form)) : messageResponse(messages(lang).chat.unknownAction));
        return;
      }
      case REQUEST_SUBMIT_VERB:
        await t.respond(context, await requestSubmitted(t, context, parsed.data, lang));
        return;
      case REFRESH_VERB: {
        // Teams asks again for a user named in refresh.userIds: the answer as it stands.
        const card = answer ? answerMessage(answer, { feedback: t.turn.feedback, requests: t.turn.requests }).attachments[0]?.content : undefined;
        await t.respond(context, card ? cardResponse(card) : messageResponse(''));
        return;
      }
      default:
        await t.respond(context, messageResponse(messages(lang).chat.unknownAction));
    }
  } catch (err) {
    t.deps.logger.error({ ...errorFields(err) }, 'Teams card action failed');
    await t.respond(context, messageResponse(failureText(lang, org)));
  }
}
