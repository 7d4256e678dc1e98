// The rules file of the person words (lexicon/semantic/people.yaml): read by the generator
// (scripts/semantic/people-words.ts) only; the engine reads the generated files.
import { z } from 'zod';

const Lexname = z.string().regex(/^(noun|verb|adj|adv)\.[A-Za-z]+$/, 'a WordNet lexicographer file such as noun.person');

const Synset = z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) });

export const PeopleRules = z.strictObject({
  person_files: z.array(Lexname).min(1),
  other_files: z.array(Lexname),
  rare_max_share: z.number().min(0).max(1),
  rare_min_word_tags: z.number().int().min(1),
  /** Whether rare senses are read against the anchors and the definitions too. */
  rare_senses_checked: z.boolean(),
  never_under_contexts: z.array(z.string().min(1)),
  never_under: z.array(Synset).default([]),
  only_under: z.array(Synset).min(1),
  gloss_never_contexts: z.array(z.string().min(1)),
  min_length: z.number().int().min(1),
  plurals: z.array(z.tuple([z.string(), z.string().min(1)])),
  de_min_share_people: z.number().gt(0).max(1),
  de_max_share_sensitive: z.number().gt(0).max(1),
  de_person_contexts: z.array(z.string().min(1)),
});
export type PeopleRulesData = z.output<typeof PeopleRules>;
