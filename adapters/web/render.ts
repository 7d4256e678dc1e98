// The web chat's rendering of an Answer: an HTML fragment, every text escaped, in the answer's
// language. A verdict is shown by icon and words (colour only repeats it), so it reads the same
// without colour vision or with a screen reader. Pure: no I/O.
import type { Answer, AnswerAlternative, AnswerContact, AnswerSource, AnswerTool, Verdict } from '../../src/answer.js';
import { formatDate, MAX_QUESTION_LENGTH } from '../../src/engine/text.js';
import { answerNotes } from '../../src/follow-up-text.js';
import { messages } from '../../src/i18n.js';
import type { Language } from '../../src/kb/schema.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Only http(s) and mailto links become links; anything else (javascript:, data:) stays text. */
function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function link(url: string | undefined, text: string): string {
  const href = safeHref(url);
  return href === undefined ? escapeHtml(text) : `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

/** A date as the other renderers write it (src/engine/text.ts), in a <time> element when it is one. */
function date(value: string, lang: Language): string {
  const text = escapeHtml(formatDate(value, lang));
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `<time datetime="${value}">${text}</time>` : text;
}

const icon = (verdict: Verdict, lang: Language) => `<span class="icon" aria-hidden="true">${messages(lang).marker[verdict]}</span>`;

function badge(verdict: Verdict, lang: Language): string {
  return `<span class="badge verdict-${verdict}">${icon(verdict, lang)} ${escapeHtml(messages(lang).verdict[verdict])}</span>`;
}

function list(items: string[], className: string): string {
  return items.length === 0 ? '' : `<ul class="${className}">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

/** A titled part of an answer; nothing when it has no body. */
function part(level: number, title: string, body: string): string {
  return body === '' ? '' : `<div class="part"><h${level}>${escapeHtml(title)}</h${level}>${body}</div>`;
}

function sources(items: AnswerSource[], lang: Language): string {
  return list(
    items.map((s) => `${link(s.url, s.title)}${s.date ? ` (${date(s.date, lang)})` : ''}`),
    'sources',
  );
}

function alternatives(items: AnswerAlternative[], lang: Language): string {
  return list(
    items.map((a) => `${escapeHtml(a.name)} ${badge(a.verdict, lang)}`),
    'alternatives',
  );
}

/**
 * One tool. `level` is the heading level of its parts; with several tools each gets a heading of
 * its own (one level up) carrying its verdict. In an overview (`brief`) only the verdict and the
 * conditions or reasons are shown.
 */
function renderTool(tool: AnswerTool, lang: Language, opts: { own: boolean; brief: boolean; level: number }): string {
  const t = messages(lang);
  const { level } = opts;
  const head = opts.own ? `<h${level - 1}>${escapeHtml(tool.name)} ${badge(tool.verdict, lang)}</h${level - 1}>` : '';
  const conditions = part(level, t.ui.conditions, list(tool.conditions.map(escapeHtml), 'conditions'));
  const reasons = part(level, t.ui.reasons, list(tool.reasons.map(escapeHtml), 'reasons'));
  let body: string[];
  if (opts.brief) {
    body = [head, conditions, reasons];
  } else {
    const steps = tool.assessment.map((s) => {
      const when = s.date ? ` (${date(s.date, lang)})` : '';
      const note = s.note ? ` – ${escapeHtml(s.note)}` : '';
      return `<span class="step">${escapeHtml(s.label)}:</span> <span class="state">${escapeHtml(s.stateLabel)}</span>${when}${note}`;
    });
    // The assessment matters most while a tool is pending or not allowed: open there, folded elsewhere.
    const open = tool.verdict === 'pending' || tool.verdict === 'not_allowed' ? ' open' : '';
    body = [
      head,
      tool.reviewOverdue && tool.reviewDue
        ? `<p class="warning"><span aria-hidden="true">⚠️</span> ${escapeHtml(t.ui.reviewOverdue(formatDate(tool.reviewDue, lang)))}</p>`
        : '',
      tool.summary ? `<p class="summary">${escapeHtml(tool.summary)}</p>` : '',
      conditions,
      reasons,
      part(level, t.ui.alternatives, alternatives(tool.alternatives, lang)),
      steps.length > 0 ? `<details class="part"${open}><summary>${escapeHtml(t.ui.assessment)}</summary>${list(steps, 'assessment')}</details>` : '',
      tool.decisionExpected ? `<p>${escapeHtml(t.ui.decisionExpected)}: ${date(tool.decisionExpected, lang)}</p>` : '',
      part(level, t.ui.sources, sources(tool.sources, lang)),
      `<p class="updated">${escapeHtml(t.ui.updated)}: ${date(tool.updated, lang)}</p>`,
    ];
  }
  return `<section class="tool${opts.own ? ' own' : ''} verdict-${tool.verdict}" data-tool="${escapeHtml(tool.id)}">${body.join('')}</section>`;
}

function renderContact(contact: AnswerContact, verdict: Verdict, lang: Language): string {
  const t = messages(lang);
  const lead = verdict === 'unknown' || verdict === 'unclear' ? t.ui.requestAssessment : t.ui.whomToAsk;
  const links: string[] = [];
  if (contact.email !== undefined) links.push(link(`mailto:${contact.email}`, contact.email));
  if (contact.url !== undefined) links.push(link(contact.url, contact.url));
  return `<p class="contact">${escapeHtml(lead)}: ${[escapeHtml(contact.text), ...links].join(' – ')}</p>`;
}

/** The answer as an HTML fragment: one <article> whose `data-verdict` carries the verdict. */
export interface RenderOptions {
  /** Add the "helpful / not helpful" buttons (the page posts a click to /web/feedback). */
  feedback?: boolean;
}

/** The feedback buttons; the verdict and tool ids ride along in data attributes, never the question. */
function feedbackButtons(answer: Answer, lang: Language): string {
  const t = messages(lang);
  const tools = escapeHtml(answer.tools.map((x) => x.id).join(','));
  return (
    `<div class="feedback" data-verdict="${answer.verdict}" data-tools="${tools}" data-thanks="${escapeHtml(t.ui.thanksForFeedback)}">` +
    `<button type="button" data-helpful="true">${escapeHtml(t.ui.helpful)}</button>` +
    `<button type="button" data-helpful="false">${escapeHtml(t.ui.notHelpful)}</button></div>`
  );
}

export function renderAnswerHtml(answer: Answer, options: RenderOptions = {}): string {
  const lang = answer.language;
  const t = messages(lang);
  const marker = t.marker[answer.verdict];
  const words = t.verdict[answer.verdict];
  // The engine's headline ("⚠️ Zoom: Erlaubt unter Bedingungen") names tool and verdict; the marker
  // becomes a decorative icon so a screen reader reads the words only.
  const headline = answer.headline.startsWith(marker) ? answer.headline.slice(marker.length).trim() : answer.headline.trim();
  const title = headline.includes(words) ? headline : [words, headline].filter(Boolean).join(': ');
  const parts = [`<h2 class="verdict">${icon(answer.verdict, lang)} ${escapeHtml(title)}</h2>`];
  for (const note of answerNotes(answer)) parts.push(`<p class="assumed">${escapeHtml(note)}</p>`); // follow-up, model contexts

  if (answer.contextLabels.length > 0) {
    parts.push(`<p class="contexts">${escapeHtml(t.ui.contexts)}: ${escapeHtml(answer.contextLabels.join(', '))}</p>`);
  }
  if (answer.verdict === 'unclear') parts.push(`<p>${escapeHtml(t.ui.unclearHelp)}</p>`);
  if (answer.verdict === 'unknown') {
    parts.push(`<p>${escapeHtml(answer.unknownTool ? t.ui.unknownTool(answer.unknownTool) : t.ui.unknownToolGeneric)}</p>`);
    parts.push(part(3, t.ui.alternatives, alternatives(answer.alternatives, lang)));
  }
  if (answer.verdict === 'list' && answer.tools.length === 0) parts.push(`<p>${escapeHtml(t.ui.noToolsInCategory)}</p>`);

  // An overview of a category is brief; several tools named in one question are shown in full.
  const several = answer.tools.length > 1 || answer.verdict === 'list';
  const brief = answer.verdict === 'list' && answer.category !== null;
  for (const tool of answer.tools) parts.push(renderTool(tool, lang, { own: several, brief, level: several ? 4 : 3 }));
  if (answer.contact) parts.push(renderContact(answer.contact, answer.verdict, lang));
  if (answer.truncated) parts.push(`<p class="warning">${escapeHtml(t.ui.truncated(MAX_QUESTION_LENGTH))}</p>`);
  if (options.feedback && answer.verdict !== 'unclear') parts.push(feedbackButtons(answer, lang));
  return `<article class="answer verdict-${answer.verdict}" lang="${lang}" data-verdict="${answer.verdict}">${parts.join('')}</article>`;
}
