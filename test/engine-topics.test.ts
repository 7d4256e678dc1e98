// Topic terms for a knowledge base's own contexts (src/engine/topics.ts, lexicon/topics.yaml), the
// category a shared phrase names (category-choice.ts), an unknown product after its category
// (unknown-after-category.ts) and word-order variants of multi-word names (name-variants.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { LexiconError } from '../src/errors.js';
import { parseTopics, topics, withTopicTerms } from '../src/engine/topics.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const forbid = (ids: string) => `restrictions:\n  - id: r\n    text: { de: "Nicht so.", en: "Not like that." }\n    forbidden_contexts: [${ids}]\n`;
const kb = kbFromFiles({
  'organization.yaml': ORG_EN,
  'contexts.yaml': `- id: money_matters
  label: { de: Geld, en: money matters }
  synonyms: { de: [finanzdaten], en: [financial records] }
- id: recipes
  label: { de: Rezepte, en: recipes }
  synonyms: { de: [rezept], en: [recipe] }
`,
  'categories.yaml': `- id: whiteboard
  label: { de: Whiteboard, en: whiteboard }
  synonyms: { de: [whiteboard], en: [whiteboard] }
`,
  'tools/pipe.yaml': toolYaml('Pipe', 'restricted', `category: file-sharing\n${forbid('money_matters')}`),
  'tools/boardly.yaml': toolYaml('Boardly', 'restricted', `category: whiteboard\n${forbid('confidential')}`),
  'tools/tasky.yaml': toolYaml('Tasky', 'approved', 'category: project-management\n'),
  'tools/vault.yaml': toolYaml('Vault', 'approved', 'category: password-manager\n'),
  'tools/google-meet.yaml': toolYaml('Google Meet', 'prohibited', 'category: video-conferencing\n'),
  'tools/meetly.yaml': toolYaml('Meetly', 'restricted', `category: video-conferencing\n${forbid('external')}`),
  'tools/meetly-pro.yaml': toolYaml('Meetly Pro', 'pending', 'category: video-conferencing\naliases: [licensed meetly, meetly licensed]\ndecision_expected: 2025-Q1\n'),
});
const engine = createEngine(kb);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('topic terms for a base’s own contexts', () => {
  it('loads lexicon/topics.yaml and rejects a broken file', () => {
    assert.ok(topics().some((t) => t.name === 'financial data'));
    assert.throws(() => parseTopics('topics: [{name: x, recognise: [], terms: {de: [a], en: [b]}}]\n'), LexiconError);
    assert.throws(() => parseTopics('other: 1\n'), LexiconError);
  });

  it('lends financial terms to a context about finance, not to others or built-ins', () => {
    const items = withTopicTerms(kb.contexts);
    assert.ok(items.get('money_matters')?.synonyms.en.includes('pay slips'));
    assert.ok(!items.get('recipes')?.synonyms.en.includes('pay slips'));
    assert.equal(items.get('personal_data'), kb.contexts.get('personal_data'));
    const a = ask('Is Pipe fine for syncing monthly pay slips into the warehouse?');
    assert.ok(a.contexts.includes('money_matters'));
    assert.equal(a.verdict, 'not_allowed');
    assert.equal(ask('Is Pipe fine for syncing product data?').verdict, 'conditional');
  });
});

describe('categories and names', () => {
  it('a phrase of a built-in and an own category names the own one', () => {
    const a = ask('Any approved whiteboard apps?');
    assert.equal(a.category, 'whiteboard');
    assert.deepEqual(a.tools.map((t) => t.id), ['boardly']);
  });

  it('a product the catalogue lacks, named after its category, is unknown', () => {
    for (const q of ['Can I use the password manager Bitwarden?', 'Darf ich den Passwortmanager Bitwarden nutzen?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'unknown', q);
      assert.equal(a.unknownTool, 'Bitwarden', q);
      assert.deepEqual(a.alternatives.map((x) => x.id), ['vault'], q);
    }
    assert.equal(ask('Is there an approved password manager?').verdict, 'list');
  });

  it('reads word-order variants of a multi-word name', () => {
    for (const q of ['Is the licensed version of Meetly allowed?', 'Is Meetly in the licensed version ok?']) assert.deepEqual(ask(q).tools.map((t) => t.id), ['meetly-pro'], q);
    assert.deepEqual(ask('Is Meetly allowed? We are licensed therapists.').tools.map((t) => t.id), ['meetly']);
    assert.deepEqual(ask('Is Meetly allowed?').tools.map((t) => t.id), ['meetly']);
  });

  it('corrects an ordinary word that the next word completes to a name ("goggle meet")', () => {
    assert.deepEqual(ask('is goggle meet allowed').tools.map((t) => t.id), ['google-meet']);
    assert.deepEqual(ask('Can I use goggles for the meeting?').tools.map((t) => t.id), []);
  });

  it('a follow-up naming a variant of the previous tool is about the variant', () => {
    const previous = { toolIds: ['meetly'], contexts: ['external'], category: null };
    const a = engine.answer('and the licensed version?', { now: new Date('2024-06-01'), previous });
    assert.deepEqual(a.tools.map((t) => t.id), ['meetly-pro']);
    assert.equal(a.unknownTool, null);
    assert.deepEqual(engine.answer('and with customers?', { now: new Date('2024-06-01'), previous }).tools.map((t) => t.id), ['meetly']);
  });

  it('a product offered as the alternative to a known tool is unknown', () => {
    for (const q of ['Meetly or Whereby, which one can I use?', 'Meetly oder Whereby – was darf ich nehmen?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'list', q);
      assert.equal(a.unknownTool, 'Whereby', q);
    }
    assert.equal(ask('Meetly oder Anna?').unknownTool, null);
    assert.equal(ask('Meetly oder Telefon?').unknownTool, null);
  });
});
