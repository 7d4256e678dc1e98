// Words the engine's own lists do not hold, read through the semantic subsets (issue 18): a word a
// wordnet places under a built-in context ("influenza" under an illness) states
// that context, as a listed term would. Asked only about words nothing else accounted for, so the
// lists keep the first word; what the wordnet adds can only make an answer stricter or explain a
// word the engine would otherwise have asked about.
import { BUILTIN_CONTEXTS } from '../kb/builtins.js';
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import type { Token } from '../text/normalize.js';
import { isPlainThing, semanticEntry, type SemanticEntry } from '../text/semantic-lexicon.js';

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
 * that is no common word of the question's language (an English word in a German question).
 */
function entryOf(t: Token, language: Language, lx: Lexicon): SemanticEntry | undefined {
  return lookUp(t.raw, language) ?? (lx.isCommon(t.raw, language) ? undefined : lookUp(t.raw, OTHER[language]));
}

/** Reads the unexplained positions `at` of `tokens` through the wordnets. */
export function readBySemantics(tokens: readonly Token[], at: readonly number[], language: Language, lx: Lexicon): SemanticReading {
  const out: SemanticReading = { contexts: [], words: {}, rest: [] };
  for (const i of at) {
    const t = tokens[i] as Token;
    const entry = entryOf(t, language, lx);
    if (!entry) {
      // A plain thing of the English wordnet needs no asking; in a German question only a word German lacks.
      if (!(isPlainThing(t.raw) && (language === 'en' || !lx.isCommon(t.raw, language)))) out.rest.push(i);
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
