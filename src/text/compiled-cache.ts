// Compiled forms of the lexicons (hunspell dictionaries, lexicon/*.yaml), kept in cache files so
// that a start loads them instead of parsing their sources again. The sources stay the truth: each
// file records the SHA-256 of the sources it was made from and a CRC-32 of its content, and a file
// that is missing, stale (other sources, other format) or damaged is built again from the sources
// and rewritten. `npm run build` fills the cache (cli/compile-lexicons.ts), so a deployment
// that cannot write it (a read-only image) still starts fast. The folder is .cache/lexicon/ in the
// package root; a process that cannot write there compiles in memory and says so (cacheOutcomes).
// A value whose file name carries a hash of its source (lexicon YAML: `yaml-text-<hash>`) leaves a
// new file at every change of that source: writing one removes the stale files of its family
// (removeStaleFiles).
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unframe, writeFramed } from './framed-file.js';

/** Turns a value into bytes and back; `format` changes whenever the bytes would. */
export interface Codec<T> {
  format: string;
  encode(value: T): Uint8Array;
  /** Throws when the bytes are not a value of this format. */
  decode(bytes: Uint8Array): T;
}

/**
 * The text of the modules (by `import.meta.url`) that compile a value: part of its sources, so a
 * change of the compiling code (run from source or from dist/) makes the cached form stale too.
 */
export function codeOf(...moduleUrls: string[]): Uint8Array[] {
  return moduleUrls.map((url) => readFileSync(fileURLToPath(url)));
}

/** Throws unless JSON gives `value` back as it is (no NaN or Infinity, no undefined in arrays, no class instances). */
function assertJsonData(value: unknown): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not JSON data: a number JSON cannot hold');
    return;
  }
  if (Array.isArray(value)) return value.forEach(assertJsonData);
  // An undefined property is left out by JSON, as an optional field that is absent.
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).forEach((v) => v !== undefined && assertJsonData(v));
  throw new Error(`not JSON data: ${typeof value}`);
}

/** A value that is plain JSON data, as UTF-8 JSON (a value JSON would change is refused, so not cached). */
export function jsonCodec<T>(format: string): Codec<T> {
  return {
    format: `json:${format}`,
    encode: (value) => {
      assertJsonData(value);
      return Buffer.from(JSON.stringify(value), 'utf8');
    },
    decode: (bytes) => JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T,
  };
}

/** How a compiled value was obtained, for the benchmarks and the start-up log. */
export interface CacheOutcome {
  name: string;
  /** `cache`: loaded from its file; `built`: compiled from the sources (then written when it could be). */
  from: 'cache' | 'built';
  /** Why the file was not used or not written (missing, stale, damaged, not writable), when it was not. */
  note?: string;
}

// File layout: text/framed-file.ts.
const MAGIC = Buffer.from('cblexc01', 'latin1');

// Run from source (tsx) and from dist/ the compiling code differs, so the two keep separate files
// instead of replacing each other's on every alternation.
const FLAVOUR = import.meta.url.endsWith('.ts') ? '.src' : '';

const outcomes: CacheOutcome[] = [];

/** What each compiled value of this process came from, in order. */
export function cacheOutcomes(): readonly CacheOutcome[] {
  return outcomes;
}

let folder: string | null | undefined;

/** Sets the cache folder (tests use their own; null: nothing on disk, every start compiles in memory). */
export function useLexiconCache(dir: string | null): void {
  folder = dir;
}

/** The cache folder: the one set by useLexiconCache(), else `<root>/.cache/lexicon`. */
export function lexiconCacheDir(root: string): string | null {
  return folder === undefined ? path.join(root, '.cache', 'lexicon') : folder;
}

function keyOf(name: string, format: string, sources: readonly Uint8Array[]): Buffer {
  const h = createHash('sha256');
  h.update(`${name}\0${format}\0${endianness()}\0${sources.length}\0`);
  for (const s of sources) {
    h.update(`${s.length}\0`);
    h.update(s);
  }
  return h.digest();
}

/** The payload of a valid, current cache file, or a note why there is none. */
function readCached(file: string, key: Buffer): { payload: Uint8Array } | { note: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { note: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not compiled yet' : `unreadable (${(err as NodeJS.ErrnoException).code})` };
  }
  return unframe(bytes, MAGIC, key, 'stale (the sources changed)');
}


/**
 * A family of cache files: those named `<prefix><hex digits>` (the hex naming their source), of
 * which only the names `current()` returns are still read; the others are left by sources since
 * changed.
 */
export interface CacheFamily {
  prefix: string;
  /** The names (without folder, flavour or `.bin`) of the family whose sources exist now. */
  current: () => ReadonlySet<string>;
}

/**
 * A stale file of a family is removed only when it is at least this old: another process that
 * read the source before it changed may be about to read the file (it would only compile again).
 */
export const STALE_FILE_AGE_MS = 10 * 60_000;

/** A plain file (no folder, no link) written at least STALE_FILE_AGE_MS before `now`. */
function oldFile(file: string, now: number): boolean {
  try {
    const st = lstatSync(file);
    return st.isFile() && now - st.mtimeMs >= STALE_FILE_AGE_MS;
  } catch {
    return false; // gone already
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the files of `family` in `dir` that this code wrote (its name pattern and flavour) and
 * that are stale: not among the current names, not `keep`, and older than STALE_FILE_AGE_MS. Never
 * throws (a file another process removed first, an unreadable folder: the next write tries again).
 * Returns the names of the files removed.
 */
export function removeStaleFiles(dir: string, family: CacheFamily, keep: string, now = Date.now()): string[] {
  const removed: string[] = [];
  try {
    const ours = new RegExp(`^(${escapeRegExp(family.prefix)}[0-9a-f]+)${escapeRegExp(FLAVOUR)}\\.bin$`);
    const old = readdirSync(dir).filter((n) => n !== keep && ours.test(n) && oldFile(path.join(dir, n), now));
    // The current names are asked only when there is something to remove (not on a first start).
    const current = old.length > 0 ? family.current() : new Set<string>();
    for (const n of old) {
      if (current.has((ours.exec(n) as RegExpExecArray)[1] as string)) continue;
      try {
        rmSync(path.join(dir, n), { force: true });
        removed.push(n);
      } catch {
        // Not removable: left for the next write.
      }
    }
  } catch {
    // The folder cannot be listed, or the current names cannot be told: nothing is removed.
  }
  return removed;
}

/**
 * The value compiled from `sources` (the bytes of the source files), from the cache file `name`
 * in `dir` when it is current and sound, else from `build()` (then written to the cache; with a
 * `family`, the family's stale files are removed then).
 */
export function compiled<T>(dir: string | null, name: string, sources: readonly Uint8Array[], codec: Codec<T>, build: () => T, family?: CacheFamily): T {
  if (dir === null) {
    outcomes.push({ name, from: 'built', note: 'cache off' });
    return build();
  }
  const file = path.join(dir, `${name}${FLAVOUR}.bin`);
  const key = keyOf(name, codec.format, sources);
  const cached = readCached(file, key);
  let note: string;
  if ('payload' in cached) {
    try {
      const value = codec.decode(cached.payload);
      outcomes.push({ name, from: 'cache' });
      return value;
    } catch (err) {
      note = `damaged (${(err as Error).message})`;
    }
  } else note = cached.note;
  const value = build();
  let bytes: Uint8Array;
  try {
    bytes = codec.encode(value);
  } catch (err) {
    outcomes.push({ name, from: 'built', note: `${note}; not cacheable (${(err as Error).message})` });
    return value;
  }
  const written = writeFramed(file, MAGIC, key, bytes);
  outcomes.push({ name, from: 'built', note: written ? `${note}; ${written}` : note });
  if (family && written === undefined) removeStaleFiles(dir, family, path.basename(file));
  return value;
}
