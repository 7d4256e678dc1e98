// Compiles a knowledge base into lookup tables, once per load, so that answering a question costs a
// few map lookups per word whatever the number of tools (no scan over every tool per question).
import type { KnowledgeBase, VocabularyItem } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import type { Language } from '../model/language.js';
import { phrase, tokenize } from '../text/normalize.js';
import { withinOneEdit } from '../text/edit-distance.js';
import { stem } from '../text/stem.js';
import { COMPOUND_HEADS } from './words.js';
import { buildContextTypoIndex, type ContextTypoIndex } from './context-typos.js'; // engine2 hook
import { lentWords, topics, withTopicTerms } from './topics.js'; // engine2 hook
import { lexicon } from '../text/lexicon.js';
import { ownContextStems, type OwnContextStems } from './own-context-words.js';
import { verbalTerms, type VerbalTerms } from './verbal-terms.js';

/** A tool name or alias as folded tokens. */
export interface NamePhrase {
  tokens: string[];
  toolId: string;
  /**
   * A one-word name as written ("Signal"), to ask the lexicon whether it is also an ordinary word
   * (then it names the tool only where the sentence uses it as a name). Null for longer names and
   * for names that are no words (joined "CultureAmp", names with digits).
   */
  word: string | null;
  /** A distinctive part of a longer name ("Webex" of "WebEx, Cisco"): never when it is an ordinary word. */
  part: boolean;
  /**
   * A part that is the only word of its name beside the vendor's and numbers ("Copilot" of "Microsoft
   * 365 Copilot"): the name says nothing else, so the part is how people write it.
   */
  sole?: boolean;
}

/** A context or category synonym: folded tokens and their stems in the synonym's language. */
export interface VocabPhrase {
  tokens: string[];
  stems: string[];
  lang: Language;
  /** Every entry the synonym belongs to (a term may be health data and about vulnerable people). */
  ids: string[];
  /** A word lent from a generated list (topics.ts lentWords): its first token matches only as written, not by stem. */
  exact?: boolean;
}

export interface VocabIndex {
  /** Phrases by the stem of their first token (keyed `lang:stem`), longest first. */
  byFirstStem: Map<string, VocabPhrase[]>;
  /** Single-word synonyms of 4+ letters, for German compounds ("Bürgergespräch", "Klarnamen"). */
  compoundable: Map<string, VocabPhrase>;
  /** Compoundable synonyms lent from a generated list only: read at the end of a compound, never at its start. */
  headOnly: Set<string>;
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
  /**
   * Name tokens of 4+ letters without digits, for typos ("Zooom", "Mircosoft"), by first letter,
   * second letter and length ("mi9"), and by first letter, last letter and length ("mt9"): see
   * typoCandidates. Two entries per token, where a symmetric-delete index made a string per letter.
   */
  typoBySecond: Map<string, string[]>;
  typoByLast: Map<string, string[]>;
  /** Every folded token of a name or alias. */
  nameTokens: Set<string>;
  contexts: VocabIndex;
  categories: VocabIndex;
  /** Folded tokens of every context and category synonym and compound head: never a typo of a tool. */
  vocabularyTokens: Set<string>;
  byCategory: Map<string, CategoryGroups>;
  /** engine2 hook: misspelt context and category words (context-typos.ts). */
  contextTypos: ContextTypoIndex;
  /** The terms of the base's own contexts, lower case, as its author wrote them: their words hint at that context (account.ts). */
  ownContextWords: ReadonlySet<string>;
  /** The distinctive stems of the terms of the base's own contexts: such a word states that context (own-context-words.ts). */
  ownContextStems: OwnContextStems;
  /** Adjective + noun-of-action terms said with the verb ("intern untersucht"): verbal-terms.ts. */
  verbalTerms: VerbalTerms;
}

/** Misspelt names are looked for among words of at least this many letters ("zomm" for Zoom). */
export const TYPO_MIN_LENGTH = 4;

export function buildIndex(kb: KnowledgeBase): KbIndex {
  const names = new Map<string, NamePhrase[]>();
  const nameTokens = new Set<string>();
  const byCategory = new Map<string, CategoryGroups>();
  // The tool each name token belongs to ('' when several share it), for distinctive parts.
  const toolOfToken = new Map<string, string>();
  const multiWord: { tokens: string[]; raw: string[]; toolId: string }[] = [];
  const vendors = new Set<string>();
  // The lexicon is asked only when a name is met in a question (asking for 10,000 names at load
  // would cost seconds).
  const add = (tokens: string[], toolId: string, raw: string[], kind: 'name' | 'joined' | 'part', sole = false) => {
    const first = tokens[0] as string;
    const same = names.get(first)?.find((p) => p.toolId === toolId && p.tokens.length === tokens.length);
    if (kind !== 'name' && same) {
      if (sole && same.part) same.sole = true;
      return;
    }
    const only = raw.length === 1 && kind !== 'joined' && !/\d/.test(raw[0] as string) ? (raw[0] as string) : null;
    push(names, first, { tokens, toolId, word: only, part: kind === 'part', ...(sole ? { sole } : {}) });
  };
  const vendorNames = new Set<string>(); // many tools share a vendor: its words are added once
  for (const tool of kb.tools.values()) {
    if (tool.vendor && !vendorNames.has(tool.vendor)) {
      vendorNames.add(tool.vendor);
      for (const v of phrase(tool.vendor)) vendors.add(v);
    }
    for (const n of [tool.name, ...tool.aliases]) {
      const toks = tokenize(n);
      if (toks.length === 0) continue;
      const tokens = toks.map((t) => t.norm);
      const raw = toks.map((t) => t.raw);
      for (const t of tokens) {
        nameTokens.add(t);
        const owner = toolOfToken.get(t);
        if (owner === undefined) toolOfToken.set(t, tool.id);
        else if (owner !== tool.id) toolOfToken.set(t, '');
      }
      add(tokens, tool.id, raw, 'name');
      if (tokens.length > 1) {
        multiWord.push({ tokens, raw, toolId: tool.id });
        // "Culture Amp" is also written "CultureAmp".
        add([tokens.join('')], tool.id, [raw.join('')], 'joined');
      }
    }
    if (tool.category !== undefined) {
      let groups = byCategory.get(tool.category);
      if (!groups) byCategory.set(tool.category, (groups = { approved: [], restricted: [], pending: [], prohibited: [] }));
      groups[tool.status].push(tool);
    }
  }
  // A distinctive part of a longer name stands for it when no other tool shares it and it is no
  // ordinary word or vendor: "Webex" for "WebEx, Cisco".
  const orgWords = new Set(kb.organization?.name ? phrase(kb.organization.name) : []);
  for (const { tokens, raw, toolId } of multiWord) {
    tokens.forEach((t, k) => {
      const w = raw[k] as string;
      if (t.length < 4 || /^\d+$/.test(t) || vendors.has(t) || toolOfToken.get(t) === '') return;
      // The other words are the vendor's or numbers, and no name of the tool by themselves ("Threema" of "Threema Work" is).
      const others = tokens.filter((_, j) => j !== k);
      // A word of the organisation's own name ("Lindenhain" of "Lindenhain Cloud") names the organisation first.
      const sole = !orgWords.has(t) && others.every((o) => /^\d+$/.test(o) || vendors.has(o)) && !(names.get(others[0] as string) ?? []).some((p) => p.toolId === toolId && p.tokens.join(' ') === others.join(' '));
      add([t], toolId, [w], 'part', sole);
    });
  }
  for (const list of names.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  for (const g of byCategory.values()) for (const list of Object.values(g)) list.sort(byName);

  const typoBySecond = new Map<string, string[]>();
  const typoByLast = new Map<string, string[]>();
  for (const t of nameTokens) {
    // A misspelt word has 4+ letters (TYPO_MIN_LENGTH), and so has the name it stands for: a
    // three-letter name ("SAP", "Box") is one edit from too many ordinary words to guess.
    if (!isTypoTarget(t)) continue;
    push(typoBySecond, secondKey(t, t.length), t);
    push(typoByLast, lastKey(t, t.length), t);
  }

  const vocabularyTokens = new Set<string>(COMPOUND_HEADS);
  // engine2 hook: topic terms for the base's own contexts (topics.ts).
  const contextItems = withTopicTerms(kb.contexts);
  const contexts = vocabIndex(contextItems, vocabularyTokens);
  const categories = vocabIndex(kb.categories, vocabularyTokens);
  // Lent generated words are read only as written: no misspelling or verb of theirs is guessed.
  const handItems = withTopicTerms(kb.contexts, topics(), false);
  const contextTypos = buildContextTypoIndex(handItems, kb.categories); // engine2 hook
  const ownContextWords = new Set([...kb.contexts.values()].filter((c) => !c.builtin).flatMap((c) => [...c.synonyms.de, ...c.synonyms.en].map((term) => term.toLowerCase())));
  const ownStems = ownContextStems(kb, lexicon(), nameTokens);
  return { kb, names, typoBySecond, typoByLast, nameTokens, contexts, categories, vocabularyTokens, byCategory, contextTypos, ownContextWords, ownContextStems: ownStems, verbalTerms: verbalTerms(handItems.values()) };
}

const secondKey = (w: string, length: number) => `${w[0]}${w[1]}${length}`;
const lastKey = (w: string, length: number) => `${w[0]}${w[w.length - 1]}${length}`;

/**
 * The name tokens (4+ letters, no digits) one edit from `word` (withinOneEdit) with its first
 * letter, each once, `word` itself left out: the set a symmetric-delete search finds (a token one edit
 * away shares the word or one of its one-letter deletions). For words of 4+ letters the edit either
 * leaves the second letter alone or, being at the second or third letter, the last: so the token is
 * in the word's second-letter or last-letter list of length ± 1.
 */
/**
 * A name token a misspelling may stand for: 4+ letters (TYPO_MIN_LENGTH), as a three-letter name
 * ("SAP", "Box") is one edit from too many ordinary words to guess; with digits only when enough
 * letters carry it ("1password", not "365" or "m365").
 */
export function isTypoTarget(token: string): boolean {
  if (token.length < TYPO_MIN_LENGTH) return false;
  return !/\d/.test(token) || token.replace(/\d/g, '').length >= TYPO_MIN_LENGTH + 2;
}

export function typoCandidates(index: KbIndex, word: string): string[] {
  const found: string[] = [];
  if (word.length < 4) return found;
  for (const length of [word.length - 1, word.length, word.length + 1]) {
    for (const token of index.typoBySecond.get(secondKey(word, length)) ?? []) {
      if (token !== word && withinOneEdit(word, token)) found.push(token);
    }
    for (const token of index.typoByLast.get(lastKey(word, length)) ?? []) {
      // A token with the word's second letter was met in the list above.
      if (token[1] !== word[1] && withinOneEdit(word, token)) found.push(token);
    }
  }
  return found;
}

function vocabIndex(items: Map<string, VocabularyItem>, vocabularyTokens: Set<string>): VocabIndex {
  const byFirstStem = new Map<string, VocabPhrase[]>();
  const byTokens = new Map<string, VocabPhrase>();
  const compoundable = new Map<string, VocabPhrase>();
  const headOnly = new Set<string>();
  let minCompound = Infinity;
  let maxCompound = 0;
  for (const item of items.values()) {
    const lent = lentWords(item);
    for (const lang of ['de', 'en'] as const) {
      // The id and the label name the entry too ("video-conferencing", "Videokonferenz").
      const words = [...item.synonyms[lang], item.id.replace(/[-_]/g, ' ')];
      const label = typeof item.label === 'string' ? item.label : item.label[lang];
      if (label) words.push(label);
      for (const w of words) {
        const isLent = lent?.has(w) === true;
        const read = isLent ? lentPhrase(w, lang) : { tokens: phrase(w), stems: undefined };
        const tokens = read.tokens;
        if (tokens.length === 0) continue;
        tokens.forEach((t) => vocabularyTokens.add(t));
        // The same words in two entries: one phrase that yields both.
        const key = `${lang}:${tokens.join(' ')}`;
        const known = byTokens.get(key);
        if (known) {
          if (!known.ids.includes(item.id)) known.ids.push(item.id);
          if (!isLent) delete known.exact;
          if (!isLent) headOnly.delete(tokens[0] as string);
          continue;
        }
        const p: VocabPhrase = { tokens, stems: read.stems ?? tokens.map((t) => stem(t, lang)), lang, ids: [item.id], ...(isLent ? { exact: true } : {}) };
        byTokens.set(key, p);
        push(byFirstStem, `${lang}:${p.stems[0]}`, p);
        const only = tokens[0] as string;
        if (tokens.length === 1 && only.length >= 4) {
          const other = compoundable.get(only);
          if (!isLent) headOnly.delete(only);
          else if (!other) headOnly.add(only);
          if (other) {
            for (const id of p.ids) if (!other.ids.includes(id)) other.ids.push(id);
            // Later additions to p.ids (same tokens in a later entry) reach the compound form too.
            p.ids = other.ids;
            continue;
          }
          compoundable.set(only, p);
          minCompound = Math.min(minCompound, only.length);
          maxCompound = Math.max(maxCompound, only.length);
        }
      }
    }
  }
  lendToPhrases(byTokens, items);
  for (const list of byFirstStem.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirstStem, compoundable, headOnly, minCompound, maxCompound };
}

// The tokens and stems of the lent generated words, the same for every base: made once.
const lentPhrases = new Map<string, { tokens: string[]; stems: string[] }>();

function lentPhrase(word: string, lang: Language): { tokens: string[]; stems: string[] } {
  const key = `${lang}:${word}`;
  let p = lentPhrases.get(key);
  if (!p) {
    const tokens = phrase(word);
    lentPhrases.set(key, (p = { tokens, stems: tokens.map((t) => stem(t, lang)) }));
  }
  return p;
}

/**
 * A phrase of another entry that ends in a lent word names that word's context too: "in arrears"
 * (vulnerable persons, as the customers in debt counselling are) is a money matter as well, as
 * "Zahlungsrückständen" is both as a compound.
 */
function lendToPhrases(byTokens: ReadonlyMap<string, VocabPhrase>, items: Map<string, VocabularyItem>): void {
  const lentIds = new Map<string, string[]>();
  for (const item of items.values()) {
    for (const w of lentWords(item) ?? []) {
      const t = lentPhrase(w, 'de').tokens;
      if (t.length === 1) lentIds.set(t[0] as string, [...(lentIds.get(t[0] as string) ?? []), item.id]);
    }
  }
  if (lentIds.size === 0) return;
  for (const p of byTokens.values()) {
    const ids = p.tokens.length > 1 && !p.exact ? lentIds.get(p.tokens[p.tokens.length - 1] as string) : undefined;
    for (const id of ids ?? []) if (!p.ids.includes(id)) p.ids.push(id);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// One collator for the sort (localeCompare without arguments compares as the default collator,
// but makes one per call: 10,000 names cost tens of milliseconds more that way).
const collator = new Intl.Collator();

function byName(a: ToolEntry, b: ToolEntry): number {
  return collator.compare(a.name, b.name);
}
