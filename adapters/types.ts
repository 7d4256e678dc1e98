// The small interfaces of a chat adapter: every adapter receives platform input on its HTTP routes
// (or socket) and answers through the chat turn (src/chat/turn.ts); a platform that can reach a
// person later (Slack, Teams) also delivers change notices and plain texts (a MessagingAdapter).
import type { Router } from 'express';
import type { ChangeNotice } from '../src/model/change-notice.js';
import type { ChatPlatform } from '../src/model/platform.js';
import type { ConversationTarget } from '../src/model/conversation-target.js';

export type { ConversationTarget } from '../src/model/conversation-target.js';
export type { ChatPlatform } from '../src/model/platform.js';

export interface ChatAdapter {
  readonly platform: ChatPlatform;
  /** Registers the adapter's HTTP routes on the shared server (the "receive" side). */
  mount(router: Router): void;
  /** Connects what needs connecting (Slack auth.test, Socket Mode); called once after mount. */
  start(): Promise<void>;
  /** Stops receiving; answers in flight finish first. */
  stop(): Promise<void>;
}

/** An adapter that can post into a conversation on its own (notices, messages to admins). */
export interface MessagingAdapter extends ChatAdapter {
  /** Delivers a change notification to a subscriber. */
  notify(target: ConversationTarget, notice: ChangeNotice): Promise<void>;
  /**
   * Optional: whether the notice `noticeId` already is in the target's conversation (posted since
   * `sinceEpochMs`); undefined when the platform cannot tell. The notification pipeline asks only
   * for in-doubt deliveries (in flight when a process died), so it does not send them twice.
   */
  wasDelivered?(target: ConversationTarget, noticeId: string, sinceEpochMs: number): Promise<boolean | undefined>;
  /** Sends a plain text (e.g. telling admins that a hand edit of the knowledge base is invalid). */
  say(target: ConversationTarget, text: string): Promise<void>;
}

/** Whether `adapter` can post on its own (the web chat cannot: no accounts, no push). */
export function canMessage(adapter: ChatAdapter): adapter is MessagingAdapter {
  const a = adapter as Partial<MessagingAdapter>;
  return typeof a.notify === 'function' && typeof a.say === 'function';
}
