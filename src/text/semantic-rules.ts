// The rules file of the English plain things (lexicon/semantic/neutral-en.yaml): shared by the
// generator (scripts/semantic/wordnet-neutral.ts) and the engine, which reads its inflections.
import { z } from 'zod';

const Lexname = z.string().regex(/^(noun|verb|adj|adv)\.[A-Za-z]+$/, 'a WordNet lexicographer file such as noun.artifact');

export const NeutralRules = z.object({
  plain: z.array(Lexname).min(1),
  never: z.array(Lexname),
  min_length: z.number().int().min(1),
  /** WordNet's morphy rules: an ending and what replaces it. */
  inflections: z.array(z.tuple([z.string().min(1), z.string()])),
});
export type NeutralRulesData = z.output<typeof NeutralRules>;
