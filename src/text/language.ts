// Detects whether a question is German or English. Staff questions are short ("Zoom mit Bürgern?"),
// where statistical detectors guess wildly, so function words decide first, then words found in
// only one language's dictionary, and tinyld (restricted to de/en) only breaks a tie on longer
// text; the organisation's default language is the last resort. The words are data
// (lexicon/function-words.yaml), the dictionaries and detector codes the language registry's.
import { createRequire } from 'node:module';
import type { detectAll as DetectAll } from 'tinyld';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../model/language.js';
import { lexiconData } from './lexicon-file.js';
import { LANGUAGE_REGISTRY } from './languages.js';
import { lexicon } from './lexicon.js';
import type { Token } from './normalize.js';

// tinyld holds n-gram tables of 60 languages (about 8 MB of heap, 20 MB of RSS) and decides only
// the rare question that neither function words nor dictionaries place: loaded on the first such
// question (synchronously, through its CommonJS build), not with every process.
let tinyld: typeof DetectAll | undefined;
function detectAll(...args: Parameters<typeof DetectAll>): ReturnType<typeof DetectAll> {
  tinyld ??= (createRequire(import.meta.url)('tinyld') as { detectAll: typeof DetectAll }).detectAll;
  return tinyld(...args);
}

const WORDS = z.array(z.string().min(1)).min(1);
/** lexicon/function-words.yaml: per language (its lexicon key) the function words that vote for it; `both`: no signal. */
export const FunctionWordsFile = z.strictObject({
  languages: z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [LANGUAGE_REGISTRY[lang].lexiconKey, WORDS])) as Record<Language, typeof WORDS>),
  both: z.array(z.string().min(1)),
});

const functionWords = lexiconData('function-words.yaml', FunctionWordsFile);
let sets: { byLanguage: Record<Language, ReadonlySet<string>>; both: ReadonlySet<string> } | undefined;
function functionWordSets() {
  if (!sets) {
    const file = functionWords();
    const byLanguage = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Set(file.languages[LANGUAGE_REGISTRY[lang].lexiconKey])])) as unknown as Record<Language, ReadonlySet<string>>;
    sets = { byLanguage, both: new Set(file.both) };
  }
  return sets;
}

/** The language with the most votes, or null on a tie. */
function leader(votes: Record<Language, number>): Language | null {
  let best: Language | null = null;
  let tie = false;
  for (const lang of LANGUAGES) {
    if (best === null || votes[lang] > votes[best]) {
      best = lang;
      tie = false;
    } else if (votes[lang] === votes[best]) tie = true;
  }
  return tie ? null : best;
}

/** `isName`: tokens that belong to names (tools), which the dictionaries must not vote on. */
export function detectLanguage(tokens: readonly Token[], text: string, fallback: Language, isName: (t: Token) => boolean = () => false): Language {
  const { byLanguage, both } = functionWordSets();
  const votes = Object.fromEntries(LANGUAGES.map((lang) => [lang, 0])) as Record<Language, number>;
  for (const t of tokens) {
    if (both.has(t.norm)) continue;
    for (const lang of LANGUAGES) {
      if (byLanguage[lang].has(t.norm)) votes[lang]++;
      if (LANGUAGE_REGISTRY[lang].ownLetters?.test(t.raw)) votes[lang] += 2;
    }
  }
  const byFunctionWords = leader(votes);
  if (byFunctionWords) return byFunctionWords;
  // No function words decide ("Zoom Elterngespräch?", "Zoom patient call?"): words of only one
  // language's dictionary do.
  const lx = lexicon();
  for (const t of tokens) {
    if (t.raw.length < 3 || !/\p{L}/u.test(t.raw) || isName(t)) continue;
    const known = LANGUAGES.filter((lang) => lx.isCommon(t.raw, lang));
    if (known.length === 1) votes[known[0] as Language]++;
  }
  const byDictionaries = leader(votes);
  if (byDictionaries) return byDictionaries;
  if (text.length >= 20) {
    const codes = LANGUAGES.map((lang) => LANGUAGE_REGISTRY[lang].detector);
    const best = detectAll(text, { only: codes })[0];
    const found = best && LANGUAGES.find((lang) => LANGUAGE_REGISTRY[lang].detector === best.lang);
    if (found) return found;
  }
  return fallback;
}
