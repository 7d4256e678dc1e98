// The loader of lexicon/semantic/ (src/text/semantic-lexicon.ts) and the sorted word list it
// searches without parsing (src/text/sorted-lines.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexiconError } from '../src/errors.js';
import { parseSemanticSubset, semanticEntry, SUBSET_LANGUAGES } from '../src/text/semantic-lexicon.js';
import { SortedLines } from '../src/text/sorted-lines.js';
import { fold } from '../src/text/normalize.js';
import { stem } from '../src/text/stem.js';

const IDS = new Set(['special_categories', 'citizens']);

describe('SortedLines', () => {
  const words = ['apple', 'apples', 'b', 'banana', 'cherry', 'zebra'];
  const list = new SortedLines(`# a header\n# of two lines\n${words.join('\n')}\n`);

  it('finds every word and nothing else, prefixes and extensions included', () => {
    for (const w of words) assert.equal(list.has(w), true, w);
    for (const w of ['', 'a', 'appl', 'applesauce', 'ban', 'c', 'zebras', '# a header', 'zzz', 'aaa']) assert.equal(list.has(w), false, w);
  });

  it('works on a list without header or final newline, and an empty one', () => {
    assert.equal(new SortedLines('one\ntwo').has('two'), true);
    assert.equal(new SortedLines('one\ntwo').has('one'), true);
    assert.equal(new SortedLines('').has('one'), false);
    assert.equal(new SortedLines('# only a header\n').has('only'), false);
  });
});

describe('the semantic subset loader', () => {
  it('reads rows, and finds inflected forms by stem', () => {
    const s = parseSemanticSubset('# header\ninfluenza\tspecial_categories\tillness#1\ntaxpayer\tcitizens\ttaxpayer#1\n', 'x.tsv', 'en', IDS);
    // Keys are folded as the engine folds question words.
    assert.deepEqual(s.words.get(fold('influenza'))?.contexts, ['special_categories']);
    assert.equal(s.stems.get(stem(fold('taxpayers'), 'en'))?.anchor, 'taxpayer#1');
  });

  it('refuses a malformed line or an id that is not built in, naming the file and line', () => {
    assert.throws(() => parseSemanticSubset('# h\nflu special_categories\n', 'x.tsv', 'en', IDS), (e) => e instanceof LexiconError && /x\.tsv:2/.test(e.message));
    assert.throws(() => parseSemanticSubset('flu\tnot_a_context\tillness#1\n', 'x.tsv', 'en', IDS), (e) => e instanceof LexiconError && /not_a_context/.test(e.message));
  });

  it('the shipped English and German subsets answer', () => {
    const builtin = new Set(['internal', 'citizens', 'external', 'confidential', 'special_categories', 'vulnerable_persons', 'personal_data', 'recording']);
    assert.deepEqual([...SUBSET_LANGUAGES].sort(), ['de', 'en']);
    assert.ok(semanticEntry('influenza', 'en', builtin)?.contexts.includes('special_categories'));
    assert.ok(semanticEntry('refugees', 'en', builtin)?.contexts.includes('vulnerable_persons'));
    // German through the Ding dictionary: "Grippe" is influenza, flu.
    assert.ok(semanticEntry('Grippe', 'de', builtin)?.contexts.includes('special_categories'));
    assert.equal(semanticEntry('Nachmittag', 'de', builtin), undefined);
  });
});
