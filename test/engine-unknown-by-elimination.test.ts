// A product the catalogue lacks, named where no anchor marks the tool (src/engine/unknown-by-elimination.ts):
// the one name-like word of a question without a known tool or category is answered `unknown`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, oneRestrictionKb, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(oneRestrictionKb({ id: 'no-pd', de: 'Keine personenbezogenen Daten.', en: 'No personal data.', context: 'personal_data' }));
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('unknown products by elimination', () => {
  it('names a word no dictionary has where nothing else is asked about', () => {
    for (const q of ['Does anyone know whether Flonkly is allowed?', 'Hat jemand Erfahrung mit Flonkly?', 'Flonkly – yes or no?', 'Gibt es eine Freigabe für Flonkly?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'unknown', q);
      assert.equal(a.unknownTool, 'Flonkly', q);
    }
  });

  it('keeps a capitalised second word of the name, and takes a word written like a product', () => {
    assert.equal(ask('Weiß jemand, ob Flonkly Brimzo erlaubt ist?').unknownTool, 'Flonkly Brimzo');
    assert.equal(ask('is anyone using brimZo at work?').unknownTool, 'brimZo');
  });

  it('never takes people, abbreviations, ordinary words, or one of two candidates', () => {
    for (const q of ['Darf ich Frau Yilmaz zurückrufen?', 'Was sagt die DSGVO dazu?', 'Wie ist das Wetter?', 'Hat jemand Erfahrung mit Flonkly und Brimzo?']) {
      const a = ask(q);
      assert.notEqual(a.verdict, 'unknown', q);
      assert.equal(a.unknownTool ?? null, null, q);
    }
  });

  it('does not replace a known tool', () => {
    const a = ask('Darf ich Quux für die Flonkly-Planung nutzen?');
    assert.deepEqual(a.tools.map((t) => t.id), ['quux']);
  });
});

describe('unknown products in an indirect question', () => {
  it('reads the name before "okay"/"OK" after "ob"/"if" even when it is a dictionary word', () => {
    assert.equal(ask('Anyone know if Loom is OK for recording a how-to?').unknownTool, 'Loom');
    assert.equal(ask('Weiß jemand, ob Loom okay ist?').unknownTool, 'Loom');
    assert.deepEqual(ask('Can you check if Quux is ok?').tools.map((t) => t.id), ['quux']);
  });
});

describe('a misspelt short name', () => {
  it('a four-letter word one edit from a four-letter name is that tool, not an unknown product', () => {
    const a = ask('ist quxx für interne notizen ok');
    assert.deepEqual(a.tools.map((t) => t.id), ['quux']);
    assert.equal(a.unknownTool ?? null, null);
  });
});

describe('hesitations', () => {
  it('"äh" or "uh" before a name is no product', () => {
    for (const q of ['Ist äh Quux für interne Notizen okay?', 'is uh Quux ok for internal notes?']) {
      const a = ask(q);
      assert.deepEqual(a.tools.map((t) => t.id), ['quux'], q);
      assert.equal(a.unknownTool ?? null, null, q);
    }
  });
});

describe('the distinctive part of a catalogue name', () => {
  const parts = createEngine(
    kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/copilot.yaml': toolYaml('Microsoft 365 Copilot', 'restricted', 'category: ai-assistant\nrestrictions:\n  - id: r\n    text: { de: "Nichts Vertrauliches.", en: "Nothing confidential." }\n    forbidden_contexts: [confidential]\n'),
    }),
  );
  it('named where a question puts its tool, even when it is an ordinary word, is that tool', () => {
    for (const q of ['Darf ich Copilot nutzen?', 'Is Copilot allowed?']) {
      const a = parts.answer(q, { now: new Date('2024-06-01') });
      assert.deepEqual(a.tools.map((t) => t.id), ['copilot'], q);
      assert.equal(a.unknownTool ?? null, null, q);
      assert.equal(a.verdict, 'conditional', q);
    }
  });
});
