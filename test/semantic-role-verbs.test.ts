// The role verbs (lexicon/semantic/en-role-verbs.tsv, de-role-verbs.tsv) are generated from WordNet
// and the Ding dictionary by scripts/semantic/role-verbs.ts: regenerating gives the committed files,
// and the explanation says which role noun a verb came through.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { DE_ROLE_FILE, EN_ROLE_FILE, generateRoleVerbs } from '../scripts/semantic/role-verbs.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

await describeNeeding(['ding'], 'regenerating the role verbs', () => {
  const out = generateRoleVerbs(readFileSync(DING_PATH, 'utf8'));
  const rows = (text: string, form: string) => text.split('\n').filter((l) => l.startsWith(`${form}\t`));

  it('from WordNet and the dictionary gives exactly the committed files', () => {
    assert.equal(out.en, readFileSync(new URL(`../${EN_ROLE_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/role-verbs.ts');
    assert.equal(out.de, readFileSync(new URL(`../${DE_ROLE_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/role-verbs.ts');
  });

  it('reads the verbs of citizen roles, and not a verb whose role noun comes of a rare sense', () => {
    assert.deepEqual(rows(out.en, 'applied'), ['applied\tverb\tcitizens\tapply']);
    assert.deepEqual(rows(out.en, 'requested'), ['requested\tverb\tcitizens\trequest']);
    // "taker" comes of the 11th sense of "take", "pretender" (a claimant) of an untagged one.
    assert.deepEqual(rows(out.en, 'take'), []);
    assert.deepEqual(rows(out.en, 'pretend'), []);
    assert.deepEqual(rows(out.en, 'attended'), []);
    // A buyer is a customer, but buying does not say from whom.
    assert.deepEqual(rows(out.en, 'bought'), []);
  });

  it('carries them into German: verbs, and phrases whose English makes what the verb derives', () => {
    assert.deepEqual(rows(out.de, 'beantragt'), ['beantragt\tphrase_verb\tcitizens\tkonzession beantragen', 'beantragt\tverb\tcitizens\tbeantragen']);
    assert.ok(rows(out.de, 'gestellt').includes('gestellt\tphrase_verb\tcitizens\tantrag stellen'));
    assert.ok(rows(out.de, 'anträge').includes('anträge\tobject\tcitizens\tantrag stellen'));
    // "zutreffen" is "to apply" as being true; "applizieren" applies an ointment.
    assert.deepEqual(rows(out.de, 'zutreffen'), []);
    assert.deepEqual(rows(out.de, 'appliziert'), []);
    assert.deepEqual(rows(out.de, 'leute'), ['leute\tperson\t-\tleute']);
  });
});
