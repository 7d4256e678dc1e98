// The validated records of a knowledge folder's files, kept in one cache file, so that a start of
// a large base (10,000 tools) does not parse and validate every file again: YAML parsing and the
// schema check are most of a load. The YAML files stay the truth. Each record is keyed by the
// file's name and the SHA-256 of its text exactly as read (the folder is read in full on every
// load), so a changed file is parsed and validated again and a record is never served for other
// text; only files that passed the schema have a record. The cross-file checks run on every load.
//
// The cache file as a whole carries a key of the code and packages that make the records (schema,
// loader, YAML parser, zod): another version of either makes every record stale. It has a CRC-32
// of its content; a cache that is missing, stale, damaged, unreadable or not writable is ignored
// (a debug log line says why) and the files are parsed as without a cache. It is written beside and
// renamed into place (a reader never sees half a file) and only when a record was added or dropped.
// Conventions as src/text/compiled-cache.ts: the folder is <package root>/.cache/kb/ unless
// KB_CACHE_DIR names another (or `off`), one file per knowledge folder, named by its real path.
import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../config.js';
import { childLogger } from '../logger.js';
import { codeOf } from '../text/compiled-cache.js';
import { unframe, writeFramed } from '../text/framed-file.js';

/** The validated value of a file, remembered for exactly the text it was made from. */
export interface RecordCache {
  /** The record of `file` made from `text`, or undefined (no record, or one made from other text). */
  get(file: string, text: string): unknown;
  /** Remembers the validated value of `file` made from `text` (unless JSON cannot hold it exactly). */
  set(file: string, text: string, value: unknown): void;
}

/** How the records of the last load were obtained, for the benchmarks, the tests and `kb validate`. */
export interface RecordCacheOutcome {
  /** The cache file, or null when the cache is off. */
  file: string | null;
  /** Records taken from the cache, and files parsed and validated. */
  reused: number;
  parsed: number;
  /** Why the cache file was not used, or not written, when it was not. */
  note?: string;
  /** True when the cache file was (re)written. */
  written: boolean;
}

// File layout (text/framed-file.ts): MAGIC, the key, CRC-32 and byte length of the payload, then
// the payload: one line per record, `"<file name as JSON>"\t<SHA-256 of the text, base64>\t<record as JSON>`.
const MAGIC = Buffer.from('cbkbrc01', 'latin1');
/** Cache files kept in the folder (one per knowledge folder); the least recently written go first. */
export const MAX_CACHE_FILES = 16;
const CACHE_NAME = /^[0-9a-f]{16}(\.src)?\.bin$/;
// Run from source (tsx) and from dist/ the code differs (so does the key): separate files.
const FLAVOUR = import.meta.url.endsWith('.ts') ? '.src' : '';

let configured: string | null | undefined;
let last: RecordCacheOutcome | undefined;
let codeKey: Buffer | undefined;

/**
 * Sets the cache folder of every load that names none (the server and the CLI do it once, from
 * KB_CACHE_DIR): a folder, null for no cache, undefined for the default (<package root>/.cache/kb).
 */
export function useKbCacheDir(dir: string | null | undefined): void {
  configured = dir;
}

/** The cache folder of a load that names none: as set by useKbCacheDir(), else <package root>/.cache/kb. */
export function kbCacheDir(): string | null {
  return configured === undefined ? path.join(packageRoot(), '.cache', 'kb') : configured;
}

/** How the last load of this thread got its records (undefined before the first). */
export function lastRecordCacheOutcome(): RecordCacheOutcome | undefined {
  return last;
}

/** The cache file of the knowledge folder `kbDir` (absolute) in the cache folder `cacheDir`. */
export function recordCacheFile(cacheDir: string, kbDir: string): string {
  let real = kbDir;
  try {
    real = realpathSync(kbDir);
  } catch {
    // The folder was read a moment ago; if its path cannot be resolved now, its own name serves.
  }
  return path.join(cacheDir, `${hash('sha256', real, 'hex').slice(0, 16)}${FLAVOUR}.bin`);
}

/** The version of an installed package (walking up from its entry to its package.json). */
function packageVersion(name: string): string {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      } catch {
        // no package.json here: further up
      }
      const up = path.dirname(dir);
      if (up === dir) return '?';
      dir = up;
    }
  } catch {
    return '?';
  }
}

/** What makes a record: the modules that parse and validate a file, and the two parsing packages. */
function recordCodeKey(): Buffer {
  if (codeKey) return codeKey;
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const modules = ['./record-cache', './schema', './load', './read-yaml', '../model/status', '../model/language'].map((m) => new URL(`${m}${ext}`, import.meta.url).href);
  const h = createHash('sha256');
  h.update(`${MAGIC.toString('latin1')}\0js-yaml@${packageVersion('js-yaml')}\0zod@${packageVersion('zod')}\0${modules.length}\0`);
  for (const code of codeOf(...modules)) h.update(`${code.length}\0`).update(code);
  return (codeKey = h.digest());
}

class ForeignCache extends Error {}

function readWhole(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    // A cache file another user owns or anyone may write could hold anything (a forged record is
    // trusted as validated): not used.
    if ((st.mode & 0o002) !== 0 || (typeof process.getuid === 'function' && st.uid !== process.getuid())) throw new ForeignCache();
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const got = readSync(fd, buf, n, st.size - n, null);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

interface Entry {
  hash: string;
  json: string;
  /** The whole line, written again as it is while the file is unchanged. */
  line: string;
}

/** The records of a valid, current cache file, or a note why there are none. */
function readRecords(file: string, key: Buffer): { entries: Map<string, Entry> } | { note: string } {
  let bytes: Buffer;
  try {
    bytes = readWhole(file);
  } catch (err) {
    if (err instanceof ForeignCache) return { note: 'not used (another user owns it, or anyone may write it)' };
    const code = (err as NodeJS.ErrnoException).code;
    return { note: code === 'ENOENT' ? 'not written yet' : `unreadable (${code ?? (err as Error).message})` };
  }
  const framed = unframe(bytes, MAGIC, key, 'stale (other code or packages)');
  if ('note' in framed) return framed;
  const payload = framed.payload;
  const entries = new Map<string, Entry>();
  const text = payload.toString('utf8');
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const tab1 = text.indexOf('\t', at);
    const tab2 = tab1 < 0 ? -1 : text.indexOf('\t', tab1 + 1);
    if (tab1 < 0 || tab2 < 0 || tab2 > end) return { note: 'damaged (a record line)' };
    let name: unknown;
    try {
      name = JSON.parse(text.slice(at, tab1));
    } catch {
      return { note: 'damaged (a file name)' };
    }
    if (typeof name !== 'string') return { note: 'damaged (a file name)' };
    entries.set(name, { hash: text.slice(tab1 + 1, tab2), json: text.slice(tab2 + 1, end), line: `${text.slice(at, end)}\n` });
    at = end + 1;
  }
  return { entries };
}

/** True when JSON gives `value` back exactly (plain objects and arrays, strings, finite numbers, booleans, null). */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonExact(value[i])) return false;
    return true;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  // An undefined property would come back absent: not the same value.
  for (const key in value) if (!Object.hasOwn(value, key) || !jsonExact((value as Record<string, unknown>)[key])) return false;
  return Object.getOwnPropertySymbols(value).length === 0;
}

function textHash(text: string): string {
  return hash('sha256', text, 'base64');
}

/** Writes the records beside the cache file and renames it into place; a note when it could not. */
function writeRecords(file: string, key: Buffer, lines: string[]): string | undefined {
  const payload = Buffer.from(lines.join(''), 'utf8');
  const note = writeFramed(file, MAGIC, key, payload, { dir: 0o700, file: 0o600 });
  if (note) return note;
  evictOldest(path.dirname(file));
  return undefined;
}

/** Keeps at most MAX_CACHE_FILES cache files in the folder: a test or benchmark run makes many folders. */
function evictOldest(dir: string): void {
  try {
    const files = readdirSync(dir)
      .filter((n) => CACHE_NAME.test(n))
      .map((n) => ({ n, t: statSync(path.join(dir, n)).mtimeMs }));
    if (files.length <= MAX_CACHE_FILES) return;
    files.sort((a, b) => b.t - a.t);
    for (const f of files.slice(MAX_CACHE_FILES)) rmSync(path.join(dir, f.n), { force: true });
  } catch {
    // Another process evicts at the same time, or the folder went: the next write tries again.
  }
}

/**
 * The record cache of the knowledge folder `kbDir` (absolute) in `cacheDir` (default: kbCacheDir();
 * null: none). Never throws; call save() after the load (it never throws either).
 */
export function openRecordCache(kbDir: string, cacheDir: string | null = kbCacheDir()): RecordCache & { save(): RecordCacheOutcome } {
  const log = childLogger('kb-cache');
  const file = cacheDir === null ? null : recordCacheFile(cacheDir, kbDir);
  let key: Buffer | undefined;
  let entries = new Map<string, Entry>();
  let note: string | undefined = file === null ? 'cache off' : undefined;
  if (file !== null) {
    try {
      key = recordCodeKey();
      const read = readRecords(file, key);
      if ('entries' in read) entries = read.entries;
      else note = read.note;
    } catch (err) {
      note = `unusable (${(err as Error).message})`;
    }
  }
  /** The line of each record of this load, in the order of the load. */
  const lines = new Map<string, string>();
  const hashes = new Map<string, string>();
  let reused = 0;
  let parsed = 0;
  let added = 0;
  return {
    get(name, text) {
      parsed++; // taken back below when the record is used
      if (file === null) return undefined;
      const h = textHash(text);
      const e = entries.get(name);
      if (e === undefined || e.hash !== h) {
        hashes.set(name, h); // for set(), after the file is parsed
        return undefined;
      }
      let value: unknown;
      try {
        value = JSON.parse(e.json);
      } catch {
        return undefined; // checked by the CRC, so not expected: parsed from the file instead
      }
      parsed--;
      lines.set(name, e.line);
      reused++;
      return value;
    },
    set(name, text, value) {
      if (file === null || !jsonExact(value)) return;
      const h = hashes.get(name) ?? textHash(text);
      lines.set(name, `${JSON.stringify(name)}\t${h}\t${JSON.stringify(value)}\n`);
      added++;
    },
    save() {
      let written = false;
      // Written when a record was added or one of the file's records is no longer used (a file
      // changed, failed or went).
      if (file !== null && key !== undefined && (added > 0 || lines.size !== entries.size)) {
        const failed = writeRecords(file, key, [...lines.values()]);
        if (failed) note = note ? `${note}; ${failed}` : failed;
        else written = true;
      }
      const outcome: RecordCacheOutcome = { file, reused, parsed, written, ...(note !== undefined ? { note } : {}) };
      if (note !== undefined && file !== null) log.debug({ file, reused, parsed, note }, 'knowledge cache not used or not written; the files were parsed');
      last = outcome;
      return outcome;
    },
  };
}

/** Runs `use` with the record cache of `kbDir` (absolute) and saves it after, also when `use` throws. */
export function withRecordCache<T>(kbDir: string, use: (cache: RecordCache) => T, cacheDir: string | null = kbCacheDir()): T {
  const cache = openRecordCache(kbDir, cacheDir);
  try {
    return use(cache);
  } finally {
    cache.save();
  }
}
