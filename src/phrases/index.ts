// The phrase book: one object per language with every fixed string of answers, the web page and
// change notifications. Dates are formatted here too, so every surface writes them alike.
import type { Language } from '../model/language.js';
import { de } from './de.js';
import { en } from './en.js';
import type { Phrases } from './types.js';

export type { Phrases } from './types.js';

export const PHRASES: Record<Language, Phrases> = { de, en };

export function phrases(lang: Language): Phrases {
  return PHRASES[lang] ?? de;
}

/** 2021-03-26 -> 26.03.2021 in German; ISO stays in English (unambiguous); anything else as written. */
export function formatDate(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m && lang === 'de' ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
