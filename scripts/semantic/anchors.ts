// lexicon/semantic/anchors-<lang>.yaml: per built-in context, the WordNet noun synsets whose
// hyponyms name that context, each named by lemma and sense number and pinned by its offset, so a
// different WordNet release cannot silently swap the meaning of an anchor.
import { z } from 'zod';
import { LexiconError } from '../../src/errors.js';
import { BUILTIN_CONTEXTS } from '../../src/kb/builtins.js';
import { parseLexicon } from '../../src/text/lexicon-file.js';
import type { WordNetDict } from './wordnet-dict.js';

const AnchorSpec = z.strictObject({
  sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/, 'lemma#sense, e.g. disease#1'),
  offset: z.string().regex(/^[0-9]{8}$/, 'the 8-digit synset offset in data.noun'),
});

const AnchorsFile = z.strictObject({
  min_length: z.number().int().min(1),
  exclude: z.array(z.string()).default([]),
  anchors: z.record(z.string(), z.array(AnchorSpec).min(1)),
});

export interface Anchor {
  /** `lemma#sense`, as written in the anchors file. */
  key: string;
  offset: string;
  context: string;
}

export interface AnchorSet {
  anchors: Anchor[];
  minLength: number;
  exclude: ReadonlySet<string>;
}

/** The anchors file `name` (relative to lexicon/) checked for shape and built-in context ids. */
export function parseAnchors(text: string, name: string): AnchorSet {
  const data = parseLexicon(text, name, AnchorsFile);
  const builtinIds = new Set(BUILTIN_CONTEXTS.map((c) => c.id));
  const anchors: Anchor[] = [];
  for (const [context, specs] of Object.entries(data.anchors)) {
    if (!builtinIds.has(context)) throw new LexiconError(`lexicon/${name}`, `"${context}" is not a built-in context id (${[...builtinIds].join(', ')})`);
    for (const spec of specs) anchors.push({ key: spec.sense, offset: spec.offset, context });
  }
  return { anchors, minLength: data.min_length, exclude: new Set(data.exclude) };
}

/** Throws when an anchor's `lemma#sense` is not the synset its offset pins in `dict`. */
export function checkAnchorsAgainst(dict: WordNetDict, set: AnchorSet, name: string): void {
  for (const anchor of set.anchors) {
    const [lemma, sense] = anchor.key.split('#') as [string, string];
    const actual = dict.nounSenses.get(lemma)?.[Number(sense) - 1];
    if (actual !== anchor.offset) {
      throw new LexiconError(`lexicon/${name}`, `anchor ${anchor.key} is synset ${actual ?? 'none'} in this WordNet, not ${anchor.offset}: check the sense and its gloss`);
    }
  }
}
