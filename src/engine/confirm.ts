// The confirm verdict (issue 18): ask before approving. A restricted tool whose answer would be
// conditional is asked about instead when the question has words the engine could not account for
// (account.ts) and not every situation its restrictions forbid is ruled out. The question names
// those situations and what each answer leads to; a typed or clicked yes/no (confirm-reply.ts)
// resolves it to not_allowed or conditional. "Darf ich Zoom nutzen?" has no such words and stays
// conditional; approved, pending and prohibited tools are never asked about.
import type { AnswerTool, ConfirmQuestion } from '../model/answer.js';
import { localize } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import type { Language } from '../model/language.js';
import type { KbIndex } from './kb-index.js';
import type { Understanding } from './understand.js';
import { unexplainedBear } from './participant-words.js';
import { alternativesFor } from './verdict.js';

/** The forbidden situations of a restricted tool the question has not ruled out, in the entry's order. */
export function openForbidden(tool: ToolEntry, ruledOut: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of tool.restrictions) for (const c of r.forbidden_contexts) if (!ruledOut.includes(c) && !out.includes(c)) out.push(c);
  return out;
}

/** The answered tool, asked about where the rule above says so; otherwise unchanged. */
export function withConfirm(index: KbIndex, tool: ToolEntry, answered: AnswerTool, u: Understanding, lang: Language): AnswerTool {
  if (tool.status !== 'restricted' || answered.verdict !== 'conditional' || u.confirmReply) return answered;
  const open = openForbidden(tool, u.negatedContexts);
  if (open.length === 0) return answered;
  // A follow-up of a question asked about keeps asking (follow-up.ts); person words alone ("guests")
  // bear only on who takes part and personal data (participant-words.ts).
  if (!u.previousUnexplained && !unexplainedBear(open, u.unexplained ?? [], u.unexplainedScopes, u.unexplainedTold)) return answered;
  const confirm: ConfirmQuestion = {
    contexts: open.map((id) => ({ id, label: localize(index.kb.contexts.get(id)?.label ?? id, lang) })),
    ifYes: { verdict: 'not_allowed', alternatives: alternativesFor(index, tool, null, [...u.contexts, ...open]) },
    ifNo: { verdict: 'conditional', conditions: answered.conditions },
  };
  return { ...answered, verdict: 'confirm', confirm };
}
