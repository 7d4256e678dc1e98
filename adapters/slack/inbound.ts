// The one global Bolt middleware of the adapter. Bolt hands every request (HTTP or Socket Mode)
// down its chain of global middleware and then through every listener's own chain, and each step
// gets a fresh copy of Bolt's arguments: with five middlewares and seven listeners that copying
// was a good part of the CPU an app mention cost. So one middleware does, in this order, what
// several did:
//   1. the gate (listeners.ts): nothing after stop(); an event delivered again is dropped;
//   2. Bolt's Assistant (assistant.ts), which takes the events of assistant threads;
//   3. events, handled here and never passed on to a listener: a question at the top of a DM
//      (agent-view.ts), app_home_opened (the App Home tab, listeners.ts, and the DM's Messages
//      tab, agent-view.ts), app_context_changed (accepted, not kept), mentions, messages and edits
//      (listeners.ts);
//   4. commands, clicks and form submissions: the command guard (guards.ts), then their listeners.
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import type { AgentView } from './agent-view.js';
import type { SlackListeners } from './listeners.js';

export interface InboundParts {
  listeners: SlackListeners;
  /** Bolt's Assistant's middleware (Assistant.getMiddleware()); absent when the assistant is off. */
  assistant?: Middleware<AnyMiddlewareArgs>;
  agentView: AgentView;
  /** Whether a command, click or form submission goes on to its listener (guards.ts). */
  commandGuard(args: AnyMiddlewareArgs): Promise<boolean>;
  logger: Logger;
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Runs one of Bolt's middlewares on `args`; resolves whether it passed the request on (called next()). */
async function passes(middleware: Middleware<AnyMiddlewareArgs>, args: Args): Promise<boolean> {
  const next = args.next;
  let passed = false;
  // `args` is this middleware's own copy (Bolt makes one per middleware): its next() is swapped
  // for the time of the call rather than the arguments copied once more.
  args.next = async () => {
    passed = true;
  };
  try {
    await middleware(args);
  } finally {
    args.next = next;
  }
  return passed;
}

const isEvent = (args: Args): args is SlackEventMiddlewareArgs & AllMiddlewareArgs =>
  (args.body as { type?: unknown }).type === 'event_callback' && (args as { event?: unknown }).event !== undefined;

export function inbound(parts: InboundParts): Middleware<AnyMiddlewareArgs> {
  const { listeners, assistant, agentView, logger } = parts;

  async function onEvent(args: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    if (await agentView.topLevelQuestion(args)) return;
    const event = args.event;
    if (event.type === 'app_context_changed') {
      // Accepted (acknowledged already) and dropped: nothing about where a person looks is kept or used.
      logger.debug('Slack app context changed; not kept');
      return;
    }
    // app_home_opened: each part answers its own tab (home: the App Home; messages: the agent view).
    await listeners.event(args);
    if (event.type === 'app_home_opened') await agentView.homeOpened(event, args.client);
  }

  return async (args) => {
    if (!(await listeners.admit(args))) return;
    if (assistant && !(await passes(assistant, args))) return;
    if (isEvent(args)) return onEvent(args);
    if (await parts.commandGuard(args)) await args.next();
  };
}
