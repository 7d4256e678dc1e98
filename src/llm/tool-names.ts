// Finds the tools a text names, by every name and alias of the knowledge base, with the same word
// folding as the engine (case, umlauts, "MS-Teams" = "ms teams"). Used to keep other tools out of the
// prompt and to catch an LLM text that talks about a tool the answer is not about.
import type { KnowledgeBase } from '../kb/model.js';
import { phrase, tokenize } from '../text/normalize.js';

/** One tool with every name a text may use for it (its name first, then its aliases). */
export interface ToolNames {
  id: string;
  names: readonly string[];
}

export interface ToolMention {
  toolId: string;
  /** Character range in the text. */
  start: number;
  end: number;
}

const namesCache = new WeakMap<KnowledgeBase, ToolNames[]>();

/** Names and aliases of every tool of the knowledge base (computed once per knowledge base). */
export function toolNamesOf(kb: KnowledgeBase): ToolNames[] {
  let names = namesCache.get(kb);
  if (!names) {
    names = [...kb.tools.values()].map((t) => ({ id: t.id, names: [t.name, ...t.aliases] }));
    namesCache.set(kb, names);
  }
  return names;
}

/** "Zoom (lizenzierte Version)" -> "Zoom": what a text usually calls a tool whose name has a remark. */
export function shortName(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
}

type NameIndex = Map<string, { toolId: string; words: string[] }[]>;
// Folding every name of a large knowledge base costs time: keep the index per list of names.
const indexCache = new WeakMap<readonly ToolNames[], NameIndex>();

function indexOf(tools: readonly ToolNames[]): NameIndex {
  const cached = indexCache.get(tools);
  if (cached) return cached;
  const byFirst: NameIndex = new Map();
  for (const tool of tools) {
    for (const name of tool.names) {
      const words = phrase(name);
      const first = words[0];
      if (first === undefined) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ toolId: tool.id, words });
      byFirst.set(first, list);
    }
  }
  // Longest name first; among equally long ones the order of the list stays (sort is stable).
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  indexCache.set(tools, byFirst);
  return byFirst;
}

/**
 * Every mention of a tool in `text`, the longest name winning at each position. `lists` are in
 * order of precedence: between names of the same length, the earlier list wins (callers put the
 * answer's tools first).
 */
export function findToolMentions(text: string, ...lists: readonly (readonly ToolNames[])[]): ToolMention[] {
  const indexes = lists.map(indexOf);
  const tokens = tokenize(text);
  const mentions: ToolMention[] = [];
  for (let i = 0; i < tokens.length; ) {
    let hit: { toolId: string; words: string[] } | undefined;
    for (const index of indexes) {
      const found = (index.get(tokens[i]!.norm) ?? []).find((c) => c.words.every((w, k) => tokens[i + k]?.norm === w));
      if (found && (!hit || found.words.length > hit.words.length)) hit = found;
    }
    if (!hit) {
      i++;
      continue;
    }
    const last = tokens[i + hit.words.length - 1]!;
    mentions.push({ toolId: hit.toolId, start: tokens[i]!.start, end: last.start + last.raw.length });
    i += hit.words.length;
  }
  return mentions;
}

/** Id under which the answer's unknown tool (not in the knowledge base) is listed. */
export const UNKNOWN_TOOL_ID = '?unknown';

/**
 * The tools an answer is about, its suggested alternatives and its unknown tool, to be given to
 * findToolMentions before the knowledge base's names so that they win: full names, then short names ("Zoom" for
 * "Zoom (lizenzierte Version)"): a short name refers to the answer's tool unless another tool of the
 * answer has exactly that name.
 */
export function answerToolNames(answer: {
  tools: readonly { id: string; name: string; alternatives: readonly { id: string; name: string }[] }[];
  alternatives?: readonly { id: string; name: string }[];
  unknownTool: string | null;
}): [full: ToolNames[], short: ToolNames[]] {
  const all: { id: string; name: string }[] = [
    ...answer.tools,
    ...answer.tools.flatMap((t) => t.alternatives),
    ...(answer.alternatives ?? []),
    ...(answer.unknownTool ? [{ id: UNKNOWN_TOOL_ID, name: answer.unknownTool }] : []),
  ];
  const full: ToolNames[] = [];
  const short: ToolNames[] = [];
  const seen = new Set<string>();
  for (const t of all) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    full.push({ id: t.id, names: [t.name] });
    const s = shortName(t.name);
    if (s !== t.name && s !== '') short.push({ id: t.id, names: [s] });
  }
  return [full, short];
}
