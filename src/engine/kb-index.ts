// Compiles a knowledge base into lookup tables, once per load, so that answering a question costs a
// few map lookups per word whatever the number of tools (no scan over every tool per question).
import type { KnowledgeBase, VocabularyItem } from '../kb/model.js';
import type { Language, ToolEntry } from '../kb/schema.js';
import { phrase } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { COMPOUND_HEADS } from './words.js';

/** A tool name or alias as folded tokens. */
export interface NamePhrase {
  tokens: string[];
  toolId: string;
}

/** A context or category synonym: folded tokens and their stems in the synonym's language. */
export interface VocabPhrase {
  tokens: string[];
  stems: string[];
  lang: Language;
  id: string;
}

export interface VocabIndex {
  /** Phrases by the stem of their first token (keyed `lang:stem`), longest first. */
  byFirstStem: Map<string, VocabPhrase[]>;
  /** Single-word synonyms of 5+ letters, for German compounds ("Bürgergespräch"). */
  compoundable: Map<string, VocabPhrase>;
  /** Length of the shortest and longest compoundable synonym. */
  minCompound: number;
  maxCompound: number;
}

/** Tools of one category, grouped and sorted so a category answer can stop early. */
export interface CategoryGroups {
  approved: ToolEntry[];
  restricted: ToolEntry[];
  pending: ToolEntry[];
  prohibited: ToolEntry[];
}

export interface KbIndex {
  kb: KnowledgeBase;
  /** Name phrases by their first token, longest first. */
  names: Map<string, NamePhrase[]>;
  /** Symmetric-delete index over name tokens of 4+ letters, for typos ("Zooom", "Mircosoft"). */
  typoDeletes: Map<string, string[]>;
  /** Every folded token of a name or alias. */
  nameTokens: Set<string>;
  contexts: VocabIndex;
  categories: VocabIndex;
  /** Folded tokens of every context and category synonym and compound head: never a typo of a tool. */
  vocabularyTokens: Set<string>;
  byCategory: Map<string, CategoryGroups>;
}

export const TYPO_MIN_LENGTH = 5;

export function buildIndex(kb: KnowledgeBase): KbIndex {
  const names = new Map<string, NamePhrase[]>();
  const nameTokens = new Set<string>();
  const byCategory = new Map<string, CategoryGroups>();
  for (const tool of kb.tools.values()) {
    for (const n of [tool.name, ...tool.aliases]) {
      const tokens = phrase(n);
      if (tokens.length === 0) continue;
      tokens.forEach((t) => nameTokens.add(t));
      push(names, tokens[0] as string, { tokens, toolId: tool.id });
    }
    if (tool.category !== undefined) {
      let groups = byCategory.get(tool.category);
      if (!groups) byCategory.set(tool.category, (groups = { approved: [], restricted: [], pending: [], prohibited: [] }));
      groups[tool.status].push(tool);
    }
  }
  for (const list of names.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  for (const g of byCategory.values()) for (const list of Object.values(g)) list.sort(byName);

  const typoDeletes = new Map<string, string[]>();
  for (const t of nameTokens) {
    // A misspelt word has 5+ letters (TYPO_MIN_LENGTH); the name it stands for may have one less.
    if (t.length < TYPO_MIN_LENGTH - 1 || /\d/.test(t)) continue;
    for (const d of deletions(t)) push(typoDeletes, d, t);
  }

  const vocabularyTokens = new Set<string>(COMPOUND_HEADS);
  const contexts = vocabIndex(kb.contexts, vocabularyTokens);
  const categories = vocabIndex(kb.categories, vocabularyTokens);
  return { kb, names, typoDeletes, nameTokens, contexts, categories, vocabularyTokens, byCategory };
}

/** The word itself and every form with one letter removed (the symmetric-delete trick). */
export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function vocabIndex(items: Map<string, VocabularyItem>, vocabularyTokens: Set<string>): VocabIndex {
  const byFirstStem = new Map<string, VocabPhrase[]>();
  const compoundable = new Map<string, VocabPhrase>();
  let minCompound = Infinity;
  let maxCompound = 0;
  for (const item of items.values()) {
    for (const lang of ['de', 'en'] as const) {
      // The id and the label name the entry too ("video-conferencing", "Videokonferenz").
      const words = [...item.synonyms[lang], item.id.replace(/[-_]/g, ' ')];
      const label = typeof item.label === 'string' ? item.label : item.label[lang];
      if (label) words.push(label);
      for (const w of words) {
        const tokens = phrase(w);
        if (tokens.length === 0) continue;
        tokens.forEach((t) => vocabularyTokens.add(t));
        const p: VocabPhrase = { tokens, stems: tokens.map((t) => stem(t, lang)), lang, id: item.id };
        push(byFirstStem, `${lang}:${p.stems[0]}`, p);
        const only = tokens[0] as string;
        if (tokens.length === 1 && only.length >= 5 && !compoundable.has(only)) {
          compoundable.set(only, p);
          minCompound = Math.min(minCompound, only.length);
          maxCompound = Math.max(maxCompound, only.length);
        }
      }
    }
  }
  for (const list of byFirstStem.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirstStem, compoundable, minCompound, maxCompound };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byName(a: ToolEntry, b: ToolEntry): number {
  return a.name.localeCompare(b.name);
}
