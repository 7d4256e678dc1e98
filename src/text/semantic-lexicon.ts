// The semantic subsets (issue 18): words that a well-kept wordnet places under one of the built-in
// contexts, through the hypernyms of a few anchor concepts (lexicon/semantic/anchors-<lang>.yaml).
// English comes from Princeton WordNet (scripts/semantic/wordnet-subset.ts writes
// lexicon/semantic/en.tsv, one line per word: `word <TAB> context ids, comma-separated <TAB> the
// anchor it descends from`). German is made from English through the Ding German–English dictionary
// (scripts/semantic/ding-bridge.ts writes de.tsv). Beside them, the plain things: en-neutral.txt of
// WordNet, de-neutral.txt through the dictionary. The engine asks them only about words its own lists
// could not account for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LexiconError } from '../errors.js';
import type { Language } from '../model/language.js';
import { lexiconDir } from './lexicon.js';
import { fold } from './normalize.js';
import { stem } from './stem.js';
import { codeOf, compiled, jsonCodec } from './compiled-cache.js';
import { lexiconCache } from './lexicon-data.js';
import { SortedLines } from './sorted-lines.js';
import { parseLexicon } from './lexicon-file.js';
import { NeutralRules, type NeutralRulesData } from './semantic-rules.js';

/** What a wordnet says a word is: the contexts it falls under, and the anchor concept it descends from. */
export interface SemanticEntry {
  readonly contexts: readonly string[];
  readonly anchor: string;
}

interface SemanticSubset {
  /** Entries by folded word. */
  readonly words: ReadonlyMap<string, SemanticEntry>;
  /** Entries by Snowball stem of the folded word, for inflected forms ("jabs", "Kindern"). */
  readonly stems: ReadonlyMap<string, SemanticEntry>;
}

/** The languages that ship a subset and plain things (lexicon/semantic/<lang>.tsv and <lang>-neutral.txt). */
export const SUBSET_LANGUAGES: readonly Language[] = ['en', 'de'];

/** A subset as the compiled cache keeps it: rows and, per Snowball stem, the first word that has it. */
interface CompiledSubset {
  rows: [word: string, contexts: string[], anchor: string][];
  stems: [stem: string, word: string][];
}

/** Parses the text of `lexicon/semantic/<lang>.tsv`; a malformed line is a LexiconError naming file and line. */
export function parseSemanticSubset(text: string, file: string, lang: Language, contextIds: ReadonlySet<string>): SemanticSubset {
  return fromCompiled(compileSubset(text, file, lang, contextIds));
}

function compileSubset(text: string, file: string, lang: Language, contextIds: ReadonlySet<string>): CompiledSubset {
  const out: CompiledSubset = { rows: [], stems: [] };
  const stemmed = new Set<string>();
  text.split('\n').forEach((line, n) => {
    if (line === '' || line.startsWith('#')) return;
    const [word, ids, anchor, ...rest] = line.split('\t');
    const where = `${file}:${n + 1}`;
    if (!word || !ids || !anchor || rest.length > 0 || /\s/.test(word)) {
      throw new LexiconError(where, 'expected "word<TAB>context ids<TAB>anchor": regenerate the file with its script in scripts/semantic/');
    }
    const contexts = ids.split(',');
    const unknown = contexts.find((id) => !contextIds.has(id));
    if (unknown) throw new LexiconError(where, `"${unknown}" is not a built-in context id (lexicon/contexts.yaml): fix the anchors file and regenerate`);
    const folded = fold(word);
    out.rows.push([folded, contexts, anchor]);
    const s = stem(folded, lang);
    if (!stemmed.has(s)) {
      stemmed.add(s);
      out.stems.push([s, folded]);
    }
  });
  return out;
}

function fromCompiled(c: CompiledSubset): SemanticSubset {
  const words = new Map<string, SemanticEntry>(c.rows.map(([word, contexts, anchor]) => [word, { contexts, anchor }]));
  const stems = new Map<string, SemanticEntry>();
  for (const [s, word] of c.stems) {
    const entry = words.get(word);
    if (entry) stems.set(s, entry);
  }
  return { words, stems };
}

/** The module `name` beside this one, as run (`.ts` from source, `.js` from dist/): its code keys the cache. */
function sibling(name: string): string[] {
  return [new URL(`./${name}${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url).href];
}

const loaded = new Map<Language, SemanticSubset>();
const EMPTY: SemanticSubset = { words: new Map(), stems: new Map() };

/** The text of a shipped file of lexicon/semantic/; a missing file is a LexiconError saying how to restore it. */
function shippedFile(name: string): { file: string; bytes: Buffer } {
  const file = path.join(lexiconDir(), 'semantic', name);
  try {
    return { file, bytes: readFileSync(file) };
  } catch (err) {
    throw new LexiconError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}): reinstall the package, or regenerate it with scripts/semantic/`);
  }
}

/**
 * The subset of one language, read on first use (most questions never need it) and compiled once
 * per change of the file (text/compiled-cache.ts). `contextIds` are the ids it may name (the
 * built-in contexts); another id is a LexiconError.
 */
function subset(lang: Language, contextIds: ReadonlySet<string>): SemanticSubset {
  if (!SUBSET_LANGUAGES.includes(lang)) return EMPTY;
  let s = loaded.get(lang);
  if (!s) {
    const { file, bytes } = shippedFile(`${lang}.tsv`);
    const ids = [...contextIds].sort();
    const compiledSubset = compiled(lexiconCache(), `semantic-${lang}`, [...codeOf(import.meta.url, ...sibling('stem'), ...sibling('normalize')), bytes, Buffer.from(ids.join(','))], jsonCodec<CompiledSubset>('semantic-subset'), () =>
      compileSubset(bytes.toString('utf8'), file, lang, contextIds),
    );
    s = fromCompiled(compiledSubset);
    loaded.set(lang, s);
  }
  return s;
}

/** Loads the subsets into the compiled cache (`npm run build`), with the built-in context ids they may name. */
export function compileSemanticSubsets(contextIds: ReadonlySet<string>): void {
  for (const lang of SUBSET_LANGUAGES) subset(lang, contextIds);
}

/** What the wordnet of `lang` says of `word` (as written or inflected), or undefined; `contextIds` as for the subset. */
export function semanticEntry(word: string, lang: Language, contextIds: ReadonlySet<string>): SemanticEntry | undefined {
  const s = subset(lang, contextIds);
  const folded = fold(word);
  return s.words.get(folded) ?? s.stems.get(stem(folded, lang));
}

interface PlainThings {
  readonly words: SortedLines;
  /** WordNet's rules for reducing an English form to its lemma; German files list every form. */
  readonly inflections: NeutralRulesData['inflections'];
}

const plainThings = new Map<Language, PlainThings>();

/** lexicon/semantic/<lang>-neutral.txt (searched in its text, not parsed), read on first use. */
function plainThingsOf(lang: Language): PlainThings {
  let p = plainThings.get(lang);
  if (!p) {
    const inflections = lang === 'en' ? parseLexicon(shippedFile('neutral-en.yaml').bytes.toString('utf8'), 'semantic/neutral-en.yaml', NeutralRules).inflections : [];
    p = { words: new SortedLines(shippedFile(`${lang}-neutral.txt`).bytes.toString('utf8')), inflections };
    plainThings.set(lang, p);
  }
  return p;
}

// The letters of a word the plain-thing files can hold, by language.
const PLAIN_WORD: Record<Language, RegExp> = { en: /^[a-z]+$/, de: /^[a-zäöüß]+$/ };

/**
 * The word is a plain thing of `lang` (a tram, hardness, a landscape; eine Straßenbahn): it cannot
 * describe who takes part or what data is involved. English forms are reduced by WordNet's rules,
 * except a lemma the file lists as `!lemma`; the German file holds every form.
 */
export function isPlainThing(word: string, lang: Language = 'en'): boolean {
  if (!SUBSET_LANGUAGES.includes(lang)) return false;
  const w = word.normalize('NFC').toLowerCase();
  if (!PLAIN_WORD[lang].test(w)) return false;
  const { words, inflections } = plainThingsOf(lang);
  if (words.has(w)) return true;
  // A lemma of its own that is not plain ("mother", "listener") is not read as an inflection ("moth").
  if (words.has(`!${w}`)) return false;
  return inflections.some(([ending, replacement]) => w.endsWith(ending) && words.has(w.slice(0, -ending.length) + replacement));
}

let germanNouns: SortedLines | undefined;

/**
 * A German word of the Ding dictionary that no subset places: a plain thing, or one of the nouns the
 * spelling dictionaries lack (de-words.txt: "Freibad", "Landrat"). Such a word is German, not a name;
 * a word the subset places is asked through semanticEntry.
 */
export function isGermanWord(word: string): boolean {
  const w = word.normalize('NFC').toLowerCase();
  if (!PLAIN_WORD.de.test(w)) return false;
  germanNouns ??= new SortedLines(shippedFile('de-words.txt').bytes.toString('utf8'));
  return germanNouns.has(w) || isPlainThing(w, 'de');
}

let compoundTraps: SortedLines | undefined;

/**
 * A German word the Ding dictionary has as a whole, and as a form of it, that is not plain though
 * every part of its compound split is ("Hausarbeiten": housework, and a term paper;
 * lexicon/semantic/de-not-plain.txt, scripts/semantic/compound-traps.ts): it is not read by its
 * parts. Read on first use.
 */
export function isCompoundTrap(word: string): boolean {
  const w = word.normalize('NFC').toLowerCase();
  if (!PLAIN_WORD.de.test(w)) return false;
  compoundTraps ??= new SortedLines(shippedFile('de-not-plain.txt').bytes.toString('utf8'));
  return compoundTraps.has(w);
}

const personWords = new Map<Language, SortedLines>();

/**
 * The word names people or a group of people and nothing sensitive (lexicon/semantic/<lang>-people.txt,
 * scripts/semantic/people-words.ts: "guests", "Verlag" is not, "Agentur" is): as written or, in
 * English, without a possessive ending. Read on first use.
 */
export function isPersonWord(word: string, lang: Language): boolean {
  if (!SUBSET_LANGUAGES.includes(lang)) return false;
  const w = word.normalize('NFC').toLowerCase().replace(/['’]s?$/, '');
  if (!PLAIN_WORD[lang].test(w)) return false;
  let words = personWords.get(lang);
  if (!words) personWords.set(lang, (words = new SortedLines(shippedFile(`${lang}-people.txt`).bytes.toString('utf8'))));
  return words.has(w);
}

const groupWords = new Map<Language, ReadonlyMap<string, string>>();

/**
 * The context of who takes part a group word tells (lexicon/semantic/<lang>-groups.tsv,
 * scripts/semantic/group-words.ts: "publisher", "Institut": external; "guests", "Gäste": citizens), as
 * written or, in English, without a possessive ending. Read on first use.
 */
export function groupContext(word: string, lang: Language): string | undefined {
  if (!SUBSET_LANGUAGES.includes(lang)) return undefined;
  const w = word.normalize('NFC').toLowerCase().replace(/['’]s?$/, '');
  if (!PLAIN_WORD[lang].test(w)) return undefined;
  let words = groupWords.get(lang);
  if (!words) {
    const { file, bytes } = shippedFile(`${lang}-groups.tsv`);
    const rows = new Map<string, string>();
    bytes.toString('utf8').split('\n').forEach((line, n) => {
      if (line === '' || line.startsWith('#')) return;
      const [form, context, ...rest] = line.split('\t');
      if (!form || !context || rest.length > 0) throw new LexiconError(`${file}:${n + 1}`, 'expected "word<TAB>context id": regenerate the file with scripts/semantic/group-words.ts');
      rows.set(form, context);
    });
    groupWords.set(lang, (words = rows));
  }
  return words.get(w);
}

/** A health role (lexicon/semantic/<lang>-health-roles.txt): a health profession or institution, and the number of the form. */
export interface HealthRole {
  readonly kind: 'profession' | 'institution';
  readonly number: 'singular' | 'plural' | 'both';
}

const healthRoles = new Map<Language, ReadonlyMap<string, HealthRole>>();

/**
 * The word as written names a health profession or a health institution ("Hausärzte", "hospitals",
 * scripts/semantic/health-roles.ts), with the number of the form; read on first use.
 */
export function healthRole(word: string, lang: Language): HealthRole | undefined {
  if (!SUBSET_LANGUAGES.includes(lang)) return undefined;
  let roles = healthRoles.get(lang);
  if (!roles) {
    const { file, bytes } = shippedFile(`${lang}-health-roles.txt`);
    const map = new Map<string, HealthRole>();
    bytes.toString('utf8').split('\n').forEach((line, n) => {
      if (line === '' || line.startsWith('#')) return;
      const [w, kind, number] = line.split('\t');
      if (!w || (kind !== 'profession' && kind !== 'institution') || (number !== 'singular' && number !== 'plural' && number !== 'both')) {
        throw new LexiconError(`${file}:${n + 1}`, 'expected "word<TAB>profession|institution<TAB>singular|plural|both": regenerate it with scripts/semantic/health-roles.ts');
      }
      map.set(w, { kind, number });
    });
    healthRoles.set(lang, (roles = map));
  }
  return roles.get(word.normalize('NFC').toLowerCase());
}
