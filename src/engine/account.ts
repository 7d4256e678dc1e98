// Accounting for every content word of a question (issue 18). After the reader has taken the tool,
// category and context words, each other word is one of: a function word (lexicon/words.yaml, the
// chat phrase lists), a number or a name (a person, a place: not a situation), a neutral everyday
// word (lexicon/neutral-words.yaml), or *unexplained*. Unexplained words are what the engine could
// not read; a restricted tool is then asked about (verdict confirm) instead of approved.
import { germanWord, holdsCompoundTrap, placedBySemantics } from './semantic-contexts.js';
import { isPersonWord } from '../text/semantic-lexicon.js';
import { LANGUAGES, type Language } from '../model/language.js';
import { phraseList } from '../text/chat-phrases.js';
import { closedClassWords } from '../text/function-words.js';
import { lexiconFile, wordList } from '../text/lexicon-file.js';
import type { Lexicon } from '../text/lexicon.js';
import { coveredInRuns } from '../text/compound-runs.js';
import { fold, type Token } from '../text/normalize.js';
import { stem } from '../text/stem.js';
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from '../text/lexicon-data.js';
import * as W from './words.js';
import { isUnknownCompoundNoun } from './unknown-noun.js';

interface NeutralWords {
  /** Snowball stems of the neutral words, per language. */
  stems: Record<Language, ReadonlySet<string>>;
}

const neutralFile = lexiconFile('neutral-words.yaml', (text, file): NeutralWords => {
  const data = parse(text) as Record<string, unknown> | null;
  const listOf = (lang: Language) => {
    const raw = data?.[lang];
    const list = typeof raw === 'string' ? raw.split(/\s+/).filter(Boolean) : raw;
    return new Set([...wordList({ [lang]: list }, file, lang)].map((w) => stem(w, lang)));
  };
  return { stems: { de: listOf('de'), en: listOf('en') } };
});

let functionWords: ReadonlySet<string> | undefined;

/** Grammar and chat formula words of both languages: never a situation. */
function grammar(): ReadonlySet<string> {
  if (functionWords) return functionWords;
  const out = new Set<string>();
  for (const list of [
    W.STOPWORDS, W.NEGATORS, W.NEGATION_BREAKERS, W.MODALS, W.SUBJECTS, W.USE_VERBS, W.MEANS_WORDS, W.COMPANY_WORDS,
    W.TOOL_PREPOSITIONS, W.ALLOWED_WORDS, W.COPULAS, W.FILLERS, W.TOOL_NOUNS, W.DETERMINERS, W.QUANTIFIERS,
    W.COMPOUND_HEADS, W.TIME_WORDS, W.PERSON_TITLES, W.CONTACT_VERBS, W.NUMERALS, W.APPROVAL_NOUNS,
  ]) for (const w of list) out.add(w);
  for (const p of W.REPLACED_BEFORE) for (const w of p.split(' ')) out.add(w);
  // Prepositions, conjunctions, pronouns of the dictionary's closed classes ("during", "jemand").
  for (const w of closedClassWords()) out.add(w);
  // Not the addressees: "Leute", "team" are people when they are not the greeting.
  for (const name of ['greetings', 'acknowledgements', 'openers', 'thanks', 'signoffs', 'follow_up_markers', 'follow_up_anywhere', 'follow_up_function_words', 'confirm_yes', 'confirm_no'] as const) {
    for (const p of phraseList(name)) for (const w of p.split(/\s+/)) out.add(fold(w));
  }
  return (functionWords = out);
}

/**
 * German verb forms the stemmer leaves apart from their infinitive ("nutzt", "besprochen" is listed,
 * "geplant" → "planen"): the infinitives they may come from.
 */
function germanVerbForms(w: string): string[] {
  const out: string[] = [];
  const bare = w.startsWith('ge') && w.length > 5 ? w.slice(2) : w;
  for (const end of ['test', 'tet', 'ten', 'te', 'st', 'et', 't']) {
    if (bare.endsWith(end) && bare.length - end.length >= 3) out.push(`${bare.slice(0, -end.length)}en`);
  }
  return out;
}

/**
 * The word is neutral: a neutral word's stem in either language, or a German compound of such, whose
 * neighbouring parts may count together where the splitter cut finer than the list ("Rad|wege|ausbau").
 */
export function isNeutral(word: string, lx: Lexicon): boolean {
  const w = fold(word);
  if (neutralAsWritten(w)) return true;
  if (w.length < 6) return false;
  // A person word is no compound of neutral parts: "Hersteller" is a maker, not "her" + "Steller".
  if (isPersonWord(word, 'de')) return false;
  // Nor a word the dictionary has as a whole that is not plain ("Hausarbeit": housework, and a term paper).
  if (holdsCompoundTrap(word, lx)) return false;
  return neutralByParts(word, lx);
}

/** The folded word is a grammar word, or a neutral word's stem in either language, as written or as a German verb form. */
export function neutralAsWritten(w: string): boolean {
  const { stems } = neutralFile();
  if (grammar().has(w) || stems.de.has(stem(w, 'de')) || stems.en.has(stem(w, 'en'))) return true;
  return germanVerbForms(w).some((v) => stems.de.has(stem(v, 'de')));
}

/**
 * Every part of the German compound is a neutral word ("Haus" + "Arbeiten"): how isNeutral reads a
 * compound no list holds, before the compound traps (scripts/semantic/compound-traps.ts) are asked.
 */
export function neutralByParts(word: string, lx: Lexicon): boolean {
  const { stems } = neutralFile();
  const parts = lx.compoundParts(word);
  // Neighbouring parts may count together: "Rad|wege|ausbau" is "Radwege" and "Ausbau".
  return parts !== null && coveredInRuns(parts, (p) => {
    const f = fold(p);
    return grammar().has(f) || stems.de.has(stem(f, 'de'));
  });
}

export interface AccountInput {
  tokens: readonly Token[];
  /** Name tokens of the catalogue's tools: a name used as a plain word is still no situation. */
  nameTokens: ReadonlySet<string>;
  /** Words the reader took for a tool, category or context (negated ones included). */
  used: readonly boolean[];
  lx: Lexicon;
  /** The unknown tool's name, as written: its words are accounted for. */
  unknownTool: string | null;
  /** The question as the tokens' `start` counts: words inside an e-mail or web address are contact data, not a situation. */
  question?: string;
  /** The terms of the base's own contexts, lower case (kb-index.ts). */
  ownContextWords?: ReadonlySet<string>;
  /** The question's language: a German noun the dictionaries lack is told from a name (unknown-noun.ts). */
  language?: Language;
}

// An e-mail address, or a host name with a top-level domain ("example.org", "www.stadt.de/x").
const ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}|(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,24}(?:\/\S*)?/gu;

/** The [start, end) spans of the addresses in `question`. */
function addressSpans(question: string | undefined): [number, number][] {
  if (!question || (!question.includes('@') && !question.includes('.'))) return [];
  return [...question.matchAll(ADDRESS)].filter((m) => m[0].includes('@') || /\.\p{L}{2,24}(?:\/|$)/u.test(m[0])).map((m) => [m.index, m.index + m[0].length]);
}

// Shorter stems stand for too many words; a modifier's may be shorter (below).
export const MIN_HINT = 5;
/** A part in front of the last of a term ("grid" of "grid control", "Netz" of "Netzleitstelle") names the situation from four letters. */
const MIN_MODIFIER_HINT = 4;
const hintMemo = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/**
 * The Snowball stems (both languages) of the words of `words` and of their compound parts
 * ("klausurnoten": klausur, note), of five letters or more; of four for the parts in front of the
 * last (the last names the general kind: "-daten", "list"). `words` holds the terms, lower case.
 */
function hintStems(terms: ReadonlySet<string>, lx: Lexicon): ReadonlySet<string> {
  let out = hintMemo.get(terms);
  if (!out) {
    const stems = new Set<string>();
    const add = (part: string, min: number) => {
      for (const lang of LANGUAGES) if (stem(part, lang).length >= min) stems.add(stem(part, lang));
    };
    for (const term of terms) {
      const words = term.split(/[^\p{L}]+/u).filter(Boolean);
      words.forEach((w, k) => {
        const parts = (lx.compoundParts(w) ?? [w]).map(fold);
        add(fold(w), k < words.length - 1 ? MIN_MODIFIER_HINT : MIN_HINT);
        parts.forEach((p, j) => add(p, k < words.length - 1 || j < parts.length - 1 ? MIN_MODIFIER_HINT : MIN_HINT));
      });
    }
    hintMemo.set(terms, (out = stems));
  }
  return out;
}

/**
 * The word, or a part of it, is a word of a term of the base's own contexts ("Klausur" of
 * "Klausurnoten", "Ergebnisse" of "Prüfungsergebnisse"): however everyday, in this base it may be that
 * situation, so it is no neutral word. Compared by Snowball stem, so inflected forms count.
 */
export function hintsOwnContext(w: string, terms: ReadonlySet<string> | undefined, lx: Lexicon): boolean {
  if (!terms || terms.size === 0) return false;
  const stems = hintStems(terms, lx);
  const hit = (x: string) => LANGUAGES.some((lang) => stems.has(stem(x, lang)));
  return hit(w) || (w.length >= 2 * MIN_HINT && (lx.compoundParts(w) ?? []).some((p) => hit(fold(p))));
}

/**
 * The token positions of the content words no tool, category, context, function, neutral word or
 * name accounts for, each word once (its first place). A name is a capitalised word no dictionary
 * has (a person, a place), a first name, or the word after a title ("Frau Yilmaz").
 */
export function unexplainedAt({ tokens, nameTokens, used, lx, unknownTool, question, ownContextWords, language }: AccountInput): number[] {
  const named = new Set(unknownTool ? unknownTool.split(/\s+/).map(fold) : []);
  const addresses = addressSpans(question);
  const out: number[] = [];
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    if (used[i]) return;
    if (addresses.some(([a, b]) => t.start >= a && t.start < b)) return;
    // English contractions: "it's", "won't", "we're" are their first word.
    const w = t.norm.replace(/['’](s|re|ve|ll|d|m|t)$/, '').replace(/n$/, (n) => (/['’]t$/.test(t.norm) ? '' : n));
    if (nameTokens.has(t.norm)) return;
    if (w.length < 3 || !/\p{L}/u.test(w) || /\d/.test(w) || named.has(w)) return;
    if (isNeutral(w, lx) && !hintsOwnContext(w, ownContextWords, lx)) return;
    if (negatedHere(tokens, used, i)) return;
    const prev = i > 0 ? (tokens[i - 1] as Token) : undefined;
    // A person: a first name, a word after a title, a capitalised word after a first name or a role
    // word ("Grace Hopper", "Kollegin Schneider").
    const capital = /^\p{Lu}/u.test(t.raw);
    if (lx.isFirstName(t.raw) || (prev && !t.breakBefore && (W.PERSON_TITLES.has(prev.norm) || (capital && (lx.isFirstName(prev.raw) || W.PERSON_ROLES.has(prev.norm)))))) return;
    // An abbreviation of short parts with dots ("z.B.", "d.h.", "e.g.", "u.a."): a way of writing, not a situation.
    if (/^\p{L}{1,3}(?:\.\p{L}{1,3})+\.?$/u.test(t.raw)) return;
    // A Roman numeral in capitals is a number ("Dezernat III").
    if (/^[IVXLC]{2,}$/.test(t.raw)) return;
    // A capitalised word no dictionary knows is a name (a person, a place, a product): not a situation.
    // One a wordnet places under a context ("Dermatose"), or a German noun of the Ding dictionary the
    // spelling dictionaries lack ("Freibad"), is a word, and read as such; so is a German compound of
    // an unknown first part and a dictionary word ("Quarkelwurst", unknown-noun.ts).
    if (/^\p{Lu}/u.test(t.raw) && !lx.isCommonEither(t.raw) && !/^\p{Lu}+$/u.test(t.raw) && !placedBySemantics(t.raw) && !germanWord(t.raw) && !isUnknownCompoundNoun(tokens, i, language, lx, question)) return;
    if (!seen.has(t.raw)) {
      seen.add(t.raw);
      out.push(i);
    }
  });
  return out;
}

/**
 * The word is said not to be there: a negator stands before it in its clause with only determiners,
 * quantifiers, coordinators and words the reader took (negated contexts) between ("keine Fotos",
 * "No patients or participants", "weder Namen noch Adressen"). What is ruled out needs no asking.
 */
function negatedHere(tokens: readonly Token[], used: readonly boolean[], i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k <= 4; k--) {
    if ((tokens[k + 1] as Token).breakBefore) return false;
    const w = (tokens[k] as Token).norm;
    if (W.NEGATORS.has(w)) return true;
    if (!(used[k] || W.NEGATED_LIST_JOINERS.has(w) || W.DETERMINERS.has(w) || W.QUANTIFIERS.has(w))) return false;
  }
  return false;
}
