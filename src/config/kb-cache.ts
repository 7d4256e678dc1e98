// Where the validated records of the knowledge files are cached between starts (src/kb/record-cache.ts):
// KB_CACHE_DIR, a folder only the bot's user may write (a record there is trusted as validated),
// `off` for no cache, blank for <package root>/.cache/kb.
import path from 'node:path';
import { value, type SectionEnv } from './env.js';

export const KB_CACHE_VARIABLES = ['KB_CACHE_DIR'] as const;

/** The cache folder (absolute), null for none; `packageRoot` gives the default's base. */
export function parseKbCacheDir(env: SectionEnv<typeof KB_CACHE_VARIABLES>, packageRoot: () => string): string | null {
  const dir = value(env.KB_CACHE_DIR);
  if (dir === undefined) return path.join(packageRoot(), '.cache', 'kb');
  if (dir.toLowerCase() === 'off') return null;
  return path.resolve(dir);
}
