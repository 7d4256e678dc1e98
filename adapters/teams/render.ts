// Renders an Answer (and a ChangeNotice) as a Teams message: an Adaptive Card 1.5 plus the plain
// text that clients without cards, notifications and screen readers use. Pure functions, no SDK.
// What an answer shows comes from the neutral layout (src/layout); this module only builds cards.
// TextBlocks are markdown: every text (knowledge base, the user's words echoed back) is escaped, and
// only the links built here, to http(s) URLs, are markdown (markdown.ts).
import type { Answer, AnswerTool, Verdict } from '../../src/model/answer.js';
import type { ChangeNotice } from '../../src/model/change-notice.js';
import { commandActions, itemText, layoutAnswer } from '../../src/layout/answer-layout.js';
import { layoutNotice } from '../../src/layout/notice-layout.js';
import { REQUEST_OPEN_VERB, type RequestOpenData } from './request-card.js';
import type { LayoutAction, LayoutItem, Section } from '../../src/layout/types.js';
import { phrases as messages } from '../../src/phrases/index.js';
import type { Language } from '../../src/model/language.js';
import { webUrl } from '../../src/http/safe-url.js';
import { cardLink, escapeCardMarkdown } from './markdown.js';
import type { AdaptiveCard, CardElement } from './card-types.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type { AdaptiveCard, CardElement } from './card-types.js';

/** Data of the "Notify me of changes" button; Teams sends it back as the message's `value`. */
export interface NotifySubmitData {
  action: 'notify';
  toolId: string;
  /** Language of the answer the button was on, so the confirmation is in the same language. */
  language: Language;
}

/** A message activity as botbuilder sends it (kept SDK-free so rendering is testable alone). */
export interface TeamsMessage {
  type: 'message';
  text: string;
  textFormat: 'plain';
  attachments: { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }[];
}

const VERDICT_COLOR: Record<Verdict, string> = {
  allowed: 'Good',
  conditional: 'Warning',
  confirm: 'Warning',
  not_allowed: 'Attention',
  pending: 'Accent',
  unknown: 'Attention',
  unclear: 'Default',
  list: 'Default',
};

/** A TextBlock showing `text` literally (escaped). */
function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  return markdownBlock(escapeCardMarkdown(text), extra);
}

/** A TextBlock of markdown built here (escaped parts and links). */
function markdownBlock(markdown: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: markdown, wrap: true, ...extra };
}

function heading(text: string): CardElement {
  return textBlock(text, { weight: 'Bolder', spacing: 'Medium' });
}

function bullets(items: readonly string[]): CardElement[] {
  return items.map((item) => textBlock(`• ${item}`, { spacing: 'None' }));
}

function markdownBullets(items: readonly string[]): CardElement[] {
  return items.map((item) => markdownBlock(`• ${item}`, { spacing: 'None' }));
}

/** Markdown: an item's title (linked when its URL is a web URL), verdict and date. */
function itemMarkdown(i: LayoutItem, lang: Language): string {
  const marker = i.verdict ? `${messages(lang).marker[i.verdict]} ` : '';
  const extra = `${i.verdictLabel ? ` (${i.verdictLabel})` : ''}${i.dateText ? ` (${i.dateText})` : ''}`;
  return `${escapeCardMarkdown(marker)}${cardLink(i.text, i.url)}${escapeCardMarkdown(extra)}`;
}

/** Markdown: the contact's text, mail and web links (a URL that is not a web URL is left out). */
function contactLine(c: Extract<Section, { kind: 'contact' }>): string {
  const parts = [escapeCardMarkdown(c.text)];
  if (c.email) parts.push(cardLink(c.email, `mailto:${c.email}`));
  if (webUrl(c.url)) parts.push(cardLink(c.url as string, c.url));
  return parts.join(' · ');
}

/** The verdict line: marker, tool and verdict words ("⚠️ Zoom: Mit Auflagen freigegeben"). */
function verdictLine(answer: Answer): string {
  const m = messages(answer.language);
  const marker = m.marker[answer.verdict];
  const headline = answer.headline.trim();
  if (headline.startsWith(marker)) return headline;
  return `${marker} ${m.verdict[answer.verdict]}${headline ? ` – ${headline}` : ''}`;
}

function notifyButton(a: Extract<LayoutAction, { kind: 'notify' }>, lang: Language): CardElement {
  const data: NotifySubmitData = { action: 'notify', toolId: a.toolId, language: lang };
  return { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: a.label, data }] };
}

/** The card elements of one layout section. */
function elements(s: Section, lang: Language, actions: readonly LayoutAction[], small = false): CardElement[] {
  const m = messages(lang);
  const size = small ? { size: 'Small' } : {};
  switch (s.kind) {
    case 'headline':
      return [textBlock(`${m.marker[s.verdict]} ${s.title}`, { size: 'Large', weight: 'Bolder', style: 'heading', color: VERDICT_COLOR[s.verdict] })];
    case 'note':
      if (s.warning) return [textBlock(`⚠️ ${s.text}`, { color: 'Warning', ...size })];
      return [textBlock(s.text, s.prominent ? {} : { isSubtle: true, size: 'Small' })];
    case 'considered':
      return [textBlock(`${s.label}: ${s.items.map((i) => i.text).join('; ')}`, { isSubtle: true, size: 'Small' })];
    case 'explanation':
      return [heading(s.label), textBlock(s.text, { spacing: 'None' }), textBlock(s.note, { isSubtle: true, size: 'Small', spacing: 'None' })];
    case 'list':
      // An item without a link is escaped as a whole line ("• 1. …" is no numbered list).
      return [
        heading(s.label),
        ...s.items.map((i) =>
          i.url ? markdownBlock(`• ${itemMarkdown(i, lang)}`, { spacing: 'None', ...size }) : textBlock(`• ${i.verdict ? `${m.marker[i.verdict]} ` : ''}${itemText(i)}`, { spacing: 'None', ...size }),
        ),
      ];
    case 'steps':
      return [
        heading(s.label),
        {
          type: 'FactSet',
          spacing: 'Small',
          facts: s.items.map((x) => ({
            title: escapeCardMarkdown(x.label),
            value: escapeCardMarkdown(`${x.stateLabel}${x.dateText ? ` (${x.dateText})` : ''}${x.note ? ` – ${x.note}` : ''}`),
          })),
        },
      ];
    case 'fact':
      if (s.role === 'summary') return [textBlock(s.text)];
      if (s.role === 'updated') return [textBlock(`${s.label}: ${s.text}`, { isSubtle: true, size: 'Small' })];
      return [
        heading(s.label),
        markdownBlock(`${escapeCardMarkdown(s.text)}${s.source ? ` – ${escapeCardMarkdown(s.sourceLabel ?? '')}: ${itemMarkdown(s.source, lang)}` : ''}`, { spacing: 'None' }),
      ];
    case 'warning':
      return [textBlock(`⚠️ ${s.text}`, { color: 'Warning', ...size })];
    case 'contact':
      return [markdownBlock(`**${escapeCardMarkdown(s.label)}:** ${contactLine(s)}`, { spacing: 'Medium' })];
    case 'more':
      return [textBlock(s.text, { isSubtle: true })];
    case 'tool': {
      const items: CardElement[] = [];
      if (s.own || s.brief) {
        const vendor = s.vendor && !s.brief ? ` (${s.vendor})` : '';
        items.push(textBlock(`${m.marker[s.verdict]} ${s.name}${vendor}: ${s.verdictLabel}`, { weight: 'Bolder', color: VERDICT_COLOR[s.verdict] }));
      }
      for (const x of s.sections) items.push(...elements(x, lang, actions, s.brief));
      const notify = actions.find((a) => a.kind === 'notify' && a.toolId === s.id);
      if (notify?.kind === 'notify') items.push(notifyButton(notify, lang));
      return [{ type: 'Container', separator: true, spacing: 'Medium', items }];
    }
  }
}

/** The plain text of an answer: the engine's text, or the verdict line when it has none. */
export function answerText(answer: Answer): string {
  return answer.text.trim() !== '' ? answer.text : verdictLine(answer);
}

/** The answer as an Adaptive Card 1.5 (the same content as the Slack blocks). */
/** Data of the "helpful / not helpful" buttons (no question text). */
export interface FeedbackSubmitData {
  action: 'feedback';
  helpful: boolean;
  verdict: Answer['verdict'];
  toolIds: string[];
  language: Language;
}

/** Data of a `confirm` answer's yes/no buttons: the reply is asked in the conversation the card is in. */
export interface ConfirmSubmitData {
  action: 'confirm';
  choice: 'yes' | 'no';
  language: Language;
}

function confirmActions(a: Extract<LayoutAction, { kind: 'confirm' }>, lang: Language): CardElement {
  const data = (choice: 'yes' | 'no'): ConfirmSubmitData => ({ action: 'confirm', choice, language: lang });
  return {
    type: 'ActionSet',
    actions: [
      { type: 'Action.Submit', title: a.yes.label, data: data('yes') },
      { type: 'Action.Submit', title: a.no.label, data: data('no') },
    ],
  };
}

/** Data of a four-eyes proposal's "approve" button: the admin command to run. */
export interface AdminSubmitData {
  action: 'admin';
  command: string;
}

export interface RenderOptions {
  /** An explanation in prose (the optional LLM summary), shown under the verdict line. */
  explanation?: string;
  /** Add the "helpful / not helpful" buttons. */
  feedback?: boolean;
  /** Offer the request form and the waiting list (the server takes requests). */
  requests?: boolean;
}

/** The request form's button (Action.Execute, answered with the form card), or the organisation's link. */
function requestAction(a: Extract<LayoutAction, { kind: 'request' }>, lang: Language): CardElement {
  const title = a.mode === 'waitlist' ? `${a.label}: ${a.toolName}` : a.label;
  if (!a.value) return { type: 'Action.OpenUrl', title, url: a.url ?? '' };
  const data: RequestOpenData = { action: REQUEST_OPEN_VERB, value: a.value, language: lang };
  return { type: 'Action.Execute', title, verb: REQUEST_OPEN_VERB, data };
}

function feedbackActions(a: Extract<LayoutAction, { kind: 'feedback' }>, lang: Language): CardElement {
  const data = (helpful: boolean): FeedbackSubmitData => ({ action: 'feedback', helpful, verdict: a.verdict, toolIds: a.toolIds, language: lang });
  return {
    type: 'ActionSet',
    separator: true,
    actions: [
      { type: 'Action.Submit', title: `👍 ${a.helpful}`, data: data(true) },
      { type: 'Action.Submit', title: `👎 ${a.notHelpful}`, data: data(false) },
    ],
  };
}

/** A reply to a command (subscribe, admin …), with an "approve" button for a four-eyes proposal. */
export function commandReplyMessage(text: string, lang: Language, approveProposalId?: string): TeamsMessage {
  const card = baseCard(lang, text, text.split('\n').filter((l) => l.trim() !== '').map((l) => textBlock(l)));
  const approve = commandActions(lang, approveProposalId).find((a) => a.kind === 'approve');
  if (approve?.kind === 'approve') {
    const data: AdminSubmitData = { action: 'admin', command: `approve ${approve.proposalId}` };
    card.actions = [{ type: 'Action.Submit', title: approve.label, data }];
  }
  return message(text.split('\n')[0] ?? text, card);
}

export function renderAnswerCard(answer: Answer, options: RenderOptions = {}): AdaptiveCard {
  const lang = answer.language;
  const layout = layoutAnswer(answer, { ...(options.explanation ? { explanation: options.explanation } : {}), feedback: options.feedback === true, requests: options.requests === true });
  const body: CardElement[] = layout.sections.flatMap((s) => elements(s, lang, layout.actions));
  const card = baseCard(lang, answerText(answer), body);
  for (const a of layout.actions) {
    if (a.kind === 'feedback') body.push(feedbackActions(a, lang));
    else if (a.kind === 'request') (card.actions ??= []).push(requestAction(a, lang));
    else if (a.kind === 'confirm') body.push(confirmActions(a, lang));
  }
  return card;
}

/** The plain text of a change notice. */
export function noticeText(notice: ChangeNotice): string {
  return layoutNotice(notice).text;
}

/** A status-change notification as an Adaptive Card 1.5. */
export function renderNoticeCard(notice: ChangeNotice): AdaptiveCard {
  const lang = notice.language;
  const n = layoutNotice(notice);
  const body: CardElement[] = [
    textBlock(`🔔 ${n.title}`, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    textBlock(`${n.statusLabel}: ${n.from} → ${messages(lang).marker[n.verdict]} ${n.to}`, { color: VERDICT_COLOR[n.verdict] }),
    ...bullets(n.changes),
    textBlock(n.changedBy, { isSubtle: true, size: 'Small' }),
  ];
  if (n.source) body.push(markdownBlock(`${escapeCardMarkdown(n.sourceLabel)}: ${itemMarkdown(n.source, lang)}`, { size: 'Small' }));
  return baseCard(lang, n.text, body);
}

function baseCard(lang: Language, fallbackText: string, body: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang,
    fallbackText,
    body,
    msteams: { width: 'Full' },
  };
}

function message(text: string, card: AdaptiveCard): TeamsMessage {
  return { type: 'message', text, textFormat: 'plain', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] };
}

// Teams rejects bot messages over 40 KB (counted as UTF-16, so about 20,000 characters of JSON).
const MAX_MESSAGE_CHARS = 18_000;

function size(msg: TeamsMessage): number {
  return JSON.stringify(msg).length;
}

/**
 * The answer as a message activity: card plus plain text. A very long answer (a big category)
 * keeps only its verdict line as text, then drops tools from the end of the card, saying how many.
 */
export function answerMessage(answer: Answer, options: RenderOptions = {}): TeamsMessage {
  // Teams shows a message's text above its card: the verdict line only, so nothing reads twice.
  // The whole answer stays in the card's fallbackText for clients that cannot show cards.
  const full = message(verdictLine(answer), renderAnswerCard(answer, options));
  if (size(full) <= MAX_MESSAGE_CHARS) return full;
  const short = verdictLine(answer);
  for (let keep = answer.tools.length; keep >= 0; keep--) {
    // The tools dropped here count with those the engine left out: one "… and N more tools" line.
    const moreTools = (answer.moreTools ?? 0) + answer.tools.length - keep;
    const card = renderAnswerCard({ ...answer, tools: answer.tools.slice(0, keep), ...(moreTools > 0 ? { moreTools } : {}) }, options);
    card.fallbackText = short;
    const msg = message(short, card);
    if (size(msg) <= MAX_MESSAGE_CHARS) return msg;
  }
  return message(short, baseCard(answer.language, short, [textBlock(short)]));
}

/** The notice as a message activity: card plus plain text. */
export function noticeMessage(notice: ChangeNotice): TeamsMessage {
  return message(noticeText(notice), renderNoticeCard(notice));
}
