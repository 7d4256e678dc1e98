// One turn of a chat conversation, the same for Slack, Teams and the web chat: a command or a
// question, the failure reply that never leaves the asker in silence, follow-up memory (by the
// conversation key), the posted reply and, with an LLM, its update with the explanation; and the
// buttons an answer offers (feedback, notify, approve, confirm, the request form), decoded here. Adapters parse the
// platform's payload into an IncomingMessage, render the TurnReply they are handed, and post it
// through a Thread. Nothing here knows a chat SDK.
import { VERDICTS, type Answer, type Verdict } from '../model/answer.js';
import type { ComplianceCore } from '../core.js';
import type { Platform } from '../model/platform.js';
import { failureText, guessLanguage } from '../failure.js';
import type { Language } from '../model/language.js';
import { commandActions, hasVerdict } from '../layout/answer-layout.js';
import type { LayoutAction } from '../layout/types.js';
import type { Logger } from '../logger.js';
import { phrases } from '../phrases/index.js';
import { RecentToolNames, staleTopicReply, topicExists } from '../subscriptions/stale.js';
import type { ChatCommands, ChatUser } from './commands.js';
import type { RequestActions } from '../requests/actions.js';
import { decodeRequestAction, type RequestFormLayout } from '../requests/form.js';
import type { Requester } from '../requests/service.js';

/** A message as an adapter parsed it from its platform's payload. */
export interface IncomingMessage {
  platform: Exclude<Platform, 'cli' | 'mcp'>;
  /** The question or command, already normalised for chat (src/text/chat.ts). */
  text: string;
  /** The conversation for follow-ups (Slack team:channel:thread, Teams conversation id, web session). */
  conversationKey?: string;
  /** The person; absent, the text is only ever a question (the web chat has no accounts). */
  user?: ChatUser;
  /** The language to reply in when there is no answer to take it from (a failure); guessed from the text otherwise. */
  language?: Language;
  /** The pseudonymous client key (web). */
  clientKey?: string;
  /** A label for the log ("dm", "mention", "command"). */
  kind?: string;
}

/** What the adapter renders and posts. */
export type TurnReply =
  /** The engine's answer; `explanation` once the LLM has worded one. `actions` are the layout's. */
  | { kind: 'answer'; answer: Answer; explanation?: string }
  /** The reply to a command (subscribe, admin …), with its actions ("approve" for a four-eyes proposal). */
  | { kind: 'command'; text: string; language: Language; actions: LayoutAction[] }
  /** Nothing could be answered: say so and name whom to ask. */
  | { kind: 'failure'; language: Language; text: string };

/** Where a reply goes: the adapter's own way of posting into the conversation. */
export interface Thread<Id = string> {
  /** Posts the reply; the id to update it by, or undefined when it could not be posted (already logged). */
  post(reply: TurnReply): Promise<Id | undefined>;
  /** Replaces a posted reply (the answer with its explanation). Absent: the surface fetches the explanation itself. */
  update?(id: Id, reply: TurnReply): Promise<void>;
  /** Optional: streams the explanation beneath the posted reply as it is written (a platform that can); instead of update(). */
  stream?(id: Id, explanation: string, reply: TurnReply): Promise<void>;
  /** Called once a reply was posted, before any update (to remember which message answered what). */
  posted?(id: Id, reply: TurnReply): Promise<void> | void;
}

export interface TurnResult<Id> {
  reply: TurnReply;
  /** The posted message's id, when it was posted. */
  id?: Id;
}

/** The feedback a button carries, as any surface decoded its own encoding. */
export interface FeedbackInput {
  verdict: unknown;
  toolIds: unknown;
  helpful: unknown;
  clientKey?: string;
}

export type Feedback = { verdict: Verdict; toolIds: string[]; helpful: boolean; clientKey?: string };

export interface ChatTurnDeps {
  core: ComplianceCore;
  logger: Logger;
  /** Subscription and admin words; without them every text is a question. */
  commands?: ChatCommands;
  /** The optional LLM explanation of an answer (null: keep the answer as posted). */
  summarize?: (answer: Answer) => Promise<string | null>;
  /** Records a "helpful / not helpful" click; absent, no answer offers the buttons. */
  onFeedback?: (feedback: Feedback) => Promise<void>;
  /** Subscribes a person to a tool ("Notify me of changes"); resolves to the confirmation. Absent: not set up. */
  subscribe?: (user: ChatUser, toolId: string) => Promise<string>;
  /** Requests for an assessment (src/requests/actions.ts); absent, no answer offers the request form. */
  requests?: RequestActions;
}

export interface ChatTurn {
  /** Whether answers offer the feedback buttons (the layout's `feedback` option). */
  readonly feedback: boolean;
  /** Whether answers offer the request form and the waiting list (the layout's `requests` option). */
  readonly requests: boolean;
  /** Names of tools seen in answers: a button for a tool removed since still names it. */
  readonly toolNames: RecentToolNames;
  /** The reply to a message (command, answer or failure); never throws. */
  reply(message: IncomingMessage): Promise<TurnReply>;
  /** reply(), posted into `thread`, then (with an LLM) updated with the explanation. */
  message<Id>(message: IncomingMessage, thread: Thread<Id>): Promise<TurnResult<Id>>;
  /** The answer alone (an edited question); throws when the engine fails. */
  ask(message: IncomingMessage): Promise<Answer>;
  /** A pressed "helpful / not helpful": validated, recorded; the thanks to show, or null when the input is not feedback. Throws when recording fails. */
  feedbackClick(input: FeedbackInput, language: Language): Promise<string | null>;
  /** A pressed "Notify me of changes" (`user` undefined: the person cannot be reached privately); the text to show them. Never throws. */
  notifyClick(toolId: string, user: ChatUser | undefined, language: Language): Promise<{ text: string; subscribed: boolean }>;
  /** A pressed "approve" under a four-eyes proposal: the admin command, run as the person. */
  approveClick<Id>(proposalId: string, user: ChatUser, thread: Thread<Id>): Promise<TurnResult<Id>>;
  /** A pressed "Request an assessment" / "I need this too": the form to show, or null for a payload that is not one of ours. */
  requestForm(value: string | undefined): RequestFormLayout | null;
  /** What is wrong with a submitted request form (shown in the form), or null. */
  requestCheck(state: string | undefined, fields: Readonly<Record<string, unknown>>): { field: 'tool' | 'purpose'; text: string } | null;
  /** A submitted request form, filed for the person; the text to show them. Never throws. */
  requestSubmit(state: string | undefined, fields: Readonly<Record<string, unknown>>, requester: Omit<Requester, 'language'>): Promise<string>;
  /** A pressed yes/no of a `confirm` answer: the phrase book's typed reply, asked as a follow-up in the same conversation. */
  confirmClick<Id>(choice: unknown, message: Omit<IncomingMessage, 'text'> & { language: Language }, thread: Thread<Id>): Promise<TurnResult<Id> | null>;
}

const PLATFORM_LABEL: Record<IncomingMessage['platform'], string> = { slack: 'Slack', teams: 'Teams', web: 'web chat' };

/** Error details for the log, with the question cut out should an error message quote it. */
export function describeError(err: unknown, question: string): Record<string, unknown> {
  const scrub = (s: string | undefined) => (s && question.length > 0 ? s.split(question).join('[question]') : s);
  if (err instanceof Error) return { type: err.name, message: scrub(err.message), stack: scrub(err.stack) };
  return { type: typeof err };
}

/** The feedback of a click, when it is well-formed: a known verdict, tool ids as strings, helpful as a boolean. */
export function decodeFeedback(input: FeedbackInput): Feedback | null {
  const { verdict, toolIds, helpful } = input;
  if (typeof verdict !== 'string' || !(VERDICTS as readonly string[]).includes(verdict)) return null;
  if (!Array.isArray(toolIds) || toolIds.length > 50 || !toolIds.every((id) => typeof id === 'string')) return null;
  if (typeof helpful !== 'boolean') return null;
  return { verdict: verdict as Verdict, toolIds: toolIds as string[], helpful, ...(input.clientKey !== undefined ? { clientKey: input.clientKey } : {}) };
}

export function createChatTurn(deps: ChatTurnDeps): ChatTurn {
  const { core, logger } = deps;
  const toolNames = new RecentToolNames();
  const org = () => core.knowledgeBase.organization;

  const failure = (message: IncomingMessage): TurnReply => {
    try {
      const language = message.language ?? guessLanguage(message.text, org().default_language);
      return { kind: 'failure', language, text: failureText(language, org()) };
    } catch {
      // Not even the organisation could be read: both languages, no contact.
      return { kind: 'failure', language: 'de', text: `${phrases('de').ui.failure} / ${phrases('en').ui.failure}` };
    }
  };

  const ask = (message: IncomingMessage): Promise<Answer> =>
    core.ask(message.text, {
      platform: message.platform,
      ...(message.conversationKey !== undefined ? { conversationKey: message.conversationKey } : {}),
      ...(message.clientKey !== undefined ? { clientKey: message.clientKey } : {}),
    });

  async function reply(message: IncomingMessage): Promise<TurnReply> {
    const started = performance.now();
    const label = PLATFORM_LABEL[message.platform];
    try {
      const command = message.user && deps.commands ? await deps.commands.handle(message.text, message.user) : null;
      if (command) return { kind: 'command', text: command.text, language: message.user?.language ?? 'de', actions: commandActions(message.user?.language ?? 'de', command.approveProposalId) };
      const answer = await ask(message);
      toolNames.remember(answer.tools);
      logger.info({ kind: message.kind, verdict: answer.verdict, toolIds: answer.tools.map((t) => t.id), ms: Math.round(performance.now() - started) }, `${label} question answered`);
      return { kind: 'answer', answer };
    } catch (err) {
      logger.error({ kind: message.kind, err: describeError(err, message.text) }, `could not answer a ${label} question`);
      return failure(message);
    }
  }

  /** Posts, then (with an LLM, and a surface that updates or streams) adds the explanation: streamed beneath, or the answer replaced by the explained one. */
  async function deliver<Id>(r: TurnReply, thread: Thread<Id>): Promise<TurnResult<Id>> {
    const id = await thread.post(r);
    if (id === undefined) return { reply: r };
    await thread.posted?.(id, r);
    // A question not understood or asked back gets no explanation: there is nothing to explain.
    if (r.kind !== 'answer' || !deps.summarize || !(thread.update || thread.stream) || !hasVerdict(r.answer.verdict)) return { reply: r, id };
    try {
      const explanation = (await deps.summarize(r.answer))?.trim();
      if (explanation && thread.stream) await thread.stream(id, explanation, r);
      else if (explanation && thread.update) await thread.update(id, { ...r, explanation });
    } catch (err) {
      logger.warn({ err: describeError(err, r.answer.question) }, 'could not add the explanation');
    }
    return { reply: r, id };
  }

  return {
    feedback: deps.onFeedback !== undefined,
    requests: deps.requests !== undefined,
    toolNames,
    reply,
    ask,
    async message(message, thread) {
      return deliver(await reply(message), thread);
    },

    async feedbackClick(input, language) {
      const feedback = decodeFeedback(input);
      if (!feedback) return null;
      await deps.onFeedback?.(feedback);
      return phrases(language).ui.thanksForFeedback;
    },

    async notifyClick(toolId, user, language) {
      const kb = core.knowledgeBase;
      const id = toolId.trim();
      if (id === '') {
        logger.warn('notify button without a tool id');
        return { text: failureText(language, kb.organization), subscribed: false };
      }
      // A button offered before the tool left the catalogue: say so, with the current list.
      if (!topicExists(kb, id)) return { text: staleTopicReply(kb, id, language, toolNames.nameOf(id)), subscribed: false };
      const chat = phrases(language).chat;
      if (!deps.subscribe) return { text: chat.notificationsNotSetUp, subscribed: false };
      // The person could not be reached privately (a Teams personal chat the connector refused): say how to subscribe.
      if (!user) return { text: chat.personalChatFailed(chat.subscribeCommand(id)), subscribed: false };
      try {
        return { text: await deps.subscribe({ ...user, language }, id), subscribed: true };
      } catch (err) {
        logger.error({ toolId: id, err: describeError(err, '') }, 'notify request failed');
        return { text: failureText(language, kb.organization), subscribed: false };
      }
    },

    requestForm: (value) => deps.requests?.form(value) ?? null,
    requestCheck: (state, fields) => deps.requests?.check(state, fields) ?? null,

    async requestSubmit(state, fields, requester) {
      const language = decodeRequestAction(state)?.language ?? org().default_language;
      if (!deps.requests) return phrases(language).request.notSetUp;
      try {
        return await deps.requests.submit(state, fields, requester);
      } catch (err) {
        // Nothing of the form in the log: what went wrong, never what was written.
        logger.error({ err: { type: (err as Error)?.name } }, 'request form could not be filed');
        return failureText(language, org());
      }
    },

    async approveClick(proposalId, user, thread) {
      return deliver(await reply({ platform: user.platform, text: `admin approve ${proposalId}`, user, kind: 'approve' }), thread);
    },

    async confirmClick(choice, message, thread) {
      if (choice !== 'yes' && choice !== 'no') return null;
      const p = phrases(message.language).ui;
      const text = choice === 'yes' ? p.confirmYes : p.confirmNo;
      // Only the typed reply: a yes/no never runs a command, whoever pressed it.
      const { user: _user, ...rest } = message;
      return deliver(await reply({ ...rest, text, kind: 'confirm' }), thread);
    },
  };
}
