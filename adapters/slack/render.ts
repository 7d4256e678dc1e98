// Renders an Answer (and a ChangeNotice) as a Slack message: Block Kit blocks plus the plain-text
// fallback Slack shows in notifications. What an answer shows comes from the neutral layout
// (src/layout): this module only turns its sections into mrkdwn. Every text from the knowledge base
// is escaped, and Block Kit's limits (50 blocks, 3000 characters per text, 75 per button) are kept
// by packing lines and leaving out what does not fit, with a note saying so.
import type { types as SlackTypes } from '@slack/bolt';
import type { Answer, AnswerTool } from '../../src/model/answer.js';
import type { ChangeNotice } from '../../src/model/change-notice.js';
import { commandActions, layoutAnswer } from '../../src/layout/answer-layout.js';
import { layoutNotice } from '../../src/layout/notice-layout.js';
import type { LayoutAction, LayoutItem, Section } from '../../src/layout/types.js';
import { phrases as messages } from '../../src/phrases/index.js';
import type { Language } from '../../src/model/language.js';
import { webUrl } from '../../src/http/safe-url.js';
import { REQUEST_OPEN_ACTION } from './request-modal.js';
import { escapeMrkdwn, LIMITS, link, packLines, truncate } from './mrkdwn.js';

export type Block = SlackTypes.KnownBlock;

export interface SlackMessage {
  /** Plain-text fallback (notifications, screen readers, clients without Block Kit). */
  text: string;
  blocks: Block[];
}

/** Prefix of the "Notify me of changes" buttons' action_id; the rest is the tool id. */
export const NOTIFY_ACTION_PREFIX = 'notify:';
/** block_id prefix of the actions block; the rest is the answer's language (for the reply). */
export const NOTIFY_BLOCK_PREFIX = 'notify-';

export function section(mrkdwn: string): SlackTypes.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) } };
}

export function contextBlock(parts: readonly string[]): SlackTypes.ContextBlock {
  return {
    type: 'context',
    elements: parts
      .slice(0, LIMITS.contextElements)
      .map((p) => ({ type: 'mrkdwn' as const, text: truncate(p, LIMITS.contextElementText) })),
  };
}

/** An item as mrkdwn: linked title, verdict marker, date. */
function item(i: LayoutItem, lang: Language): string {
  const marker = i.verdict ? `${messages(lang).marker[i.verdict]} ` : '';
  const title = i.url ? link(i.url, i.text) : escapeMrkdwn(i.text);
  return `${marker}${title}${i.verdictLabel ? ` (${escapeMrkdwn(i.verdictLabel)})` : ''}${i.dateText ? ` (${escapeMrkdwn(i.dateText)})` : ''}`;
}

function contactLine(s: Extract<Section, { kind: 'contact' }>): string {
  const parts = [escapeMrkdwn(s.text)];
  if (s.email) parts.push(link(`mailto:${s.email}`, s.email));
  if (s.url && webUrl(s.url)) parts.push(link(s.url, s.url));
  return parts.join(' · ');
}

/** The mrkdwn lines of one section (a tool's lines included); `sub` indents an overview's details. */
function lines(s: Section, lang: Language, sub = ''): string[] {
  const m = messages(lang);
  const bullet = sub ? `${sub}◦ ` : '• ';
  switch (s.kind) {
    case 'headline':
      return [`*${m.marker[s.verdict]} ${escapeMrkdwn(s.title)}*`];
    case 'note':
      return [`${sub}${s.warning ? ':warning: ' : ''}${escapeMrkdwn(s.text)}`];
    case 'considered':
      return [`${sub}${escapeMrkdwn(s.label)}: ${s.items.map((i) => escapeMrkdwn(i.text)).join("; ")}`];
    case 'explanation':
      return [`*${escapeMrkdwn(s.label)}*`, escapeMrkdwn(s.text), `_${escapeMrkdwn(s.note)}_`];
    case 'list':
      return [...(sub ? [] : [''] ), `${sub}*${escapeMrkdwn(s.label)}*`, ...s.items.map((i) => `${bullet}${item(i, lang)}`)];
    case 'steps':
      return [
        '',
        `*${escapeMrkdwn(s.label)}*`,
        ...s.items.map((x) => `• ${escapeMrkdwn(x.label)}: ${escapeMrkdwn(x.stateLabel)}${x.dateText ? ` (${escapeMrkdwn(x.dateText)})` : ''}${x.note ? ` – ${escapeMrkdwn(x.note)}` : ''}`),
      ];
    case 'fact':
      if (s.role === 'summary') return [escapeMrkdwn(s.text)];
      if (s.role === 'updated') return ['', `_${escapeMrkdwn(s.label)}: ${escapeMrkdwn(s.text)}_`];
      return ['', `*${escapeMrkdwn(s.label)}:* ${escapeMrkdwn(s.text)}${s.source ? ` – ${escapeMrkdwn(s.sourceLabel ?? '')}: ${item(s.source, lang)}` : ''}`];
    case 'warning':
      return [`${sub}:warning: ${escapeMrkdwn(s.text)}`];
    case 'contact':
      return [`*${escapeMrkdwn(s.label)}:* ${contactLine(s)}`];
    case 'more':
      return [escapeMrkdwn(s.text)];
    case 'tool': {
      const head = `${m.marker[s.verdict]} *${escapeMrkdwn(s.name)}*${s.vendor && !s.brief ? ` _(${escapeMrkdwn(s.vendor)})_` : ''}: ${escapeMrkdwn(s.verdictLabel)}`;
      const inner = s.sections.flatMap((x) => lines(x, lang, s.brief ? '      ' : ''));
      return s.own || s.brief ? [head, ...inner] : inner;
    }
  }
}

type ToolSection = Extract<Section, { kind: 'tool' }>;

/**
 * Sections for the tools, as many as fit into `budget` blocks; the rest is counted, together with
 * the `leftOut` tools the engine did not list, in one "… and N more tools" note.
 */
function toolBlocks(tools: ToolSection[], answerTools: readonly AnswerTool[], lang: Language, budget: number, leftOut: number): { blocks: Block[]; shown: AnswerTool[] } {
  // Each group becomes one or more sections; an overview packs several tools into one section.
  const groups: { sections: string[]; count: number }[] = [];
  let packed: string[] = [];
  let count = 0;
  for (const tool of tools) {
    const own = lines(tool, lang);
    if (!tool.brief) {
      groups.push({ sections: packLines(own, LIMITS.sectionText), count: 1 });
      continue;
    }
    if (packed.length > 0 && [...packed, ...own].join('\n').length > LIMITS.sectionText) {
      groups.push({ sections: [packed.join('\n')], count });
      packed = [];
      count = 0;
    }
    packed.push(...own);
    count++;
  }
  if (count > 0) groups.push({ sections: [packed.join('\n')], count });

  const blocks: Block[] = [];
  let shown = 0;
  for (const group of groups) {
    const left = tools.length - shown - group.count + leftOut;
    // Keep one block free for the "… and N more tools" note when tools remain after this group.
    if (blocks.length + group.sections.length + (left > 0 ? 1 : 0) > budget) break;
    blocks.push(...group.sections.map(section));
    shown += group.count;
  }
  const hidden = tools.length - shown + leftOut;
  if (hidden > 0) blocks.push(contextBlock([escapeMrkdwn(messages(lang).ui.moreTools(hidden))]));
  return { blocks, shown: answerTools.slice(0, shown) };
}

type NotifyAction = Extract<LayoutAction, { kind: 'notify' }>;

function notifyButtons(actions: readonly NotifyAction[], lang: Language): SlackTypes.ActionsBlock[] {
  const blocks: SlackTypes.ActionsBlock[] = [];
  for (let i = 0; i < actions.length; i += LIMITS.actionsElements) {
    const chunk = actions.slice(i, i + LIMITS.actionsElements);
    blocks.push({
      type: 'actions',
      block_id: `${NOTIFY_BLOCK_PREFIX}${lang}-${i / LIMITS.actionsElements}`,
      elements: chunk.map((a) => ({
        type: 'button' as const,
        // The handler reads the tool id from `value`; action_id only has to be unique (max 255).
        action_id: `${NOTIFY_ACTION_PREFIX}${a.toolId}`.slice(0, 255),
        value: a.toolId,
        text: { type: 'plain_text' as const, emoji: true, text: truncate(a.label, LIMITS.buttonText) },
      })),
    });
  }
  return blocks;
}

/** action_id of a `confirm` answer's yes/no buttons (`confirm:yes`, `confirm:no`); the value is the conversation key. */
export const CONFIRM_ACTION_PREFIX = 'confirm:';

function confirmButtons(a: Extract<LayoutAction, { kind: 'confirm' }>, lang: Language): SlackTypes.ActionsBlock {
  const button = (choice: 'yes' | 'no', label: string) => ({
    type: 'button' as const,
    action_id: `${CONFIRM_ACTION_PREFIX}${choice}`,
    value: (a.conversationKey ?? '').slice(0, 2000),
    text: { type: 'plain_text' as const, emoji: true, text: truncate(label, LIMITS.buttonText) },
  });
  return { type: 'actions', block_id: `confirm-${lang}`, elements: [button('yes', a.yes.label), button('no', a.no.label)] };
}

/** action_id of the "request an assessment" link button (Slack still sends a click for it). */
export const REQUEST_ACTION = 'request-assessment';

/** The request form's button (its value is decoded by src/requests/form.ts), or the organisation's link. */
function requestButton(a: Extract<LayoutAction, { kind: 'request' }>, index: number): SlackTypes.ActionsBlock {
  const text = { type: 'plain_text' as const, emoji: true, text: truncate(a.mode === 'waitlist' ? `${a.label}: ${a.toolName}` : a.label, LIMITS.buttonText) };
  if (a.value) return { type: 'actions', elements: [{ type: 'button', action_id: `${REQUEST_OPEN_ACTION}:${index}`, value: a.value, text }] };
  return { type: 'actions', elements: [{ type: 'button', action_id: REQUEST_ACTION, ...(a.url ? { url: a.url } : {}), text }] };
}

/** action_id of the "helpful" / "not helpful" buttons; their value carries the verdict and tool ids. */
export const FEEDBACK_ACTION_PREFIX = 'feedback:';
/** action_id of a four-eyes proposal's "approve" button; the value is the proposal id. */
export const APPROVE_ACTION = 'admin-approve';

export interface RenderOptions {
  /** An explanation in prose (the optional LLM summary), shown under the verdict line. */
  explanation?: string;
  /** Add the "helpful / not helpful" buttons. */
  feedback?: boolean;
  /** Offer the request form and the waiting list (the server takes requests). */
  requests?: boolean;
  /** The conversation the message goes to (carried by a `confirm` answer's yes/no buttons). */
  conversationKey?: string;
}

/** The "helpful / not helpful" buttons; the value is `<verdict>|<tool ids>` (no question text). */
function feedbackButtons(a: Extract<LayoutAction, { kind: 'feedback' }>, lang: Language): SlackTypes.ActionsBlock {
  const value = `${a.verdict}|${a.toolIds.join(',')}`.slice(0, 2000);
  const button = (helpful: boolean, label: string) => ({
    type: 'button' as const,
    action_id: `${FEEDBACK_ACTION_PREFIX}${helpful ? 'yes' : 'no'}`,
    value,
    text: { type: 'plain_text' as const, emoji: true, text: truncate(label, LIMITS.buttonText) },
  });
  return { type: 'actions', block_id: `feedback-${lang}`, elements: [button(true, `👍 ${a.helpful}`), button(false, `👎 ${a.notHelpful}`)] };
}

// The core hands out the same Answer for a question asked again: its message is rendered once.
const rendered = new WeakMap<Answer, Map<string, SlackMessage>>();

// The JSON of a message's blocks, kept with the message. The Web API carries `blocks` as a JSON
// string in its form body; handing the WebClient that string spares it, for every post of the
// same answer, stringifying the blocks and walking them for a debug line it does not print.
const blocksJson = new WeakMap<SlackMessage, string>();

/**
 * `text` and `blocks` for Web API calls (chat.postMessage, chat.update): `blocks` already serialized,
 * as the Web API's form field carries it (typed as blocks for the SDK's argument types). Not for
 * respond(): a response_url takes a JSON body, in which blocks stay an array.
 */
export function messageFields(message: SlackMessage): { text: string; blocks?: Block[] } {
  if (message.blocks.length === 0) return { text: message.text };
  let json = blocksJson.get(message);
  if (json === undefined) blocksJson.set(message, (json = JSON.stringify(message.blocks)));
  return { text: message.text, blocks: json as unknown as Block[] };
}

/** The answer as a Slack message. */
export function renderAnswerBlocks(answer: Answer, options: RenderOptions = {}): SlackMessage {
  if (options.explanation || answer.verdict === 'confirm') return render(answer, options);
  const variant = `${options.feedback === true}|${options.requests === true}`;
  let forAnswer = rendered.get(answer);
  if (!forAnswer) rendered.set(answer, (forAnswer = new Map()));
  let message = forAnswer.get(variant);
  if (!message) forAnswer.set(variant, (message = render(answer, options)));
  return message;
}

function render(answer: Answer, options: RenderOptions): SlackMessage {
  const lang = answer.language;
  const layout = layoutAnswer(answer, {
    ...(options.explanation ? { explanation: options.explanation } : {}),
    ...(options.conversationKey !== undefined ? { conversationKey: options.conversationKey } : {}),
    feedback: options.feedback === true,
    requests: options.requests === true,
  });
  const head: Block[] = [];
  const before: string[] = [];
  const tools: ToolSection[] = [];
  const after: string[] = [];
  let leftOut = 0;
  for (const s of layout.sections) {
    if (s.kind === 'headline') head.push(section(lines(s, lang)[0] as string));
    else if (s.kind === 'tool') tools.push(s);
    // Counted with the tools that do not fit into the message (toolBlocks).
    else if (s.kind === 'more') leftOut = s.count;
    // Notes and what was taken into account stand small under the verdict line.
    else if ((s.kind === 'note' && !s.prominent) || s.kind === 'considered') head.push(contextBlock(lines(s, lang)));
    else (tools.length === 0 ? before : after).push(...lines(s, lang));
  }
  const trim = (l: string[]) => (l[0] === '' ? l.slice(1) : l);
  const introBlocks = packLines(trim(before), LIMITS.sectionText).map(section);
  const tail = packLines(trim(after), LIMITS.sectionText).map(section);

  // Buttons are reserved for every tool first; tools that then do not fit lose theirs too.
  const notify = layout.actions.filter((a): a is NotifyAction => a.kind === 'notify');
  const others: SlackTypes.ActionsBlock[] = [];
  for (const a of layout.actions) {
    if (a.kind === 'request') others.push(requestButton(a, others.length));
    else if (a.kind === 'feedback') others.push(feedbackButtons(a, lang));
    else if (a.kind === 'confirm') others.push(confirmButtons(a, lang));
  }
  const buttonBlocks = Math.ceil(notify.length / LIMITS.actionsElements) + others.length;
  const budget = LIMITS.blocksPerMessage - head.length - introBlocks.length - tail.length - buttonBlocks;
  const { blocks: toolSections, shown } = toolBlocks(tools, answer.tools, lang, Math.max(budget, 1), leftOut);
  const shownIds = new Set(shown.map((t) => t.id));

  const blocks = [...head, ...introBlocks, ...toolSections, ...tail, ...notifyButtons(notify.filter((a) => shownIds.has(a.toolId)), lang), ...others];
  const m = messages(lang);
  const fallback = answer.text.trim() !== '' ? answer.text : `${m.marker[answer.verdict]} ${m.verdict[answer.verdict]}`;
  return { text: truncate(escapeMrkdwn(fallback), LIMITS.messageText), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** A status-change notification as a Slack message. */
export function renderNoticeBlocks(notice: ChangeNotice): SlackMessage {
  const lang = notice.language;
  const n = layoutNotice(notice);
  const lines = [`:bell: *${escapeMrkdwn(n.title)}*`, `${escapeMrkdwn(n.statusLabel)}: ${escapeMrkdwn(n.from)} → ${messages(lang).marker[n.verdict]} ${escapeMrkdwn(n.to)}`];
  if (n.changes.length > 0) lines.push('', ...n.changes.map((c) => `• ${escapeMrkdwn(c)}`));
  const blocks: Block[] = packLines(lines, LIMITS.sectionText).map(section);

  // Slack writes the time in each reader's time zone.
  const meta = [messages(lang).notice.changedBy(escapeMrkdwn(notice.by), slackDate(notice.at))];
  if (n.source) meta.push(`${escapeMrkdwn(n.sourceLabel)}: ${item(n.source, lang)}`);
  blocks.push(contextBlock(meta));
  return { text: truncate(escapeMrkdwn(n.text), LIMITS.messageText), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** Slack formats `<!date^…>` in each reader's time zone; the ISO text is the fallback. */
function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}

/** A reply to a command (subscribe, admin …): its text, and an "approve" button for a proposal. */
export function renderCommandReply(text: string, lang: Language, approveProposalId?: string): SlackMessage {
  const blocks: Block[] = packLines(text.split('\n').map(escapeMrkdwn), LIMITS.sectionText).map(section);
  for (const a of commandActions(lang, approveProposalId)) {
    if (a.kind !== 'approve') continue;
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: APPROVE_ACTION, value: a.proposalId, style: 'primary', text: { type: 'plain_text', text: truncate(a.label, LIMITS.buttonText) } }],
    });
  }
  return { text: truncate(escapeMrkdwn(text), LIMITS.messageText), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}
