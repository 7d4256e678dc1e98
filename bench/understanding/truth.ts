// The expected answer, derived from a message's labels and its knowledge base by the verdict table
// of the knowledge-base format. Written here on purpose, apart from src/engine/verdict.ts: the bench
// must not share the code it measures.
import type { KnowledgeBase } from '../../src/kb/model.js';
import type { ToolEntry } from '../../src/kb/schema.js';
import type { Truth } from './set.js';

export type ExpectedToolVerdict = 'allowed' | 'conditional' | 'not_allowed' | 'pending';
export type ExpectedVerdict = ExpectedToolVerdict | 'unknown' | 'unclear' | 'list';

export interface Expected {
  verdict: ExpectedVerdict;
  /** Every tool the answer should carry, with its verdict (a category's tools for a category list). */
  tools: Map<string, ExpectedToolVerdict>;
  unknownTool: string | null;
  /** Set only for a category list (the one case where the answer's category is compared). */
  category: string | null;
}

/** approved → allowed; restricted → conditional unless a stated context is forbidden; pending; prohibited → not_allowed. */
export function expectedToolVerdict(tool: ToolEntry, contexts: readonly string[]): ExpectedToolVerdict {
  if (tool.status === 'approved') return 'allowed';
  if (tool.status === 'pending') return 'pending';
  if (tool.status === 'prohibited') return 'not_allowed';
  const stated = new Set(contexts);
  for (const r of tool.restrictions) {
    for (const c of r.forbidden_contexts) if (stated.has(c)) return 'not_allowed';
  }
  return 'conditional';
}

/** One tool → its verdict; several tools, or a tool and an unknown → list; unknown only → unknown; category only → list; nothing → unclear. */
export function expectedAnswer(kb: KnowledgeBase, truth: Truth): Expected {
  const tools = new Map<string, ExpectedToolVerdict>();
  const toolOf = (id: string): ToolEntry => {
    const t = kb.tools.get(id);
    if (!t) throw new Error(`label names tool "${id}", which the knowledge base ${kb.dir} does not have`);
    return t;
  };
  if (truth.tools.length > 0) {
    for (const id of truth.tools) tools.set(id, expectedToolVerdict(toolOf(id), truth.contexts));
    const single = tools.size === 1 && truth.unknownTool === null;
    const verdict: ExpectedVerdict = single ? ([...tools.values()][0] as ExpectedToolVerdict) : 'list';
    return { verdict, tools, unknownTool: truth.unknownTool, category: null };
  }
  if (truth.unknownTool !== null) return { verdict: 'unknown', tools, unknownTool: truth.unknownTool, category: null };
  if (truth.category !== null) {
    for (const t of kb.tools.values()) {
      if (t.category === truth.category) tools.set(t.id, expectedToolVerdict(t, truth.contexts));
    }
    return { verdict: 'list', tools, unknownTool: null, category: truth.category };
  }
  return { verdict: 'unclear', tools, unknownTool: null, category: null };
}

const APPROVAL_RANK: Record<string, number> = { allowed: 2, conditional: 1 };

/**
 * A false approval: the answer gives a tool "allowed" or "conditional" where the truth for that tool
 * is worse (not allowed, pending, or the tool is not what the message is about at all), or
 * "allowed" where the truth is "conditional".
 */
export function isFalseApproval(answered: string, truth: ExpectedToolVerdict | undefined): boolean {
  const given = APPROVAL_RANK[answered] ?? 0;
  if (given === 0) return false;
  return given > (truth === undefined ? 0 : (APPROVAL_RANK[truth] ?? 0));
}
