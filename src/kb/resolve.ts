// Finds the tool a command means (admin, subscribe): by id, name or alias, compared the way
// questions are (case, umlauts and punctuation folded), so `admin status "Zoom Meetings" …` and
// `admin status zoom …` agree; and how close a typed name is to known ones, for "did you mean".
import damerau from 'damerau-levenshtein';
import type { KnowledgeBase } from './model.js';
import type { ToolEntry } from './schema.js';
import { phrase } from '../text/normalize.js';

export const key = (text: string): string => phrase(text).join(' ');

/** 0.5 when one contains the other (a part of a name), else the edit distance of the closest name. */
export function closeness(wanted: string, names: readonly string[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const n of names.map(key)) {
    if (n === '') continue;
    const score = wanted.length >= 3 && (n.includes(wanted) || wanted.includes(n)) ? 0.5 : damerau(wanted, n).steps;
    best = Math.min(best, score);
  }
  return best;
}

export function resolveTool(kb: KnowledgeBase, ref: string): ToolEntry | undefined {
  const trimmed = ref.trim();
  const byId = kb.tools.get(trimmed) ?? kb.tools.get(trimmed.toLowerCase());
  if (byId) return byId;
  const wanted = key(trimmed);
  if (wanted === '') return undefined;
  for (const tool of kb.tools.values()) {
    if (key(tool.id) === wanted || key(tool.name) === wanted || tool.aliases.some((a) => key(a) === wanted)) return tool;
  }
  return undefined;
}

/** Tool ids close to `ref` (a typo, a part of the name), best first; for "did you mean". */
export function suggestTools(kb: KnowledgeBase, ref: string, limit = 3): string[] {
  const wanted = key(ref);
  if (wanted === '') return [];
  const scored: { id: string; score: number }[] = [];
  for (const tool of kb.tools.values()) {
    const best = closeness(wanted, [tool.id, tool.name, ...tool.aliases]);
    if (best <= Math.max(1, Math.floor(wanted.length / 4))) scored.push({ id: tool.id, score: best });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}
