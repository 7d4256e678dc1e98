// Snowball stems (via @orama/stemmers) of folded tokens, memoised: staff ask the same words again
// and again, and stemming is the most expensive step per token.
import { LANGUAGES, type Language } from '../model/language.js';
import { LANGUAGE_REGISTRY } from './languages.js';
import { withoutZu } from './zu-infinitive.js';

const MAX_CACHED = 50_000;
const cache = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map<string, string>()])) as Record<Language, Map<string, string>>;

export function stem(word: string, lang: Language): string {
  const memo = cache[lang];
  let s = memo.get(word);
  if (s === undefined) {
    // "aufzuzeichnen" stems as "aufzeichnen" does (the stemmer would keep the "zu").
    s = LANGUAGE_REGISTRY[lang].stem(lang === 'de' ? withoutZu(word) : word);
    if (memo.size >= MAX_CACHED) memo.clear();
    memo.set(word, s);
  }
  return s;
}
