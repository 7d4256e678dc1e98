// Finds what a subscription command names: a tool (id, name or alias), a category (id, label or
// synonym, German or English) or "all". Compared the way questions are: case, umlauts and
// punctuation folded, so "Videokonferenz", "video-conferencing" and "video conferencing" agree.
import type { KnowledgeBase } from '../kb/model.js';
import { localize } from '../kb/model.js';
import type { LocalizedText } from '../kb/schema.js';
import type { Language } from '../model/language.js';
import { closeness, key as fold, resolveTool } from '../kb/resolve.js';
import type { Topic } from '../storage/index.js';
import { phrases } from '../phrases/index.js';

const ALL_WORDS = new Set(['all', 'everything', 'all changes', 'alle', 'alles', 'alle anderungen']);

export type Resolved = { topic: Topic; name: string } | { topic: undefined; suggestions: string[] };

/** Names a person would recognise, for a topic, in `lang`. */
export function topicName(kb: KnowledgeBase, topic: Topic, lang: Language): string {
  if (topic.kind === 'all') return phrases(lang).subscription.allChanges;
  if (topic.kind === 'tool') return kb.tools.get(topic.id)?.name ?? topic.id;
  const label: LocalizedText | undefined = kb.categories.get(topic.id)?.label;
  return label !== undefined ? localize(label, lang) : topic.id;
}

export function resolveTopic(kb: KnowledgeBase, text: string, lang: Language): Resolved {
  const wanted = fold(text);
  if (ALL_WORDS.has(wanted)) return { topic: { kind: 'all' }, name: topicName(kb, { kind: 'all' }, lang) };
  const tool = resolveTool(kb, text);
  if (tool) return { topic: { kind: 'tool', id: tool.id }, name: tool.name };
  for (const cat of kb.categories.values()) {
    const names = [cat.id, ...labels(cat.label), ...cat.synonyms.de, ...cat.synonyms.en];
    if (names.some((n) => fold(n) === wanted)) {
      const topic: Topic = { kind: 'category', id: cat.id };
      return { topic, name: topicName(kb, topic, lang) };
    }
  }
  return { topic: undefined, suggestions: suggest(kb, wanted, lang) };
}

function labels(label: LocalizedText): string[] {
  return typeof label === 'string' ? [label] : [label.de, label.en].filter((l): l is string => l !== undefined);
}

/** Up to three tool or category names close to `wanted` (a typo, a part of a name), best first. */
function suggest(kb: KnowledgeBase, wanted: string, lang: Language): string[] {
  if (wanted === '') return [];
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  const scored: { name: string; score: number }[] = [];
  const consider = (display: string, names: string[]) => {
    const best = closeness(wanted, names);
    if (best <= limit) scored.push({ name: display, score: best });
  };
  for (const tool of kb.tools.values()) consider(tool.name, [tool.id, tool.name, ...tool.aliases]);
  for (const cat of kb.categories.values()) {
    consider(topicName(kb, { kind: 'category', id: cat.id }, lang), [cat.id, ...labels(cat.label), ...cat.synonyms[lang]]);
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((s) => s.name);
}
