// Card buttons that act for one person: the answer a card showed (remembered per sent activity, in
// memory, bounded), the card a clicker sees after a click (Universal Actions: the invoke response
// card with `refresh.userIds` naming them, so the channel's copy stays as it was), and the
// invoke responses of `adaptiveCard/action` (always 200: a card or a message, never 501).
import type { Answer } from '../../src/model/answer.js';
import type { Language } from '../../src/model/language.js';
import { phrases } from '../../src/phrases/index.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, answerMessage, type AdaptiveCard, type CardElement } from './render.js';

/** The Universal Actions response types (Microsoft Teams docs, "Universal Actions for Adaptive Cards": response format). */
export const CARD_RESPONSE_TYPE = ADAPTIVE_CARD_CONTENT_TYPE;
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';

export type InvokeBody =
  | { statusCode: 200; type: typeof CARD_RESPONSE_TYPE; value: AdaptiveCard }
  | { statusCode: 200; type: typeof MESSAGE_RESPONSE_TYPE; value: string };

export function cardResponse(card: AdaptiveCard): InvokeBody {
  return { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card };
}

export function messageResponse(text: string): InvokeBody {
  return { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: text };
}

/** The verb of refresh actions: Teams invokes it for each user named in `refresh.userIds`. */
export const REFRESH_VERB = 'refresh';

/** The answers behind sent cards, by conversation and activity id: for updating a card after a click. */
export class SentAnswers {
  readonly #answers = new Map<string, { answer: Answer; expiresAt: number }>();
  constructor(
    readonly max = 5_000,
    readonly ttlMs = 24 * 3600_000,
    readonly now: () => number = Date.now,
  ) {}

  remember(conversationId: string, activityId: string, answer: Answer): void {
    const key = `${baseConversationId(conversationId)}\n${activityId}`;
    this.#answers.delete(key);
    this.#answers.set(key, { answer, expiresAt: this.now() + this.ttlMs });
    const t = this.now();
    for (const [k, v] of this.#answers) {
      if (v.expiresAt > t && this.#answers.size <= this.max) break;
      this.#answers.delete(k);
    }
  }

  get(conversationId: string | undefined, activityId: string | undefined): Answer | undefined {
    if (!conversationId || !activityId) return undefined;
    const hit = this.#answers.get(`${baseConversationId(conversationId)}\n${activityId}`);
    return hit && hit.expiresAt > this.now() ? hit.answer : undefined;
  }
}

/** A channel's reply chain is `<channel id>;messageid=<id>`: the channel itself is the part before. */
export function baseConversationId(id: string): string {
  const cut = id.indexOf(';messageid=');
  return cut < 0 ? id : id.slice(0, cut);
}

function noteBlock(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, weight: 'Bolder', separator: true, spacing: 'Medium' };
}

function bareCard(lang: Language, text: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang,
    fallbackText: text,
    body: [],
    msteams: { width: 'Full' },
  };
}

/**
 * The card after a click: the answer (when it is known) without its feedback buttons, then `note`.
 * With `forUser`, the card carries `refresh.userIds: [forUser]`, so it is that person's view only.
 */
export function cardAfterClick(input: { answer: Answer | undefined; note: string; lang: Language; forUser?: string; dropFeedback?: boolean }): AdaptiveCard {
  const base = input.answer ? answerMessage(input.answer, { feedback: input.dropFeedback !== true }).attachments[0]?.content : undefined;
  const card: AdaptiveCard & { refresh?: unknown } = base ? (JSON.parse(JSON.stringify(base)) as AdaptiveCard) : bareCard(input.lang, input.note);
  card.body.push(noteBlock(input.note));
  if (input.forUser) {
    card.refresh = { action: { type: 'Action.Execute', title: phrases(input.lang).chat.refresh, verb: REFRESH_VERB, data: { action: REFRESH_VERB } }, userIds: [input.forUser] };
  }
  return card;
}

/** What an `adaptiveCard/action` invoke asks for: the action's data, with `verb` as the action when data has none. */
export function invokeData(value: unknown): { action: string; data: Record<string, unknown> } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  if (typeof action !== 'object' || action === null) return undefined;
  const raw = (action as { data?: unknown }).data;
  const data = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const verb = (action as { verb?: unknown }).verb;
  const name = typeof data.action === 'string' ? data.action : typeof verb === 'string' ? verb : '';
  return { action: name, data };
}
