// The rules file of the English plain things (lexicon/semantic/neutral-en.yaml): shared by the
// generator (scripts/semantic/wordnet-neutral.ts) and the engine, which reads its inflections.
import { z } from 'zod';

const Lexname = z.string().regex(/^(noun|verb|adj|adv)\.[A-Za-z]+$/, 'a WordNet lexicographer file such as noun.artifact');

export const NeutralRules = z.object({
  plain: z.array(Lexname).min(1),
  never: z.array(Lexname),
  /** WordNet noun synsets (`lemma#sense`, pinned by offset) no sense of a plain word may descend from. */
  never_under: z.array(z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) })).default([]),
  /** Noun synsets below a `never_under` synset whose descendants it does not reach (kinds of it that name nothing sensitive). */
  never_under_except: z.array(z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) })).default([]),
  /** A verb sense whose noun by derivation (WordNet's `+` pointers) descends from an anchor or a `never_under` synset keeps the word out. */
  derived_nouns: z.boolean().default(false),
  /** Built-in contexts whose terms, in a sense's definition, keep the word from being plain. */
  gloss_never_contexts: z.array(z.string().min(1)).default([]),
  /** Only the first this many senses of each part of speech are checked against `never` (0: every sense). */
  never_rank: z.number().int().min(0).default(0),
  /**
   * A rare sense (by WordNet's tag counts, index.sense) keeps no word of `tiers` out through the checks
   * named in `checks`: never a first sense; a later one tagged less than `max_share` of the word's tags (when the
   * word has at least `min_word_tags`), or numbered beyond `max_rank` (0: no rank cut).
   */
  rare_sense: z
    .strictObject({
      max_share: z.number().min(0).max(1),
      min_word_tags: z.number().int().min(1).default(1),
      max_rank: z.number().int().min(0).default(0),
      checks: z.array(z.enum(['never', 'gloss', 'examples', 'definition', 'under', 'derived'])).default([]),
      /** The tiers (of the files of the first senses) whose lemmas the rule applies to. */
      tiers: z.array(z.union([z.literal(1), z.literal(2)])).default([1, 2]),
    })
    .optional(),
  /**
   * Files a first sense may also lie in, under a stricter definition check: the terms of more
   * contexts, and (`gloss_subset`) the words the semantic subset places under any of them.
   */
  second_tier: z
    .strictObject({
      files: z.array(Lexname),
      gloss_never_contexts: z.array(z.string().min(1)).default([]),
      gloss_subset: z.boolean().default(false),
    })
    .default({ files: [], gloss_never_contexts: [], gloss_subset: false }),
  /**
   * Adjectives and adverbs read with the nouns WordNet relates them to (scripts/semantic/adjective-nouns.ts):
   * a first sense in `files` makes the word a second-tier candidate; each sense in `checked`, a
   * rare one excepted, may relate only to nouns that are plain things (a first sense in `plain` or
   * `second_tier`, under no anchor or `never_under` synset, defined with no term the second tier
   * keeps out), and the first sense of each such part of speech must relate to at least one
   * (an adverb only when WordNet derives it from an adjective).
   */
  adjectives: z
    .strictObject({
      files: z.array(Lexname),
      checked: z.array(Lexname),
      pointers: z.array(z.enum(['+', '=', '\\'])).min(1),
      /** The files a related noun may lie in (of `plain` and `second_tier`: things, not the qualities of people). */
      noun_files: z.array(Lexname).min(1),
      /** Noun synsets (`lemma#sense`, pinned by offset) a related noun may not descend from: what people are and have (traits, the body, age, morals, mental abilities). */
      never_under: z.array(z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) })).default([]),
    })
    .optional(),
  min_length: z.number().int().min(1),
  /** WordNet's morphy rules: an ending and what replaces it (never applied to a word the file lists as `!word`). */
  inflections: z.array(z.tuple([z.string().min(1), z.string()])),
});
export type NeutralRulesData = z.output<typeof NeutralRules>;

/** The rules of the German files made through the Ding dictionary (lexicon/semantic/bridge-de.yaml; scripts/semantic/ding-bridge.ts). */
export const BridgeRules = z.strictObject({
  /** Headwords shorter than this are left out (abbreviations, particles). */
  min_length: z.number().int().min(1),
  /** A headword is read only when WordNet knows at least this many of its one-word translations. */
  min_known_translations: z.number().int().min(1),
  /** A headword is under a context when at least this share of its known translations is (else it is neither). */
  min_share_under_context: z.number().gt(0).max(1),
  /**
   * A headword none of whose translations is under a context or first a person, the body, a state, a
   * feeling or a motive is plain when at least this share of its known translations is.
   */
  min_share_plain: z.number().gt(0).max(1),
  /** The same for a headword the dictionary gives only as an adjective or adverb (1: every known translation plain). */
  min_share_plain_adjective: z.number().gt(0).max(1).default(0.5),
  /** A headword is never plain when this share of its translations is first a person, the body, a state, a feeling or a motive. */
  max_share_personal: z.number().gt(0).max(1),
  /**
   * A headword is never plain when this share of its translations, counted one each (not weighed),
   * is first a person, the body, a state, a feeling or a motive (1: no such limit).
   */
  max_count_share_personal: z.number().gt(0).max(1).default(1),
});
export type BridgeRulesData = z.output<typeof BridgeRules>;
