// The first person of a German verb ("nehme") is an ordinary word, never a product's name
// (src/text/verb-forms.ts), though the spelling dictionary's reader does not derive it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { lexicon } from '../src/text/lexicon.js';
import { isGermanFirstPerson } from '../src/text/verb-forms.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

describe('German first-person verb forms', () => {
  it('are read from the infinitive in the dictionary; names and capitalised words are not', () => {
    const lx = lexicon();
    for (const w of ['nehme', 'mache', 'nutze', 'lade']) assert.equal(isGermanFirstPerson(w, lx), true, w);
    for (const w of ['whereby', 'asana', 'Nehme', 'zoom', 'e']) assert.equal(isGermanFirstPerson(w, lx), false, w);
  });

  it('are no unknown tool in the slot after "Welches Tool"', () => {
    const engine = createEngine(
      kbFromFiles({
        'organization.yaml': 'name: Test\ndefault_language: de\n',
        'tools/quackmail.yaml': toolYaml('Quackmail', 'approved', 'category: messaging\n'),
      }),
    );
    const a = engine.answer('Welches Tool nehme ich am besten für die Terminplanung?', { now: new Date('2024-06-01') });
    assert.equal(a.unknownTool, null);
  });
});
