// The answer engine: question + knowledge base -> Answer. Pure (no I/O, no clock unless `now` is
// left out) and total: any string, however long, empty or binary, gives a valid Answer.
import type { Answer, AnswerContact, AnswerSource, AnswerTool, Verdict } from '../model/answer.js';
import { localize, type KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { lexicon } from '../text/lexicon.js';
import { cutAtWordBoundary, removeInvisible } from '../text/normalize.js';
import { buildIndex, type KbIndex } from './kb-index.js';
import { headlineFor, MAX_QUESTION_LENGTH, renderText } from './text.js';
import { applyFollowUp, type PreviousQuestion } from './follow-up.js';
import { understand, type Understanding } from './understand.js';
import { withImpliedContexts, withStatedAges, withVariantOfPrevious } from './implied-contexts.js'; // engine2 hook
import { alternativesFor, answerTool, listCategory } from './verdict.js';
import { matchedAlias } from '../layout/matched.js';
import { withConfirm } from './confirm.js';
import { resolveConfirmReply } from './confirm-reply.js';

export interface AnswerOptions {
  /** "Today" for review_due warnings; defaults to the current date. */
  now?: Date;
  /** The previous question of the same conversation, for follow-ups. */
  previous?: PreviousQuestion;
  /** Context ids the optional LLM found: only ever added to the engine's, never removing one. */
  extraContexts?: readonly string[];
  /** The language to answer in (the MCP tool's `language`); detected from the question when absent. */
  language?: Language;
}

export interface Engine {
  readonly kb: KnowledgeBase;
  answer(question: string, options?: AnswerOptions): Answer;
}

export function createEngine(kb: KnowledgeBase): Engine {
  // The dictionaries load once per process: at start, not on the first question.
  lexicon();
  const index = buildIndex(kb);
  return { kb, answer: (question, options) => answerQuestion(index, question, options) };
}

/**
 * Control characters (binary input) become spaces, invisible characters (zero-width, soft hyphen,
 * bidi marks, BOM) go; the question is cut at MAX_QUESTION_LENGTH, at a word boundary.
 */
function sanitize(question: string): { text: string; truncated: boolean } {
  const asString = typeof question === 'string' ? question : String(question ?? '');
  // eslint-disable-next-line no-control-regex
  const clean = removeInvisible(asString).replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g, ' ');
  if (clean.length <= MAX_QUESTION_LENGTH) return { text: clean.trim(), truncated: false };
  return { text: cutAtWordBoundary(clean, MAX_QUESTION_LENGTH).trim(), truncated: true };
}

export function answerQuestion(index: KbIndex, question: string, options: AnswerOptions = {}): Answer {
  const kb = index.kb;
  const now = options.now ?? new Date();
  const { text: clean, truncated } = sanitize(question);
  // engine2 hook: ages stated in the question (ages.ts); a follow-up naming a variant of the previous tool (name-variants.ts).
  const read = withVariantOfPrevious(index, withStatedAges(index, understand(index, clean, kb.organization.default_language), clean), clean, options.previous);
  // A typed yes/no to the previous answer's confirm question resolves it (confirm-reply.ts).
  const { understanding: followed, assumed } = resolveConfirmReply(read, clean, options.previous) ?? applyFollowUp(read, clean, options.previous);
  // engine2 hook: contexts implied by others (implied-contexts.ts).
  const u = withImpliedContexts(index, withExtraContexts(index, followed, options.extraContexts));
  const lang = options.language ?? u.language;

  let verdict: Verdict;
  let tools: AnswerTool[] = [];
  let category: string | null = null;
  let alternatives: Answer['alternatives'] = [];
  let more = 0;
  const known = u.toolIds.map((id) => kb.tools.get(id)).filter((t) => t !== undefined);
  if (known.length > 0) {
    const several = known.length > 1 || u.unknownTool !== null;
    tools = known.map((t) => {
      const answered = withConfirm(index, t, answerTool(index, t, u.contexts, lang, now, true), u, lang);
      const as = matchedAlias(t, clean);
      return as === undefined ? answered : { ...answered, matchedAs: as };
    });
    verdict = several ? 'list' : (tools[0] as AnswerTool).verdict;
  } else if (u.unknownTool !== null) {
    verdict = 'unknown';
    category = u.category;
    alternatives = category ? alternativesFor(index, null, category, u.contexts) : [];
  } else if (u.category !== null) {
    verdict = 'list';
    category = u.category;
    const listed = listCategory(index, category, u.contexts);
    tools = listed.tools.map((t) => withConfirm(index, t, answerTool(index, t, u.contexts, lang, now, false), u, lang));
    more = listed.more;
  } else {
    verdict = 'unclear';
  }

  const partial: Omit<Answer, 'text' | 'headline'> = {
    question: typeof question === 'string' ? question : String(question),
    language: lang,
    verdict,
    tools,
    contexts: u.contexts,
    category,
    unknownTool: u.unknownTool,
    sources: collectSources(tools),
    contextLabels: u.contexts.map((id) => localize(kb.contexts.get(id)?.label ?? id, lang)),
    categoryLabel: category ? localize(kb.categories.get(category)?.label ?? category, lang) : null,
    alternatives,
    contact: contactFor(kb, verdict, lang),
    truncated,
    kbVersion: kb.version,
    evidence: u.contexts.map((id) => ({
      id,
      label: localize(kb.contexts.get(id)?.label ?? id, lang),
      words: u.contextWords?.[id] ?? [],
      source: u.contextSources?.[id] ?? 'question',
    })),
    assumed,
    ...(more > 0 ? { moreTools: more } : {}),
    ...askOf(tools),
    ...(u.unexplained && u.unexplained.length > 0 ? { unexplained: u.unexplained } : {}),
  };
  const withHeadline = { ...partial, headline: headlineFor(partial) };
  return withLazyText(withHeadline);
}

/**
 * The answer with its plain text rendered (from the layout) when first read, not while answering:
 * the Slack, Teams and web renderers never read it on their main path, and a copy (`{ ...answer }`,
 * JSON) reads it once. It reads and writes like a plain field.
 */
function withLazyText(a: Omit<Answer, 'text'>): Answer {
  let text: string | undefined;
  return Object.defineProperty(a, 'text', {
    get: () => (text ??= renderText(a)),
    set: (value: string) => {
      text = value;
    },
    enumerable: true,
    configurable: true,
  }) as Answer;
}

/** Adds the model's context ids that the knowledge base knows; never removes one. */
function withExtraContexts(index: KbIndex, u: Understanding, extra: readonly string[] | undefined): Understanding {
  const added = (extra ?? []).filter((id, i, all) => index.kb.contexts.has(id) && !u.contexts.includes(id) && all.indexOf(id) === i);
  if (added.length === 0) return u;
  const contextSources = { ...u.contextSources };
  for (const id of added) contextSources[id] = 'model';
  return { ...u, contexts: [...u.contexts, ...added], negatedContexts: u.negatedContexts.filter((c) => !added.includes(c)), contextSources };
}

/** The context ids the confirm tools ask about, each once (absent when none asks). */
function askOf(tools: readonly AnswerTool[]): { ask?: string[] } {
  const ask: string[] = [];
  for (const t of tools) for (const c of t.confirm?.contexts ?? []) if (!ask.includes(c.id)) ask.push(c.id);
  return ask.length > 0 ? { ask } : {};
}

function collectSources(tools: readonly AnswerTool[]): AnswerSource[] {
  const seen = new Set<string>();
  const out: AnswerSource[] = [];
  for (const t of tools) {
    for (const s of t.sources) {
      const key = `${s.title}\u0000${s.date}\u0000${s.url ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** The requests contact for unknown tools and unclear questions, else the data-protection contact. */
function contactFor(kb: KnowledgeBase, verdict: Verdict, lang: Language): AnswerContact | null {
  const contacts = kb.organization.contacts;
  const c = verdict === 'unknown' || verdict === 'unclear' ? (contacts.requests ?? contacts.data_protection) : (contacts.data_protection ?? contacts.requests);
  if (!c) return null;
  const text = [localize(c.name, lang), localize(c.text, lang)].filter(Boolean).join(': ') || kb.organization.name;
  return { text, ...(c.url ? { url: c.url } : {}), ...(c.email ? { email: c.email } : {}) };
}
