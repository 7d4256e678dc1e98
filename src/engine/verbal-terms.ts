// A German context term made of an adjective and a noun of action in -ung ("interne Untersuchung",
// "fristlose Kündigung", "sexuelle Belästigung") is just as often said with the verb the noun is
// made from and the adjective as an adverb: "wird intern untersucht", "wurde fristlos gekündigt",
// "sexuell belästigt". Such a verbal phrase states the term's contexts. The verb is found by regular
// German morphology only (no list): the noun without -ung is the verb's root ("untersuch"), an "e"
// comes back before a final l ("ermittl" → "ermittelt"), a participle may carry "ge" after a
// separable prefix ("aufgezeichnet") or before the root ("gekündigt"). Irregular verbs
// ("besprochen") are not read. The adverb has the adjective's Snowball stem and stands right before
// or after the verb form. Computed once per knowledge base (kb-index.ts), for the built-in and the
// base's own terms alike.
import type { VocabularyItem } from '../kb/model.js';
import { phrase, type Token } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { separablePrefixes } from '../text/zu-infinitive.js';

/** One term read verbally: the verb roots its noun allows and the contexts it names. */
interface VerbalTerm {
  roots: string[];
  ids: string[];
  /** The endings a form of the verb may have after its root. */
  endings: readonly string[];
}

/** Verbal readings keyed `de:` and the German stem of the term's adjective (inflected, as the term has it), or `en:` and the English adverb. */
export type VerbalTerms = ReadonlyMap<string, readonly VerbalTerm[]>;

/** A verbal phrase of the question read as a context (the shape understand.ts reads context hits in). */
export interface VerbalHit {
  start: number;
  length: 2;
  ids: string[];
  negated: false;
}

// An attributive adjective of a term ends in an inflection; the noun of action in -ung.
const ADJECTIVE = /^[a-z]{4,}(?:e|er|en|es)$/;
const NOUN = /^([a-z]{4,})ung(?:en)?$/;
// Shorter roots ("halt" of "Haltung", "lad" of "Ladung") are too often the start of another word's form.
const MIN_ROOT = 5;
// The endings of a regular verb's finite forms and past participle.
const ENDINGS_DE = ['t', 'et', 'te', 'ten', 'tet', 'ete', 'eten', 'en', 'n', 'e', 'st', 'est'];
const ENDINGS_EN = ['ed', 'e', 'es', 'ing', 's', 'd', ''];
// An English term: an adjective with a telling ending and a noun of action ("internal investigation",
// "sexual harassment", "medical treatment"); the adverb is the adjective with -ly ("internally",
// "publicly" of -ic adjectives with -ally too).
const ADJECTIVE_EN = /^[a-z]{3,}(?:al|ic|ive|ous|ary|ent|ant|ful|less|ate)$/;
const NOUN_EN = /^([a-z]{3,}?)(ation|ment)s?$/;

/** The roots a noun of action's verb is written with ("ermittl" → ermittl, ermittel; separable "aufzeichn" → aufgezeichn). */
function rootsOf(root: string): string[] {
  const out = [root];
  // "Ermittlung", "Behandlung": the verb has the "e" the noun drops (ermitteln, behandeln).
  if (/[^aeiou][lr]$/.test(root)) out.push(`${root.slice(0, -1)}e${root.slice(-1)}`);
  for (const r of [...out]) {
    const prefix = separablePrefixes().find((p) => r.startsWith(p) && r.length - p.length >= 4);
    out.push(prefix === undefined ? `ge${r}` : `${prefix}ge${r.slice(prefix.length)}`);
  }
  return out;
}

/** Adds one verbal reading under `key`, or the context to the reading of the same root. */
function add(out: Map<string, VerbalTerm[]>, key: string, roots: string[], id: string): void {
  const list = out.get(key) ?? [];
  const known = list.find((v) => v.roots[0] === roots[0]);
  if (known) {
    if (!known.ids.includes(id)) known.ids.push(id);
  } else list.push({ roots, ids: [id], endings: key.startsWith('de:') ? ENDINGS_DE : ENDINGS_EN });
  out.set(key, list);
}

/** The verbal readings of the two-word terms of `contexts`, German and English (see the head comment). */
export function verbalTerms(contexts: Iterable<VocabularyItem>): VerbalTerms {
  const out = new Map<string, VerbalTerm[]>();
  for (const item of contexts) {
    for (const term of item.synonyms.de) {
      const [adjective, noun, ...rest] = phrase(term);
      const root = noun === undefined ? undefined : NOUN.exec(noun)?.[1];
      if (rest.length > 0 || adjective === undefined || !ADJECTIVE.test(adjective) || root === undefined || root.length < MIN_ROOT) continue;
      add(out, `de:${stem(adjective, 'de')}`, rootsOf(root), item.id);
    }
    for (const term of item.synonyms.en) {
      const [adjective, noun, ...rest] = phrase(term);
      const m = noun === undefined ? null : NOUN_EN.exec(noun);
      if (rest.length > 0 || adjective === undefined || !ADJECTIVE_EN.test(adjective) || !m) continue;
      // "investigation" → investigat(e), "examination" → examin(e), "consultation" → consult, "harassment" → harass.
      const roots = m[2] === 'ment' ? [m[1] as string] : [`${m[1] as string}at`, m[1] as string];
      if ((roots[0] as string).length < MIN_ROOT) continue;
      for (const adverb of [`${adjective}ly`, `${adjective}ally`]) add(out, `en:${adverb}`, roots, item.id);
    }
  }
  return out;
}

/** A regular form of a verb with one of `roots` ("untersucht", "gekündigt"). */
function isVerbForm(word: string, term: VerbalTerm): boolean {
  return term.roots.some((r) => word.startsWith(r) && term.endings.includes(word.slice(r.length)));
}

/** The verbal phrases among the words not used yet, each marked used. */
export function verbalHits(terms: VerbalTerms, tokens: readonly Token[], words: readonly string[], used: boolean[]): VerbalHit[] {
  const hits: VerbalHit[] = [];
  if (terms.size === 0) return hits;
  for (let i = 0; i < words.length; i++) {
    // The adverb is the adjective uninflected: with an "e" it has the stem of the term's form ("intern" of "interne").
    const list = used[i] ? undefined : (terms.get(`de:${stem(`${words[i] as string}e`, 'de')}`) ?? terms.get(`en:${words[i] as string}`));
    if (list === undefined) continue;
    for (const k of [i + 1, i - 1]) {
      const w = words[k];
      if (w === undefined || used[k] || (tokens[Math.max(i, k)] as Token).breakBefore) continue;
      const term = list.find((v) => isVerbForm(w, v));
      if (term === undefined) continue;
      used[i] = used[k] = true;
      hits.push({ start: Math.min(i, k), length: 2, ids: [...term.ids], negated: false });
      break;
    }
  }
  return hits;
}
