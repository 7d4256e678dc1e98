// A German compound no file holds is read by its parts ("Nachmittag" + "Kaffee": plain). But a word the
// Ding dictionary has as a whole is what the dictionary says it is: "Hausarbeit" is housework and a
// term paper, and the bridge (scripts/semantic/ding-bridge.ts) does not find it plain, though "Haus"
// and "Arbeit" are. Such words (lexicon/semantic/de-not-plain.txt, scripts/semantic/compound-traps.ts)
// are not read by their parts, nor is a compound holding one ("Seminarhausarbeit"): with one in a
// question, a restricted tool is asked about (confirm), not approved.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compoundTrapsFile, DE_NOT_PLAIN_FILE } from '../scripts/semantic/compound-traps.js';
import { isNeutral } from '../src/engine/account.js';
import { createEngine } from '../src/engine/engine.js';
import { lexicon } from '../src/text/lexicon.js';
import { isCompoundTrap, isPlainThing } from '../src/text/semantic-lexicon.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

const files = {
  'organization.yaml': 'name: Test University\ndefault_language: de\n',
  'contexts.yaml': `- id: exam_data
  label: { de: Prüfungsdaten, en: examination data }
  synonyms:
    de: [prüfungsdaten, prüfungsergebnisse, notenliste, klausurnoten, prüfungsleistung]
    en: [exam data]
`,
  'tools/quux.yaml': toolYaml(
    'Quux',
    'restricted',
    'category: messaging\nrestrictions:\n  - id: no-exams\n    text: { de: "Keine Prüfungsdaten.", en: "No examination data." }\n    forbidden_contexts: [exam_data]\n',
  ),
};

describe('German words the dictionary has as a whole, though not plain', () => {
  const engine = createEngine(kbFromFiles(files));
  const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

  it('are asked about, not approved by their plain parts ("Hausarbeiten": housework, and term papers)', () => {
    for (const q of ['Darf ich mit Quux Hausarbeiten bewerten?', 'Darf ich Quux für eine Hausarbeit nutzen?', 'Darf ich mit Quux eine Seminarhausarbeit bewerten?', 'Darf ich Quux für das Hausarbeitsthema nutzen?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'confirm', `${q} ${JSON.stringify(a.unexplained)}`);
    }
  });

  it('leave a compound of plain parts plain when the dictionary does not judge it otherwise', () => {
    for (const q of ['Darf ich Quux für den Nachmittagskaffee nutzen?', 'Darf ich Quux für den Bibliotheksneubau nutzen?', 'Darf ich Quux für die Projektplanung nutzen?']) {
      assert.equal(ask(q).verdict, 'conditional', q);
    }
  });

  it('are listed only where every part is plain, and none is a plain thing itself', () => {
    const lx = lexicon();
    for (const w of ['Hausarbeit', 'hausarbeiten']) assert.equal(isCompoundTrap(w), true, w);
    for (const w of ['Kaffeebohnen', 'Straßenbahn', 'Krankenhaus']) assert.equal(isCompoundTrap(w), false, w);
    assert.equal(isNeutral('Hausarbeiten', lx), false);
    const words = readFileSync(new URL(`../${DE_NOT_PLAIN_FILE}`, import.meta.url), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    assert.ok(words.length < 10_000, `${words.length} words`);
    assert.deepEqual(words.filter((w) => isPlainThing(w, 'de')), []);
  });
});

await describeNeeding(['ding'], 'regenerating the compound traps', () => {
  it('from the dictionary and the plain-word files gives exactly the committed file', () => {
    const text = compoundTrapsFile(readFileSync(DING_PATH, 'utf8'));
    assert.equal(text, readFileSync(new URL(`../${DE_NOT_PLAIN_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/compound-traps.ts');
  });
});
