// The function words (lexicon/semantic/<lang>-function-words.txt) are generated from the closed word
// classes of the Ding dictionary by scripts/semantic/function-words.ts: regenerating gives the committed
// files, a word WordNet has as a noun, verb, adjective or adverb is never one, and the engine accounts
// for them as grammar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DE_FUNCTION_FILE, EN_FUNCTION_FILE, closedClassItems, generateFunctionWords } from '../scripts/semantic/function-words.js';
import { closedClassWords } from '../src/text/function-words.js';
import { fold } from '../src/text/normalize.js';
import { createEngine } from '../src/engine/engine.js';
import { confirmCatalogueFiles, kbFromFiles } from './helpers/kb.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

await describeNeeding(['ding'], 'regenerating the function words', () => {
  it('from the dictionary and WordNet gives exactly the committed files', () => {
    const out = generateFunctionWords(readFileSync(DING_PATH, 'utf8'));
    assert.equal(out.en, readFileSync(new URL(`../${EN_FUNCTION_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/function-words.ts');
    assert.equal(out.de, readFileSync(new URL(`../${DE_FUNCTION_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/function-words.ts');
  });

  it('leaves out the translations WordNet has as open-class words, which can name a situation', () => {
    const { en } = closedClassItems(readFileSync(DING_PATH, 'utf8'));
    // The dictionary gives them as translations of prepositions: they are still WordNet words.
    for (const w of ['outside', 'pending', 'save']) {
      assert.ok(en.has(w), `${w} is a closed-class translation`);
      assert.ok(!closedClassWords().has(w), `${w} is no function word`);
    }
  });
});

describe('function words in questions', () => {
  const engine = createEngine(kbFromFiles(confirmCatalogueFiles()));
  const now = new Date('2024-06-01');

  it('are read, in both languages: "during", "whereby", "jemand"', () => {
    for (const w of ['during', 'whereby', 'everybody', 'während', 'jemand', 'mittels']) assert.ok(closedClassWords().has(fold(w)), w);
    assert.deepEqual(engine.answer('Can we use Quackmeet during the weekly team meeting?', { now }).unexplained ?? [], []);
  });

  it('never take a content word with them', () => {
    const a = engine.answer('Can we use Quackmeet during the vaccination consultation?', { now });
    assert.notEqual(a.verdict, 'conditional', JSON.stringify(a.unexplained));
  });
});
