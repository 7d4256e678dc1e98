// Checks on what reaches Bolt, beyond its signature check:
// - the request timestamp: Bolt refuses old ones only; here also ones more than five minutes in the
//   future and values that are not a plain number of seconds (1e99, -5, abc), with 401;
// - the envelope of a signed request: a body Bolt would trip over ("event": null, a slash command
//   without a user, a button click without actions) gets 400 instead of a 500, and request types
//   this bot has no listener for are acknowledged at once instead of timing out after 3 s;
// - slash commands and button clicks: one trigger_id is handled once (Slack never sends one twice;
//   a replayed request does), through the same dedupe store as events, so across instances too;
// - a slash command without a question is acknowledged with how to ask.
import { REQUEST_VIEW } from './request-modal.js';
import { createHash } from 'node:crypto';
import { ExpressReceiver, type AnyMiddlewareArgs, type ExpressReceiverOptions } from '@slack/bolt';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../src/logger.js';
import type { Language } from '../../src/model/language.js';
import { phrases } from '../../src/phrases/index.js';
import type { Dedupe } from '../../src/storage/dedupe.js';

/** Largest difference between a request's timestamp and this machine's clock, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Express middleware before Bolt's receiver: 401 for a timestamp out of range or not a number. */
export function timestampGuard(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    // Missing headers are Bolt's to refuse (401 as well).
    if (header === undefined) return next();
    const value = Array.isArray(header) ? header[0] : header;
    const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    const nowSeconds = Math.floor(now() / 1000);
    if (!Number.isSafeInteger(seconds) || Math.abs(nowSeconds - seconds) > MAX_CLOCK_SKEW_SECONDS) {
      res.status(401).end();
      return;
    }
    next();
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type EnvelopeDecision =
  | { kind: 'process' }
  /** Answer at once with 200 and this body (empty when undefined). */
  | { kind: 'ack'; body?: Record<string, unknown> }
  | { kind: 'refuse'; reason: string };

/**
 * What to do with a signed, parsed request body; mirrors the order in which Bolt tells request types
 * apart (event, command, options, action, shortcut, view). May set a missing slash-command `text`
 * to '' (Slack leaves it out of some clients' requests).
 */
export function checkEnvelope(body: unknown, slashCommand: string, lang: Language): EnvelopeDecision {
  if (!isObject(body)) return { kind: 'refuse', reason: 'not a JSON object' };
  if (body.event !== undefined) {
    const event = body.event;
    if (body.type !== 'event_callback' || !isObject(event) || typeof event.type !== 'string') {
      return { kind: 'refuse', reason: 'an event envelope needs type "event_callback" and an event object with a type' };
    }
    if (body.event_id !== undefined && typeof body.event_id !== 'string') return { kind: 'refuse', reason: 'event_id must be a string' };
    return { kind: 'process' };
  }
  if (body.command !== undefined) {
    if (typeof body.command !== 'string' || typeof body.user_id !== 'string' || typeof body.channel_id !== 'string') {
      return { kind: 'refuse', reason: 'a slash command needs command, user_id and channel_id' };
    }
    if (body.command !== slashCommand) {
      return { kind: 'ack', body: { response_type: 'ephemeral', text: phrases(lang).chat.unknownCommand(slashCommand) } };
    }
    if (body.text === undefined || body.text === null) body.text = '';
    if (typeof body.text !== 'string') return { kind: 'refuse', reason: 'the command text must be a string' };
    if (body.response_url !== undefined && typeof body.response_url !== 'string') return { kind: 'refuse', reason: 'response_url must be a string' };
    return { kind: 'process' };
  }
  if (body.name !== undefined || body.type === 'block_suggestion') return { kind: 'ack', body: { options: [] } };
  if (body.actions !== undefined || body.type === 'dialog_submission') {
    if (body.type !== 'block_actions') return { kind: 'ack' };
    const actions = body.actions;
    const user = body.user;
    const valid =
      Array.isArray(actions) &&
      actions.length > 0 &&
      actions.every((a) => isObject(a) && typeof a.action_id === 'string' && (a.value === undefined || typeof a.value === 'string')) &&
      isObject(user) &&
      typeof user.id === 'string' &&
      (body.channel === undefined || (isObject(body.channel) && typeof body.channel.id === 'string')) &&
      (body.response_url === undefined || typeof body.response_url === 'string');
    return valid ? { kind: 'process' } : { kind: 'refuse', reason: 'a block_actions payload needs actions with an action_id and a user' };
  }
  if (body.type === 'view_submission') {
    // The request form's modal is the only view this app opens: another view is acknowledged.
    const view = body.view;
    if (isObject(view) && view.callback_id !== REQUEST_VIEW) return { kind: 'ack' };
    const user = body.user;
    const valid =
      isObject(view) &&
      typeof view.callback_id === 'string' &&
      (view.private_metadata === undefined || typeof view.private_metadata === 'string') &&
      isObject(view.state) &&
      isObject(view.state.values) &&
      isObject(user) &&
      typeof user.id === 'string';
    return valid ? { kind: 'process' } : { kind: 'refuse', reason: 'a view_submission payload needs a view with callback_id and state values, and a user' };
  }
  if (typeof body.type === 'string' && body.type !== '') {
    // Shortcuts, view closings, app_rate_limited …: no listener here; acknowledged, nothing else.
    return { kind: 'ack' };
  }
  return { kind: 'refuse', reason: 'unknown request type' };
}

export interface HardenedReceiverOptions extends ExpressReceiverOptions {
  slashCommand: string;
  language: () => Language;
  /** The adapter's logger (the receiver's own `logger` option is Bolt's). */
  log: Logger;
}

/** Bolt's ExpressReceiver with the envelope check between its signature check and Bolt. */
export class HardenedExpressReceiver extends ExpressReceiver {
  readonly #slashCommand: string;
  readonly #language: () => Language;
  readonly #log: Logger;

  constructor(options: HardenedReceiverOptions) {
    const { slashCommand, language, log: logger, ...receiverOptions } = options;
    super({
      ...receiverOptions,
      // Should anything still throw before the ack: 200 (a slash command with the failure text), never 500.
      processEventErrorHandler: async ({ error, request, response }) => {
        logger.error({ err: { type: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'Slack request failed before it was acknowledged');
        if (response.headersSent) return false;
        const body = (request as Request).body as Record<string, unknown> | undefined;
        const text = phrases(language()).chat.requestFailed;
        if (isObject(body) && typeof body.command === 'string') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ response_type: 'ephemeral', text }));
        } else {
          response.writeHead(200);
          response.end();
        }
        return true;
      },
      // No listener acknowledged within Bolt's bound: acknowledge rather than answer 404.
      unhandledRequestHandler: ({ logger: boltLogger, response }) => {
        boltLogger.warn('a Slack request was not acknowledged in time; acknowledged now');
        if (!response.headersSent) {
          response.writeHead(200);
          response.end();
        }
      },
    });
    this.#slashCommand = slashCommand;
    this.#language = language;
    this.#log = logger;
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    const decision = checkEnvelope(req.body, this.#slashCommand, this.#language());
    if (decision.kind === 'refuse') {
      // Signed by Slack (or by whoever holds the signing secret): the reason is safe to log, the body is not.
      this.#log.warn({ reason: decision.reason }, 'malformed Slack request refused');
      res.status(400).json({ error: 'invalid_request', message: decision.reason });
      return;
    }
    if (decision.kind === 'ack') {
      if (decision.body) res.status(200).json(decision.body);
      else res.status(200).end();
      return;
    }
    return super.requestHandler(req, res);
  }
}

/** A key for a replayed slash command or click: its trigger_id, else a hash of the whole body. */
export function triggerKey(body: Record<string, unknown>): string | undefined {
  const kind = typeof body.command === 'string' ? 'cmd' : body.type === 'block_actions' ? 'act' : body.type === 'view_submission' ? 'view' : undefined;
  if (kind === undefined) return undefined;
  if (typeof body.trigger_id === 'string' && body.trigger_id !== '') return `${kind}:${body.trigger_id}`;
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`;
}

export interface CommandGuardDeps {
  dedupe: Dedupe;
  logger: Logger;
  slashCommand: string;
  language: () => Language;
}

/**
 * Part of the one global middleware (inbound.ts; HTTP and Socket Mode): a slash command or click
 * seen before is acknowledged and dropped; a slash command without a question is acknowledged with
 * how to ask. Resolves whether the request goes on to its listener.
 */
export function commandGuard(deps: CommandGuardDeps): (args: AnyMiddlewareArgs) => Promise<boolean> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (!ack) return true;
    const key = triggerKey(body);
    if (key !== undefined) {
      let first = true;
      try {
        first = await deps.dedupe.firstSeen(key);
      } catch (err) {
        deps.logger.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'command dedupe failed');
      }
      if (!first) {
        deps.logger.info({ kind: key.slice(0, 3) }, 'repeated Slack command or click ignored');
        await ack();
        return false;
      }
    }
    if (body.command === deps.slashCommand) {
      const text = typeof body.text === 'string' ? body.text : '';
      const question = text.replace(/\bpublic\b[.!:]?/gi, '').trim();
      if (question === '') {
        await ack({ response_type: 'ephemeral', text: phrases(deps.language()).chat.howToAsk(deps.slashCommand) });
        return false;
      }
    }
    return true;
  };
}
