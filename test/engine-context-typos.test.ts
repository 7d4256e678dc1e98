// Misspelt situation words (src/engine/context-typos.ts): a word one edit away from a context word
// counts as that word, unless it is an ordinary word, a tool name, or ambiguous.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const forbidding = (contexts: string) =>
  `category: messaging\nrestrictions:\n  - id: r\n    text: { de: "Nicht so.", en: "Not like that." }\n    forbidden_contexts: [${contexts}]\n`;
const engine = createEngine(
  kbFromFiles({
    'organization.yaml': 'name: Test Agency\ndefault_language: de\n',
    'tools/quux.yaml': toolYaml('Quux', 'restricted', forbidding('special_categories, vulnerable_persons, confidential, recording')),
    'tools/patienta.yaml': toolYaml('Patienta', 'approved', 'category: messaging\n'),
  }),
);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('misspelt context words', () => {
  it('reads typos of context words in German and English', () => {
    for (const [q, id] of [
      ['darf ich quux mit patieten nutzen', 'special_categories'],
      ['Ist Quux mit Minderjärigen erlaubt?', 'vulnerable_persons'],
      ['is quux mit kidnern erlaubt', 'vulnerable_persons'],
      ['can i use quux for confidentail planning', 'confidential'],
      ['can we use quux for a recroded training', 'recording'],
      ['can we use quux for medcial consultations', 'special_categories'],
    ] as const) {
      const a = ask(q);
      assert.ok(a.contexts.includes(id), q);
      assert.equal(a.verdict, 'not_allowed', q);
    }
  });

  it('reads English possessives of context words', () => {
    assert.equal(ask("Can I use Quux for a call with a patient's relatives?").verdict, 'not_allowed');
    assert.equal(ask("Can I use Quux to talk about a kid’s homework?").verdict, 'not_allowed');
    assert.equal(ask('Can I use Quux to send a doctor’s note?').verdict, 'not_allowed');
    assert.equal(ask("Can I use Quux for a women's shelter?").verdict, 'not_allowed');
  });

  it('says which word, as written, stated the context', () => {
    assert.deepEqual(ask('darf ich quux mit patieten nutzen').evidence?.find((e) => e.id === 'special_categories')?.words, ['patieten']);
  });

  it('does not correct ordinary words, tool names or short words', () => {
    for (const q of ['Darf ich Quux für Patente nutzen?', 'Darf ich Patienta nutzen?', 'Can I use Quux for the kids room booking?'.replace('kids', 'kits')]) {
      assert.deepEqual(ask(q).contexts, [], q);
    }
  });
});
