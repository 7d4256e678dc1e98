// Lets a knowledge base's own context vocabulary speak: a word of the question with the Snowball
// stem of a distinctive word or compound part of a term of the base's own contexts states that
// context ("Klausur", "Nachschreibeklausur" for a university's exam_data with the term
// "Klausurnoten"). The author wrote a few terms; colleagues write their telling parts.
//
// Distinctive: a part in front of the last one of a compound or phrase (the last names the general
// kind: "-noten", "-daten", "records"), or a one-word term; its stem of five or more letters; no
// neutral or function word (account.ts); not a word the built-in vocabulary uses only within a
// phrase ("participants" of "external participants", "critical" of "critical infrastructure": too
// general alone); met in the terms of no other own context (the "Ergebnisse" of exam results and
// of unpublished results name neither), no category and no tool name; and not listed as too
// general (lexicon/own-context-words.yaml: "Preis" of "Preiskalkulation", "direct" of "direct
// debit"). Other parts keep their present effect: no neutral word (account.ts hintsOwnContext), so
// a restricted tool is asked about. Built-in contexts are left out: their compounds are read whole
// by their own terms, and their parts alone ("Leitung", "Format", "Sport") over-read (measured).
import type { KnowledgeBase, VocabularyItem } from '../kb/model.js';
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import { fold, phrase, type Token } from '../text/normalize.js';
import { lexiconFile, wordList } from '../text/lexicon-file.js';
import { parseYaml as parse } from '../text/lexicon-data.js';
import { stem } from '../text/stem.js';
import { isNeutral, MIN_HINT } from './account.js';

/** A word of the question read as an own context (the shape understand.ts reads context hits in). */
export interface OwnContextHit {
  start: number;
  length: 1;
  ids: string[];
  negated: false;
}

/** Distinctive stems (keyed `lang:stem`, in the term's language) to the one own context each names. */
export type OwnContextStems = ReadonlyMap<string, string>;

const LANGS = ['de', 'en'] as const;
const keyOf = (word: string, lang: Language) => `${lang}:${stem(word, lang)}`;

/** lexicon/own-context-words.yaml: the `lang:stem` keys of the words too general to state an own context alone. */
export function parseGeneralWords(text: string, file = 'lexicon/own-context-words.yaml'): ReadonlySet<string> {
  const data = parse(text) as Record<string, unknown> | null;
  return new Set(LANGS.flatMap((lang) => [...wordList(data, file, lang)].map((w) => keyOf(w, lang))));
}

const generalWords = lexiconFile('own-context-words.yaml', parseGeneralWords);

/** The folded parts of a term, compounds split ("klausurnoten" → klausur, noten; "exam results" → exam, results). */
function termParts(term: string, lx: Lexicon): string[] {
  return term
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .flatMap((w) => lx.compoundParts(w) ?? [w])
    .map(fold);
}

/** Stems of the words of the built-in multi-word terms: the built-in vocabulary reads them only in company. */
function phraseWords(contexts: Iterable<VocabularyItem>): Set<string> {
  const out = new Set<string>();
  for (const item of contexts) {
    if (!item.builtin) continue;
    for (const lang of LANGS) {
      for (const term of item.synonyms[lang]) {
        const tokens = phrase(term);
        if (tokens.length > 1) for (const t of tokens) out.add(keyOf(t, lang));
      }
    }
  }
  return out;
}

/**
 * The distinctive stems of the base's own context terms (see the head comment). Computed once per
 * knowledge base (kb-index.ts).
 */
export function ownContextStems(kb: KnowledgeBase, lx: Lexicon, nameTokens: ReadonlySet<string>): OwnContextStems {
  const owner = new Map<string, string>(); // '' once two own contexts, a category or a name share the stem
  const candidates = new Set<string>();
  for (const item of kb.contexts.values()) {
    if (item.builtin) continue;
    for (const lang of LANGS) {
      for (const term of item.synonyms[lang]) {
        const parts = termParts(term, lx);
        parts.forEach((part, k) => {
          const key = keyOf(part, lang);
          const known = owner.get(key);
          owner.set(key, known === undefined || known === item.id ? item.id : '');
          const modifier = k < parts.length - 1 || parts.length === 1;
          if (modifier && stem(part, lang).length >= MIN_HINT && !isNeutral(part, lx)) candidates.add(key);
        });
      }
    }
  }
  for (const t of nameTokens) for (const lang of LANGS) owner.set(keyOf(t, lang), '');
  // A category's words (its terms, label and id, as vocabIndex reads them) name the category.
  for (const item of kb.categories.values()) {
    for (const lang of LANGS) {
      const label = typeof item.label === 'string' ? item.label : (item.label[lang] ?? '');
      for (const term of [...item.synonyms[lang], label, item.id.replace(/[-_]/g, ' ')]) for (const t of phrase(term)) owner.set(keyOf(t, lang), '');
    }
  }
  const inPhrases = candidates.size > 0 ? phraseWords(kb.contexts.values()) : new Set<string>();
  const out = new Map<string, string>();
  for (const key of candidates) {
    const id = owner.get(key);
    if (id && !inPhrases.has(key) && !generalWords().has(key)) out.set(key, id);
  }
  return out;
}

/** The own context a folded word or part names, if any. */
function contextOf(stems: OwnContextStems, part: string): string | undefined {
  for (const lang of LANGS) {
    const id = stems.get(keyOf(part, lang));
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * The words not used yet that name an own context, each marked used: the word by its stem, or a part
 * of a long compound ("Nachschreibeklausur"). A word written like a product ("ExamPro") is a name.
 */
export function ownContextHits(stems: OwnContextStems, tokens: readonly Token[], words: readonly string[], used: boolean[], lx: Lexicon): OwnContextHit[] {
  const hits: OwnContextHit[] = [];
  if (stems.size === 0) return hits;
  tokens.forEach((t, i) => {
    const w = words[i] as string;
    if (used[i] || w.length < MIN_HINT || /\d/.test(w) || /\p{Ll}\p{Lu}/u.test(t.raw)) return;
    const parts = w.length >= 2 * MIN_HINT ? (lx.compoundParts(t.raw) ?? []) : [];
    const id = contextOf(stems, w) ?? parts.map((p) => contextOf(stems, fold(p))).find((x) => x !== undefined);
    if (id === undefined) return;
    used[i] = true;
    hits.push({ start: i, length: 1, ids: [id], negated: false });
  });
  return hits;
}
