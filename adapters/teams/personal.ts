// A person's personal chat with the bot, reached from a channel or group chat: botbuilder's
// createConversationAsync (POST {serviceUrl}/v3/conversations with the person as the only member),
// so confirmations and change notices for that person do not go to the whole channel.
import { TurnContext, type Activity, type CloudAdapterBase, type ConversationParameters } from 'botbuilder';
import type { ConversationTarget } from '../types.js';

/**
 * Opens (or finds: Teams returns the existing one) the personal chat of the activity's sender and
 * runs `logic` in it; resolves to that chat's target. Throws when the connector refuses.
 */
export async function withPersonalChat(
  context: TurnContext,
  appId: string,
  logic: (personal: TurnContext, target: ConversationTarget) => Promise<void>,
): Promise<ConversationTarget> {
  const activity = context.activity;
  const adapter = context.adapter as unknown as CloudAdapterBase;
  const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  const params = {
    isGroup: false,
    bot: activity.recipient,
    members: [activity.from],
    ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
  } as ConversationParameters;
  let target: ConversationTarget | undefined;
  await adapter.createConversationAsync(appId, activity.channelId ?? 'msteams', activity.serviceUrl ?? '', '', params, async (personal) => {
    const created = personal.activity as Partial<Activity>;
    const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(created))) as {
      conversation: { id: string; conversationType?: string; tenantId?: string };
      user?: unknown;
    };
    reference.conversation.conversationType = 'personal';
    if (activity.from) reference.user = JSON.parse(JSON.stringify(activity.from)) as unknown;
    target = { platform: 'teams', conversationId: reference.conversation.id, reference };
    if (activity.from?.id) target.userId = activity.from.id;
    await logic(personal, target);
  });
  if (!target) throw new Error('the personal chat was not created');
  return target;
}

/** True when the activity comes from a personal chat (or names no type: personal is the default). */
export function isPersonal(activity: Partial<Activity>): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
}
