// Warnings about a valid knowledge base: things an editor should fix but the bot can live with.
// `kb validate` prints them. A summary that reads as if written for another status (after
// `kb status zoom prohibited` the summary still says "im Einsatz") is one of them; the admin
// commands can call summaryMismatch() when a status changes.
import { z } from 'zod';
import { lexiconData } from '../text/lexicon-file.js';
import { parseLegacyDecisionExpected } from './when.js';
import { KB_PHRASES, said } from './issues.js';
import { issueMessage, type KbText } from '../model/file-issue.js';
import { localize, type KnowledgeBase } from './model.js';
import type { Language } from '../model/language.js';
import { isIsoDate, QUARTER, type ToolEntry } from './schema.js';
import { TOOL_STATUSES, type ToolStatus } from '../model/status.js';
import { LANGUAGES } from '../model/language.js';

export interface KbWarning {
  file: string;
  path: (string | number)[];
  /** In English (see KbIssue). */
  message: string;
  text: KbText;
}

const WORDS = z.array(z.string().min(1));
/** lexicon/summary-status-words.yaml: per status, per language, the phrases a summary of that status must not use. */
export const StatusWordsFile = z.strictObject(
  Object.fromEntries(TOOL_STATUSES.map((status) => [status, z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, WORDS])) as Record<Language, typeof WORDS>)])) as Record<
    ToolStatus,
    z.ZodObject<Record<Language, typeof WORDS>>
  >,
);
type StatusWords = Record<ToolStatus, Record<Language, string[]>>;

const statusWords: () => StatusWords = lexiconData('summary-status-words.yaml', StatusWordsFile);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first phrase of the summary that belongs to another status than the tool's, or null. */
export function summaryMismatch(tool: Pick<ToolEntry, 'status' | 'summary'>): string | null {
  if (tool.summary === undefined) return null;
  for (const lang of LANGUAGES) {
    const text = localize(tool.summary, lang);
    for (const phrase of statusWords()[tool.status][lang]) {
      const re = new RegExp(`(?<!\\b(?:nicht|kein|keine|not|no)\\s)(?<![\\p{L}])${escape(phrase)}(?![\\p{L}])`, 'iu');
      if (re.test(text)) return phrase;
    }
  }
  return null;
}

function toolFile(id: string): string {
  return `tools/${id}.yaml`;
}

export function kbWarnings(kb: KnowledgeBase): KbWarning[] {
  const out: KbWarning[] = [];
  for (const tool of kb.tools.values()) {
    const file = toolFile(tool.id);
    const de = tool.decision_expected;
    if (typeof de === 'string' && !isIsoDate(de) && !QUARTER.test(de)) {
      const parsed = parseLegacyDecisionExpected(de);
      const notBefore = parsed && typeof parsed === 'object' ? parsed.not_before : undefined;
      out.push({ file, path: ['decision_expected'], ...said((p) => `${p.freeTextDecisionExpected}${notBefore ? p.hereNotBefore(notBefore) : ''}`) });
    }
    const phrase = summaryMismatch(tool);
    if (phrase) {
      out.push({ file, path: ['summary'], ...said((p) => p.summaryMismatch(phrase, tool.status)) });
    }
    const decided = tool.decision?.status;
    if (decided !== undefined && decided !== tool.status) {
      out.push({ file, path: ['decision', 'status'], ...said((p) => p.decisionForOtherStatus(decided, tool.status)) });
    }
    (tool.assessed_contexts ?? []).forEach((c, i) => {
      if (!kb.contexts.has(c)) out.push({ file, path: ['assessed_contexts', i], ...said((p) => p.unknownContext(c, [...kb.contexts.keys()].join(', '))) });
    });
  }
  return out;
}

export function formatWarning(w: KbWarning, lang: Language = 'en'): string {
  return `${w.file}${w.path.length ? ` (${w.path.join('.')})` : ''}: ${KB_PHRASES[lang].warning}: ${issueMessage(w, lang)}`;
}
