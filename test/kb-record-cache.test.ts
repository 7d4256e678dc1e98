// The record cache of the knowledge loader (src/kb/record-cache.ts): a load from the cache gives the
// same knowledge base as parsing the files; a changed file is parsed again; a damaged, stale, foreign
// or unwritable cache is ignored and the files load as without one.
import assert from 'node:assert/strict';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateKnowledgeBase } from '../bench/generate-kb.js';
import { parseKbCacheDir } from '../src/config/kb-cache.js';
import { KnowledgeBaseError } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { loadKnowledgeBaseInWorker } from '../src/kb/read-in-worker.js';
import { applyKbChange } from '../src/kb/edit.js';
import { lastRecordCacheOutcome, MAX_CACHE_FILES, recordCacheFile, useKbCacheDir, type RecordCacheOutcome } from '../src/kb/record-cache.js';
import type { KnowledgeBase } from '../src/kb/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHIPPED = path.join(here, '..', 'knowledge');
const CATALOG = path.join(here, '..', 'bench', 'understanding', 'catalog');

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cb-record-cache-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

let folders = 0;
/** A copy of `from` (or a generated base of `tools` tools) and a cache folder of its own. */
async function knowledgeCopy(from: string | number): Promise<{ dir: string; cache: string }> {
  const base = path.join(root, `kb-${++folders}`);
  const dir = path.join(base, 'knowledge');
  if (typeof from === 'number') await generateKnowledgeBase(dir, from);
  else await cp(from, dir, { recursive: true });
  return { dir, cache: path.join(base, 'cache') };
}

async function load(dir: string, cacheDir: string | null): Promise<{ kb: KnowledgeBase; outcome: RecordCacheOutcome }> {
  const kb = await loadKnowledgeBase(dir, { cacheDir });
  return { kb, outcome: lastRecordCacheOutcome() as RecordCacheOutcome };
}

/** The YAML files the loader reads: the top-level ones and tools/. */
async function fileCount(dir: string): Promise<number> {
  const yaml = (names: string[]) => names.filter((n) => /\.ya?ml$/.test(n)).length;
  return yaml(await readdir(dir)) + yaml(await readdir(path.join(dir, 'tools')));
}

describe('knowledge record cache', () => {
  for (const [name, source] of [
    ['the shipped knowledge base', SHIPPED],
    ['the benchmark catalogue (contexts, categories, decisions)', CATALOG],
    ['a generated base of 300 tools', 300],
  ] as const) {
    it(`loads ${name} from the cache exactly as from the files`, async () => {
      const { dir, cache } = await knowledgeCopy(source);
      const files = await fileCount(dir);
      const { kb: parsed, outcome: off } = await load(dir, null);
      assert.equal(off.file, null);
      assert.equal(off.reused, 0);
      const first = await load(dir, cache);
      assert.deepEqual({ reused: first.outcome.reused, parsed: first.outcome.parsed, written: first.outcome.written }, { reused: 0, parsed: files, written: true });
      const second = await load(dir, cache);
      assert.deepEqual({ reused: second.outcome.reused, parsed: second.outcome.parsed, written: second.outcome.written }, { reused: files, parsed: 0, written: false });
      assert.equal(second.outcome.note, undefined);
      assert.deepStrictEqual(first.kb, parsed);
      assert.deepStrictEqual(second.kb, parsed);
    });
  }

  it('parses a changed file again and serves its new content, never the cached record', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    const before = await load(dir, cache);
    assert.equal(before.kb.tools.get('zoom')?.status, 'restricted');
    const file = path.join(dir, 'tools', 'zoom.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('status: restricted', 'status: prohibited').replace(/^restrictions:[\s\S]*?(?=^assessed_contexts:)/m, ''));
    const after = await load(dir, cache);
    assert.equal(after.kb.tools.get('zoom')?.status, 'prohibited');
    assert.equal(after.outcome.parsed, 1);
    assert.equal(after.outcome.written, true);
    assert.notEqual(after.kb.version, before.kb.version);
    assert.deepStrictEqual(after.kb, (await load(dir, null)).kb);
    assert.equal((await load(dir, cache)).outcome.parsed, 0);
    // The old text again (an undo): parsed again, the status of that text.
    await writeFile(file, original);
    const undone = await load(dir, cache);
    assert.equal(undone.outcome.parsed, 1);
    assert.equal(undone.kb.tools.get('zoom')?.status, 'restricted');
    assert.equal(undone.kb.version, before.kb.version);
  });

  it('keeps no record of a file that fails the schema: the error is reported on every load', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    await load(dir, cache);
    const file = path.join(dir, 'tools', 'zoom.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: restricted', 'status: maybe'));
    const issues = async () => {
      const err = await loadKnowledgeBase(dir, { cacheDir: cache }).then(
        () => assert.fail('loaded'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof KnowledgeBaseError);
      return err.issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
    };
    const first = await issues();
    assert.match(first.join('\n'), /tools\/zoom\.yaml:\d+: .*approved/);
    assert.deepEqual(await issues(), first);
    assert.equal(lastRecordCacheOutcome()?.parsed, 1);
  });

  it('ignores a damaged cache file and loads the files as without it', async () => {
    const { dir, cache } = await knowledgeCopy(CATALOG);
    const { kb: parsed } = await load(dir, null);
    await load(dir, cache);
    const file = recordCacheFile(cache, dir);
    const bytes = await readFile(file);
    // A record's status changed inside the cache: the checksum no longer fits.
    const text = bytes.toString('latin1');
    const at = text.indexOf('"status":"prohibited"');
    assert.ok(at > 0, 'the catalogue has a prohibited tool');
    await writeFile(file, Buffer.from(`${text.slice(0, at)}"status":"approved"${text.slice(at + '"status":"prohibited"'.length)}`, 'latin1'));
    const damaged = await load(dir, cache);
    assert.match(damaged.outcome.note ?? '', /damaged/);
    assert.equal(damaged.outcome.reused, 0);
    assert.equal(damaged.outcome.written, true);
    assert.deepStrictEqual(damaged.kb, parsed);
    // Garbage, a truncated file and an empty one: the same.
    for (const garbage of [Buffer.from('not a cache'), bytes.subarray(0, bytes.length - 10), Buffer.alloc(0)]) {
      await writeFile(file, garbage);
      const r = await load(dir, cache);
      assert.match(r.outcome.note ?? '', /damaged/);
      assert.deepStrictEqual(r.kb, parsed);
    }
    assert.equal((await load(dir, cache)).outcome.reused > 0, true);
  });

  it('ignores a cache written by other code (another key), one anyone may write and one of another user', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    await load(dir, cache);
    const file = recordCacheFile(cache, dir);
    const bytes = await readFile(file);
    bytes[8] = (bytes[8] as number) ^ 0xff; // first byte of the key
    await writeFile(file, bytes);
    const stale = await load(dir, cache);
    assert.match(stale.outcome.note ?? '', /stale/);
    assert.equal(stale.outcome.reused, 0);
    assert.equal((await load(dir, cache)).outcome.note, undefined);
    await chmod(file, 0o666);
    const foreign = await load(dir, cache);
    assert.match(foreign.outcome.note ?? '', /anyone may write it/);
    assert.equal(foreign.outcome.reused, 0);
    // Rewritten as this user's own (0600): used again.
    assert.equal((await load(dir, cache)).outcome.parsed, 0);
    if (process.getuid?.() === 0) {
      // Only root can give a file away: a cache file of another user is not trusted.
      await chown(file, 4321, 4321);
      const other = await load(dir, cache);
      assert.match(other.outcome.note ?? '', /another user owns it/);
      assert.equal(other.outcome.reused, 0);
    }
  });

  it('loads without a crash when the cache folder cannot be written (a read-only place), and says so', async () => {
    const { dir } = await knowledgeCopy(SHIPPED);
    const { kb: parsed } = await load(dir, null);
    const notAFolder = path.join(root, 'a-file');
    await writeFile(notAFolder, 'x');
    for (let i = 0; i < 2; i++) {
      const r = await load(dir, path.join(notAFolder, 'cache'));
      assert.match(r.outcome.note ?? '', /not written \(ENOTDIR\)/);
      assert.equal(r.outcome.written, false);
      assert.deepStrictEqual(r.kb, parsed);
    }
  });

  it('works for a read-only knowledge folder: the cache lives elsewhere', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    await chmod(path.join(dir, 'tools'), 0o555);
    await chmod(dir, 0o555);
    try {
      await load(dir, cache);
      const r = await load(dir, cache);
      assert.equal(r.outcome.parsed, 0);
      assert.ok(r.outcome.reused > 0);
      assert.equal(path.dirname(r.outcome.file as string), cache);
    } finally {
      await chmod(dir, 0o755);
      await chmod(path.join(dir, 'tools'), 0o755);
    }
  });

  it('keeps at most MAX_CACHE_FILES files in the cache folder, the newest', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    await mkdir(cache, { recursive: true });
    const old = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < MAX_CACHE_FILES + 4; i++) {
      const name = path.join(cache, `${i.toString(16).padStart(16, '0')}.bin`);
      await writeFile(name, 'old');
      await utimes(name, old, old);
    }
    await writeFile(path.join(cache, 'unrelated.txt'), 'kept');
    const r = await load(dir, cache);
    assert.equal(r.outcome.written, true);
    const left = await readdir(cache);
    assert.equal(left.filter((n) => n.endsWith('.bin')).length, MAX_CACHE_FILES);
    assert.ok(left.includes(path.basename(r.outcome.file as string)));
    assert.ok(left.includes('unrelated.txt'));
  });

  it('an admin edit takes the unchanged records from the cache and leaves the new record for the next load', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    useKbCacheDir(cache);
    try {
      await load(dir, cache);
      const result = await applyKbChange(dir, { kind: 'status', toolId: 'zoom', status: 'prohibited' });
      assert.equal(result.previous?.tools.get('zoom')?.status, 'restricted');
      assert.equal(result.kb.tools.get('zoom')?.status, 'prohibited');
      const after = await load(dir, cache);
      assert.equal(after.outcome.parsed, 0);
      assert.equal(after.kb.tools.get('zoom')?.status, 'prohibited');
      assert.deepStrictEqual(after.kb, (await load(dir, null)).kb);
      assert.deepStrictEqual(result.kb, after.kb);
    } finally {
      useKbCacheDir(undefined);
    }
  });

  it('a reload in the worker thread uses the cache folder of the thread that asks', async () => {
    const { dir, cache } = await knowledgeCopy(SHIPPED);
    const { kb: parsed } = await load(dir, null);
    const kb = await loadKnowledgeBaseInWorker(dir, { cacheDir: cache });
    assert.deepStrictEqual(kb, parsed);
    assert.deepEqual(await readdir(cache), [path.basename(recordCacheFile(cache, dir))]);
    // The main thread reads what the worker wrote.
    assert.equal((await load(dir, cache)).outcome.parsed, 0);
  });

  it('KB_CACHE_DIR: blank is <package root>/.cache/kb, off is none, a path is made absolute', () => {
    const pkg = () => '/opt/bot';
    assert.equal(parseKbCacheDir({}, pkg), path.join('/opt/bot', '.cache', 'kb'));
    assert.equal(parseKbCacheDir({ KB_CACHE_DIR: '  ' }, pkg), path.join('/opt/bot', '.cache', 'kb'));
    assert.equal(parseKbCacheDir({ KB_CACHE_DIR: 'OFF' }, pkg), null);
    assert.equal(parseKbCacheDir({ KB_CACHE_DIR: 'var/cache' }, pkg), path.resolve('var/cache'));
    assert.equal(parseKbCacheDir({ KB_CACHE_DIR: '/var/cache/bot' }, pkg), '/var/cache/bot');
  });
});
