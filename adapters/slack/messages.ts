// What a person writes to the bot in Slack: an app mention (answered in a thread), a direct message
// (also with a file, or a thread broadcast), an edit of an answered question, and the /compliance
// slash command. Each is parsed into an IncomingMessage and handed to the chat turn
// (src/chat/turn.ts); the reply is rendered and posted here.
import type { SlashCommand, RespondFn, webApi } from '@slack/bolt';
import type { Answer } from '../../src/model/answer.js';
import type { ChatUser } from '../../src/chat/commands.js';
import type { Thread, TurnReply } from '../../src/chat/turn.js';
import { streamExplanation } from './stream.js';
import { describeError } from '../../src/chat/turn.js';
import { parseSubscriptionCommand } from '../../src/subscriptions/commands.js';
import { normalizeChat } from '../../src/text/chat.js';
import { answerSignature } from './answered.js';
import { slackErrorCode } from './errors.js';
import type { ListenerDeps } from './listener-deps.js';
import { parseSlashText } from './question.js';
import { messageFields, renderAnswerBlocks } from './render.js';
import { isFromBot, messageThread, renderReply, responseThread, slackUser, type Where } from './reply.js';

type WebClient = webApi.WebClient;

/** Message subtypes a person uses to ask: a question with a screenshot, a thread reply also sent to the channel. */
const ANSWERED_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

/** The message_changed event (Slack API docs, "message_changed" message subtype). */
export interface ChangedMessageEvent {
  type: 'message';
  subtype: 'message_changed';
  channel: string;
  ts?: string;
  message?: { type?: string; subtype?: string; user?: string; bot_id?: string; text?: string; ts?: string; edited?: { user?: string; ts?: string } };
  previous_message?: { text?: string; ts?: string };
}

export interface QuestionInput {
  kind: string;
  question: string;
  user?: ChatUser;
  /** The follow-up conversation (team, channel, thread). */
  conversation: string;
  where: Where;
  questionTs: string;
  /** Stream the LLM explanation into the thread (stream.ts) instead of updating the answer. */
  stream?: boolean;
}

export interface MessageHandlers {
  /** Answers a question and remembers which message answered it (for edits). */
  answer(client: WebClient, input: QuestionInput): Promise<void>;
  mention(client: WebClient, event: { text: string; user?: string; channel: string; ts: string; thread_ts?: string }, teamId: string | undefined): Promise<void>;
  directMessage(client: WebClient, event: unknown, context: { teamId?: string; botUserId?: string }): Promise<void>;
  /** An edited question the bot answered: the answer is updated when the verdict changes, once per edit. */
  edit(client: WebClient, event: ChangedMessageEvent, botUserId: string | undefined): Promise<void>;
  slashCommand(command: SlashCommand, respond: RespondFn): Promise<void>;
}

export function createMessageHandlers(deps: ListenerDeps): MessageHandlers {
  const { logger, turn, core } = deps;
  const render = (conversationKey: string) => (r: TurnReply) => renderReply(r, { core, feedback: turn.feedback, requests: turn.requests, conversationKey });

  async function answer(client: WebClient, input: QuestionInput): Promise<void> {
    const threadTs = input.where.thread_ts;
    const thread: Thread<string> = {
      ...messageThread(client, logger, input.where, render(input.conversation)),
      ...(input.stream && threadTs
        ? {
            stream: (_ts: string, explanation: string, r: TurnReply) =>
              streamExplanation(client, logger, { channel: input.where.channel, thread_ts: threadTs }, explanation, r.kind === 'answer' ? r.answer.language : r.language),
          }
        : {}),
      posted: async (ts: string, r: TurnReply) => {
        if (r.kind !== 'answer') return;
        await deps.answered.remember(input.where.channel, input.questionTs, {
          channel: input.where.channel,
          answerTs: ts,
          signature: answerSignature(r.answer),
          conversationKey: input.conversation,
        });
      },
    };
    const { reply } = await turn.message(
      { platform: 'slack', text: input.question, conversationKey: input.conversation, kind: input.kind, ...(input.user ? { user: input.user } : {}) },
      thread,
    );
    // A subscription typed in a message changes what the App Home shows.
    const userId = input.user?.conversation.userId;
    if (reply.kind !== 'answer' && userId && deps.home && parseSubscriptionCommand(input.question)) await deps.home.publish(client, userId);
  }

  async function edit(client: WebClient, event: ChangedMessageEvent, botUserId: string | undefined): Promise<void> {
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
    const conversation = record.conversationKey !== undefined ? { conversationKey: record.conversationKey } : {};
    let a: Answer;
    try {
      a = await turn.ask({ platform: 'slack', text: question, kind: 'edit', ...conversation });
    } catch (err) {
      logger.error({ kind: 'edit', err: describeError(err, question) }, 'could not answer an edited Slack question');
      return;
    }
    const signature = answerSignature(a);
    if (signature === record.signature) {
      logger.debug({ kind: 'edit' }, 'edited question has the same answer; left as it is');
      return;
    }
    turn.toolNames.remember(a.tools);
    try {
      await client.chat.update({ channel: record.channel, ts: record.answerTs, ...messageFields(renderAnswerBlocks(a, { feedback: turn.feedback, requests: turn.requests, ...conversation })) });
      await deps.answered.remember(event.channel, edited.ts, { ...record, signature });
      logger.info({ kind: 'edit', verdict: a.verdict }, 'answer updated after the question was edited');
    } catch (err) {
      logger.error({ slackError: slackErrorCode(err) }, 'chat.update after an edit failed');
    }
  }

  return {
    answer,
    edit,
    async mention(client, event, teamId) {
      const question = normalizeChat(event.text, 'slack');
      // In a thread under the question (or in the thread it was asked in).
      const where = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
      const user = event.user ? slackUser(core, event.user, event.channel, false, question) : undefined;
      // Follow-ups belong to the thread: team, channel and the thread's first message.
      const conversation = `slack:${teamId ?? ''}:${event.channel}:${where.thread_ts}`;
      await answer(client, { kind: 'mention', question, ...(user ? { user } : {}), conversation, where, questionTs: event.ts });
    },

    async directMessage(client, event, context) {
      const subtype = (event as { subtype?: string }).subtype;
      if ((subtype !== undefined && !ANSWERED_SUBTYPES.has(subtype)) || isFromBot(event as { bot_id?: string; user?: string }, context.botUserId)) return;
      const m = event as { text?: string; user?: string; ts: string; thread_ts?: string; channel: string };
      const question = normalizeChat(m.text ?? '', 'slack');
      // A file without words is not a question.
      if (subtype === 'file_share' && question === '') return;
      const where = m.thread_ts ? { channel: m.channel, thread_ts: m.thread_ts } : { channel: m.channel };
      const user = typeof m.user === 'string' ? slackUser(core, m.user, m.channel, true, question) : undefined;
      // A direct message channel is one conversation.
      const conversation = `slack:${context.teamId ?? ''}:${m.channel}`;
      await answer(client, { kind: 'dm', question, ...(user ? { user } : {}), conversation, where, questionTs: m.ts });
    },

    async slashCommand(command, respond) {
      const slash = parseSlashText(command.text);
      const question = normalizeChat(slash.question, 'slack');
      const user = slackUser(core, command.user_id, command.channel_id, command.channel_id.startsWith('D'), question);
      const conversation = `slack:${command.team_id}:${command.channel_id}:${command.user_id}`;
      const thread = responseThread(respond, logger, slash.isPublic ? 'in_channel' : 'ephemeral', render(conversation));
      await turn.message({ platform: 'slack', text: question, user, conversationKey: conversation, kind: 'command' }, thread);
    },
  };
}
