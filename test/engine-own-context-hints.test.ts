// A base's own context names its situation in its author's words ("Klausurnoten"). A word of such a
// term, or a compound holding one, is no everyday word in that base: with it in a question, a
// restricted tool that forbids the context is asked about (confirm), not approved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const files = {
  'organization.yaml': 'name: Test University\ndefault_language: de\n',
  'contexts.yaml': `- id: exam_grades
  label: { de: Prüfungsnoten, en: exam grades }
  synonyms:
    de: [klausurnoten, prüfungsergebnisse]
    en: [exam grades, grid control, marks list]
`,
  'tools/quux.yaml': toolYaml(
    'Quux',
    'restricted',
    'category: messaging\nrestrictions:\n  - id: no-grades\n    text: { de: "Keine Noten.", en: "No grades." }\n    forbidden_contexts: [exam_grades]\n',
  ),
};

describe('words of the base’s own context terms', () => {
  const engine = createEngine(kbFromFiles(files));
  const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

  it('a word of a term, inflected or inside a compound, is asked about', () => {
    for (const q of ['Darf ich die Ergebnisse in Quux zeigen?', 'Darf ich Quux für die Nachschreibergebnisse nutzen?', 'Can I show the grades in Quux?']) {
      assert.equal(ask(q).verdict, 'confirm', q);
    }
  });

  it('a short word in front of the last of a term is asked about, even where a wordnet finds it plain; the last word is not', () => {
    // "grid" of "grid control", "exam" of "exam grades": four letters, and everyday words elsewhere.
    for (const q of ['Can I use Quux to discuss the grid outage plans?', 'Can I use Quux for the exam?']) assert.equal(ask(q).verdict, 'confirm', q);
    // A last word of four letters names the general kind ("list" of "marks list").
    assert.equal(ask('Can I use Quux to draft a list of topics?').verdict, 'conditional');
  });

  it('a distinctive part states the context itself (own-context-words.ts)', () => {
    assert.equal(ask('Darf ich Quux für die Nachschreibeklausur nutzen?').verdict, 'not_allowed');
  });

  it('the whole term is the context itself, and other everyday words stay neutral', () => {
    assert.equal(ask('Darf ich Klausurnoten in Quux zeigen?').verdict, 'not_allowed');
    assert.equal(ask('Darf ich die Planung in Quux zeigen?').verdict, 'conditional');
  });
});
