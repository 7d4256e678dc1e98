// The Microsoft Teams adapter: botbuilder's CloudAdapter on POST /api/messages. Every botbuilder
// import of the project lives in this folder, so moving to another Teams SDK touches nothing else.
import type { Request, Response, Router } from 'express';
import type { Activity } from 'botbuilder';
import type { Answer } from '../../src/model/answer.js';
import type { ChangeNotice } from '../../src/model/change-notice.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Logger } from '../../src/logger.js';
import type { ConversationTarget, MessagingAdapter } from '../types.js';
import { createBotAuth, type AuthenticateRequestResult } from './bot-auth.js';
import { guardBotbuilderConsole } from './console-guard.js';
import { activityBody, activityProblem, DEFAULT_TEAMS_MAX_BODY_BYTES, isLocalServiceUrl, refuse } from './inbound.js';
import { referenceFromTarget } from './conversation.js';
import { toDeliveryError } from './errors.js';
import { answerMessage, noticeMessage, type TeamsMessage } from './render.js';
import { createTurnHandler, type NotifyRequestHandler, type TurnHandlerDeps } from './turn-handler.js';
import type { Storage } from '../../src/storage/index.js';
import { conversationOf, forgetConversation, forgetGroup, indexGroup } from '../../src/subscriptions/forget.js';

export { conversationTargetFromActivity } from './conversation.js';
export { activityDedupeKey } from './conversation.js';
export { renderAnswerCard, renderNoticeCard, answerMessage, noticeMessage, type AdaptiveCard } from './render.js';
export type { NotifyRequest, NotifyRequestHandler } from './turn-handler.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsAdapterOptions {
  core: ComplianceCore;
  /** Microsoft App ID of the bot; without it authentication is off (local use only). */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** SingleTenant (default), UserAssignedMSI, or MultiTenant (only bots registered before August 2025). */
  appType?: string;
  /** Largest request body accepted, in bytes (default 256 KB; TEAMS_MAX_BODY_KB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Where the Bot Framework publishes its signing keys; tests only (default: the public cloud's). */
  openIdMetadataUrl?: string;
  logger: Logger;
  /** Subscribes a user to a tool's changes; without it the button answers "not set up". */
  onNotifyRequest?: NotifyRequestHandler;
  /** Subscription and admin words (see src/chat/commands.ts). */
  commands?: TurnHandlerDeps['commands'];
  /** The optional LLM explanation: the answer is sent at once and updated when it arrives. */
  summarize?: TurnHandlerDeps['summarize'];
  /** "Helpful / not helpful" clicks; the buttons are shown only when this is set. */
  onFeedback?: TurnHandlerDeps['onFeedback'];
  /** The request form (card) and its submission; the buttons are shown only when this is set. */
  requests?: TurnHandlerDeps['requests'];
  /** Handles each activity once (src/storage/dedupe.ts; a stored one holds across instances and restarts). */
  dedupe?: TurnHandlerDeps['dedupe'];
  /** The store (null while unreachable): removing the bot from a conversation deletes its subscriptions there. */
  storage?: () => Storage | null;
  /** Most-asked tool ids: the search message extension shows them when opened (else the catalogue). */
  popularTools?: () => Promise<string[]>;
}

export function createTeamsAdapter(options: TeamsAdapterOptions): MessagingAdapter {
  const logger = options.logger;
  const { adapter, appId, authEnabled } = createBotAuth(options, logger);
  const handleTurn = createTurnHandler({
    core: options.core,
    logger,
    onNotifyRequest: options.onNotifyRequest,
    commands: options.commands,
    summarize: options.summarize,
    onFeedback: options.onFeedback,
    ...(options.requests ? { requests: options.requests } : {}),
    ...(options.dedupe ? { dedupe: options.dedupe } : {}),
    appId,
    ...(options.popularTools ? { popularTools: options.popularTools } : {}),
    ...(options.storage
      ? {
          onRemoved: async ({ conversationId, personKey, teamId }: { conversationId: string; personKey?: string; teamId?: string }) => {
            const storage = options.storage?.();
            if (!storage) throw new Error('storage unavailable: the subscriptions of a removed conversation stay');
            await forgetConversation(storage, 'teams', conversationId, personKey ? [personKey] : []);
            // Removed from a team: every channel of it that subscribed.
            if (teamId) await forgetGroup(storage, 'teams', teamId);
          },
          onChannelSubscribed: async (teamId: string, conversationId: string) => {
            const storage = options.storage?.();
            if (storage) await indexGroup(storage, 'teams', teamId, `teams:${conversationOf(conversationId)}`);
          },
        }
      : {}),
  });
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let releaseConsole: (() => void) | undefined;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_TEAMS_MAX_BODY_BYTES;

  // Refused requests are counted and reported at most once a minute: a flood cannot fill the log.
  let refusedSinceReport = 0;
  let lastReport = 0;
  function noteRefused(status: number, errorType: string): void {
    refusedSinceReport++;
    const now = Date.now();
    if (now - lastReport < 60_000) return;
    logger.warn({ status, errorType, refused: refusedSinceReport }, 'Teams requests refused (not authenticated or not an activity); reported at most once a minute');
    refusedSinceReport = 0;
    lastReport = now;
  }

  /** Authenticates, then runs the turn; every token problem is a 401 that names nothing internal. */
  async function handle(body: Record<string, unknown>, authHeader: string, res: Response): Promise<void> {
    const activity = body as unknown as Activity;
    if (!authEnabled && !isLocalServiceUrl(activity.serviceUrl)) {
      noteRefused(403, 'serviceUrl');
      return refuse(res, 403, 'forbidden', 'with Teams authentication off, only a serviceUrl on this machine is accepted');
    }
    let auth: AuthenticateRequestResult;
    try {
      auth = await adapter.authenticate(activity, authHeader);
    } catch (err) {
      noteRefused(401, (err as Error)?.name ?? typeof err);
      return refuse(res, 401, 'unauthorized', 'a valid Bot Framework token is required');
    }
    try {
      const invoke = await adapter.run(auth, activity, handleTurn);
      if (res.headersSent) return;
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (err) {
      // Authenticated, so the activity came from Teams; still only the error's type and message.
      logger.error({ err: { type: (err as Error)?.name, message: (err as Error)?.message } }, 'Teams activity could not be processed');
      refuse(res, 500, 'internal_error', 'the activity could not be processed');
    }
  }

  /** Sends `message` into the stored conversation; throws a delivery error (src/errors.ts) with the HTTP status. */
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
      router.post(TEAMS_MESSAGES_PATH, ...activityBody(maxBodyBytes), async (req: Request, res: Response) => {
        if (stopped) {
          res.status(503).json({ error: 'shutting_down', message: 'The bot is shutting down; try again shortly.' });
          return;
        }
        const problem = activityProblem(req.body);
        if (problem !== undefined) {
          noteRefused(400, 'invalid_activity');
          return refuse(res, 400, 'invalid_activity', problem);
        }
        const authHeader = req.get('authorization') ?? '';
        const turn = handle(req.body as Record<string, unknown>, authHeader, res);
        inFlight.add(turn);
        try {
          await turn;
        } finally {
          inFlight.delete(turn);
        }
      });
    },

    // No wasDelivered(): the Bot Framework cannot read a proactive message back, so a notice in
    // doubt after a crash is sent again (at most the deliveries in flight then; docs/deployment.md).
    async notify(target: ConversationTarget, notice: ChangeNotice): Promise<void> {
      await sendProactive(target, noticeMessage(notice));
    },

    async say(target: ConversationTarget, text: string): Promise<void> {
      await sendProactive(target, { type: 'message', text, textFormat: 'plain' });
    },

    async start(): Promise<void> {
      stopped = false;
      releaseConsole ??= guardBotbuilderConsole(logger);
      logger.info({ path: TEAMS_MESSAGES_PATH, authEnabled }, 'Teams adapter ready');
    },

    async stop(): Promise<void> {
      stopped = true;
      await Promise.allSettled([...inFlight]);
      releaseConsole?.();
      releaseConsole = undefined;
    },
  };
}
