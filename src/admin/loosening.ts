// Which edits of the knowledge base can turn a "no" into a "yes" (loosening) and which cannot
// (tightening or neutral). Four eyes (four-eyes.ts) holds back only the loosening ones; the
// hand-edit watcher tells the admins about them; an import calls `classifyEdit` for each entry it
// would write. One place for the rule: docs/knowledge-format.md lists each kind in a table.
//
// The rule compares entries, not commands, so every way of making a change (chat, CLI, web, an
// import, a hand edit) is judged the same.
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import type { ToolStatus } from '../model/status.js';
import { lexicon } from '../text/lexicon.js';
import type { LooseningKind } from '../model/admin-command.js';

export type { LooseningKind };

export interface Loosening {
  kind: LooseningKind;
  toolId: string;
  /** What exactly: the restriction id, the context, the alias, the step, the new status. */
  detail: string;
}

export interface EditClass {
  /** True when at least one part of the edit can turn a "no" into a "yes": it waits for a second admin. */
  loosening: boolean;
  loosenings: Loosening[];
}

/** How permissive a status is: a higher rank answers "yes" to more questions. */
const STATUS_RANK: Record<ToolStatus, number> = { prohibited: 0, pending: 1, restricted: 2, approved: 3 };

/** Is `word` (a name or alias) an ordinary word of German or English? Every word of a phrase must be one. */
export type CommonWordTest = (alias: string) => boolean;

export const isCommonWordAlias: CommonWordTest = (alias) => {
  const words = alias.split(/[\s-]+/).filter((w) => w !== '');
  const lex = lexicon();
  return words.length > 0 && words.every((w) => /^\p{L}+$/u.test(w) && lex.isCommonEither(w));
};

function namesOf(tool: ToolEntry | undefined): Set<string> {
  if (!tool) return new Set();
  return new Set([tool.name, ...tool.aliases].map((n) => n.toLocaleLowerCase('de')));
}

/**
 * Classifies the edit of one tool entry: `before` undefined for a new tool, `after` undefined for a
 * removed one (a removed tool is answered as unknown, which never approves: not loosening).
 */
export function classifyEdit(before: ToolEntry | undefined, after: ToolEntry | undefined, isCommon: CommonWordTest = isCommonWordAlias): EditClass {
  const out: Loosening[] = [];
  if (after) {
    const toolId = after.id;
    const add = (kind: LooseningKind, detail: string) => out.push({ kind, toolId, detail });
    if (!before) {
      if (after.status === 'approved' || after.status === 'restricted') add('tool_added', after.status);
    } else {
      if (STATUS_RANK[after.status] > STATUS_RANK[before.status]) add('status', `${before.status} → ${after.status}`);
      for (const r of before.restrictions) {
        const now = after.restrictions.find((x) => x.id === r.id);
        if (!now) add('restriction_removed', r.id);
        else for (const c of r.forbidden_contexts) if (!now.forbidden_contexts.includes(c)) add('forbidden_context_removed', `${r.id}: ${c}`);
      }
      const assessed = new Set(before.assessed_contexts);
      for (const c of after.assessed_contexts) if (!assessed.has(c)) add('assessed_context_added', c);
      for (const [step, entry] of Object.entries(before.assessment)) {
        const next = after.assessment[step as keyof ToolEntry['assessment']];
        if (entry?.state === 'concerns' && next?.state !== 'concerns') add('concerns_lifted', `${step}: ${next?.state ?? '-'}`);
      }
    }
    const known = namesOf(before);
    for (const alias of [after.name, ...after.aliases]) {
      if (!known.has(alias.toLocaleLowerCase('de')) && isCommon(alias)) add('common_word_alias', alias);
    }
  }
  return { loosening: out.length > 0, loosenings: out };
}

/** Classifies every entry that differs between two knowledge bases (a hand edit, an import, a dry run). */
export function classifyKnowledgeBaseEdit(previous: KnowledgeBase | null | undefined, next: KnowledgeBase, isCommon: CommonWordTest = isCommonWordAlias): EditClass {
  if (!previous) return { loosening: false, loosenings: [] };
  const ids = [...new Set([...previous.tools.keys(), ...next.tools.keys()])].sort();
  const loosenings = ids.flatMap((id) => {
    const before = previous.tools.get(id);
    const after = next.tools.get(id);
    return before === after ? [] : classifyEdit(before, after, isCommon).loosenings;
  });
  return { loosening: loosenings.length > 0, loosenings };
}
