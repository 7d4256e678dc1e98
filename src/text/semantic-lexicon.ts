// The semantic subsets (issue 18): words that a well-kept wordnet places under one of the built-in
// contexts, through the hypernyms of a few anchor concepts (lexicon/semantic/anchors-<lang>.yaml).
// English comes from Princeton WordNet (scripts/semantic/wordnet-subset.ts), German from OpenThesaurus
// (scripts/semantic/openthesaurus-subset.ts); both are compiled into lexicon/semantic/<lang>.tsv, one line
// per word: `word <TAB> context ids, comma-separated <TAB> the anchor it descends from`.
// The engine asks them only about words its own lists could not account for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LexiconError } from '../errors.js';
import type { Language } from '../model/language.js';
import { lexiconDir } from './lexicon.js';
import { fold } from './normalize.js';
import { stem } from './stem.js';
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

export const SEMANTIC_LANGUAGES: readonly Language[] = ['en', 'de'];

/** Parses the text of `lexicon/semantic/<lang>.tsv`; a malformed line is a LexiconError naming file and line. */
export function parseSemanticSubset(text: string, file: string, lang: Language, contextIds: ReadonlySet<string>): SemanticSubset {
  const words = new Map<string, SemanticEntry>();
  const stems = new Map<string, SemanticEntry>();
  const lines = text.split('\n');
  lines.forEach((line, n) => {
    if (line === '' || line.startsWith('#')) return;
    const [word, ids, anchor, ...rest] = line.split('\t');
    const where = `${file}:${n + 1}`;
    if (!word || !ids || !anchor || rest.length > 0 || /\s/.test(word)) {
      throw new LexiconError(where, 'expected "word<TAB>context ids<TAB>anchor": regenerate the file with its script in scripts/semantic/');
    }
    const contexts = ids.split(',');
    const unknown = contexts.find((id) => !contextIds.has(id));
    if (unknown) throw new LexiconError(where, `"${unknown}" is not a built-in context id (lexicon/contexts.yaml): fix the anchors file and regenerate`);
    const entry: SemanticEntry = { contexts, anchor };
    const folded = fold(word);
    words.set(folded, entry);
    const s = stem(folded, lang);
    if (!stems.has(s)) stems.set(s, entry);
  });
  return { words, stems };
}

const loaded = new Map<Language, SemanticSubset>();

/**
 * The subset of one language, read on first use: most questions never need it. `contextIds` are the
 * ids it may name (the built-in contexts); another id is a LexiconError.
 */
function subset(lang: Language, contextIds: ReadonlySet<string>): SemanticSubset {
  let s = loaded.get(lang);
  if (!s) {
    const file = path.join(lexiconDir(), 'semantic', `${lang}.tsv`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') text = ''; // until the subsets land
      else throw new LexiconError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}): reinstall the package, or regenerate it with scripts/semantic/`);
    }
    s = parseSemanticSubset(text, file, lang, contextIds);
    loaded.set(lang, s);
  }
  return s;
}

/** What the wordnet of `lang` says of `word` (as written or inflected), or undefined; `contextIds` as for the subset. */
export function semanticEntry(word: string, lang: Language, contextIds: ReadonlySet<string>): SemanticEntry | undefined {
  const s = subset(lang, contextIds);
  const folded = fold(word);
  return s.words.get(folded) ?? s.stems.get(stem(folded, lang));
}

interface PlainThings {
  readonly words: ReadonlySet<string>;
  readonly rules: NeutralRulesData;
}

let plainThings: PlainThings | undefined;

/** lexicon/semantic/en-neutral.txt and its rules, read on first use. */
function englishPlainThings(): PlainThings {
  if (plainThings) return plainThings;
  const dir = path.join(lexiconDir(), 'semantic');
  const rules = parseLexicon(readFileSync(path.join(dir, 'neutral-en.yaml'), 'utf8'), 'semantic/neutral-en.yaml', NeutralRules);
  const words = new Set(readFileSync(path.join(dir, 'en-neutral.txt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')));
  return (plainThings = { words, rules });
}

/**
 * The English word is a plain thing of WordNet (a tram, hardness, a landscape): it cannot describe
 * who takes part or what data is involved. Inflected forms are reduced by WordNet's own rules.
 */
export function isPlainThing(word: string): boolean {
  const { words, rules } = englishPlainThings();
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w)) return false;
  if (words.has(w)) return true;
  return rules.inflections.some(([ending, replacement]) => w.endsWith(ending) && words.has(w.slice(0, -ending.length) + replacement));
}
