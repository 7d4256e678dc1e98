// The person words (lexicon/semantic/en-people.txt, de-people.txt) are generated from WordNet and the
// Ding dictionary by scripts/semantic/people-words.ts: regenerating gives the committed files, and
// the rules keep out what leans towards the vulnerable or the sensitive.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { DE_PEOPLE_FILE, EN_PEOPLE_FILE, explainPeople, generatePeople } from '../scripts/semantic/people-words.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

await describeNeeding(['ding'], 'regenerating the person words', () => {
  it('from WordNet and the dictionary gives exactly the committed files', () => {
    const out = generatePeople(readFileSync(DING_PATH, 'utf8'));
    assert.equal(out.en, readFileSync(new URL(`../${EN_PEOPLE_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/people-words.ts');
    assert.equal(out.de, readFileSync(new URL(`../${DE_PEOPLE_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/people-words.ts');
  });

  it('says why a word is kept out: a definition naming children, an anchor, an odd sense', () => {
    const lines = explainPeople(readFileSync(DING_PATH, 'utf8'), ['people', 'daughter', 'guest', 'Leute', 'cannibal']);
    assert.match(lines[0] ?? '', /^people \(en\): the definition of .* says "children"/);
    assert.match(lines[1] ?? '', /^daughter \(en\): noun sense \d+ descends from offspring#1/);
    assert.equal(lines[2], 'guest (en): a person word');
    assert.match(lines[3] ?? '', /^Leute \(de\): no person word/);
    // WordNet's long tail of people is left out by the kinds of participants the rules allow.
    assert.match(lines[4] ?? '', /^cannibal \(en\): .*under no synset of only_under/);
  });
});
