// What the bot does with each incoming Teams activity: a question or command (questions.ts), a card
// button (clicks.ts), being added to a conversation (a welcome) or removed from it (its
// subscriptions are deleted). The conversation itself is the chat turn's (src/chat/turn.ts); the
// user is never left in silence. Question text is never logged.
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { ChatCommands } from '../../src/chat/commands.js';
import type { ChatTurnDeps } from '../../src/chat/turn.js';
import type { ComplianceCore } from '../../src/core.js';
import { phrases as messages } from '../../src/phrases/index.js';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import type { Dedupe } from '../../src/storage/dedupe.js';
import type { ConversationTarget } from '../types.js';
import { onAdminSubmit, onCardAction, onConfirmSubmit, onFeedbackSubmit, onNotifySubmit } from './clicks.js';
import { activityDedupeKey } from './conversation.js';
import { languageFromLocale } from './failure.js';
import { respondToSearch, SEARCH_INVOKE } from './message-extension.js';
import { isPersonal } from './personal.js';
import { onQuestion } from './questions.js';
import type { AdminSubmitData, FeedbackSubmitData, NotifySubmitData } from './render.js';
import { createTeamsTurn, errorFields, plain, teamIdOf, type TeamsTurn } from './teams-turn.js';
import type { NotifyRequestHandler, TurnHandlerDeps } from './turn-handler-deps.js';

export { questionText } from './teams-turn.js';


function isSubmit<T extends { action: string }>(value: unknown, action: T['action']): value is T {
  return typeof value === 'object' && value !== null && (value as { action?: unknown }).action === action;
}

/** installationUpdate: on "remove" what was stored for the conversation is deleted. */
async function onInstallationUpdate(t: TeamsTurn, context: TurnContext): Promise<void> {
  const { deps } = t;
  const activity = context.activity;
  const action = (activity as { action?: string }).action ?? '';
  if (!action.startsWith('remove') || !deps.onRemoved || !activity.conversation?.id) return;
  try {
    const personKey = isPersonal(activity) && activity.from?.id ? `teams:${activity.from.id}` : undefined;
    const teamId = teamIdOf(activity);
    await deps.onRemoved({ conversationId: activity.conversation.id, ...(personKey ? { personKey } : {}), ...(teamId ? { teamId } : {}) });
    deps.logger.info({ conversationType: activity.conversation.conversationType ?? 'personal' }, 'Teams bot removed: the conversation\'s subscriptions were deleted');
  } catch (err) {
    deps.logger.error({ ...errorFields(err) }, 'Teams bot removed, but its subscriptions could not be deleted');
  }
}

async function onConversationUpdate(t: TeamsTurn, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  if (!botId || !activity.membersAdded?.some((m) => m.id === botId)) return;
  const org = t.deps.core.knowledgeBase.organization;
  const lang = languageFromLocale(activity.locale, org.default_language);
  t.deps.logger.info({ conversationType: activity.conversation?.conversationType ?? 'personal' }, 'Teams bot added to a conversation');
  await t.send(context, plain(messages(lang).chat.welcome(org.name)));
}

/** False for an activity already handled (here or by another instance). A failing store lets it through. */
async function firstDelivery(deps: TurnHandlerDeps, activity: Partial<Activity>): Promise<boolean> {
  const key = deps.dedupe ? activityDedupeKey(activity) : undefined;
  if (!deps.dedupe || key === undefined) return true;
  try {
    if (await deps.dedupe.firstSeen(key)) return true;
  } catch (err) {
    // Better to answer twice than not at all when the dedupe store is down.
    deps.logger.warn({ ...errorFields(err) }, 'Teams activity dedupe failed');
    return true;
  }
  deps.logger.info({ activityType: activity.type }, 'repeated Teams activity ignored');
  return false;
}

/** A message activity: a card's Action.Submit, or a question. */
async function onMessage(t: TeamsTurn, context: TurnContext): Promise<void> {
  const value = context.activity.value;
  if (isSubmit<{ action: 'notify' } & Partial<NotifySubmitData>>(value, 'notify')) await onNotifySubmit(t, context, value);
  else if (isSubmit<FeedbackSubmitData>(value, 'feedback')) await onFeedbackSubmit(t, context, value);
  else if (isSubmit<AdminSubmitData>(value, 'admin')) await onAdminSubmit(t, context, value);
  else if (isSubmit<{ action: 'confirm'; choice?: unknown; language?: unknown }>(value, 'confirm')) await onConfirmSubmit(t, context, value);
  else await onQuestion(t, context);
}

export function createTurnHandler(deps: TurnHandlerDeps): (context: TurnContext) => Promise<void> {
  const t = createTeamsTurn(deps);
  return async (context) => {
    const activity = context.activity;
    if (!(await firstDelivery(deps, activity))) return;
    switch (activity.type) {
      case ActivityTypes.Message:
        await onMessage(t, context);
        return;
      case ActivityTypes.ConversationUpdate:
        await onConversationUpdate(t, context);
        return;
      case ActivityTypes.Invoke:
        if (activity.name === 'adaptiveCard/action') await onCardAction(t, context);
        else if (activity.name === SEARCH_INVOKE) await respondToSearch(context, { core: deps.core, logger: deps.logger, ...(deps.popularTools ? { popularTools: deps.popularTools } : {}) });
        else deps.logger.debug({ invoke: activity.name }, 'Teams invoke ignored');
        return;
      case ActivityTypes.InstallationUpdate:
        await onInstallationUpdate(t, context);
        return;
      default:
        deps.logger.debug({ activityType: activity.type }, 'Teams activity ignored');
    }
  };
}

export type { NotifyRequest, NotifyRequestHandler, TurnHandlerDeps } from './turn-handler-deps.js';