// The compiled lexicons (src/text/compiled-cache.ts, hunspell.ts toCompiled/fromCompiled,
// word-table.ts): a compiled dictionary answers exactly as the one read from .aff/.dic; the cache
// file is written on the first load and read on the next; changed sources, a damaged file or
// another format are compiled again, never trusted; a folder that cannot be written compiles in
// memory; a damaged compiled dictionary is refused. Through real files in a temporary folder.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheOutcomes, compiled, jsonCodec, type Codec } from '../src/text/compiled-cache.js';
import { HunspellDictionary } from '../src/text/hunspell.js';
import { lexicon } from '../src/text/lexicon.js';
import { parseYaml } from '../src/text/lexicon-data.js';
import { WordTable } from '../src/text/word-table.js';

const AFF = `SET UTF-8
NEEDAFFIX h
ONLYINCOMPOUND o

SFX S Y 1
SFX S   0     s     .

SFX Y Y 1
SFX Y   y     ies   [^aeiou]y

PFX U Y 1
PFX U   0     un    .
`;
const DIC = `6
report/S
city/Y
Anna/S
Frage/Sm
frage/oh
happy/US
`;
const options = { capitalisedIsCommon: (flags: string) => flags.includes('m') };

const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A codec that counts how often it built and decoded. */
function counting(): Codec<string[]> & { decoded: number } {
  const json = jsonCodec<string[]>('test');
  const c = { ...json, decoded: 0, decode: (b: Uint8Array) => (c.decoded++, json.decode(b)) };
  return c;
}

describe('compiled hunspell dictionary', () => {
  const read = new HunspellDictionary(AFF, DIC, options);
  const loaded = HunspellDictionary.fromCompiled(read.toCompiled());

  it('answers every lookup as the dictionary read from .aff/.dic', () => {
    const words = ['report', 'reports', 'city', 'cities', 'citys', 'anna', 'annas', 'frage', 'frages', 'happy', 'unhappy', 'unhappys', 'unreport', 'xyz', ''];
    for (const w of words) for (const bound of [false, true]) assert.deepEqual(loaded.lookup(w, bound), read.lookup(w, bound), `${w} ${bound}`);
    assert.equal(loaded.lookup('annas')?.common, false);
    assert.equal(loaded.lookup('frages')?.common, true);
    assert.equal(loaded.stemCount, read.stemCount);
  });

  it('refuses damaged bytes', () => {
    const bytes = read.toCompiled();
    assert.throws(() => HunspellDictionary.fromCompiled(bytes.subarray(0, bytes.length - 8)), /compiled hunspell dictionary|word table/);
    assert.throws(() => HunspellDictionary.fromCompiled(new Uint8Array(3)), /too short/);
    const other = new Uint8Array(bytes);
    other[10] = 0x7b; // inside the header's magic
    assert.throws(() => HunspellDictionary.fromCompiled(other));
  });

  it('a word table finds what it was built from, and only that', () => {
    const words = new Map(['Bürger', 'bürger', 'a', 'ab', 'ba', 'straße', '東京'].map((w, i) => [w, i] as [string, number]));
    const table = WordTable.build(words);
    for (const [w, i] of words) assert.equal(table.get(w), i, w);
    for (const w of ['', 'b', 'abc', 'burger', 'Straße']) assert.equal(table.get(w), -1, w);
  });
});

describe('compiled cache files', () => {
  it('writes on the first load, reads on the next, compiles again when a source changes', () => {
    const codec = counting();
    let builds = 0;
    const build = (v: string) => () => (builds++, [v]);
    assert.deepEqual(compiled(dir, 'one', [Buffer.from('source a')], codec, build('a')), ['a']);
    assert.equal(builds, 1);
    assert.equal(cacheOutcomes().at(-1)?.from, 'built');
    assert.ok(readdirSync(dir).some((f) => f.startsWith('one')), 'the cache file was written');
    assert.deepEqual(compiled(dir, 'one', [Buffer.from('source a')], codec, build('a')), ['a']);
    assert.equal(builds, 1, 'the second load read the file');
    assert.equal(codec.decoded, 1);
    assert.equal(cacheOutcomes().at(-1)?.from, 'cache');
    // Another source (or another format) is stale: compiled again, and the file replaced.
    assert.deepEqual(compiled(dir, 'one', [Buffer.from('source b')], codec, build('b')), ['b']);
    assert.equal(builds, 2);
    assert.match(cacheOutcomes().at(-1)?.note ?? '', /stale/);
    assert.deepEqual(compiled(dir, 'one', [Buffer.from('source b')], { ...codec, format: 'json:other' }, build('b')), ['b']);
    assert.equal(builds, 3);
    assert.deepEqual(compiled(dir, 'one', [Buffer.from('source b')], { ...codec, format: 'json:other' }, build('b')), ['b']);
    assert.equal(builds, 3);
  });

  it('a damaged file is compiled again, never trusted', () => {
    let builds = 0;
    const codec = jsonCodec<string[]>('test');
    compiled(dir, 'two', [Buffer.from('x')], codec, () => (builds++, ['x']));
    const file = path.join(dir, readdirSync(dir).find((f) => f.startsWith('two')) as string);
    const bytes = readFileSync(file);
    bytes.writeUInt8((bytes.readUInt8(bytes.length - 2) ^ 0xff), bytes.length - 2); // the checksum no longer matches
    writeFileSync(file, bytes);
    assert.deepEqual(compiled(dir, 'two', [Buffer.from('x')], codec, () => (builds++, ['x'])), ['x']);
    assert.equal(builds, 2);
    assert.match(cacheOutcomes().at(-1)?.note ?? '', /damaged/);
    writeFileSync(file, 'not a cache file');
    assert.deepEqual(compiled(dir, 'two', [Buffer.from('x')], codec, () => (builds++, ['x'])), ['x']);
    assert.equal(builds, 3);
    // A file whose checksum is right but whose payload the codec refuses.
    const refusing: Codec<string[]> = { ...codec, decode: () => { throw new Error('bad payload'); } };
    assert.deepEqual(compiled(dir, 'two', [Buffer.from('x')], refusing, () => (builds++, ['x'])), ['x']);
    assert.equal(builds, 4);
    assert.match(cacheOutcomes().at(-1)?.note ?? '', /bad payload/);
  });

  it('a folder that cannot be written compiles in memory, and no folder at all is allowed', { skip: process.getuid?.() === 0 ? 'running as root: every folder is writable' : false }, () => {
    const locked = mkdtempSync(path.join(tmpdir(), 'lexicon-cache-locked-'));
    chmodSync(locked, 0o500);
    try {
      assert.deepEqual(compiled(locked, 'three', [Buffer.from('y')], jsonCodec<string[]>('test'), () => ['y']), ['y']);
      assert.match(cacheOutcomes().at(-1)?.note ?? '', /not written/);
    } finally {
      chmodSync(locked, 0o700);
      rmSync(locked, { recursive: true, force: true });
    }
  });

  it('a cache folder that is a file compiles in memory and says why', () => {
    const notADir = path.join(dir, 'plain-file');
    writeFileSync(notADir, '');
    assert.deepEqual(compiled(notADir, 'four', [Buffer.from('z')], jsonCodec<string[]>('test'), () => ['z']), ['z']);
    assert.match(cacheOutcomes().at(-1)?.note ?? '', /not written/);
    assert.deepEqual(compiled(null, 'four', [Buffer.from('z')], jsonCodec<string[]>('test'), () => ['z']), ['z']);
    assert.equal(cacheOutcomes().at(-1)?.note, 'cache off');
  });

  it('a value JSON would change is returned but not cached', () => {
    let builds = 0;
    const build = () => (builds++, { ratio: Number.POSITIVE_INFINITY, when: new Date(0) });
    assert.equal(compiled(dir, 'five', [Buffer.from('w')], jsonCodec<{ ratio: number; when: Date }>('test'), build).ratio, Number.POSITIVE_INFINITY);
    assert.match(cacheOutcomes().at(-1)?.note ?? '', /not cacheable/);
    compiled(dir, 'five', [Buffer.from('w')], jsonCodec<{ ratio: number; when: Date }>('test'), build);
    assert.equal(builds, 2, 'nothing was cached');
  });

  it('lexicon YAML parsed through the cache is the same data, and a syntax error is still an error', () => {
    const text = 'a: [1, two, { b: null }]\nc: "x"\n';
    assert.deepEqual(parseYaml(text), { a: [1, 'two', { b: null }], c: 'x' });
    assert.deepEqual(parseYaml(text), { a: [1, 'two', { b: null }], c: 'x' });
    assert.throws(() => parseYaml('a: [1, 2\n'));
  });

  it('the shipped lexicon loads through the cache and knows its words', () => {
    const lx = lexicon();
    assert.ok(lx.isCommon('Sitzungsprotokolle', 'de'));
    assert.ok(lx.isCommon('counselling', 'en'));
    assert.ok(!lx.isCommonEither('Quackmail'));
    const names = cacheOutcomes().map((o) => o.name);
    for (const name of ['hunspell-dictionary-de', 'hunspell-dictionary-en', 'hunspell-dictionary-en-gb', 'yaml-words.yaml']) assert.ok(names.includes(name), name);
  });
});
