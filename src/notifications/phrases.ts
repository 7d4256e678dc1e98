// The fixed phrases of change notifications live in the phrase book (src/phrases); kept for the
// modules that import them from here.
import type { Language } from '../model/language.js';
import { PHRASES, type Phrases } from '../phrases/index.js';

export const NOTICE_PHRASES: Record<Language, Phrases['notice']> = { de: PHRASES.de.notice, en: PHRASES.en.notice };
