// Lends the terms of a topic (lexicon/topics.yaml: financial data, trade secrets ...) to the
// contexts a knowledge base defines itself about that topic, so "pay slips" count as the base's
// "financial_data" although its author listed only "payroll". Recognised by the words of the
// context's id, label and synonyms; built-in contexts are left alone (they have lexicon/contexts.yaml).
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from '../text/lexicon-data.js';
import { LexiconError } from '../errors.js';
import type { VocabularyItem } from '../kb/model.js';
import { lexiconFile } from '../text/lexicon-file.js';
import { fold, phrase } from '../text/normalize.js';

export interface Topic {
  name: string;
  recognise: string[];
  terms: { de: string[]; en: string[] };
}

export function parseTopics(text: string, file = 'lexicon/topics.yaml'): Topic[] {
  const data = parse(text) as { topics?: unknown } | null;
  if (!Array.isArray(data?.topics)) throw new LexiconError(file, 'expected "topics:", a list');
  return data.topics.map((t: unknown, i: number) => {
    const o = t as Record<string, unknown> | null;
    const strings = (v: unknown, what: string): string[] => {
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x.trim() === '')) throw new LexiconError(file, `topic ${i + 1}: "${what}" must be a non-empty list of words`);
      return v as string[];
    };
    if (typeof o?.name !== 'string') throw new LexiconError(file, `topic ${i + 1}: "name" is missing`);
    const terms = o.terms as Record<string, unknown> | undefined;
    return {
      name: o.name,
      recognise: strings(o.recognise, 'recognise').map((w) => phrase(w).join(' ')),
      terms: { de: strings(terms?.de, 'terms.de'), en: strings(terms?.en, 'terms.en') },
    };
  });
}

/** lexicon/topics.yaml, read on first use. */
export const topics: () => Topic[] = lexiconFile('topics.yaml', parseTopics);

/** Whether a context of the base is about the topic: a recognise word among its id, label or synonyms. */
function isAbout(item: VocabularyItem, topic: Topic): boolean {
  const label = typeof item.label === 'string' ? [item.label] : Object.values(item.label);
  const texts = [item.id.replace(/[-_]/g, ' '), ...label, ...item.synonyms.de, ...item.synonyms.en].map((t) => phrase(String(t)).join(' '));
  return texts.some((text) =>
    topic.recognise.some((r) => {
      if (r.includes(' ')) return ` ${text} `.includes(` ${r} `);
      return text.split(' ').some((w) => w === r || (r.length >= 5 && w.startsWith(r)));
    }),
  );
}

/** The base's contexts with topic terms added to its own contexts about a topic (a new map; the base is not changed). */
export function withTopicTerms(contexts: Map<string, VocabularyItem>, list: Topic[] = topics()): Map<string, VocabularyItem> {
  let out: Map<string, VocabularyItem> | null = null;
  for (const item of contexts.values()) {
    if (item.builtin) continue;
    const about = list.filter((t) => isAbout(item, t));
    if (about.length === 0) continue;
    out ??= new Map(contexts);
    const known = { de: new Set(item.synonyms.de.map(fold)), en: new Set(item.synonyms.en.map(fold)) };
    const synonyms = { de: [...item.synonyms.de], en: [...item.synonyms.en] };
    for (const t of about) {
      for (const lang of ['de', 'en'] as const) {
        for (const term of t.terms[lang]) {
          if (known[lang].has(fold(term))) continue;
          known[lang].add(fold(term));
          synonyms[lang].push(term);
        }
      }
    }
    out.set(item.id, { ...item, synonyms });
  }
  return out ?? contexts;
}
