// German infinitives with "zu" inside a separable verb ("aufzuzeichnen"): read as the plain
// infinitive (src/text/zu-infinitive.ts, lexicon/german-verbs.yaml), through the stemmer and the engine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { stem } from '../src/text/stem.js';
import { withoutZu } from '../src/text/zu-infinitive.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

describe('infinitives with zu', () => {
  it('take the "zu" out after a separable prefix only', () => {
    assert.equal(withoutZu('aufzuzeichnen'), 'aufzeichnen');
    assert.equal(withoutZu('abzustimmen'), 'abstimmen');
    assert.equal(withoutZu('herauszufinden'), 'herausfinden');
    // No separable prefix, no verb after "zu", or too short a verb: the word itself.
    for (const w of ['zuzuhoren', 'anzug', 'bezug', 'abzug', 'zutun', 'anzutun']) assert.equal(withoutZu(w), w);
    assert.equal(stem('aufzuzeichnen', 'de'), stem('aufzeichnen', 'de'));
    assert.notEqual(stem('aufzuzeichnen', 'en'), stem('aufzeichnen', 'en'));
  });

  it('a context term written as an infinitive with zu is read (recording)', () => {
    const engine = createEngine(
      kbFromFiles({
        'organization.yaml': 'name: Test Agency\ndefault_language: de\n',
        'tools/quackmeet.yaml': toolYaml(
          'Quackmeet',
          'restricted',
          'category: video-conferencing\nrestrictions:\n  - id: r\n    text: { de: "Keine Aufzeichnungen.", en: "No recordings." }\n    forbidden_contexts: [recording]\n',
        ),
      }),
    );
    const a = engine.answer('Dürfen wir Quackmeet nutzen, um die Schulung aufzuzeichnen?', { now: new Date('2024-06-01') });
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.contexts, ['recording']);
  });
});
