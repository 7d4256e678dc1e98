// A person who bears a catalogue tool's name is not the tool (src/engine/person-named-like-tool.ts),
// and a German indirect question names its tool where a direct one does ("…, ob ich X nutzen darf").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/miro.yaml': toolYaml('Miro', 'approved', 'category: project-management\n'),
    'tools/quackpilot.yaml': toolYaml('Quackpilot', 'pending', 'category: ai-assistant\n'),
    'tools/copilot.yaml': toolYaml('Duckworks Copilot', 'pending', 'category: ai-assistant\n'),
  }),
);
const read = (q: string) => {
  const a = engine.answer(q, { now: new Date('2024-06-01') });
  return { verdict: a.verdict, tools: a.tools.map((t) => t.id), unknownTool: a.unknownTool };
};

describe('a person named like a catalogue tool', () => {
  it('after a title, or asking with a role before or an affiliation after, is the person', () => {
    for (const q of [
      'Frau Miro fragt, ob sie Quackpilot nutzen darf.',
      'Kollegin Miro möchte wissen, ob Quackpilot erlaubt ist.',
      'Miro aus der Buchhaltung fragt, ob wir Quackpilot nutzen dürfen.',
      'Miro from accounting wants to know if Quackpilot is allowed.',
      'Our colleague Miro asked whether Quackpilot is approved.',
    ]) assert.deepEqual(read(q), { verdict: 'pending', tools: ['quackpilot'], unknownTool: null }, q);
  });

  it('with a surname after it or a first name before it, asking, is the person', () => {
    for (const q of ['Miro Kovac asked whether he may use Quackpilot.', 'Miro Kovac fragt, ob er Quackpilot nutzen darf.', 'Tom Miro wants to know if Quackpilot is approved.']) {
      assert.deepEqual(read(q), { verdict: 'pending', tools: ['quackpilot'], unknownTool: null }, q);
    }
    // The verb uses the tool: "Anna" is who one uses it with.
    assert.deepEqual(read('Darf ich mit Anna Miro nutzen?').tools, ['miro']);
  });

  it('used or asked about, the name is still the tool', () => {
    assert.deepEqual(read('Is Miro from the vendor allowed?').tools, ['miro']);
    assert.deepEqual(read('Darf ich Miro mit Kollegen nutzen?').tools, ['miro']);
    assert.deepEqual(read('Kann ich mit den Kollegen Miro für das Brainstorming nehmen?').tools, ['miro']);
  });
});

describe('a German indirect question', () => {
  it('names its tool, or a product the catalogue lacks, after "ob ich"', () => {
    // A distinctive part of a catalogue name, and a product spelt like an English word.
    assert.deepEqual(read('Ich wollte fragen, ob ich Copilot nutzen darf.').tools, ['copilot']);
    assert.equal(read('Weiß jemand, ob wir Whereby verwenden dürfen?').unknownTool, 'Whereby');
  });
});
