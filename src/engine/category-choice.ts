// Which category a category phrase names when several share it ("whiteboard" is a built-in
// project-management word and a knowledge base's own "whiteboard" category): the knowledge base's
// own category before a built-in one, a category with tools before an empty one, and a category
// whose id is the phrase itself before others. Otherwise the first, as before.
import type { KbIndex } from './kb-index.js';

export function chooseCategory(index: KbIndex, ids: readonly string[]): string | null {
  if (ids.length <= 1) return ids[0] ?? null;
  const score = (id: string) => {
    const item = index.kb.categories.get(id);
    let s = 0;
    if (index.byCategory.has(id)) s += 4;
    if (item && !item.builtin) s += 2;
    return s;
  };
  let best = ids[0] as string;
  for (const id of ids) if (score(id) > score(best)) best = id;
  return best;
}
