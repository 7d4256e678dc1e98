// The Slack side of a chat turn (src/chat/turn.ts): who wrote (a ChatUser), how a TurnReply looks
// in Slack, and the Threads a reply is posted through: a message in a channel, DM or thread
// (chat.postMessage, updated by chat.update), or a slash command's response_url.
import type { RespondFn, webApi } from '@slack/bolt';
import type { ChatUser } from '../../src/chat/commands.js';
import type { Thread, TurnReply } from '../../src/chat/turn.js';
import type { ComplianceCore } from '../../src/core.js';
import { slackDirectMessage } from '../../src/model/conversation-target.js';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import { slackErrorCode } from './errors.js';
import { renderFailure } from './failure.js';
import { guessLanguage } from './question.js';
import { messageFields, NOTIFY_BLOCK_PREFIX, renderAnswerBlocks, renderCommandReply, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

/** Where a message goes: a channel or DM, optionally a thread in it. */
export interface Where {
  channel: string;
  thread_ts?: string;
}

/** The person behind a Slack message: their DM for notifications, the channel they wrote in. */
export function slackUser(core: ComplianceCore, userId: string, channel: string, isDm: boolean, text: string): ChatUser {
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
      return (language ??= guessLanguage(text, core.knowledgeBase.organization.default_language));
    },
  };
}

export interface RenderContext {
  core: ComplianceCore;
  /** Answers offer the feedback buttons. */
  feedback: boolean;
  /** Answers offer the request form and the waiting list. */
  requests?: boolean;
  /** The conversation the reply goes to (a `confirm` answer's buttons carry it). */
  conversationKey?: string;
}

/** A turn's reply as a Slack message. */
export function renderReply(r: TurnReply, context: RenderContext): SlackMessage {
  switch (r.kind) {
    case 'answer':
      return renderAnswerBlocks(r.answer, {
        feedback: context.feedback,
        requests: context.requests === true,
        ...(r.explanation ? { explanation: r.explanation } : {}),
        ...(context.conversationKey !== undefined ? { conversationKey: context.conversationKey } : {}),
      });
    case 'command': {
      const approve = r.actions.find((a) => a.kind === 'approve');
      return renderCommandReply(r.text, r.language, approve?.kind === 'approve' ? approve.proposalId : undefined);
    }
    case 'failure':
      try {
        return renderFailure(r.language, context.core.knowledgeBase.organization);
      } catch {
        return { text: r.text, blocks: [] };
      }
  }
}

/** Posts `message`; should Slack refuse the blocks, the plain text goes out instead. */
export async function postMessage(client: WebClient, logger: Logger, where: Where, message: SlackMessage): Promise<string | undefined> {
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

/** A message in a channel, DM or thread: posted with chat.postMessage, updated by its ts. */
export function messageThread(client: WebClient, logger: Logger, where: Where, render: (r: TurnReply) => SlackMessage): Thread<string> {
  return {
    post: (r) => postMessage(client, logger, where, render(r)),
    async update(ts, r) {
      await client.chat.update({ channel: where.channel, ts, ...messageFields(render(r)) });
    },
  };
}

/** A slash command's or click's response_url: the first reply is posted, the explanation replaces it. */
export function responseThread(
  respond: RespondFn,
  logger: Logger,
  responseType: 'ephemeral' | 'in_channel',
  render: (r: TurnReply) => SlackMessage,
  options: { failedLog?: string; keepOriginal?: boolean } = {},
): Thread<string> {
  return {
    async post(r) {
      const m = render(r);
      try {
        // A click's reply must not replace the message with the button.
        await respond({ response_type: responseType, ...(options.keepOriginal ? { replace_original: false } : {}), text: m.text, blocks: m.blocks });
        return 'response';
      } catch (err) {
        logger.error({ err: { type: (err as Error).name, message: (err as Error).message } }, options.failedLog ?? 'response_url post failed');
        return undefined;
      }
    },
    async update(_id, r) {
      const m = render(r);
      await respond({ response_type: responseType, replace_original: true, text: m.text, blocks: m.blocks });
    },
  };
}

export function isFromBot(event: { bot_id?: string; subtype?: string; user?: string }, botUserId: string | undefined): boolean {
  return Boolean(event.bot_id) || event.subtype === 'bot_message' || (botUserId !== undefined && event.user === botUserId);
}

/** The language a button's block carries (`notify-de-0`, `feedback-en`, `confirm-de`). */
export function languageOfBlock(blockId: string | undefined, fallback: Language): Language {
  const id = blockId?.replace(/^(feedback|confirm)-/, NOTIFY_BLOCK_PREFIX);
  if (id?.startsWith(NOTIFY_BLOCK_PREFIX)) {
    const lang = id.slice(NOTIFY_BLOCK_PREFIX.length, NOTIFY_BLOCK_PREFIX.length + 2);
    if (lang === 'de' || lang === 'en') return lang;
  }
  return fallback;
}
