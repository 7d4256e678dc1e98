// The languages the bot speaks. Which files, dictionary, stemmer and detector each one uses is in
// src/text/languages.ts (the language registry); this is only the list and its type.
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
