// Tools named in passing are not answered beside the tool asked about (src/engine/incidental-tools.ts):
// the affiliation of a person or group, the source data comes out of on its way into another tool, and
// the host another tool runs inside.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/learnhub.yaml': toolYaml('Learnhub', 'approved', 'category: project-management\n'),
    'tools/quackpilot.yaml': toolYaml('Quackpilot', 'pending', 'category: ai-assistant\n'),
    'tools/scribbler.yaml': toolYaml('Megacorp 365 Scribbler', 'pending', 'category: ai-assistant\n'),
  }),
);
const toolsOf = (q: string) => engine.answer(q, { now: new Date('2024-06-01') }).tools.map((t) => t.id);

describe('a tool named in passing', () => {
  it('as the affiliation of a person or group is left out beside the tool asked about', () => {
    for (const q of [
      'Frau Weber vom Learnhub-Support fragt, ob Quackpilot erlaubt ist.',
      'Herr Kaya aus dem Learnhub-Team möchte wissen, ob er Quackpilot nutzen darf.',
      'The Learnhub admin asked whether we may use Quackpilot in lectures.',
    ]) assert.deepEqual(toolsOf(q), ['quackpilot'], q);
  });

  it('as the source of data moved into another tool is left out', () => {
    assert.deepEqual(toolsOf('Kann ich die Notizen aus Learnhub in Quackpilot kopieren?'), ['quackpilot']);
    assert.deepEqual(toolsOf('Can I export the notes from Learnhub to Quackpilot?'), ['quackpilot']);
  });

  it('as the host another tool runs inside is left out ("Quackpilot in Learnhub")', () => {
    assert.deepEqual(toolsOf('Sarah asks whether she can use Quackpilot in Learnhub to summarise notes.'), ['quackpilot']);
    assert.deepEqual(toolsOf('Darf ich den Quackpilot im Learnhub nutzen?'), ['quackpilot']);
    // The distinctive part of a catalogue name names its tool beside another one too.
    assert.deepEqual(toolsOf('Can I use the Scribbler in Learnhub to draft replies?'), ['scribbler']);
    // Where data moves, "in" names its destination, which is asked about.
    assert.deepEqual(toolsOf('Darf ich die Notizen aus Learnhub in Quackpilot kopieren?'), ['quackpilot']);
  });

  it('as the tool compared with or switched away from is left out', () => {
    for (const q of [
      'Herr Wu hat gehört, dass Quackpilot besser als Learnhub ist. Darf er es nutzen?',
      'Ein Kollege fragt nach Quackpilot, das ist so ähnlich wie Learnhub.',
      'Is Quackpilot cheaper than Learnhub?',
      'Darf ich Quackpilot als Alternative zu Learnhub nehmen?',
      'Frau Lange möchte von Learnhub auf Quackpilot umsteigen.',
      'Can we switch from Learnhub to Quackpilot?',
    ]) assert.deepEqual(toolsOf(q), ['quackpilot'], q);
  });

  it('named in a sentence or a clause that states, beside one that asks, is left out', () => {
    for (const q of [
      'Wir nutzen Learnhub für die Kurse. Darf ich Quackpilot einbinden?',
      'Our slides are on Learnhub. Can I use Quackpilot for polls?',
      'Ich habe die Folien in Learnhub, darf ich sie mit Quackpilot übersetzen?',
    ]) assert.deepEqual(toolsOf(q), ['quackpilot'], q);
    // Asked about in the same sentence, or only stated, both stay.
    assert.deepEqual(toolsOf('Ist Quackpilot erlaubt, oder nur Learnhub?').sort(), ['learnhub', 'quackpilot']);
    assert.deepEqual(toolsOf('Learnhub, Quackpilot – was davon darf ich nutzen?').sort(), ['learnhub', 'quackpilot']);
    assert.deepEqual(toolsOf('Wir nutzen Learnhub. Ist das für Prüfungen erlaubt?'), ['learnhub']);
  });

  it('is still answered when no other tool is asked about, and asked-about tools stay', () => {
    assert.deepEqual(toolsOf('Darf das Learnhub-Team Dateien aus Learnhub exportieren?'), ['learnhub']);
    assert.deepEqual(toolsOf('Kann ich Dateien aus Learnhub herunterladen?'), ['learnhub']);
    assert.deepEqual(toolsOf('Darf ich Learnhub und Quackpilot nutzen?').sort(), ['learnhub', 'quackpilot']);
  });
});
