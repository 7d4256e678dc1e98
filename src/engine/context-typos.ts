// Misspelt situation words ("patieten", "confidentail", "Minderjärigen", "kidnern"): a word one edit
// away from a word of the context or category vocabulary is read as that word, so a typo cannot
// drop a context and turn "not allowed" into "allowed with conditions". The same approach as the
// tool-name typo index (symmetric deletes), kept precise: words of 5+ letters, same first letter,
// never an ordinary word of German or English, never a tool name, never a word written like a
// product, and only when every close vocabulary word means the same (the same context ids).
import type { VocabularyItem } from '../kb/model.js';
import { withinOneEdit } from '../text/edit-distance.js';
import type { Lexicon } from '../text/lexicon.js';
import { phrase, type Token } from '../text/normalize.js';
import { INFLECTIONS, STOPWORDS } from './words.js';

export const CONTEXT_TYPO_MIN_LENGTH = 5;

export interface ContextTypoIndex {
  /** Every folded vocabulary token. */
  tokens: ReadonlySet<string>;
  /**
   * Vocabulary tokens of 4+ letters without digits by first letter and length ("k6"), in vocabulary
   * order: a word's candidates are those of its first letter and its length ± 1, so the index costs
   * one entry per token (a symmetric-delete index costs one string per letter of every token).
   */
  byStart: Map<string, string[]>;
  /** Each token's place in the vocabulary (the order of `tokens`). */
  order: Map<string, number>;
  /** What a token means: the ids of the one-word synonyms it is, or the token itself inside phrases. */
  meaning: Map<string, string>;
}

export function buildContextTypoIndex(contexts: Map<string, VocabularyItem>, categories: Map<string, VocabularyItem>): ContextTypoIndex {
  const tokens = new Set<string>();
  const ids = new Map<string, Set<string>>();
  const addItems = (items: Map<string, VocabularyItem>, kind: string) => {
    for (const item of items.values()) {
      for (const lang of ['de', 'en'] as const) {
        for (const w of item.synonyms[lang]) {
          const toks = phrase(w);
          for (const t of toks) tokens.add(t);
          if (toks.length === 1) {
            const t = toks[0] as string;
            let s = ids.get(t);
            if (!s) ids.set(t, (s = new Set()));
            s.add(`${kind}:${item.id}`);
          }
        }
      }
    }
  };
  addItems(contexts, 'context');
  addItems(categories, 'category');
  const byStart = new Map<string, string[]>();
  const meaning = new Map<string, string>();
  const order = new Map<string, number>();
  for (const t of tokens) {
    order.set(t, order.size);
    meaning.set(t, ids.has(t) ? [...(ids.get(t) as Set<string>)].sort().join(',') : `phrase:${t}`);
    if (t.length < CONTEXT_TYPO_MIN_LENGTH - 1 || /\d/.test(t)) continue;
    const key = `${t[0]}${t.length}`;
    const list = byStart.get(key);
    if (list) list.push(t);
    else byStart.set(key, [t]);
  }
  return { tokens, byStart, order, meaning };
}

/** `word` without its letter at `at`; `at` = -1: the word itself. */
const deletion = (word: string, at: number): string => (at < 0 ? word : word.slice(0, at) + word.slice(at + 1));

/** Whether `d` is `word` or `word` without one letter. */
function isDeletionOf(d: string, word: string): boolean {
  if (d.length === word.length) return d === word;
  if (d.length !== word.length - 1) return false;
  let i = 0;
  while (i < d.length && d[i] === word[i]) i++;
  return d.slice(i) === word.slice(i + 1);
}

/**
 * The vocabulary tokens one edit from `form` with its first letter, in the order a symmetric-delete
 * search meets them: by the first of the form's deletions (the form itself, then without its 1st,
 * 2nd, … letter) that the token shares, then in vocabulary order. The first one is the correction.
 */
function candidatesOf(index: ContextTypoIndex, form: string): string[] {
  const found: { token: string; rank: number; order: number }[] = [];
  for (const length of [form.length - 1, form.length, form.length + 1]) {
    for (const token of index.byStart.get(`${form[0]}${length}`) ?? []) {
      if (!withinOneEdit(form, token)) continue;
      let rank = -1;
      while (rank < form.length) {
        const d = deletion(form, rank);
        if (isDeletionOf(d, token)) break;
        rank++;
      }
      found.push({ token, rank, order: index.order.get(token) ?? 0 });
    }
  }
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order).map((f) => f.token);
}

/**
 * The words of the question with misspelt vocabulary words corrected. `words` are the folded tokens
 * after tool-name typo correction; a word that correction changed, or that is a tool name, stays.
 */
export function correctContextTypos(
  index: ContextTypoIndex,
  nameTokens: ReadonlySet<string>,
  lx: Lexicon,
  tokens: readonly Token[],
  words: readonly string[],
  language: 'de' | 'en',
): string[] {
  const out = [...words];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const word = out[i] as string;
    // A curly apostrophe as the vocabulary writes it straight ("doctor’s note").
    if (word.includes('’') && index.tokens.has(word.replace(/’/g, "'"))) {
      out[i] = word.replace(/’/g, "'");
      continue;
    }
    // English possessives: "a patient's relatives", "a kid's special needs".
    const possessive = /['’]s$/.exec(word);
    if (possessive && !index.tokens.has(word) && index.tokens.has(word.slice(0, -2))) {
      out[i] = word.slice(0, -2);
      continue;
    }
    if (word !== t.norm || word.length < CONTEXT_TYPO_MIN_LENGTH || /\d/.test(word)) continue;
    if (index.tokens.has(word) || nameTokens.has(word) || STOPWORDS.has(word)) continue;
    // "WhatsApp", "iCloud": written like a product. In English a capital inside the sentence marks a name.
    if (/\p{Ll}\p{Lu}/u.test(t.raw)) continue;
    if (language === 'en' && i > 0 && !t.breakBefore && /^\p{Lu}/u.test(t.raw)) continue;
    // The word, and the word without an inflection ending ("kidnern" is "kindern", listed as "kinder").
    const forms = [word, ...INFLECTIONS.filter((s) => word.endsWith(s) && word.length - s.length >= CONTEXT_TYPO_MIN_LENGTH).map((s) => word.slice(0, -s.length))];
    let best: string | null = null;
    let ambiguous = false;
    for (const form of forms) {
      if (best !== null) break;
      for (const candidate of candidatesOf(index, form)) {
        if (best === null) best = candidate;
        else if (index.meaning.get(candidate) !== index.meaning.get(best)) ambiguous = true;
      }
    }
    if (best === null || ambiguous || lx.isCommonEither(t.raw)) continue;
    out[i] = best;
  }
  return out;
}
