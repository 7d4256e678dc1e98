// The words in a chat that are not questions: `admin …` for admins, `subscribe …` / `abonnieren …`
// and friends for everyone, and the "Notify me of changes" button. Adapters ask here first and
// send a question to the engine only when this returns null.
import { normalizeActorId } from '../model/actor-id.js';
import type { AdminActor, AdminService } from '../admin/service.js';
import type { ConversationTarget } from '../model/conversation-target.js';
import type { ComplianceCore } from '../core.js';
import type { Language } from '../model/language.js';
import type { Logger } from '../logger.js';
import { phrases } from '../phrases/index.js';
import { StorageUnavailableError } from '../errors.js';
import type { Storage } from '../storage/index.js';
import { executeRequestCommand, isRequestCommand, parseRequestCommand } from '../requests/commands.js';
import type { RequestService } from '../requests/service.js';
import { executeSubscriptionCommand, parseSubscriptionCommand, subscribeFromButton, type SubscriberContext } from '../subscriptions/commands.js';

/** Who wrote, as an adapter knows it. */
export interface ChatUser {
  platform: 'slack' | 'teams';
  /** Subscriber key of the person: `slack:U123`, `teams:<user id>`. */
  key: string;
  /** The id ADMINS lists (`slack:U123`, `teams:<aadObjectId>`), null when the platform gave none. */
  adminId: string | null;
  /** How to reach the person privately (their DM). */
  personal: ConversationTarget;
  /** Where the message was written (a channel for a mention). */
  conversation: ConversationTarget;
  language: Language;
}

export interface CommandReply {
  text: string;
  /** A four-eyes proposal was made: adapters offer an "approve" button that sends `admin approve <id>`. */
  approveProposalId?: string;
}

export interface ChatCommands {
  /** The reply to a command, or null when `text` is a question for the engine. */
  handle(text: string, user: ChatUser): Promise<CommandReply | null>;
  /** The "Notify me of changes" button under an answer about `toolId`. */
  subscribeButton(toolId: string, user: ChatUser): Promise<string>;
}

export interface ChatCommandsOptions {
  core: ComplianceCore;
  /** Absent: subscriptions are not available on this server. */
  storage?: Storage;
  /** Absent: admin commands are not available on this server. */
  admin?: AdminService;
  /** A store is configured but not reachable yet: say "unavailable for now", not "not set up". */
  storageUnavailable?: boolean;
  /** The usage report for `admin report` (absent: no usage counts on this server). */
  report?: (language: Language) => Promise<string>;
  /** Requests for an assessment: `admin requests …` (absent: not available on this server). */
  requests?: RequestService;
  logger: Logger;
}


export function createChatCommands(options: ChatCommandsOptions): ChatCommands {
  const { core, storage, admin, logger } = options;

  /** Subscriptions without a store: not set up here, or set up but not reachable yet. */
  const notAvailable = (language: Language): string => {
    const m = phrases(language).subscription;
    return options.storageUnavailable ? m.unavailable : m.notSetUp;
  };

  const subscriberContext = (user: ChatUser, language: Language, store: Storage): SubscriberContext => ({
    kb: core.knowledgeBase,
    storage: store,
    subscriber: { key: user.key, target: user.personal, language },
    conversation: user.conversation,
  });

  /**
   * The key under which the server looks up an admin's address (to report a broken hand edit), when
   * it differs from the subscriber key: ADMINS names Teams admins by AAD object id, while their
   * subscriptions are keyed by the Teams user id. Null for non-admins and when both keys agree.
   */
  const separateAdminKey = (user: ChatUser): string | null => {
    if (!admin || !user.adminId) return null;
    const id = normalizeActorId(user.adminId);
    return id !== user.key && admin.isAdmin(id) ? id : null;
  };

  // Who was checked lately: a busy asker costs one storage read per ten minutes, not one per question.
  const checked = new Map<string, number>();
  const REFRESH_EVERY_MS = 10 * 60_000;

  /** A subscriber's stored address follows their last contact; nobody else's contact is stored. */
  const refreshConversation = async (user: ChatUser): Promise<void> => {
    if (!storage) return;
    const now = Date.now();
    if ((checked.get(user.key) ?? 0) > now - REFRESH_EVERY_MS) return;
    if (checked.size >= 10_000) checked.clear();
    checked.set(user.key, now);
    try {
      for (const key of [user.key, separateAdminKey(user)]) {
        if (key && (await storage.conversations.get(key))) await storage.conversations.remember(key, user.personal);
      }
    } catch (err) {
      logger.warn({ err: { type: (err as Error).name } }, 'could not refresh a conversation reference');
    }
  };

  /** An admin whose conversation was just stored under their subscriber key is reachable under their admin id too. */
  const rememberAdmin = async (user: ChatUser, language: Language): Promise<void> => {
    const key = separateAdminKey(user);
    if (!storage || !key) return;
    try {
      await storage.conversations.remember(key, user.personal, language);
    } catch (err) {
      logger.warn({ err: { type: (err as Error).name } }, 'could not store an admin conversation reference');
    }
  };

  /**
   * An admin who writes in private (a Slack DM, a Teams personal chat) can be told about a broken
   * hand edit there; a channel is not such a place, so a mention in a channel stores nothing.
   */
  const rememberAdminContact = async (user: ChatUser): Promise<void> => {
    // Slack's `personal` is always the DM; a Teams reference says whether it is a personal chat.
    const teamsType = (user.conversation.reference as { conversation?: { conversationType?: string } } | undefined)?.conversation?.conversationType;
    const privately = user.platform === 'slack' || teamsType === 'personal';
    if (!storage || !user.adminId || !privately) return;
    try {
      await storage.conversations.remember(normalizeActorId(user.adminId), user.personal, user.language);
    } catch (err) {
      logger.warn({ err: { type: (err as Error).name } }, 'could not store an admin conversation reference');
    }
  };

  return {
    async handle(text, user) {
      const trimmed = text.trim();
      const adminMatch = /^admin(?:\s+|$)/i.exec(trimmed);
      if (adminMatch) {
        const m = phrases(user.language).admin;
        if (!admin) return { text: options.storageUnavailable ? m.storageUnavailable : m.notSetUp };
        const actor: AdminActor = { id: user.adminId ?? `${user.platform}:unknown`, language: user.language, surface: 'chat' };
        const rest = trimmed.slice(adminMatch[0].length);
        try {
          if (admin.isAdmin(normalizeActorId(actor.id))) await rememberAdminContact(user);
          if (/^(report|bericht)\b/i.test(rest) && options.report && admin.isAdmin(normalizeActorId(actor.id))) {
            return { text: await options.report(user.language) };
          }
          if (options.requests && isRequestCommand(rest) && admin.isAdmin(normalizeActorId(actor.id))) {
            const reply = await executeRequestCommand(parseRequestCommand(rest), actor, options.requests, core.knowledgeBase, new Date());
            return { text: reply.text };
          }
          const reply = await admin.execute(rest, actor);
          return { text: reply.text, ...(reply.proposal ? { approveProposalId: reply.proposal.id } : {}) };
        } catch (err) {
          if (err instanceof StorageUnavailableError) return { text: m.storageUnavailable };
          throw err;
        }
      }
      const cmd = parseSubscriptionCommand(trimmed);
      if (cmd) {
        if (!storage) return { text: notAvailable(cmd.language) };
        const text = await executeSubscriptionCommand(cmd, subscriberContext(user, cmd.language, storage));
        await rememberAdmin(user, cmd.language);
        return { text };
      }
      void refreshConversation(user);
      return null;
    },

    async subscribeButton(toolId, user) {
      if (!storage) return notAvailable(user.language);
      return subscribeFromButton(toolId, subscriberContext(user, user.language, storage));
    },
  };
}
