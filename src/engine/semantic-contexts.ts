// Words the engine's own lists do not hold, read through the semantic subsets (issue 18): a word a
// wordnet places under a built-in context ("influenza" under an illness) states
// that context, as a listed term would. Asked only about words nothing else accounted for, so the
// lists keep the first word; what the wordnet adds can only make an answer stricter or explain a
// word the engine would otherwise have asked about.
import { BUILTIN_CONTEXTS } from '../kb/builtins.js';
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import { LANGUAGE_REGISTRY } from '../text/languages.js';
import type { Token } from '../text/normalize.js';
import { isCompoundTrap, isGermanWord, isPlainThing, semanticEntry, type SemanticEntry } from '../text/semantic-lexicon.js';

export interface SemanticReading {
  /** Context ids stated by words of the wordnets, each once, in the order of the question. */
  contexts: string[];
  /** For each of those contexts, the words that stated it, as written. */
  words: Record<string, string[]>;
  /** The positions the wordnets did not account for (neither under a context nor a plain thing): still unexplained. */
  rest: number[];
}

const OTHER: Record<Language, Language> = { de: 'en', en: 'de' };
// The subsets may name only built-in contexts: every knowledge base has them.
const BUILTIN_IDS: ReadonlySet<string> = new Set(BUILTIN_CONTEXTS.map((c) => c.id));
const lookUp = (word: string, lang: Language) => semanticEntry(word, lang, BUILTIN_IDS);

/**
 * The wordnet entry for one word: the question's language first; the other one only for a word
 * that is no common word of the question's language (an English word in a German question). A
 * German compound no file has is read by its parts: one part under a context places the whole
 * ("Seniorennachmittag" holds "Senioren").
 */
function entryOf(t: Token, language: Language, lx: Lexicon): SemanticEntry | undefined {
  const direct = lookUp(t.raw, language) ?? (lx.isCommon(t.raw, language) ? undefined : lookUp(t.raw, OTHER[language]));
  if (direct) return direct;
  for (const part of germanParts(t, lx)) {
    const entry = part.length >= MIN_PART ? lookUp(part, 'de') : undefined;
    if (entry) return entry;
  }
  return undefined;
}

// Shorter compound parts are left alone: they are too often a piece of another word.
const MIN_PART = 4;
const germanParts = (t: Token, lx: Lexicon): string[] => (t.raw.length >= 2 * MIN_PART ? (lx.compoundParts(t.raw, 'de') ?? []) : []);

/**
 * The word is a plain thing: of the question's language, of the other one for a word the question's
 * language lacks, or a German compound of plain things ("Straßenbahndepot").
 */
function isPlain(t: Token, language: Language, lx: Lexicon): boolean {
  if (isPlainThing(t.raw, language)) return true;
  if (!lx.isCommon(t.raw, language) && isPlainThing(t.raw, OTHER[language])) return true;
  // A word the dictionary has as a whole that is not plain is not read by its parts ("Hausarbeit").
  return !holdsCompoundTrap(t.raw, lx) && plainByParts(t.raw, lx);
}

/**
 * The word, or a run of two or more of its compound parts, is a word the dictionary has as a whole
 * and does not find plain ("Hausarbeiten"; "Haus" + "arbeits" of "Hausarbeitsthema"): the compound
 * is then not plain by its parts. The runs are the parts as split, joined; a run in front of the last
 * part also without its linking letters.
 */
export function holdsCompoundTrap(word: string, lx: Lexicon): boolean {
  if (isCompoundTrap(word)) return true;
  const parts = lx.compoundParts(word, 'de');
  if (!parts || parts.length < 3) return false;
  for (let i = 0; i < parts.length - 1; i++) {
    let run = parts[i] as string;
    for (let j = i + 1; j < parts.length; j++) {
      run += parts[j] as string;
      if (j - i + 1 === parts.length) break;
      // A run in front keeps its linking letters ("hausarbeits"): the word is the run without them.
      if (isCompoundTrap(run) || (j < parts.length - 1 && withoutLink(run).some((w) => isCompoundTrap(w)))) return true;
    }
  }
  return false;
}

/**
 * Every part of the German compound is a plain thing ("Straßenbahn" + "Depot"): how isPlain reads a
 * compound no file holds, before the compound traps (scripts/semantic/compound-traps.ts) are asked.
 */
export function plainByParts(word: string, lx: Lexicon): boolean {
  const parts = word.length >= 2 * MIN_PART ? (lx.compoundParts(word, 'de') ?? []) : [];
  return parts.length > 1 && parts.every((p, k) => isPlainThing(p, 'de') || (k < parts.length - 1 && withoutLink(p).some((q) => isPlainThing(q, 'de'))));
}

/** A first part of a compound without the linking letters it may carry ("betriebs" → "betrieb"). */
function withoutLink(part: string): string[] {
  const links = LANGUAGE_REGISTRY.de.compoundLinks ?? [];
  return links.filter((l) => l !== '' && part.endsWith(l) && part.length - l.length >= MIN_PART).map((l) => part.slice(0, -l.length));
}

/**
 * A wordnet of either language places the word under a context ("Dermatose", "influenza"): it is a
 * word of the language, never the name of a product the catalogue lacks.
 */
export function placedBySemantics(word: string): boolean {
  return lookUp(word, 'de') !== undefined || lookUp(word, 'en') !== undefined;
}

/**
 * A German word of the Ding dictionary's files ("Freibad", "Schicht"), though the spelling
 * dictionaries lack it: no name. Callers ask placedBySemantics first for the words under a context.
 */
export function germanWord(word: string): boolean {
  return isGermanWord(word);
}

/**
 * Reads the unexplained positions `at` of `tokens` through the wordnets. `notPlain(i)`: a word that may
 * be one of the base's own situations ("grid" of "grid control") stays unexplained though plain.
 */
export function readBySemantics(tokens: readonly Token[], at: readonly number[], language: Language, lx: Lexicon, notPlain: (i: number) => boolean = () => false): SemanticReading {
  const out: SemanticReading = { contexts: [], words: {}, rest: [] };
  for (const i of at) {
    const t = tokens[i] as Token;
    const entry = entryOf(t, language, lx);
    if (!entry) {
      // A plain thing needs no asking.
      if (notPlain(i) || !isPlain(t, language, lx)) out.rest.push(i);
      continue;
    }
    for (const id of entry.contexts) {
      if (!out.contexts.includes(id)) out.contexts.push(id);
      const ws = (out.words[id] ??= []);
      if (!ws.includes(t.raw)) ws.push(t.raw);
    }
  }
  return out;
}
