// The verdict table of the format contract, and the answer parts built from it: one tool judged
// for the stated contexts, its allowed alternatives, and the tools of a category, allowed first.
import type { AnswerAlternative, AnswerSource, AnswerStep, AnswerTool, ToolVerdict } from '../model/answer.js';
import { localize } from '../kb/model.js';
import { phrases } from '../phrases/index.js';
import { decisionExpectedText } from '../kb/when.js';
import { type Restriction, type ToolEntry } from '../kb/schema.js';
import { ASSESSMENT_STEPS } from '../model/status.js';
import { type Language } from '../model/language.js';
import type { KbIndex } from './kb-index.js';

export interface Judgement {
  verdict: ToolVerdict;
  conditions: string[];
  reasons: string[];
}

/** The restriction forbids one of the stated contexts (the verdict table's not_allowed row). */
function forbids(restriction: Restriction, contexts: readonly string[]): boolean {
  return restriction.forbidden_contexts.some((c) => contexts.includes(c));
}

export function judge(tool: ToolEntry, contexts: readonly string[], lang: Language): Judgement {
  switch (tool.status) {
    case 'approved':
      return { verdict: 'allowed', conditions: [], reasons: [] };
    case 'prohibited':
      return { verdict: 'not_allowed', conditions: [], reasons: [prohibitedReason(lang)] };
    case 'pending':
      return { verdict: 'pending', conditions: [], reasons: [pendingReason(lang)] };
    case 'restricted': {
      const violated = tool.restrictions.filter((r) => forbids(r, contexts));
      if (violated.length > 0) return { verdict: 'not_allowed', conditions: [], reasons: violated.map((r) => localize(r.text, lang)) };
      return { verdict: 'conditional', conditions: tool.restrictions.map((r) => localize(r.text, lang)), reasons: [] };
    }
  }
}

function prohibitedReason(lang: Language): string {
  return phrases(lang).reason.prohibited;
}

function pendingReason(lang: Language): string {
  return phrases(lang).reason.pending;
}

/**
 * Stated contexts a restricted tool's entry says nothing about: no restriction forbids them and the
 * entry does not list them as assessed. The answer names them (issue 11) instead of staying silent;
 * the verdict is not changed by them.
 */
function unruledContexts(tool: ToolEntry, contexts: readonly string[]): string[] {
  if (tool.status !== 'restricted' || contexts.length === 0) return [];
  return contexts.filter((c) => !tool.restrictions.some((r) => r.forbidden_contexts.includes(c)) && !(tool.assessed_contexts ?? []).includes(c));
}

const MAX_ALTERNATIVES = 5;

/** The tool's verdict for the contexts, without building any text (for lists and alternatives). */
export function verdictOf(tool: ToolEntry, contexts: readonly string[]): ToolVerdict {
  switch (tool.status) {
    case 'approved':
      return 'allowed';
    case 'prohibited':
      return 'not_allowed';
    case 'pending':
      return 'pending';
    case 'restricted':
      return tool.restrictions.some((r) => forbids(r, contexts)) ? 'not_allowed' : 'conditional';
  }
}

/** Allowed or conditional tools for the same contexts: the entry's own list first, then its category. */
export function alternativesFor(index: KbIndex, tool: ToolEntry | null, category: string | null, contexts: readonly string[]): AnswerAlternative[] {
  const out: AnswerAlternative[] = [];
  const seen = new Set<string>(tool ? [tool.id] : []);
  // Stops at MAX_ALTERNATIVES: a category may hold thousands of tools.
  const consider = (candidates: Iterable<ToolEntry | undefined>) => {
    for (const t of candidates) {
      if (out.length >= MAX_ALTERNATIVES) return;
      if (!t || seen.has(t.id)) continue;
      seen.add(t.id);
      const verdict = verdictOf(t, contexts);
      if (verdict === 'allowed' || verdict === 'conditional') out.push({ id: t.id, name: t.name, verdict });
    }
  };
  consider((tool?.alternatives ?? []).map((id) => index.kb.tools.get(id)));
  const groups = index.byCategory.get(tool?.category ?? category ?? '');
  if (groups && out.length === 0) {
    consider(groups.approved);
    consider(groups.restricted);
  }
  return out;
}

export const MAX_LISTED = 25;

/** Tools of a category with their verdicts, allowed first; stops after MAX_LISTED. */
export function listCategory(index: KbIndex, category: string, contexts: readonly string[]): { tools: ToolEntry[]; more: number } {
  const g = index.byCategory.get(category);
  if (!g) return { tools: [], more: 0 };
  const total = g.approved.length + g.restricted.length + g.pending.length + g.prohibited.length;
  const out: ToolEntry[] = [];
  const take = (list: ToolEntry[]) => {
    for (const t of list) if (out.length < MAX_LISTED) out.push(t);
  };
  take(g.approved);
  const restrictedOk: ToolEntry[] = [];
  const restrictedNo: ToolEntry[] = [];
  for (const t of g.restricted) {
    if (out.length + restrictedOk.length >= MAX_LISTED) break;
    (verdictOf(t, contexts) === 'conditional' ? restrictedOk : restrictedNo).push(t);
  }
  take(restrictedOk);
  take(g.pending);
  take(restrictedNo);
  take(g.prohibited);
  return { tools: out, more: total - out.length };
}

export function answerTool(index: KbIndex, tool: ToolEntry, contexts: readonly string[], lang: Language, now: Date, withAlternatives: boolean): AnswerTool {
  const m = phrases(lang);
  const j = judge(tool, contexts, lang);
  const assessment: AnswerStep[] = [];
  for (const step of ASSESSMENT_STEPS) {
    const entry = tool.assessment[step];
    if (!entry) continue;
    assessment.push({
      step,
      label: m.step[step],
      state: entry.state,
      stateLabel: m.state[entry.state],
      ...(entry.date ? { date: entry.date } : {}),
      ...(entry.note ? { note: localize(entry.note, lang) } : {}),
    });
  }
  const today = now.toISOString().slice(0, 10);
  // The decision is shown only while the tool still has the status it was recorded for.
  const d = tool.decision;
  const decision =
    d && (d.status === undefined || d.status === tool.status)
      ? { text: localize(d.text, lang), ...(d.date ? { date: d.date } : {}), ...(d.source ? { source: toAnswerSource(d.source) } : {}) }
      : undefined;
  const unruled = j.verdict === 'conditional' ? unruledContexts(tool, contexts) : [];
  const notAllowed = j.verdict === 'not_allowed' || j.verdict === 'pending';
  return {
    id: tool.id,
    name: tool.name,
    status: tool.status,
    verdict: j.verdict,
    conditions: j.conditions,
    reasons: j.reasons,
    ...(tool.vendor ? { vendor: tool.vendor } : {}),
    category: tool.category ?? null,
    ...(tool.summary ? { summary: localize(tool.summary, lang) } : {}),
    assessment,
    ...(tool.decision_expected !== undefined ? { decisionExpected: decisionExpectedText(tool.decision_expected, lang) } : {}),
    alternatives: withAlternatives && notAllowed ? alternativesFor(index, tool, null, contexts) : [],
    sources: tool.sources.map(toAnswerSource),
    updated: tool.updated,
    ...(tool.review_due ? { reviewDue: tool.review_due } : {}),
    reviewOverdue: tool.review_due !== undefined && tool.review_due < today,
    ...(decision ? { decision } : {}),
    ...(unruled.length > 0 ? { unruledContexts: unruled.map((id) => localize(index.kb.contexts.get(id)?.label ?? id, lang)) } : {}),
  };
}

export function toAnswerSource(s: { title: string; date?: string; url?: string }): AnswerSource {
  return { title: s.title, date: s.date ?? null, ...(s.url ? { url: s.url } : {}) };
}
