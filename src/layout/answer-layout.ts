// One function decides what an answer shows and in which order: layoutAnswer(). The plain text,
// Slack, Teams, the web chat and the CLI render its sections and nothing else, so every surface
// tells the same facts. Pure and cheap: the engine builds the plain text from it for every answer.
import type { Answer, AnswerAlternative, AnswerSource, AnswerTool, ConfirmQuestion, Verdict } from '../model/answer.js';
import { formatDate, phrases, type Phrases } from '../phrases/index.js';
import { linkUrl } from '../http/safe-url.js';
import type { Language } from '../model/language.js';
import { webUrl } from '../http/safe-url.js';
import { encodeRequestAction } from './request-action.js';
import type { AnswerLayout, LayoutAction, LayoutItem, NoteRole, Section } from './types.js';

/** Most entries of one list shown before "… und N weitere". */
export const MAX_LIST_ITEMS = 20;
/** Most conditions or reasons per tool in an overview. */
export const MAX_BRIEF_DETAILS = 5;

export interface LayoutOptions {
  /** The optional LLM explanation, shown after the engine's answer. */
  explanation?: string;
  /** The server records feedback: offer "helpful / not helpful" (never under a question not understood). */
  feedback?: boolean;
  /** The server takes requests for an assessment: offer the request form and the waiting list. */
  requests?: boolean;
  /** The conversation the answer is posted into: a pressed yes/no of a `confirm` answer continues it. */
  conversationKey?: string;
}

/** Notes shown as body text; the others stand small under the verdict line. */
const PROMINENT_NOTES: ReadonlySet<NoteRole> = new Set(['help', 'unknown', 'empty']);

type AnswerLike = Omit<Answer, 'text'>;

export function layoutAnswer(a: AnswerLike, options: LayoutOptions = {}): AnswerLayout {
  const lang = a.language;
  const p = phrases(lang);
  const out: Section[] = [];
  const note = (role: NoteRole, text: string, warning = false) => out.push({ kind: 'note', role, text, warning, prominent: PROMINENT_NOTES.has(role) });

  out.push({ kind: 'headline', verdict: a.verdict, label: p.verdict[a.verdict], title: headlineTitle(a, p) });
  if (a.truncated) note('truncated', p.ui.truncated(MAX_QUESTION_LENGTH), true);
  for (const t of a.tools) if (t.matchedAs) note('matched', p.ui.coveredBy(capitalize(t.matchedAs), t.name));
  for (const [role, text] of followUpNotes(a, p)) note(role, text);
  const considered = consideredSection(a, p);
  if (considered) out.push(considered);
  // What the engine could not place, where it is why it asks (verdict confirm).
  if (a.tools.some((t) => t.confirm) && a.unexplained && a.unexplained.length > 0) note('unexplained', p.ui.unexplained(a.unexplained.map(p.ui.quote).join(', ')));

  if (a.verdict === 'unclear') note('help', p.ui.unclearHelp);
  // Beside a known tool too ("connect Calendly to Outlook"): the answer must not read as approving
  // the product only because the known tool is approved.
  if (a.verdict === 'unknown' || (a.verdict === 'list' && a.unknownTool)) note('unknown', a.unknownTool ? p.ui.unknownTool(a.unknownTool) : p.ui.unknownToolGeneric);
  if (a.verdict === 'list' && a.tools.length === 0) note('empty', p.ui.noToolsInCategory);
  if (a.alternatives.length > 0) out.push(list('alternatives', p.ui.alternatives, a.alternatives.map((x) => alternativeItem(x, p)), p));

  const several = a.tools.length > 1 || a.verdict === 'list';
  const brief = a.verdict === 'list' && a.category !== null;
  const shared = brief ? NOTHING_SHARED : sharedByTools(a.tools);
  for (const t of a.tools) out.push(toolSection(t, lang, p, { own: several, brief, shared }));
  if (shared.alternatives.size > 0) {
    const alternatives = shared.alternativesOf.alternatives.filter((x) => shared.alternatives.has(x.id));
    out.push(list('alternatives', p.ui.alternativesFor(names(shared.alternativesOf.tools, lang)), alternatives.map((x) => alternativeItem(x, p)), p));
  }
  if (shared.sources.size > 0) {
    const sources = (a.tools[0] as AnswerTool).sources.filter((x) => shared.sources.has(sourceKey(x)));
    out.push(list('sources', p.ui.sourcesFor(names(a.tools.map((t) => t.name), lang)), sources.map((x) => sourceItem(x, lang)), p));
  }
  // On the answer, not an option: every surface (and the LLM's composed text) then says it.
  if (a.moreTools && a.moreTools > 0) out.push({ kind: 'more', count: a.moreTools, text: p.ui.moreTools(a.moreTools) });
  if (a.tools.length === 0 && a.sources.length > 0) out.push(list('sources', p.ui.sources, a.sources.map((s) => sourceItem(s, lang)), p));

  if (a.contact) {
    const label = a.verdict === 'unknown' ? p.ui.requestAssessment : p.ui.whomToAsk;
    out.push({ kind: 'contact', label, text: a.contact.text, ...(a.contact.email ? { email: a.contact.email } : {}), ...(linkUrl(a.contact.url) ? { url: linkUrl(a.contact.url) as string } : {}) });
  }
  const explanation = options.explanation?.trim();
  if (explanation) out.push({ kind: 'explanation', label: p.ui.explanation, text: explanation, note: p.ui.explanationNote });
  return { language: lang, verdict: a.verdict, sections: out, actions: answerActions(a, options, p) };
}

export const MAX_QUESTION_LENGTH = 1000;

/** The answer's headline ("⚠️ Zoom: Mit Auflagen freigegeben"): the engine stores it as `Answer.headline`. */
export function headlineFor(a: Omit<Answer, 'text' | 'headline'>): string {
  const m = phrases(a.language);
  const label = m.verdict[a.verdict];
  const first = a.tools[0];
  switch (a.verdict) {
    case 'unclear':
      return `${m.marker.unclear} ${label}`;
    case 'unknown':
      return a.unknownTool ? `${m.marker.unknown} ${a.unknownTool}: ${label}` : `${m.marker.unknown} ${label}`;
    case 'list': {
      const what = a.categoryLabel ?? [...a.tools.map((t) => t.name), ...(a.unknownTool ? [a.unknownTool] : [])].join(', ');
      const count = a.moreTools ? ` (${a.tools.length + a.moreTools})` : '';
      return `${m.marker.list} ${label}: ${what}${count}`;
    }
    default:
      return `${m.marker[a.verdict]} ${first?.name ?? ''}: ${label}`;
  }
}


/**
 * Whether the answer gives a verdict to rate and explain: a question not understood, or asked back
 * (`confirm`), gets neither feedback buttons nor an LLM explanation. Decided here, once.
 */
export function hasVerdict(verdict: Verdict): boolean {
  return verdict !== 'unclear' && verdict !== 'confirm';
}

/** The actions an answer offers, decided here once for every surface. */
function answerActions(a: AnswerLike, options: LayoutOptions, p: Phrases): LayoutAction[] {
  const out: LayoutAction[] = [];
  const several = a.tools.length > 1 || a.verdict === 'list';
  for (const t of a.tools) out.push({ kind: 'notify', toolId: t.id, toolName: t.name, label: several ? `${p.ui.notifyMe}: ${t.name}` : p.ui.notifyMe });
  const requestUrl = a.verdict === 'unknown' ? webUrl(a.contact?.url) : undefined;
  const toolName = a.unknownTool ?? '';
  // A product beside a known tool may be put forward for assessment as well.
  const unassessed = a.verdict === 'unknown' || (a.verdict === 'list' && a.unknownTool !== null);
  if (unassessed && options.requests) {
    const value = encodeRequestAction({ mode: 'request', toolName, language: a.language });
    out.push({ kind: 'request', mode: 'request', label: p.request.requestButton, toolName, value, ...(requestUrl ? { url: requestUrl } : {}) });
  } else if (requestUrl) out.push({ kind: 'request', mode: 'request', label: p.ui.requestAssessment, toolName, url: requestUrl });
  // A tool in assessment: "I need this too" puts the person on its waiting list.
  if (a.verdict === 'pending' && options.requests) {
    for (const t of a.tools.filter((x) => x.verdict === 'pending')) {
      out.push({ kind: 'request', mode: 'waitlist', label: p.request.waitlistButton, toolName: t.name, value: encodeRequestAction({ mode: 'waitlist', toolName: t.name, language: a.language }) });
    }
  }
  if (a.verdict === 'confirm') {
    const conversation = options.conversationKey !== undefined ? { conversationKey: options.conversationKey } : {};
    out.push({ kind: 'confirm', yes: { label: p.ui.confirmYes, reply: p.ui.confirmYes }, no: { label: p.ui.confirmNo, reply: p.ui.confirmNo }, ...conversation });
    return out;
  }
  if (options.feedback && hasVerdict(a.verdict)) {
    out.push({ kind: 'feedback', verdict: a.verdict, toolIds: a.tools.map((t) => t.id), helpful: p.ui.helpful, notHelpful: p.ui.notHelpful });
  }
  return out;
}

/** The actions under a command reply: "approve" for a four-eyes proposal. */
export function commandActions(language: Language, approveProposalId?: string): LayoutAction[] {
  if (!approveProposalId) return [];
  return [{ kind: 'approve', proposalId: approveProposalId, label: phrases(language).chat.approveProposal(approveProposalId), command: `admin approve ${approveProposalId}` }];
}

/** The headline without its marker: "Zoom: Mit Auflagen freigegeben". */
function headlineTitle(a: AnswerLike, p: Phrases): string {
  const marker = p.marker[a.verdict];
  const h = a.headline.trim();
  const title = h.startsWith(marker) ? h.slice(marker.length).trim() : h;
  return title === '' ? p.verdict[a.verdict] : title;
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** What a follow-up took over from the previous question, and contexts the language model added. */
function followUpNotes(a: AnswerLike, p: Phrases): [NoteRole, string][] {
  const out: [NoteRole, string][] = [];
  const evidence = a.evidence ?? [];
  if (a.assumed) {
    const taken = [
      ...a.assumed.toolNames,
      ...(a.assumed.category !== null && a.assumed.category === a.category && a.categoryLabel ? [a.categoryLabel] : []),
      ...evidence.filter((e) => e.source === 'previous').map((e) => e.label),
    ];
    if (taken.length > 0) out.push(['followUp', `${p.ui.followUp}: ${taken.join('; ')}`]);
  }
  const model = evidence.filter((e) => e.source === 'model').map((e) => e.label);
  if (model.length > 0) out.push(['model', `${p.ui.modelContexts}: ${model.join('; ')}`]);
  return out;
}

/** "Berücksichtigt: vertrauliche Gespräche (Ihre Worte: „vertraulich“)". */
function consideredSection(a: AnswerLike, p: Phrases): Section | null {
  if (a.contextLabels.length === 0) return null;
  const byLabel = new Map((a.evidence ?? []).map((e) => [e.label, e]));
  const items = a.contextLabels.map((label) => {
    const e = byLabel.get(label);
    const words = e && e.source === 'question' ? e.words.filter((w) => w.toLocaleLowerCase() !== label.toLocaleLowerCase()) : [];
    const yours = words.length > 0 ? p.ui.yourWords(words.map(p.ui.quote).join(', ')) : '';
    // A label that ends in its own brackets ("… (Art. 9 DSGVO)") takes the words inside them.
    const text = !yours ? label : label.endsWith(')') ? `${label.slice(0, -1)}; ${yours})` : `${label} (${yours})`;
    return { label, words, text };
  });
  return { kind: 'considered', label: p.ui.contexts, items };
}

function list(role: Extract<Section, { kind: 'list' }>['role'], label: string, items: LayoutItem[], p: Phrases, max = MAX_LIST_ITEMS): Section {
  const shown = items.slice(0, max);
  if (items.length > max) shown.push({ text: p.ui.moreItems(items.length - max) });
  return { kind: 'list', role, label, items: shown };
}

function alternativeItem(x: AnswerAlternative, p: Phrases): LayoutItem {
  return { text: x.name, verdict: x.verdict, verdictLabel: p.verdict[x.verdict] };
}

function sourceItem(s: AnswerSource, lang: Language): LayoutItem {
  const url = linkUrl(s.url);
  return { text: s.title, ...(url ? { url } : {}), ...(s.date ? { date: s.date, dateText: formatDate(s.date, lang) } : {}) };
}

/**
 * What every tool of a comparison would say alike, said once after the tools instead: the sources all
 * of them cite, and the alternatives all of those with alternatives offer (when two or more do).
 */
interface Shared {
  sources: ReadonlySet<string>;
  alternatives: ReadonlySet<string>;
  /** The tools whose alternatives are shared, and the first one's list (for the order). */
  alternativesOf: { tools: string[]; alternatives: AnswerAlternative[] };
}

const NOTHING_SHARED: Shared = { sources: new Set(), alternatives: new Set(), alternativesOf: { tools: [], alternatives: [] } };

const sourceKey = (s: AnswerSource) => `${s.title}\u0000${s.url ?? ''}\u0000${s.date ?? ''}`;

function common(lists: string[][]): Set<string> {
  const [first, ...rest] = lists.map((l) => new Set(l));
  return new Set([...(first ?? [])].filter((k) => rest.every((s) => s.has(k))));
}

function sharedByTools(tools: readonly AnswerTool[]): Shared {
  if (tools.length < 2) return NOTHING_SHARED;
  const withAlternatives = tools.filter((t) => t.alternatives.length > 0);
  const alternatives = withAlternatives.length >= 2 ? common(withAlternatives.map((t) => t.alternatives.map((x) => x.id))) : new Set<string>();
  return {
    sources: common(tools.map((t) => t.sources.map(sourceKey))),
    alternatives,
    alternativesOf: { tools: withAlternatives.map((t) => t.name), alternatives: withAlternatives[0]?.alternatives ?? [] },
  };
}

/** "Zoom und Microsoft 365", "A, B and C": the language's own list format. */
function names(list: readonly string[], lang: Language, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(lang, { style: 'long', type }).format(list);
}

function toolSection(t: AnswerTool, lang: Language, p: Phrases, o: { own: boolean; brief: boolean; shared: Shared }): Section {
  const s: Section[] = [];
  const full = !o.brief;
  if (t.decision && full) {
    const label = t.decision.date ? p.ui.decisionOf(formatDate(t.decision.date, lang)) : p.ui.decision;
    s.push({ kind: 'fact', role: 'decision', label, text: t.decision.text, ...(t.decision.source ? { source: sourceItem(t.decision.source, lang), sourceLabel: p.notice.source } : {}) });
  }
  if (t.summary && full) s.push({ kind: 'fact', role: 'summary', label: '', text: t.summary });
  const max = o.brief ? MAX_BRIEF_DETAILS : MAX_LIST_ITEMS;
  const items = (texts: string[]) => texts.map((text) => ({ text }));
  if (t.confirm) s.push(...confirmSections(t.confirm, p, lang));
  if (t.conditions.length > 0) s.push(list('conditions', p.ui.conditions, items(t.conditions), p, max));
  if (t.confirm) s.push({ kind: 'note', role: 'confirm', text: p.ui.confirmHow, warning: false, prominent: true });
  if (t.reasons.length > 0) {
    // A restricted tool is not allowed because of its own restrictions: shown as restrictions.
    const violated = t.status === 'restricted' && t.verdict === 'not_allowed';
    // The recorded decision replaces the generic reason of a prohibited or pending tool.
    if (violated) s.push(list('restrictions', p.ui.restrictions, items(t.reasons), p, max));
    else if (!(t.decision && full)) s.push(list('reasons', p.ui.reasons, items(t.reasons), p, max));
  }
  if (t.unruledContexts && t.unruledContexts.length > 0) {
    s.push({ kind: 'note', role: 'noRule', text: `${p.ui.noRule(t.name, t.unruledContexts.join(', '))} ${p.ui.noRuleAsk}`, warning: true, prominent: false });
  }
  if (full && (t.verdict === 'pending' || t.verdict === 'not_allowed') && t.assessment.length > 0) {
    s.push({
      kind: 'steps',
      label: p.ui.assessment,
      items: t.assessment.map((x) => ({
        label: x.label,
        state: x.state,
        stateLabel: x.stateLabel,
        ...(x.date ? { date: x.date, dateText: formatDate(x.date, lang) } : {}),
        ...(x.note ? { note: x.note } : {}),
      })),
    });
  }
  if (full && t.verdict === 'pending' && t.decisionExpected) s.push({ kind: 'fact', role: 'decisionExpected', label: p.ui.decisionExpected, text: t.decisionExpected });
  const alternatives = t.alternatives.filter((x) => !o.shared.alternatives.has(x.id));
  if (full && alternatives.length > 0) s.push(list('alternatives', p.ui.alternatives, alternatives.map((x) => alternativeItem(x, p)), p));
  const sources = t.sources.filter((x) => !o.shared.sources.has(sourceKey(x)));
  if (full && sources.length > 0) s.push(list('sources', p.ui.sources, sources.map((x) => sourceItem(x, lang)), p));
  if (full) s.push({ kind: 'fact', role: 'updated', label: p.ui.updated, text: formatDate(t.updated, lang) });
  if (t.reviewOverdue && t.reviewDue) {
    const due = formatDate(t.reviewDue, lang);
    s.push({ kind: 'warning', role: 'stale', text: o.own ? p.ui.reviewOverdueOf(t.name, due) : p.ui.reviewOverdue(due) });
  }
  return {
    kind: 'tool',
    id: t.id,
    name: t.name,
    ...(t.vendor ? { vendor: t.vendor } : {}),
    verdict: t.verdict,
    verdictLabel: p.verdict[t.verdict],
    statusLabel: p.status[t.status],
    own: o.own,
    brief: o.brief,
    sections: s,
  };
}

/** Verdict confirm: the yes/no questions and what each answer leads to. */
function confirmSections(c: ConfirmQuestion, p: Phrases, lang: Language): Section[] {
  const alternatives = names(c.ifYes.alternatives.map((x) => x.name), lang, 'disjunction');
  return [
    { kind: 'list', role: 'questions', label: p.ui.confirmIntro, items: c.contexts.map((x) => ({ text: p.ui.confirmQuestion(x.label) })) },
    { kind: 'note', role: 'confirm', text: p.ui.confirmIfYes(alternatives), warning: false, prominent: true },
    { kind: 'note', role: 'confirm', text: p.ui.confirmIfNo, warning: false, prominent: true },
  ];
}

/** "Jitsi (Freigegeben)", "Brief (26.03.2021)": an item as one line of text, without its URL. */
export function itemText(i: LayoutItem): string {
  return `${i.text}${i.verdictLabel ? ` (${i.verdictLabel})` : ''}${i.dateText ? ` (${i.dateText})` : ''}`;
}
