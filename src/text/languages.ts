// The language registry: for each language the bot speaks, the resources the text layer reads. A
// new language is one entry here plus its data (see docs/adding-a-language.md): the type
// Record<Language, …> makes the compiler name every place that still lacks it.
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import type { Language } from '../model/language.js';

export interface HunspellSource {
  /** An npm package with `index.aff` and `index.dic` (the `dictionary-*` packages of wooorm/dictionaries). */
  package: string;
  /**
   * Whether a capitalised entry with these flags is an ordinary word. German nouns are capitalised:
   * those that can stand in compounds (flag m) are common nouns, the others (Anna/S, Google/S) names.
   */
  capitalisedIsCommon: (flags: string) => boolean;
}

export interface LanguageEntry {
  /** What is an ordinary word of the language (never a tool's name, never typo-corrected into one). */
  dictionaries: readonly HunspellSource[];
  /**
   * The linking elements of compounds ("Eltern|gespräch", "Gesundheit|s|amt"), tried in this order ('' first):
   * an unknown word is then read as dictionary words joined by them. null: the language writes its
   * compounds apart (English's are recognised by isEnglishCompound).
   */
  compoundLinks: readonly string[] | null;
  /** The Snowball stemmer (context and category synonyms across inflections). */
  stem: (word: string) => string;
  /** The code tinyld reports for the language (the detector of longer questions). */
  detector: string;
  /**
   * The key of the language in the lexicon/ files: function-words.yaml, summary-status-words.yaml,
   * chat-phrases.yaml, topics.yaml … (`de:` / `en:` lists). The same as the language code.
   */
  lexiconKey: Language;
  /** Letters only this language writes, each a vote for it in detection (German umlauts); null: none. */
  ownLetters: RegExp | null;
}

export const LANGUAGE_REGISTRY: Readonly<Record<Language, LanguageEntry>> = {
  de: {
    dictionaries: [{ package: 'dictionary-de', capitalisedIsCommon: (flags) => flags.includes('m') }],
    compoundLinks: ['', 's', 'es', 'n', 'en', 'er', 'e'],
    stem: germanStemmer,
    detector: 'de',
    lexiconKey: 'de',
    ownLetters: /[äöüß]/i,
  },
  en: {
    // American and British spelling ("counseling", "counselling").
    dictionaries: [
      { package: 'dictionary-en', capitalisedIsCommon: () => false },
      { package: 'dictionary-en-gb', capitalisedIsCommon: () => false },
    ],
    compoundLinks: null,
    stem: englishStemmer,
    detector: 'en',
    lexiconKey: 'en',
    ownLetters: null,
  },
};

/** The registry's languages, in the order of the model's list. */
export const registeredLanguages = (): Language[] => Object.keys(LANGUAGE_REGISTRY) as Language[];
