// Stale compiled lexicon files (src/text/compiled-cache.ts removeStaleFiles): a value named by the
// hash of its source (`yaml-text-<hash>`) leaves a new cache file at each change of the source;
// writing one removes the files of its family that no current source names and that are old
// enough that no other process can still be about to read them. Files of other families, other
// shapes, young files and current ones stay; a removal that fails never fails the load. Through
// real files in a temporary folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheOutcomes, compiled, jsonCodec, removeStaleFiles, STALE_FILE_AGE_MS, useLexiconCache, type CacheFamily } from '../src/text/compiled-cache.js';
import { lexiconDir, parseYaml } from '../src/text/lexicon-data.js';

const root = mkdtempSync(path.join(tmpdir(), 'lexicon-cache-stale-'));
after(() => rmSync(root, { recursive: true, force: true }));

const codec = jsonCodec<string>('test');
/** The cache file compiled() wrote for `name` (run from source or from dist/, the flavour differs). */
const fileOf = (dir: string, name: string) => readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith('.bin')) as string;
/** Makes a file look written `ms` ago. */
const age = (dir: string, file: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  utimesSync(path.join(dir, file), t, t);
};
const HOUR = 60 * 60_000;

describe('stale files of a cache family', () => {
  it('writing a new file removes the old ones no current source names, and only those', () => {
    const dir = mkdtempSync(path.join(root, 'family-'));
    let current = new Set(['fam-aaaa', 'fam-bbbb']);
    const family: CacheFamily = { prefix: 'fam-', current: () => current };
    for (const name of ['fam-aaaa', 'fam-bbbb', 'fam-cccc', 'fam-dddd', 'other-eeee']) compiled(dir, name, [Buffer.from(name)], codec, () => name, family);
    const [a, b, c, d, other] = ['fam-aaaa', 'fam-bbbb', 'fam-cccc', 'fam-dddd', 'other-eeee'].map((n) => fileOf(dir, n)) as string[];
    // Old: a (current), c (stale), other (another family). Young: d (stale, written a moment ago).
    for (const f of [a, b, c, other] as string[]) age(dir, f, HOUR);
    // Not files this cache writes, though they start like the family: left alone whatever their age.
    const foreign = ['fam-ffff.txt', 'fam-not-hex.src.bin', `${c}.123.456.tmp`, 'fam-'];
    for (const f of foreign) writeFileSync(path.join(dir, f), 'x');
    for (const f of foreign) age(dir, f, HOUR);
    mkdirSync(path.join(dir, (c as string).replace('cccc', 'abab')));
    age(dir, (c as string).replace('cccc', 'abab'), HOUR);

    current = new Set(['fam-aaaa', 'fam-9999']);
    assert.equal(compiled(dir, 'fam-9999', [Buffer.from('new')], codec, () => 'new', family), 'new');
    const left = new Set(readdirSync(dir));
    assert.ok(left.has(fileOf(dir, 'fam-9999')), 'the file just written');
    assert.ok(left.has(a as string), 'a current file, however old');
    assert.ok(!left.has(b as string), 'an old file no source names any longer');
    assert.ok(!left.has(c as string), 'an old file no source names');
    assert.ok(left.has(d as string), 'a stale file younger than STALE_FILE_AGE_MS: another process may be about to read it');
    assert.ok(left.has(other as string), 'another family');
    for (const f of foreign) assert.ok(left.has(f), f);
    assert.ok(left.has((c as string).replace('cccc', 'abab')), 'a folder of the family name is no file of the cache');

    // Once old enough, the young stale file goes too, at the next write.
    age(dir, d as string, STALE_FILE_AGE_MS + 1000);
    compiled(dir, 'fam-8888', [Buffer.from('newer')], codec, () => 'newer', family);
    assert.ok(!readdirSync(dir).includes(d as string));
  });

  it('a load from the cache removes nothing; a value without a family never prunes', () => {
    const dir = mkdtempSync(path.join(root, 'no-write-'));
    const family: CacheFamily = { prefix: 'fam-', current: () => new Set() };
    compiled(dir, 'fam-1111', [Buffer.from('1')], codec, () => '1', family);
    compiled(dir, 'fam-2222', [Buffer.from('2')], codec, () => '2', family);
    for (const f of readdirSync(dir)) age(dir, f, HOUR);
    compiled(dir, 'fam-2222', [Buffer.from('2')], codec, () => '2', family);
    assert.equal(cacheOutcomes().at(-1)?.from, 'cache');
    compiled(dir, 'fam-3333', [Buffer.from('3')], codec, () => '3');
    assert.equal(readdirSync(dir).length, 3, 'nothing removed');
  });

  it('never fails the load: a family whose current names cannot be told, a folder that went', () => {
    const dir = mkdtempSync(path.join(root, 'failing-'));
    const throwing: CacheFamily = {
      prefix: 'fam-',
      current: () => {
        throw new Error('the sources cannot be read');
      },
    };
    compiled(dir, 'fam-1111', [Buffer.from('1')], codec, () => '1', throwing);
    age(dir, fileOf(dir, 'fam-1111'), HOUR);
    assert.equal(compiled(dir, 'fam-2222', [Buffer.from('2')], codec, () => '2', throwing), '2');
    assert.equal(readdirSync(dir).length, 2, 'nothing removed when the current names are unknown');
    assert.deepEqual(removeStaleFiles(path.join(dir, 'missing'), throwing, ''), []);
  });
});

describe('the yaml-text files of lexicon YAML', () => {
  it('an earlier text of a lexicon file is removed when a new text is compiled; the shipped files stay', () => {
    const dir = mkdtempSync(path.join(root, 'yaml-'));
    useLexiconCache(dir);
    const shipped = readFileSync(path.join(lexiconDir(), 'ages.yaml'), 'utf8');
    parseYaml(shipped);
    const [current] = readdirSync(dir);
    parseYaml('an: earlier text\n');
    const earlier = readdirSync(dir).find((f) => f !== current) as string;
    assert.match(earlier, /^yaml-text-[0-9a-f]{16}(\.src)?\.bin$/);
    for (const f of [current, earlier] as string[]) age(dir, f, HOUR);
    assert.deepEqual(parseYaml('a: new text\n'), { a: 'new text' });
    const left = readdirSync(dir);
    assert.equal(left.length, 2, left.join(', '));
    assert.ok(left.includes(current as string) && !left.includes(earlier), left.join(', '));
    // The shipped file's compiled text stays and is read from the cache.
    parseYaml(shipped);
    assert.equal(cacheOutcomes().at(-1)?.from, 'cache');
    // The earlier text is compiled again: its file was removed.
    parseYaml('an: earlier text\n');
    assert.equal(cacheOutcomes().at(-1)?.from, 'built');
  });
});
