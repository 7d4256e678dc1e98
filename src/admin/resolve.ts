// Finds the tool an admin means: by id, name or alias, compared the way questions are (case,
// umlauts and punctuation folded), so `admin status "Zoom Meetings" …` and `admin status zoom …` agree.
import damerau from 'damerau-levenshtein';
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import { phrase } from '../text/normalize.js';

const key = (text: string): string => phrase(text).join(' ');

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
    const names = [tool.id, tool.name, ...tool.aliases].map(key);
    let best = Number.POSITIVE_INFINITY;
    for (const n of names) {
      if (n.includes(wanted) || wanted.includes(n)) best = Math.min(best, 0.5);
      else best = Math.min(best, damerau(wanted, n).steps);
    }
    if (best <= Math.max(1, Math.floor(wanted.length / 4))) scored.push({ id: tool.id, score: best });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}
