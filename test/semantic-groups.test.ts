// The group words (lexicon/semantic/en-groups.tsv, de-groups.tsv) are generated from WordNet and the
// Ding dictionary by scripts/semantic/group-words.ts: regenerating gives the committed files, and the
// rules say why a word is or is not one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { DE_GROUPS_FILE, EN_GROUPS_FILE, explainGroups, generateGroups } from '../scripts/semantic/group-words.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

await describeNeeding(['ding'], 'regenerating the group words', () => {
  it('from WordNet and the dictionary gives exactly the committed files', () => {
    const out = generateGroups(readFileSync(DING_PATH, 'utf8'));
    assert.equal(out.en, readFileSync(new URL(`../${EN_GROUPS_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/group-words.ts');
    assert.equal(out.de, readFileSync(new URL(`../${DE_GROUPS_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/group-words.ts');
  });

  it('says why a word is one or not: its first sense, a thing it also names, its translations, an act', () => {
    const lines = explainGroups(readFileSync(DING_PATH, 'utf8'), ['guest', 'publisher', 'partner', 'Gast', 'Begleitung']);
    const line = (start: string) => lines.find((l) => l.startsWith(start)) ?? '';
    assert.equal(line('guest (en)'), 'guest (en): a group word of citizens');
    assert.equal(line('publisher (en)'), 'publisher (en): a group word of external');
    // Its first sense is a spouse.
    assert.match(line('partner (en)'), /^partner \(en\): its first noun sense lies under no anchor/);
    assert.match(line('Gast (de)'), /^Gast \(de\): citizens — guest \(citizens/);
    // "company" there is companionship.
    assert.match(line('Begleitung (de)'), /^Begleitung \(de\): no group word, a noun of an act/);
  });
});
