// Where the shipped lexicon/ folder is, and its YAML files as parsed data, each parsed once per
// process (and, through the compiled cache, once per change of the file: later starts read JSON).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { codeOf, compiled, jsonCodec, lexiconCacheDir, type CacheFamily } from './compiled-cache.js';

/** The lexicon/ folder of this package, found from this module (src/text or dist/src/text). */
export function lexiconDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'lexicon');
    if (existsSync(path.join(candidate, 'words.yaml'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`lexicon/words.yaml not found above ${fileURLToPath(import.meta.url)}: it ships with the package`);
    dir = up;
  }
}

/** The cache folder of the compiled lexicons (see compiled-cache.ts). */
export function lexiconCache(): string | null {
  return lexiconCacheDir(path.dirname(lexiconDir()));
}

const parsed = new Map<string, unknown>();

/** `lexicon/<name>` as the data its YAML holds (plain JSON data), parsed once. */
export function lexiconYaml(name: string): unknown {
  if (parsed.has(name)) return parsed.get(name);
  const text = readFileSync(path.join(lexiconDir(), name));
  const data = compiled(lexiconCache(), `yaml-${name}`, [...codeOf(import.meta.url), text], jsonCodec<unknown>('yaml-data'), () => parse(text.toString('utf8')) as unknown);
  parsed.set(name, data);
  return data;
}

const TEXT_PREFIX = 'yaml-text-';

/** The cache name of a YAML text: named by its hash, so each change of a lexicon file makes a new one. */
function textName(text: string): string {
  return `${TEXT_PREFIX}${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').slice(0, 16)}`;
}

/**
 * The `yaml-text-` files: those of the YAML files below lexicon/ as they are now are current; the
 * others (an earlier text of a file, a text a test parsed) are removed when a new one is written.
 */
const yamlTexts: CacheFamily = {
  prefix: TEXT_PREFIX,
  current: () => {
    const dir = lexiconDir();
    const names = new Set<string>();
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (/\.ya?ml$/.test(f)) names.add(textName(readFileSync(path.join(dir, f), 'utf8')));
    }
    return names;
  },
};

/**
 * `yaml`'s parse() of a lexicon file's text, through the compiled cache: the modules that read
 * lexicon/*.yaml themselves (engine/topics.ts, ages.ts, chat-phrases.ts, …) call this instead of
 * parse(), so a start after the first reads JSON instead of parsing YAML. Errors are parse()'s.
 */
export function parseYaml(text: string): unknown {
  const source = [...codeOf(import.meta.url), Buffer.from(text, 'utf8')];
  return compiled(lexiconCache(), textName(text), source, jsonCodec<unknown>('yaml-data'), () => parse(text) as unknown, yamlTexts);
}
