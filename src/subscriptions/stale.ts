// Buttons the bot offered earlier can outlive what they name: a "Notify me" button for a tool that
// has since left the catalogue must say so plainly and show what the catalogue holds now, instead
// of the "I know neither a tool nor a category called …" reply meant for typed text.
import type { KnowledgeBase } from '../kb/model.js';
import { categoryLabels, localize } from '../kb/model.js';

export { categoryLabels } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';

/** Most names listed in the reply; the rest is counted. */
const MAX_LISTED = 15;

/** True when `id` is a tool or category of the current catalogue. */
export function topicExists(kb: KnowledgeBase, id: string): boolean {
  return kb.tools.has(id) || kb.categories.has(id);
}

/** Names of tools seen in answers, so a removed tool can still be called by its name. Bounded. */
export class RecentToolNames {
  readonly #names = new Map<string, string>();
  constructor(readonly max = 2_000) {}

  remember(tools: readonly { id: string; name: string }[]): void {
    for (const t of tools) {
      this.#names.delete(t.id);
      this.#names.set(t.id, t.name);
      if (this.#names.size > this.max) this.#names.delete(this.#names.keys().next().value as string);
    }
  }

  nameOf(id: string): string | undefined {
    return this.#names.get(id);
  }
}

/** "Zoom ist nicht mehr im Katalog." plus the catalogue's current tools, in `lang`. */
export function staleTopicReply(kb: KnowledgeBase, id: string, lang: Language, knownName?: string): string {
  // Without a remembered name the id is all there is; ids are lower-case, names usually are not.
  const name = knownName ?? id.charAt(0).toUpperCase() + id.slice(1);
  const tools = [...kb.tools.values()].map((t) => t.name).sort((a, b) => a.localeCompare(b, lang));
  const say = phrases(lang).subscription;
  if (tools.length === 0) return say.staleTopicEmptyCatalogue(name);
  return say.staleTopic(name, tools.slice(0, MAX_LISTED).join(', '), Math.max(0, tools.length - MAX_LISTED));
}

