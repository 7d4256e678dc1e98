// The one small interface every chat adapter implements: it receives platform events on its HTTP
// routes (or socket), replies with rendered answers, and delivers proactive notifications.
import type { Router } from 'express';
import type { Answer } from '../src/model/answer.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import type { ChatPlatform } from '../src/model/platform.js';

export type { ConversationTarget } from '../src/model/conversation-target.js';
export type { ChatPlatform } from '../src/model/platform.js';

export interface ChatAdapter {
  readonly platform: ChatPlatform;
  /** Registers the adapter's HTTP routes on the shared server (the "receive" side). */
  mount(router: Router): void;
  /** Posts a rendered answer into a conversation. */
  reply(target: ConversationTarget, answer: Answer): Promise<void>;
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
  /** Connects what needs connecting (Slack auth.test, Socket Mode); called once after mount. */
  start(): Promise<void>;
  /** Stops receiving; answers in flight finish first. */
  stop(): Promise<void>;
}
