// The shipped data files of lexicon/ that the engine reads beside the dictionaries (ages, topics,
// implied contexts, name and negation cues, the status words of summaries): each read and parsed on
// first use, then kept; a file's shape is checked against its zod schema (lexiconData), so a broken
// file fails with the file and field named; and the word lists inside them, folded as the engine
// compares words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { LexiconError } from '../errors.js';
import { lexiconDir } from './lexicon.js';
// YAML parsed through the compiled cache (lexicon-data.ts): once per change of the file, JSON after.
import { parseYaml as parse } from './lexicon-data.js';
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

/** YAML `text` of `lexicon/<name>` checked against `schema`: its value, or a LexiconError naming every problem. */
export function parseLexicon<S extends z.ZodType>(text: string, name: string, schema: S): z.output<S> {
  const file = `lexicon/${name}`;
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new LexiconError(file, `not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new LexiconError(
      file,
      result.error.issues.map((issue) => ({ file, path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'), message: issue.message })),
    );
  }
  return result.data;
}

/** `lexicon/<name>`, checked against `schema` on the first call and kept: the one way to read a lexicon file with a schema. */
export function lexiconData<S extends z.ZodType>(name: string, schema: S): () => z.output<S> {
  return lexiconFile(name, (text) => parseLexicon(text, name, schema));
}
