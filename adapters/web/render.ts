// The web chat's rendering of an Answer: an HTML fragment, every text escaped, in the answer's
// language. What it shows comes from the neutral layout (src/layout). A verdict is shown by an SVG
// icon and words (colour only repeats it), so it reads the same without colour vision, without an
// emoji font, or with a screen reader. Pure: no I/O.
import type { Answer, Verdict } from '../../src/model/answer.js';
import { layoutAnswer } from '../../src/layout/answer-layout.js';
import type { LayoutAction, LayoutItem, Section } from '../../src/layout/types.js';
import { phrases } from '../../src/phrases/index.js';
import type { Language } from '../../src/model/language.js';
import { icon } from './icons.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * Escaped prose whose suspended hyphen stays with its partner word: "Gesprächspartnerinnen und
 * -partnern" must not break before "-partnern", which then reads as a stray dash.
 */
export function prose(text: string): string {
  return escapeHtml(text).replace(/(\S+) (-\p{L}[\p{L}\p{N}-]*)/gu, '<span class="nowrap">$1 $2</span>');
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

/** A date in a <time> element. */
function time(iso: string | undefined, text: string): string {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `<time datetime="${iso}">${escapeHtml(text)}</time>` : escapeHtml(text);
}

function badge(verdict: Verdict, label: string): string {
  return `<span class="badge verdict-${verdict}">${icon(verdict)} ${escapeHtml(label)}</span>`;
}

function item(i: LayoutItem): string {
  const verdict = i.verdict && i.verdictLabel ? ` ${badge(i.verdict, i.verdictLabel)}` : '';
  const date = i.dateText ? ` (${time(i.date, i.dateText)})` : '';
  return `${link(i.url, i.text)}${verdict}${date}`;
}

function list(items: string[], className: string): string {
  return items.length === 0 ? '' : `<ul class="${className}">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

/** A titled part of an answer. */
function part(level: number, title: string, body: string, className = 'part'): string {
  return `<div class="${className}"><h${level}>${escapeHtml(title)}</h${level}>${body}</div>`;
}

function html(s: Section, lang: Language, level: number): string {
  const p = phrases(lang);
  switch (s.kind) {
    case 'headline':
      return `<h2 class="verdict">${icon(s.verdict)} ${escapeHtml(s.title)}</h2>`;
    case 'note':
      return s.warning
        ? `<p class="warning note-${s.role}">${icon('warning', p.icon.warning)} ${prose(s.text)}</p>`
        : `<p class="note note-${s.role}">${prose(s.text)}</p>`;
    case 'considered':
      return `<p class="contexts">${escapeHtml(s.label)}: ${escapeHtml(s.items.map((i) => i.text).join('; '))}</p>`;
    case 'explanation':
      return `<div class="part explanation"><h${level}>${escapeHtml(s.label)}</h${level}><p>${escapeHtml(s.text)}</p><p class="small">${escapeHtml(s.note)}</p></div>`;
    case 'list':
      return part(level, s.label, list(s.items.map(item), s.role));
    case 'steps': {
      const steps = s.items.map((x) => {
        const when = x.dateText ? ` (${time(x.date, x.dateText)})` : '';
        const note = x.note ? ` – ${prose(x.note)}` : '';
        return `<span class="step">${escapeHtml(x.label)}:</span> <span class="state">${escapeHtml(x.stateLabel)}</span>${when}${note}`;
      });
      return `<details class="part" open><summary>${escapeHtml(s.label)}</summary>${list(steps, 'assessment')}</details>`;
    }
    case 'fact':
      if (s.role === 'summary') return `<p class="summary">${prose(s.text)}</p>`;
      if (s.role === 'updated') return `<p class="updated">${escapeHtml(s.label)}: ${escapeHtml(s.text)}</p>`;
      if (s.role === 'decision') return part(level, s.label, `<p>${prose(s.text)}${s.source ? ` – ${escapeHtml(s.sourceLabel ?? '')}: ${item(s.source)}` : ''}</p>`, 'part decision');
      return `<p class="decision-expected"><strong>${escapeHtml(s.label)}:</strong> ${escapeHtml(s.text)}</p>`;
    case 'warning':
      return `<p class="warning">${icon('warning', p.icon.warning)} ${prose(s.text)}</p>`;
    case 'contact': {
      const links: string[] = [];
      if (s.email !== undefined) links.push(link(`mailto:${s.email}`, s.email));
      if (s.url !== undefined) links.push(link(s.url, s.url));
      return `<p class="contact"><strong>${escapeHtml(s.label)}:</strong> ${[escapeHtml(s.text), ...links].join(' – ')}</p>`;
    }
    case 'more':
      return `<p class="more">${escapeHtml(s.text)}</p>`;
    case 'tool': {
      const titled = s.own || s.brief;
      const head = titled ? `<h${level}>${escapeHtml(s.name)}${s.vendor && !s.brief ? ` <span class="vendor">(${escapeHtml(s.vendor)})</span>` : ''} ${badge(s.verdict, s.verdictLabel)}</h${level}>` : '';
      const inner = s.sections.map((x) => html(x, lang, titled ? level + 1 : level)).join('');
      return `<section class="tool${titled ? ' own' : ''} verdict-${s.verdict}" data-tool="${escapeHtml(s.id)}">${head}${inner}</section>`;
    }
  }
}

export interface RenderOptions {
  /** Add the "helpful / not helpful" buttons (the page posts a click to /web/feedback). */
  feedback?: boolean;
  /** The optional LLM explanation, when it is already known. */
  explanation?: string;
  /** Where the page fetches the explanation from (GET), when it is worded after the answer. */
  explainUrl?: string;
  /** Offer the request form and the waiting list (the page posts to /web/request-form and /web/request). */
  requests?: boolean;
  /** The session the answer belongs to (a `confirm` answer's yes/no continue it). */
  conversationKey?: string;
}

/** The feedback buttons; the verdict and tool ids ride along in data attributes, never the question. */
function feedbackButtons(a: Extract<LayoutAction, { kind: 'feedback' }>, lang: Language): string {
  const t = phrases(lang);
  const tools = escapeHtml(a.toolIds.join(','));
  return (
    `<div class="feedback" data-verdict="${a.verdict}" data-tools="${tools}" data-thanks="${escapeHtml(t.ui.thanksForFeedback)}">` +
    `<button type="button" data-helpful="true">${escapeHtml(a.helpful)}</button>` +
    `<button type="button" data-helpful="false">${escapeHtml(a.notHelpful)}</button></div>`
  );
}

/** The web chat has no accounts, so "notify me" is not offered here; the other actions are. */
function actionHtml(a: LayoutAction, lang: Language): string {
  if (a.kind === 'feedback') return feedbackButtons(a, lang);
  if (a.kind === 'request') {
    const label = escapeHtml(a.mode === 'waitlist' ? `${a.label}: ${a.toolName}` : a.label);
    // The button opens the request form (the page fetches it with the button's value).
    if (a.value) return `<div class="request" data-request="${escapeHtml(a.value)}"><button type="button" class="request-open">${label}</button></div>`;
    return a.url ? `<p class="request"><a href="${escapeHtml(a.url)}" rel="noopener noreferrer">${label}</a></p>` : '';
  }
  // The page sends a pressed button's reply as the next question of the same session.
  if (a.kind === 'confirm') {
    const button = (choice: 'yes' | 'no', c: { label: string; reply: string }) =>
      `<button type="button" data-choice="${choice}" data-reply="${escapeHtml(c.reply)}">${escapeHtml(c.label)}</button>`;
    return `<div class="confirm">${button('yes', a.yes)}${button('no', a.no)}</div>`;
  }
  return '';
}

/** The LLM explanation as the page shows it when it arrives after the answer. */
export function renderExplanationHtml(text: string, lang: Language): string {
  const p = phrases(lang);
  return html({ kind: 'explanation', label: p.ui.explanation, text, note: p.ui.explanationNote }, lang, 3);
}

/** The answer as an HTML fragment: one <article> whose `data-verdict` carries the verdict. */
export function renderAnswerHtml(answer: Answer, options: RenderOptions = {}): string {
  const lang = answer.language;
  const layout = layoutAnswer(answer, {
    ...(options.explanation ? { explanation: options.explanation } : {}),
    ...(options.conversationKey !== undefined ? { conversationKey: options.conversationKey } : {}),
    feedback: options.feedback === true,
    requests: options.requests === true,
  });
  const parts = layout.sections.map((s) => html(s, lang, 3));
  if (options.explainUrl && !options.explanation) {
    parts.push(`<div class="explanation-slot" data-explain="${escapeHtml(options.explainUrl)}" aria-live="polite"><p class="pending">${escapeHtml(phrases(lang).web.explaining)}</p></div>`);
  }
  for (const a of layout.actions) parts.push(actionHtml(a, lang));
  return `<article class="answer verdict-${answer.verdict}" lang="${lang}" data-verdict="${answer.verdict}">${parts.join('')}</article>`;
}
