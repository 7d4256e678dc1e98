// The knowledge base as the engine sees it after loading: built-ins merged, ids attached.
import type { LocalizedText, Organization, ToolEntry } from './schema.js';
import { LANGUAGES, type Language } from '../model/language.js';

export interface VocabularyItem {
  id: string;
  label: LocalizedText;
  synonyms: { de: string[]; en: string[] };
  builtin: boolean;
}

export interface KnowledgeBase {
  /** Folder it was loaded from (absolute), or a label for an in-memory base. */
  dir: string;
  organization: Organization;
  contexts: Map<string, VocabularyItem>;
  categories: Map<string, VocabularyItem>;
  tools: Map<string, ToolEntry>;
  /** Content hash of every file: changes whenever any entry changes. */
  version: string;
}

/** The text of `t` in `lang`, falling back to the first other language (in LANGUAGES' order) that has one. */
export function localize(t: LocalizedText | undefined, lang: Language): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return t[lang] ?? LANGUAGES.map((other) => t[other]).find((text) => text !== undefined) ?? '';
}

/** Category labels of the current catalogue in `lang` (for prompts and overviews). */
export function categoryLabels(kb: KnowledgeBase, lang: Language): { id: string; label: string }[] {
  return [...kb.categories.values()].map((c) => ({ id: c.id, label: localize(c.label, lang) }));
}
