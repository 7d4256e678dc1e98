// A Teams message with a question or command (personal chat, or an @mention in a channel or group
// chat), parsed and handed to the chat turn (src/chat/turn.ts). What stays here is Teams': "subscribe"
// in a channel subscribes the person in their personal chat (opened with the connector), "… here"
// the channel, noted for its team. Question text is never logged.
import type { Activity, TurnContext } from 'botbuilder';
import type { ChatUser } from '../../src/chat/commands.js';
import { parseSubscriptionCommand } from '../../src/subscriptions/commands.js';
import { phrases as messages } from '../../src/phrases/index.js';
import { failureText, guessLanguage, languageFromLocale } from './failure.js';
import { commandReplyMessage } from './render.js';
import { errorFields, plain, questionText, teamIdOf, teamsUser, type TeamsTurn } from './teams-turn.js';

export async function onQuestion(t: TeamsTurn, context: TurnContext): Promise<void> {
  const { deps, turn } = t;
  const activity = context.activity;
  const org = deps.core.knowledgeBase.organization;
  const question = questionText(activity);
  const conversationType = activity.conversation?.conversationType ?? 'personal';
  if (question === '') {
    await t.send(context, plain(messages(languageFromLocale(activity.locale, org.default_language)).ui.unclearHelp));
    return;
  }
  const language = guessLanguage(question, org);
  let user: ChatUser | undefined;
  // "subscribe zoom" in a channel subscribes the person, in their personal chat; "… here" the channel.
  const sub = conversationType !== 'personal' && deps.commands ? parseSubscriptionCommand(question) : null;
  try {
    const personal = sub && !sub.here ? await t.personalTarget(context) : undefined;
    user = teamsUser(activity, language, personal);
    // Without the personal chat a subscription would reach the whole channel: say how instead.
    if (sub !== null && !sub.here && sub.action === 'subscribe' && personal === undefined) {
      await t.send(context, commandReplyMessage(messages(sub.language).chat.personalChatFailed(question), sub.language) as Partial<Activity>);
      return;
    }
  } catch (err) {
    deps.logger.error({ conversationType, ...errorFields(err, question) }, 'Teams question could not be answered');
    await t.send(context, plain(failureText(language, org)));
    return;
  }
  // A channel subscribed "… here" is noted for its team, so removing the app from the team removes it.
  const noteChannel = async (): Promise<void> => {
    const teamId = teamIdOf(activity);
    if (!sub?.here || sub.action !== 'subscribe' || !teamId || !deps.onChannelSubscribed || !activity.conversation?.id) return;
    try {
      await deps.onChannelSubscribed(teamId, activity.conversation.id);
    } catch (err) {
      deps.logger.warn({ ...errorFields(err) }, 'a channel subscription was not noted for its team');
    }
  };
  const conversationId = activity.conversation?.id;
  await turn.message(
    {
      platform: 'teams',
      text: question,
      language,
      kind: conversationType,
      ...(user ? { user } : {}),
      // Follow-ups belong to the conversation (a channel's reply chain has its own id).
      ...(conversationId ? { conversationKey: `teams:${conversationId}` } : {}),
    },
    t.thread(context, async (r) => {
      if (r.kind === 'command') await noteChannel();
    }),
  );
}
