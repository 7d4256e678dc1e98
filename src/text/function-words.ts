// The function words of both languages (lexicon/semantic/<lang>-function-words.txt, generated from the
// closed word classes of the Ding dictionary by scripts/semantic/function-words.ts): prepositions,
// conjunctions, pronouns and articles such as "during", "whereby", "jemand". They name no situation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LexiconError } from '../errors.js';
import { LANGUAGES } from '../model/language.js';
import { lexiconDir } from './lexicon.js';
import { fold } from './normalize.js';

let words: ReadonlySet<string> | undefined;

/** The folded function words of every language, read on first use. */
export function closedClassWords(): ReadonlySet<string> {
  if (words) return words;
  const out = new Set<string>();
  for (const lang of LANGUAGES) {
    const file = path.join(lexiconDir(), 'semantic', `${lang}-function-words.txt`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new LexiconError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}): reinstall the package, or regenerate it with scripts/semantic/function-words.ts`);
    }
    for (const line of text.split('\n')) if (line !== '' && !line.startsWith('#')) out.add(fold(line));
  }
  return (words = out);
}
