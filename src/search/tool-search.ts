// Looking tools up by what someone types into a search box (Teams' message extension): the text is
// read the way a question is (names, aliases, typos, the situation of a whole question), and each
// matching tool gets an answer of its own for that situation. No chat SDK here: adapters render
// the answers. Searching is not asking: nothing is reported to usage counts or follow-ups.
import type { Answer, AnswerTool } from '../model/answer.js';
import { headlineFor, renderText } from '../engine/text.js';
import type { KnowledgeBase } from '../kb/model.js';
import { fold, tokenize } from '../text/normalize.js';

/** What the search needs from the core (ComplianceCore has both). */
export interface ToolSearchSource {
  readonly knowledgeBase: KnowledgeBase;
  /** The engine's answer, not reported as a question asked. */
  preview(question: string): Answer;
}

export interface ToolSearchOptions {
  /** Most-asked tool ids, most asked first: shown for an empty search (else the catalogue). */
  popularToolIds?: readonly string[];
  /** Most results (default 10). */
  limit?: number;
}

export interface ToolSearchResult {
  /** The tool the answer is about; absent for an answer naming no catalogue tool (unknown tool). */
  toolId?: string;
  /** An answer about this tool alone, for the situation the search text states. */
  answer: Answer;
}

export const DEFAULT_SEARCH_LIMIT = 10;

/**
 * Results for `query`: an empty query lists the most-asked tools (or the catalogue by name); a
 * query the engine reads as naming tools gives those tools, each answered for the situation; a
 * beginning of a name or alias ("zo") gives the tools it starts; otherwise the engine's own answer
 * (a tool the catalogue does not know, or a request to name one) is the one result.
 */
export function searchTools(source: ToolSearchSource, query: string, options: ToolSearchOptions = {}): ToolSearchResult[] {
  const limit = Math.max(1, options.limit ?? DEFAULT_SEARCH_LIMIT);
  const kb = source.knowledgeBase;
  const text = query.trim();
  if (text === '') return initialTools(kb, options.popularToolIds ?? [], limit).map((id) => byName(source, kb, id));
  const answer = source.preview(text);
  if (answer.tools.length === 1 && answer.verdict !== 'list') return [{ toolId: (answer.tools[0] as AnswerTool).id, answer }];
  if (answer.tools.length > 0) return answer.tools.slice(0, limit).map((t) => ({ toolId: t.id, answer: narrowed(answer, t) }));
  const started = toolsStartedBy(kb, text).slice(0, limit);
  if (started.length > 0) return started.map((id) => byName(source, kb, id));
  return [{ answer }];
}

/** The most-asked tools still in the catalogue; without any, the catalogue by name. */
function initialTools(kb: KnowledgeBase, popular: readonly string[], limit: number): string[] {
  const asked = [...new Set(popular)].filter((id) => kb.tools.has(id));
  if (asked.length > 0) return asked.slice(0, limit);
  return [...kb.tools.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((t) => t.id);
}

/** The answer for a tool asked about by its name alone. */
function byName(source: ToolSearchSource, kb: KnowledgeBase, id: string): ToolSearchResult {
  const tool = kb.tools.get(id);
  const answer = source.preview(tool?.name ?? id);
  const own = answer.tools.find((t) => t.id === id);
  return { toolId: id, answer: own && answer.tools.length > 1 ? narrowed(answer, own) : answer };
}

/**
 * One tool of an answer about several, as an answer of its own: the tool's verdict for the same
 * situation (the engine judged each tool with the question's contexts), its own sources.
 */
function narrowed(answer: Answer, tool: AnswerTool): Answer {
  const { text: _text, headline: _headline, ...rest } = answer;
  const partial: Omit<Answer, 'text' | 'headline'> = {
    ...rest,
    verdict: tool.verdict,
    tools: [tool],
    category: null,
    categoryLabel: null,
    unknownTool: null,
    sources: tool.sources,
    alternatives: [],
  };
  delete (partial as { moreTools?: number }).moreTools;
  const withHeadline = { ...partial, headline: headlineFor(partial) };
  return { ...withHeadline, text: renderText(withHeadline) };
}

/** Tools whose name or an alias has a word starting with the (last) word typed: search as you type. */
function toolsStartedBy(kb: KnowledgeBase, query: string): string[] {
  const typed = tokenize(query).map((t) => t.norm);
  const last = typed.at(-1);
  if (last === undefined || last.length < 2) return [];
  const starts = (label: string) => tokenize(label).some((w) => w.norm.startsWith(last)) || fold(label).startsWith(fold(query));
  return [...kb.tools.values()]
    .filter((t) => [t.name, ...(t.aliases ?? [])].some(starts))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => t.id);
}
