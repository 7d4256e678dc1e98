// Where a message came from and how to reach that person or channel again: the platform-neutral
// address the core stores for proactive messages. Adapters fill `reference` with what their
// platform needs (a Teams ConversationReference); the core never looks inside it.

import type { ChatPlatform } from './platform.js';

/** Enough to reach a conversation again, later and from any instance. JSON-serialisable. */
export interface ConversationTarget {
  platform: ChatPlatform;
  /** Slack channel or DM id; Teams conversation id. */
  conversationId: string;
  userId?: string;
  /** Thread to answer in (Slack thread_ts). */
  threadId?: string;
  /** Platform data needed for proactive messages (Teams ConversationReference). */
  reference?: unknown;
}

/** A Slack user's direct messages with the bot: posting to a Slack user id opens that DM. */
export function slackDirectMessage(userId: string): ConversationTarget {
  return { platform: 'slack', conversationId: userId, userId };
}
