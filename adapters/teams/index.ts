// The Microsoft Teams adapter: botbuilder's CloudAdapter on POST /api/messages. Every botbuilder
// import of the project lives in this folder, so moving to another Teams SDK touches nothing else.
import express, { type Router } from 'express';
import type { Activity } from 'botbuilder';
import type { Answer } from '../../src/answer.js';
import type { ChangeNotice } from '../../src/change-notice.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Logger } from '../../src/logger.js';
import type { ChatAdapter, ConversationTarget } from '../types.js';
import { createBotAuth } from './bot-auth.js';
import { referenceFromTarget } from './conversation.js';
import { toDeliveryError } from './errors.js';
import { answerMessage, noticeMessage, type TeamsMessage } from './render.js';
import { createTurnHandler, type NotifyRequestHandler, type TurnHandlerDeps } from './turn-handler.js';

export { conversationTargetFromActivity } from './conversation.js';
export { activityDedupeFromStore, activityDedupeKey, type ActivityDedupe, type TtlDedupeStore } from './dedupe.js';
export { TeamsConfigError, TeamsDeliveryError } from './errors.js';
export { renderAnswerCard, renderNoticeCard, answerMessage, noticeMessage, type AdaptiveCard } from './render.js';
export type { NotifyRequest, NotifyRequestHandler } from './turn-handler.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsAdapterOptions {
  core: ComplianceCore;
  /** Microsoft App ID of the bot; without it authentication is off (local use only). */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** MultiTenant (default), SingleTenant or UserAssignedMSI. */
  appType?: string;
  logger: Logger;
  /** Subscribes a user to a tool's changes; without it the button answers "not set up". */
  onNotifyRequest?: NotifyRequestHandler;
  /** Subscription and admin words (see src/chat/commands.ts). */
  commands?: TurnHandlerDeps['commands'];
  /** The optional LLM explanation: the answer is sent at once and updated when it arrives. */
  summarize?: TurnHandlerDeps['summarize'];
  /** "Helpful / not helpful" clicks; the buttons are shown only when this is set. */
  onFeedback?: TurnHandlerDeps['onFeedback'];
  /** Handles each activity once; give activityDedupeFromStore(storage.dedupe) when several instances run. */
  dedupe?: TurnHandlerDeps['dedupe'];
}

export function createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter {
  const logger = options.logger;
  const { adapter, appId, authEnabled } = createBotAuth(options, logger);
  const handleTurn = createTurnHandler({
    core: options.core,
    logger,
    onNotifyRequest: options.onNotifyRequest,
    commands: options.commands,
    summarize: options.summarize,
    onFeedback: options.onFeedback,
    ...(options.dedupe ? { dedupe: options.dedupe } : {}),
  });
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  /** Sends `message` into the stored conversation; throws TeamsDeliveryError with the HTTP status. */
  async function sendProactive(target: ConversationTarget, message: TeamsMessage | Partial<Activity>): Promise<void> {
    const reference = referenceFromTarget(target);
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await context.sendActivity(message as Partial<Activity>);
      });
    } catch (err) {
      throw toDeliveryError(err, target.conversationId);
    }
  }

  return {
    platform: 'teams',

    mount(router: Router): void {
      router.post(TEAMS_MESSAGES_PATH, express.json({ limit: '1mb' }), async (req, res) => {
        if (stopped) {
          res.status(503).json({ error: 'The bot is shutting down; try again shortly.' });
          return;
        }
        // botbuilder answers the HTTP request itself (200, 401 without a valid token, 400 ...).
        const turn = adapter.process(req, res, handleTurn);
        inFlight.add(turn);
        try {
          await turn;
        } finally {
          inFlight.delete(turn);
        }
      });
    },

    async reply(target: ConversationTarget, answer: Answer): Promise<void> {
      await sendProactive(target, answerMessage(answer));
    },

    async notify(target: ConversationTarget, notice: ChangeNotice): Promise<void> {
      await sendProactive(target, noticeMessage(notice));
    },

    async say(target: ConversationTarget, text: string): Promise<void> {
      await sendProactive(target, { type: 'message', text, textFormat: 'plain' });
    },

    async start(): Promise<void> {
      stopped = false;
      logger.info({ path: TEAMS_MESSAGES_PATH, authEnabled }, 'Teams adapter ready');
    },

    async stop(): Promise<void> {
      stopped = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
