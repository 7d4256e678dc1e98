// Renders an Answer (and a ChangeNotice) as a Teams message: an Adaptive Card 1.5 plus the plain
// text that clients without cards, notifications and screen readers use. Pure functions, no SDK.
// TextBlocks are markdown: every text (knowledge base, the user's words echoed back) is escaped, and
// only the links built here, to http(s) URLs, are markdown (markdown.ts).
import type { Answer, AnswerContact, AnswerSource, AnswerTool, ToolVerdict, Verdict } from '../../src/answer.js';
import type { ChangeNotice } from '../../src/change-notice.js';
import { formatDate, MAX_QUESTION_LENGTH } from '../../src/engine/text.js';
import { answerNotes } from '../../src/follow-up-text.js';
import { messages } from '../../src/i18n.js';
import type { Language, ToolStatus } from '../../src/kb/schema.js';
import { webUrl } from '../../src/http/safe-url.js';
import { cardLink, escapeCardMarkdown } from './markdown.js';
import { teamsPhrases } from './phrases.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** One element of a card body (TextBlock, Container, FactSet, ActionSet ...). */
export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  lang: Language;
  fallbackText: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams: { width: 'Full' };
}

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
  not_allowed: 'Attention',
  pending: 'Accent',
  unknown: 'Attention',
  unclear: 'Default',
  list: 'Default',
};

const STATUS_VERDICT: Record<ToolStatus, ToolVerdict> = {
  approved: 'allowed',
  restricted: 'conditional',
  pending: 'pending',
  prohibited: 'not_allowed',
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

/** Markdown: the source's title, linked when its URL is a web URL, and its date. */
function sourceLine(s: AnswerSource, lang: Language): string {
  const title = cardLink(s.title, s.url);
  return s.date ? `${title} (${escapeCardMarkdown(formatDate(s.date, lang))})` : title;
}

/** Markdown: the contact's text, mail and web links (a URL that is not a web URL is left out). */
function contactLine(c: AnswerContact): string {
  const parts = [escapeCardMarkdown(c.text)];
  if (c.email) parts.push(cardLink(c.email, `mailto:${c.email}`));
  if (webUrl(c.url)) parts.push(cardLink(c.url as string, c.url));
  return parts.join(' · ');
}

/** The verdict line: the engine's headline when it carries the marker, else marker + label. */
function verdictLine(answer: Answer): string {
  const m = messages(answer.language);
  const marker = m.marker[answer.verdict];
  const headline = answer.headline.trim();
  if (headline.startsWith(marker)) return headline;
  return `${marker} ${m.verdict[answer.verdict]}${headline ? ` – ${headline}` : ''}`;
}

function notifyButton(tool: AnswerTool, lang: Language, several: boolean): CardElement {
  const m = messages(lang);
  const data: NotifySubmitData = { action: 'notify', toolId: tool.id, language: lang };
  return {
    type: 'ActionSet',
    actions: [{ type: 'Action.Submit', title: several ? `${m.ui.notifyMe}: ${tool.name}` : m.ui.notifyMe, data }],
  };
}

/** Everything about one tool: for answers on one or a few named tools. */
function toolDetails(tool: AnswerTool, answer: Answer): CardElement[] {
  const lang = answer.language;
  const m = messages(lang);
  const several = answer.tools.length > 1;
  const vendor = tool.vendor ? ` (${tool.vendor})` : '';
  const items: CardElement[] = [];
  items.push(
    several
      ? textBlock(`${m.marker[tool.verdict]} ${tool.name}${vendor}: ${m.verdict[tool.verdict]}`, {
          weight: 'Bolder',
          color: VERDICT_COLOR[tool.verdict],
        })
      : textBlock(`${tool.name}${vendor} · ${m.status[tool.status]}`, { isSubtle: true, spacing: 'None' }),
  );
  if (tool.summary) items.push(textBlock(tool.summary));
  if (tool.conditions.length > 0) items.push(heading(m.ui.conditions), ...bullets(tool.conditions));
  if (tool.reasons.length > 0) items.push(heading(m.ui.reasons), ...bullets(tool.reasons));
  if (tool.assessment.length > 0) {
    items.push(heading(m.ui.assessment), {
      type: 'FactSet',
      spacing: 'Small',
      facts: tool.assessment.map((s) => ({
        title: escapeCardMarkdown(s.label),
        value: escapeCardMarkdown(`${s.stateLabel}${s.date ? ` (${formatDate(s.date, lang)})` : ''}${s.note ? ` – ${s.note}` : ''}`),
      })),
    });
  }
  if (tool.decisionExpected) items.push(heading(m.ui.decisionExpected), textBlock(tool.decisionExpected, { spacing: 'None' }));
  if (tool.alternatives.length > 0) {
    items.push(
      heading(m.ui.alternatives),
      ...bullets(tool.alternatives.map((a) => `${m.marker[a.verdict]} ${a.name} (${m.verdict[a.verdict]})`)),
    );
  }
  if (tool.sources.length > 0) items.push(heading(m.ui.sources), ...markdownBullets(tool.sources.map((s) => sourceLine(s, lang))));
  if (tool.reviewOverdue && tool.reviewDue) {
    items.push(textBlock(`⚠️ ${m.ui.reviewOverdue(formatDate(tool.reviewDue, lang))}`, { color: 'Warning' }));
  }
  items.push(textBlock(`${m.ui.updated}: ${formatDate(tool.updated, lang)}`, { isSubtle: true, size: 'Small' }));
  items.push(notifyButton(tool, lang, several));
  return items;
}

/** One line (plus conditions or reasons) per tool: for overviews of a category. */
function toolSummary(tool: AnswerTool, answer: Answer): CardElement[] {
  const lang = answer.language;
  const m = messages(lang);
  const items: CardElement[] = [
    textBlock(`${m.marker[tool.verdict]} ${tool.name}: ${m.verdict[tool.verdict]}`, { weight: 'Bolder', color: VERDICT_COLOR[tool.verdict] }),
    ...bullets([...tool.reasons, ...tool.conditions]),
  ];
  if (tool.reviewOverdue && tool.reviewDue) {
    items.push(textBlock(`⚠️ ${m.ui.reviewOverdue(formatDate(tool.reviewDue, lang))}`, { color: 'Warning', size: 'Small' }));
  }
  items.push(notifyButton(tool, lang, true));
  return items;
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
}

function feedbackActions(answer: Answer): CardElement {
  const m = messages(answer.language);
  const data = (helpful: boolean): FeedbackSubmitData => ({
    action: 'feedback',
    helpful,
    verdict: answer.verdict,
    toolIds: answer.tools.map((t) => t.id),
    language: answer.language,
  });
  return {
    type: 'ActionSet',
    separator: true,
    actions: [
      { type: 'Action.Submit', title: `👍 ${m.ui.helpful}`, data: data(true) },
      { type: 'Action.Submit', title: `👎 ${m.ui.notHelpful}`, data: data(false) },
    ],
  };
}

/** A reply to a command (subscribe, admin …), with an "approve" button for a four-eyes proposal. */
export function commandReplyMessage(text: string, lang: Language, approveProposalId?: string): TeamsMessage {
  const card = baseCard(lang, text, text.split('\n').filter((l) => l.trim() !== '').map((l) => textBlock(l)));
  if (approveProposalId) {
    const data: AdminSubmitData = { action: 'admin', command: `approve ${approveProposalId}` };
    const title = lang === 'de' ? `Vorschlag ${approveProposalId} freigeben` : `Approve proposal ${approveProposalId}`;
    card.actions = [{ type: 'Action.Submit', title, data }];
  }
  return message(text.split('\n')[0] ?? text, card);
}

export function renderAnswerCard(answer: Answer, options: RenderOptions = {}): AdaptiveCard {
  const lang = answer.language;
  const m = messages(lang);
  const body: CardElement[] = [
    textBlock(verdictLine(answer), { size: 'Large', weight: 'Bolder', style: 'heading', color: VERDICT_COLOR[answer.verdict] }),
  ];
  if (answer.truncated) body.push(textBlock(m.ui.truncated(MAX_QUESTION_LENGTH), { isSubtle: true, size: 'Small' }));
  for (const note of answerNotes(answer)) body.push(textBlock(note, { isSubtle: true, size: 'Small' })); // follow-up, model contexts
  if (options.explanation) body.push(textBlock(options.explanation));
  if (answer.verdict === 'unknown') {
    body.push(textBlock(answer.unknownTool ? m.ui.unknownTool(answer.unknownTool) : m.ui.unknownToolGeneric));
    if (answer.alternatives.length > 0) {
      body.push(
        heading(m.ui.alternatives),
        ...bullets(answer.alternatives.map((a) => `${m.marker[a.verdict]} ${a.name} (${m.verdict[a.verdict]})`)),
      );
    }
  } else if (answer.verdict === 'unclear') {
    body.push(textBlock(m.ui.unclearHelp));
  } else if (answer.verdict === 'list' && answer.tools.length === 0) {
    body.push(textBlock(m.ui.noToolsInCategory));
  }

  for (const tool of answer.tools) {
    const items = answer.verdict === 'list' ? toolSummary(tool, answer) : toolDetails(tool, answer);
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }
  if (answer.tools.length === 0 && answer.sources.length > 0) {
    body.push(heading(m.ui.sources), ...markdownBullets(answer.sources.map((s) => sourceLine(s, lang))));
  }
  if (answer.contact) {
    const label = answer.verdict === 'unknown' ? m.ui.requestAssessment : m.ui.whomToAsk;
    body.push(heading(label), markdownBlock(contactLine(answer.contact), { spacing: 'None' }));
  }
  if (answer.contextLabels.length > 0) {
    body.push(textBlock(`${m.ui.contexts}: ${answer.contextLabels.join(', ')}`, { isSubtle: true, size: 'Small', separator: true }));
  }

  if (options.feedback && answer.verdict !== 'unclear') body.push(feedbackActions(answer));
  const card = baseCard(lang, answerText(answer), body);
  const requestUrl = answer.verdict === 'unknown' ? webUrl(answer.contact?.url) : undefined;
  if (requestUrl) card.actions = [{ type: 'Action.OpenUrl', title: m.ui.requestAssessment, url: requestUrl }];
  return card;
}

/** The plain text of a change notice. */
export function noticeText(notice: ChangeNotice): string {
  const lang = notice.language;
  const p = teamsPhrases(lang);
  const lines = [`🔔 ${p.noticeTitle(notice.toolName)}`, statusLine(notice), ...notice.changes.map((c) => `- ${c}`)];
  lines.push(p.changedBy(notice.by, formatDate(notice.at.slice(0, 10), lang)));
  if (notice.source) {
    const s = notice.source;
    const url = webUrl(s.url);
    lines.push(`${p.source}: ${s.title}${s.date ? ` (${formatDate(s.date, lang)})` : ''}${url ? ` ${url}` : ''}`);
  }
  return lines.join('\n');
}

function statusLine(notice: ChangeNotice): string {
  const m = messages(notice.language);
  const p = teamsPhrases(notice.language);
  const marker = m.marker[STATUS_VERDICT[notice.newStatus]];
  const from = notice.oldStatus === null ? '' : `${m.status[notice.oldStatus]} → `;
  return `${p.statusChange}: ${from}${marker} ${m.status[notice.newStatus]}`;
}

/** A status-change notification as an Adaptive Card 1.5. */
export function renderNoticeCard(notice: ChangeNotice): AdaptiveCard {
  const lang = notice.language;
  const p = teamsPhrases(lang);
  const body: CardElement[] = [
    textBlock(`🔔 ${p.noticeTitle(notice.toolName)}`, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    textBlock(statusLine(notice), { color: VERDICT_COLOR[STATUS_VERDICT[notice.newStatus]] }),
    ...bullets(notice.changes),
    textBlock(p.changedBy(notice.by, formatDate(notice.at.slice(0, 10), lang)), { isSubtle: true, size: 'Small' }),
  ];
  if (notice.source) {
    const s = notice.source;
    body.push(markdownBlock(`${escapeCardMarkdown(p.source)}: ${sourceLine({ title: s.title, date: s.date ?? null, url: s.url }, lang)}`, { size: 'Small' }));
  }
  return baseCard(lang, noticeText(notice), body);
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
    const card = renderAnswerCard({ ...answer, tools: answer.tools.slice(0, keep) }, options);
    const hidden = answer.tools.length - keep;
    if (hidden > 0) card.body.push(textBlock(teamsPhrases(answer.language).moreTools(hidden), { isSubtle: true }));
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
