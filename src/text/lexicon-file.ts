// The shipped data files of lexicon/ that the engine reads beside the dictionaries (ages, topics,
// implied contexts, name and negation cues): each read and parsed on first use, then kept; and the
// word lists inside them, folded as the engine compares words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LexiconError } from '../errors.js';
import { lexiconDir } from './lexicon.js';
import { fold } from './normalize.js';

/** `lexicon/<name>` parsed by `parse` on the first call, the same value after: `lexiconFile('ages.yaml', parseAgeRules)`. */
export function lexiconFile<T>(name: string, parse: (text: string, file: string) => T): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    if (!loaded) {
      const file = path.join(lexiconDir(), name);
      loaded = { value: parse(readFileSync(file, 'utf8'), file) };
    }
    return loaded.value;
  };
}

/** The folded words of the list under `key`; a missing or empty list is a LexiconError naming the file. */
export function wordList(data: Readonly<Record<string, unknown>> | null, file: string, key: string): ReadonlySet<string> {
  const v = data?.[key];
  if (!Array.isArray(v) || v.length === 0) throw new LexiconError(file, `"${key}" must be a non-empty list of words`);
  return new Set(v.map((w) => fold(String(w))));
}
