// A distinctive word or compound part of a base's own context terms states that context
// (src/engine/own-context-words.ts): "Erfindung" of "Erfindungsmeldung" is the invention data of a
// research lab. Parts that are general ("Meldung", the head), shared by two own contexts
// ("Versuch") or listed as too general (lexicon/own-context-words.yaml) only keep the bot asking.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { buildIndex } from '../src/engine/kb-index.js';
import { parseGeneralWords } from '../src/engine/own-context-words.js';
import { LexiconError } from '../src/errors.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const kb = kbFromFiles({
  'organization.yaml': 'name: Test Lab\ndefault_language: de\n',
  'contexts.yaml': `- id: invention_data
  label: { de: IP-Unterlagen, en: IP files }
  synonyms:
    de: [erfindungsmeldung, patententwurf, versuchsprotokoll]
    en: [invention disclosure, patent draft]
- id: lab_safety
  label: { de: Sicherheitsvorfälle, en: safety incidents }
  synonyms:
    de: [versuchsunfall, unfallbericht]
    en: [lab accident]
- id: billing
  label: { de: Abbuchungen, en: billing }
  synonyms:
    de: [lastschrift]
    en: [direct debit]
`,
  'tools/scribbly.yaml': toolYaml(
    'Scribbly',
    'restricted',
    'category: project-management\nrestrictions:\n  - id: no-ip\n    text: { de: "Keine Erfindungen.", en: "No inventions." }\n    forbidden_contexts: [invention_data]\n',
  ),
});
const engine = createEngine(kb);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });
const evidence = (q: string) => Object.fromEntries((ask(q).evidence ?? []).map((e) => [e.id, e.words]));

describe('distinctive words of a base’s own context terms', () => {
  it('keeps the distinctive parts only', () => {
    const stems = buildIndex(kb).ownContextStems;
    assert.equal(stems.get('de:erfind'), 'invention_data');
    assert.equal(stems.get('de:patent'), 'invention_data');
    assert.equal(stems.get('de:unfall'), 'lab_safety');
    // The head of a compound, a part two own contexts share, a word listed as too general.
    for (const key of ['de:meldung', 'de:versuch', 'en:direct', 'en:debit']) assert.equal(stems.get(key), undefined, key);
  });

  it('reads the word, inflected or inside a compound, as the context, naming the words', () => {
    const cases: [string, string][] = [
      ['Darf ich meine Erfindung in Scribbly skizzieren?', 'Erfindung'],
      ['Wir wollen die zwei neuen Erfindungen in Scribbly sammeln, geht das?', 'Erfindungen'],
      ['Kann ich die Erfindungsskizzen mit Scribbly teilen?', 'Erfindungsskizzen'],
      ['Can I put the invention sketches in Scribbly?', 'invention'],
      ['Scribbly für den Patent-Antrag?', 'Patent'],
    ];
    for (const [q, word] of cases) {
      const a = ask(q);
      assert.equal(a.verdict, 'not_allowed', q);
      assert.deepEqual(evidence(q).invention_data, [word], q);
    }
  });

  it('a context the tool does not forbid is read, and the word needs no asking', () => {
    const a = ask('Dürfen wir in Scribbly über den Unfall von gestern reden?');
    assert.equal(a.verdict, 'conditional');
    assert.deepEqual(evidence('Dürfen wir in Scribbly über den Unfall von gestern reden?').lab_safety, ['Unfall']);
  });

  it('a negated word rules the context out', () => {
    for (const q of ['Darf ich Scribbly nutzen? Es sind keine Erfindungen dabei.', 'Is Scribbly ok if there are no inventions on the board?', 'Scribbly für die Planung, ganz ohne Erfindungsskizzen?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'conditional', q);
      assert.ok(!a.contexts.includes('invention_data'), q);
    }
  });

  it('an everyday or shared part keeps the bot asking, as before', () => {
    for (const [q, word] of [
      ['Darf ich die Meldung in Scribbly schreiben?', 'Meldung'],
      ['Darf ich die Versuche von morgen in Scribbly planen?', 'Versuche'],
      ['Can I open a direct chat in Scribbly?', 'direct'],
    ] as const) {
      const a = ask(q);
      assert.equal(a.verdict, 'confirm', q);
      assert.deepEqual(a.contexts, [], q);
      assert.ok(a.unexplained?.includes(word), q);
    }
  });

  it('loads lexicon/own-context-words.yaml and rejects a broken file', () => {
    assert.ok(parseGeneralWords('de: [preis]\nen: [price]\n').has('en:price'));
    assert.throws(() => parseGeneralWords('de: [preis]\n'), LexiconError);
  });
});
