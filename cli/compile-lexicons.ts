// `npm run build` ends with this module: it loads every compiled lexicon once, so that their cache
// files (text/compiled-cache.ts) exist before the first start, also where the running server cannot
// write them. Prints what it compiled and what it found current.
import { pathToFileURL } from 'node:url';
import { cacheOutcomes, type CacheOutcome } from '../src/text/compiled-cache.js';
import { lexicon } from '../src/text/lexicon.js';
import { compileSemanticSubsets } from '../src/text/semantic-lexicon.js';

/** Loads the lexicons, builtin vocabulary and word lists; returns how each was obtained. */
export async function compileLexicons(): Promise<readonly CacheOutcome[]> {
  const { BUILTIN_CONTEXTS } = await import('../src/kb/builtins.js');
  await import('../src/engine/words.js');
  lexicon();
  compileSemanticSubsets(new Set(BUILTIN_CONTEXTS.map((c) => c.id)));
  return cacheOutcomes();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const o of await compileLexicons()) console.log(`lexicon cache: ${o.name}: ${o.from === 'cache' ? 'current' : `compiled${o.note ? ` (${o.note})` : ''}`}`);
}
