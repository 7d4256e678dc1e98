// German infinitives with "zu" inside ("aufzuzeichnen"): the plain infinitive they stand for
// ("aufzeichnen"), so that stems of both forms agree. The separable prefixes are data
// (lexicon/german-verbs.yaml).
import { lexiconFile, wordList } from './lexicon-file.js';
import { parseYaml as parse } from './lexicon-data.js';

/** The shortest verb after "zu" that is taken off ("aufzuheben": "heben"). */
const MIN_VERB = 4;

/** The separable prefixes of lexicon/german-verbs.yaml, longest first (so "heraus" is tried before "her"). */
export const separablePrefixes = lexiconFile('german-verbs.yaml', (text, file): readonly string[] =>
  [...wordList(parse(text) as Record<string, unknown> | null, file, 'separable_prefixes')].sort((a, b) => b.length - a.length),
);

let pattern: RegExp | undefined;
const prefixPattern = (): RegExp => (pattern ??= new RegExp(`^(${separablePrefixes().join('|')})zu(\\p{L}{${MIN_VERB},}n)$`, 'u'));

/** The folded German word without the "zu" of a separable verb's infinitive; otherwise the word itself. */
export function withoutZu(folded: string): string {
  if (folded.length < MIN_VERB + 4 || !folded.includes('zu')) return folded;
  const m = prefixPattern().exec(folded);
  return m ? `${m[1]}${m[2]}` : folded;
}
