// Snowball stems (via @orama/stemmers) of folded tokens, memoised: staff ask the same words again
// and again, and stemming is the most expensive step per token.
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import type { Language } from '../model/language.js';

const MAX_CACHED = 50_000;
const cache: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() };
const stemmers: Record<Language, (w: string) => string> = { de: germanStemmer, en: englishStemmer };

export function stem(word: string, lang: Language): string {
  const memo = cache[lang];
  let s = memo.get(word);
  if (s === undefined) {
    s = stemmers[lang](word);
    if (memo.size >= MAX_CACHED) memo.clear();
    memo.set(word, s);
  }
  return s;
}
