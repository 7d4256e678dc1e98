// Renders an Answer (and a ChangeNotice) as a Slack message: Block Kit blocks plus the plain-text
// fallback Slack shows in notifications. Pure functions; every text from the knowledge base is
// escaped, and Block Kit's limits (50 blocks, 3000 characters per text, 75 per button) are kept
// by packing lines and leaving out what does not fit, with a note saying so.
import type { types as SlackTypes } from '@slack/bolt';
import type { Answer, AnswerAlternative, AnswerContact, AnswerSource, AnswerTool, ToolVerdict, Verdict } from '../../src/answer.js';
import type { ChangeNotice } from '../../src/change-notice.js';
import { formatDate, MAX_QUESTION_LENGTH } from '../../src/engine/text.js';
import { answerNotes } from '../../src/follow-up-text.js';
import { messages } from '../../src/i18n.js';
import type { Language, ToolStatus } from '../../src/kb/schema.js';
import { webUrl } from '../../src/http/safe-url.js';
import { escapeMrkdwn, LIMITS, link, packLines, truncate } from './mrkdwn.js';
import { slackPhrases } from './phrases.js';

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

/** Most items of one list (conditions, sources ...) shown before "… and N more". */
const MAX_LIST_ITEMS = 20;

const STATUS_VERDICT: Record<ToolStatus, ToolVerdict> = {
  approved: 'allowed',
  restricted: 'conditional',
  pending: 'pending',
  prohibited: 'not_allowed',
};

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

function verdictLine(verdict: Verdict, lang: Language): string {
  const m = messages(lang);
  return `${m.marker[verdict]} *${m.verdict[verdict]}*`;
}

/** The verdict line; the engine's headline follows unless it already carries the marker. */
function headBlock(answer: Answer): Block {
  const m = messages(answer.language);
  const marker = m.marker[answer.verdict];
  const headline = answer.headline.trim();
  if (headline.startsWith(marker)) return section(`*${escapeMrkdwn(headline)}*`);
  const line = verdictLine(answer.verdict, answer.language);
  return section(headline === '' ? line : `${line}\n${escapeMrkdwn(headline)}`);
}

function bulletList(items: readonly string[], lang: Language): string[] {
  const shown = items.slice(0, MAX_LIST_ITEMS).map((i) => `• ${i}`);
  if (items.length > MAX_LIST_ITEMS) shown.push(slackPhrases(lang).moreItems(items.length - MAX_LIST_ITEMS));
  return shown;
}

function sourceLine(s: AnswerSource, lang: Language): string {
  const title = s.url ? link(s.url, s.title) : escapeMrkdwn(s.title);
  return s.date ? `${title} (${formatDate(s.date, lang)})` : title;
}

function alternativeLine(a: AnswerAlternative, lang: Language): string {
  const m = messages(lang);
  return `${m.marker[a.verdict]} ${escapeMrkdwn(a.name)} (${m.verdict[a.verdict]})`;
}

function contactLine(contact: AnswerContact): string {
  const parts = [escapeMrkdwn(contact.text)];
  if (contact.email) parts.push(link(`mailto:${contact.email}`, contact.email));
  if (contact.url && webUrl(contact.url)) parts.push(link(contact.url, contact.url));
  return parts.join(' · ');
}

/** The lines describing one tool in full (a single- or few-tool answer). */
function toolLines(tool: AnswerTool, answer: Answer): string[] {
  const lang = answer.language;
  const m = messages(lang);
  const several = answer.tools.length > 1;
  const lines: string[] = [];
  const vendor = tool.vendor ? ` _(${escapeMrkdwn(tool.vendor)})_` : '';
  const title = several
    ? `${m.marker[tool.verdict]} *${escapeMrkdwn(tool.name)}*${vendor}: ${m.verdict[tool.verdict]}`
    : `*${escapeMrkdwn(tool.name)}*${vendor} · ${m.status[tool.status]}`;
  lines.push(title);
  if (tool.summary) lines.push(escapeMrkdwn(tool.summary));
  if (tool.conditions.length > 0) {
    lines.push('', `*${m.ui.conditions}*`, ...bulletList(tool.conditions.map(escapeMrkdwn), lang));
  }
  if (tool.reasons.length > 0) {
    lines.push('', `*${m.ui.reasons}*`, ...bulletList(tool.reasons.map(escapeMrkdwn), lang));
  }
  if (tool.assessment.length > 0) {
    const steps = tool.assessment.map((s) => {
      const date = s.date ? ` (${formatDate(s.date, lang)})` : '';
      const note = s.note ? ` – ${escapeMrkdwn(s.note)}` : '';
      return `${escapeMrkdwn(s.label)}: ${escapeMrkdwn(s.stateLabel)}${date}${note}`;
    });
    lines.push('', `*${m.ui.assessment}*`, ...bulletList(steps, lang));
  }
  if (tool.decisionExpected) lines.push('', `*${m.ui.decisionExpected}:* ${escapeMrkdwn(tool.decisionExpected)}`);
  if (tool.alternatives.length > 0) {
    lines.push('', `*${m.ui.alternatives}*`, ...bulletList(tool.alternatives.map((a) => alternativeLine(a, lang)), lang));
  }
  if (tool.sources.length > 0) {
    lines.push('', `*${m.ui.sources}*`, ...bulletList(tool.sources.map((s) => sourceLine(s, lang)), lang));
  }
  if (tool.reviewOverdue && tool.reviewDue) {
    lines.push('', `:warning: ${escapeMrkdwn(m.ui.reviewOverdue(formatDate(tool.reviewDue, lang)))}`);
  }
  lines.push('', `_${m.ui.updated}: ${formatDate(tool.updated, lang)}_`);
  return lines;
}

/** One line per tool with its reasons and conditions below: for overviews and several tools. */
function listLines(tool: AnswerTool, lang: Language): string[] {
  const m = messages(lang);
  const lines = [`${m.marker[tool.verdict]} *${escapeMrkdwn(tool.name)}*: ${m.verdict[tool.verdict]}`];
  const details = [...tool.reasons, ...tool.conditions];
  for (const d of details.slice(0, 5)) lines.push(`      ◦ ${escapeMrkdwn(d)}`);
  if (details.length > 5) lines.push(`      ${slackPhrases(lang).moreItems(details.length - 5)}`);
  if (tool.reviewOverdue && tool.reviewDue) {
    lines.push(`      :warning: ${escapeMrkdwn(m.ui.reviewOverdue(formatDate(tool.reviewDue, lang)))}`);
  }
  return lines;
}

/** Sections for the tools, as many as fit into `budget` blocks; the rest is counted. */
function toolBlocks(answer: Answer, budget: number): { blocks: Block[]; shown: AnswerTool[] } {
  const lang = answer.language;
  // Each group becomes one or more sections; an overview packs several tools into one section.
  const groups: { sections: string[]; tools: AnswerTool[] }[] = [];
  if (answer.verdict === 'list') {
    let lines: string[] = [];
    let tools: AnswerTool[] = [];
    for (const tool of answer.tools) {
      const own = listLines(tool, lang);
      if (lines.length > 0 && [...lines, ...own].join('\n').length > LIMITS.sectionText) {
        groups.push({ sections: [lines.join('\n')], tools });
        lines = [];
        tools = [];
      }
      lines.push(...own);
      tools.push(tool);
    }
    if (tools.length > 0) groups.push({ sections: [lines.join('\n')], tools });
  } else {
    for (const tool of answer.tools) groups.push({ sections: packLines(toolLines(tool, answer), LIMITS.sectionText), tools: [tool] });
  }

  const blocks: Block[] = [];
  const shown: AnswerTool[] = [];
  for (const group of groups) {
    const left = answer.tools.length - shown.length - group.tools.length;
    // Keep one block free for the "… and N more tools" note when tools remain after this group.
    if (blocks.length + group.sections.length + (left > 0 ? 1 : 0) > budget) break;
    blocks.push(...group.sections.map(section));
    shown.push(...group.tools);
  }
  const hidden = answer.tools.length - shown.length;
  if (hidden > 0) blocks.push(contextBlock([escapeMrkdwn(slackPhrases(lang).moreTools(hidden))]));
  return { blocks, shown };
}

function notifyButtons(tools: readonly AnswerTool[], lang: Language): SlackTypes.ActionsBlock[] {
  const m = messages(lang);
  const blocks: SlackTypes.ActionsBlock[] = [];
  for (let i = 0; i < tools.length; i += LIMITS.actionsElements) {
    const chunk = tools.slice(i, i + LIMITS.actionsElements);
    blocks.push({
      type: 'actions',
      block_id: `${NOTIFY_BLOCK_PREFIX}${lang}-${i / LIMITS.actionsElements}`,
      elements: chunk.map((t) => ({
        type: 'button' as const,
        // The handler reads the tool id from `value`; action_id only has to be unique (max 255).
        action_id: `${NOTIFY_ACTION_PREFIX}${t.id}`.slice(0, 255),
        value: t.id,
        text: {
          type: 'plain_text' as const,
          emoji: true,
          text: truncate(tools.length === 1 ? m.ui.notifyMe : `${m.ui.notifyMe}: ${t.name}`, LIMITS.buttonText),
        },
      })),
    });
  }
  return blocks;
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
}

/** The "helpful / not helpful" buttons; the value is `<verdict>|<tool ids>` (no question text). */
function feedbackButtons(answer: Answer): SlackTypes.ActionsBlock {
  const m = messages(answer.language);
  const value = `${answer.verdict}|${answer.tools.map((t) => t.id).join(',')}`.slice(0, 2000);
  const button = (helpful: boolean, label: string) => ({
    type: 'button' as const,
    action_id: `${FEEDBACK_ACTION_PREFIX}${helpful ? 'yes' : 'no'}`,
    value,
    text: { type: 'plain_text' as const, emoji: true, text: truncate(label, LIMITS.buttonText) },
  });
  return { type: 'actions', block_id: `feedback-${answer.language}`, elements: [button(true, `👍 ${m.ui.helpful}`), button(false, `👎 ${m.ui.notHelpful}`)] };
}

// The core hands out the same Answer for a question asked again: its message is rendered once.
const rendered = new WeakMap<Answer, Map<boolean, SlackMessage>>();

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
  if (options.explanation) return render(answer, options);
  const feedback = options.feedback === true;
  let forAnswer = rendered.get(answer);
  if (!forAnswer) rendered.set(answer, (forAnswer = new Map()));
  let message = forAnswer.get(feedback);
  if (!message) forAnswer.set(feedback, (message = render(answer, options)));
  return message;
}

function render(answer: Answer, options: RenderOptions): SlackMessage {
  const lang = answer.language;
  const m = messages(lang);
  const head: Block[] = [headBlock(answer)];
  if (options.explanation) head.push(section(escapeMrkdwn(options.explanation)));
  if (answer.truncated) head.push(contextBlock([escapeMrkdwn(m.ui.truncated(MAX_QUESTION_LENGTH))]));
  for (const note of answerNotes(answer)) head.push(contextBlock([escapeMrkdwn(note)])); // follow-up, model contexts

  const intro: string[] = [];
  if (answer.verdict === 'unknown') {
    intro.push(escapeMrkdwn(answer.unknownTool ? m.ui.unknownTool(answer.unknownTool) : m.ui.unknownToolGeneric));
  } else if (answer.verdict === 'unclear') {
    intro.push(escapeMrkdwn(m.ui.unclearHelp));
  } else if (answer.verdict === 'list' && answer.tools.length === 0) {
    intro.push(escapeMrkdwn(m.ui.noToolsInCategory));
  }
  if (answer.alternatives.length > 0) {
    intro.push('', `*${m.ui.alternatives}*`, ...bulletList(answer.alternatives.map((a) => alternativeLine(a, lang)), lang));
  }
  if (answer.tools.length === 0 && answer.sources.length > 0) {
    intro.push('', `*${m.ui.sources}*`, ...bulletList(answer.sources.map((s) => sourceLine(s, lang)), lang));
  }
  const introBlocks = packLines(intro, LIMITS.sectionText).map(section);

  const tail: Block[] = [];
  if (answer.contact) {
    // The engine names the requests contact for unknown tools and unclear questions.
    const label = answer.verdict === 'unknown' || answer.verdict === 'unclear' ? m.ui.requestAssessment : m.ui.whomToAsk;
    tail.push(section(`*${label}:* ${contactLine(answer.contact)}`));
  }
  if (answer.contextLabels.length > 0) {
    tail.push(contextBlock([`${m.ui.contexts}: ${answer.contextLabels.map(escapeMrkdwn).join(', ')}`]));
  }

  // Buttons are reserved for every tool first; tools that then do not fit lose theirs too.
  const feedback = options.feedback && answer.verdict !== 'unclear' ? [feedbackButtons(answer)] : [];
  const buttonBlocks = Math.ceil(answer.tools.length / LIMITS.actionsElements) + feedback.length;
  const budget = LIMITS.blocksPerMessage - head.length - introBlocks.length - tail.length - buttonBlocks;
  const { blocks: toolSections, shown } = toolBlocks(answer, Math.max(budget, 1));

  const blocks = [...head, ...introBlocks, ...toolSections, ...tail, ...notifyButtons(shown, lang), ...feedback];
  const fallback = answer.text.trim() !== '' ? answer.text : `${m.marker[answer.verdict]} ${m.verdict[answer.verdict]}`;
  return { text: truncate(escapeMrkdwn(fallback), LIMITS.messageText), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** A status-change notification as a Slack message. */
export function renderNoticeBlocks(notice: ChangeNotice): SlackMessage {
  const lang = notice.language;
  const m = messages(lang);
  const p = slackPhrases(lang);
  const verdict = STATUS_VERDICT[notice.newStatus];
  const from = notice.oldStatus === null ? p.newInCatalog : m.status[notice.oldStatus];
  const statusLine = `${p.status}: ${from} → ${m.marker[verdict]} ${m.status[notice.newStatus]}`;
  const title = p.noticeTitle(notice.toolName);

  const lines = [`:bell: *${escapeMrkdwn(title)}*`, statusLine];
  if (notice.changes.length > 0) lines.push('', ...bulletList(notice.changes.map(escapeMrkdwn), lang));
  const blocks: Block[] = packLines(lines, LIMITS.sectionText).map(section);

  const meta = [`${p.changedBy}: ${escapeMrkdwn(notice.by)}`, slackDate(notice.at)];
  if (notice.source) {
    meta.push(sourceLine({ title: notice.source.title, date: notice.source.date ?? null, url: notice.source.url }, lang));
  }
  blocks.push(contextBlock(meta));

  const text = [`🔔 ${title}`, statusLine, ...notice.changes.map((c) => `- ${c}`)].join('\n');
  return { text: truncate(escapeMrkdwn(text), LIMITS.messageText), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
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
  if (approveProposalId) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          value: approveProposalId,
          style: 'primary',
          text: { type: 'plain_text', text: lang === 'de' ? `Vorschlag ${approveProposalId} freigeben` : `Approve proposal ${approveProposalId}` },
        },
      ],
    });
  }
  return { text: truncate(escapeMrkdwn(text), LIMITS.messageText), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}
