// Lends the terms of a topic (lexicon/topics.yaml: financial data, trade secrets ...) to the
// contexts a knowledge base defines itself about that topic, so "pay slips" count as the base's
// "financial_data" although its author listed only "payroll". Recognised by the words of the
// context's id, label and synonyms; built-in contexts are left alone (they have lexicon/contexts.yaml).
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
//
// A topic may also name a generated list (`semantic: money`: lexicon/semantic/en-money.txt and
// de-money.txt, from WordNet and the Ding dictionary by scripts/semantic/topic-words.ts), whose
// words are lent as well, each as the form written: such a word states the context only as itself
// (no stem: "savings" is no "save", "Steuer" no "steuern") and at the end of a German compound
// ("Zahlungsrückstände", "Lohnsteuer"), never at its start ("Steuerung"). kb-index.ts marks them
// so (lentWords), understand.ts reads them so.
import { parseYaml as parse } from '../text/lexicon-data.js';
import { LexiconError } from '../errors.js';
import type { VocabularyItem } from '../kb/model.js';
import { lexiconFile } from '../text/lexicon-file.js';
import { fold, phrase } from '../text/normalize.js';

export interface Topic {
  name: string;
  recognise: string[];
  terms: { de: string[]; en: string[] };
  /** The generated list the topic lends beside its terms (`semantic: money`), if any. */
  semantic?: string;
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
    if (o.semantic !== undefined && (typeof o.semantic !== 'string' || !/^[a-z]+$/.test(o.semantic))) throw new LexiconError(file, `topic ${i + 1}: "semantic" must name a generated list ("money")`);
    const terms = o.terms as Record<string, unknown> | undefined;
    return {
      name: o.name,
      recognise: strings(o.recognise, 'recognise').map((w) => phrase(w).join(' ')),
      terms: { de: strings(terms?.de, 'terms.de'), en: strings(terms?.en, 'terms.en') },
      ...(typeof o.semantic === 'string' ? { semantic: o.semantic } : {}),
    };
  });
}

/** lexicon/topics.yaml, read on first use. */
export const topics: () => Topic[] = lexiconFile('topics.yaml', parseTopics);

/** The words of a generated list (lexicon/semantic/<lang>-<name>.txt): one a line, `#` lines a header. */
export function parseWordLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

const generated = new Map<string, () => { word: string; folded: string }[]>();

/** A topic's generated words of a language with their folded forms, read and folded on first use (indexing a base then costs a lookup a word). */
export function semanticWords(name: string, lang: 'de' | 'en'): readonly { word: string; folded: string }[] {
  const key = `${lang}-${name}`;
  let read = generated.get(key);
  if (!read) generated.set(key, (read = lexiconFile(`semantic/${key}.txt`, (text) => parseWordLines(text).map((word) => ({ word, folded: fold(word) })))));
  return read();
}

// The words lent from generated lists, by the item withTopicTerms made (read by kb-index.ts).
const lent = new WeakMap<VocabularyItem, ReadonlySet<string>>();

/** The synonyms of an item that came from a generated list (and from nowhere else): matched as written, as a compound's head only. */
export function lentWords(item: VocabularyItem): ReadonlySet<string> | undefined {
  return lent.get(item);
}

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

/**
 * The base's contexts with topic terms added to its own contexts about a topic (a new map; the base
 * is not changed); with `generated` false, the hand terms only (the words a misspelling may stand for).
 */
export function withTopicTerms(contexts: Map<string, VocabularyItem>, list: Topic[] = topics(), generated = true): Map<string, VocabularyItem> {
  let out: Map<string, VocabularyItem> | null = null;
  for (const item of contexts.values()) {
    if (item.builtin) continue;
    const about = list.filter((t) => isAbout(item, t));
    if (about.length === 0) continue;
    out ??= new Map(contexts);
    const known = { de: new Set(item.synonyms.de.map(fold)), en: new Set(item.synonyms.en.map(fold)) };
    const synonyms = { de: [...item.synonyms.de], en: [...item.synonyms.en] };
    const generatedWords = new Set<string>();
    for (const t of about) {
      for (const lang of ['de', 'en'] as const) {
        for (const term of t.terms[lang]) {
          if (known[lang].has(fold(term))) continue;
          known[lang].add(fold(term));
          synonyms[lang].push(term);
        }
      }
    }
    // After every hand term: a word both list is read as the hand term (stem, compound parts).
    for (const t of about) {
      if (!t.semantic || !generated) continue;
      for (const lang of ['de', 'en'] as const) {
        for (const { word, folded } of semanticWords(t.semantic, lang)) {
          if (known[lang].has(folded)) continue;
          known[lang].add(folded);
          synonyms[lang].push(word);
          generatedWords.add(word);
        }
      }
    }
    const next = { ...item, synonyms };
    if (generatedWords.size > 0) lent.set(next, generatedWords);
    out.set(item.id, next);
  }
  return out ?? contexts;
}
