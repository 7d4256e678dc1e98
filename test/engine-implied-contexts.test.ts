// Contexts implied by others (src/engine/implied-contexts.ts, lexicon/implied-contexts.yaml):
// a tool forbidding personal data is not allowed with health data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { LexiconError } from '../src/errors.js';
import { impliedContexts, parseImpliedContexts } from '../src/engine/implied-contexts.js';
import { oneRestrictionKb } from './helpers/kb.js';

const engine = createEngine(oneRestrictionKb({ id: 'no-pd', de: 'Keine personenbezogenen Daten.', en: 'No personal data.', context: 'personal_data' }));
const ask = (q: string, extraContexts?: string[]) => engine.answer(q, { now: new Date('2024-06-01'), ...(extraContexts ? { extraContexts } : {}) });

describe('implied contexts', () => {
  it('loads lexicon/implied-contexts.yaml', () => {
    assert.deepEqual(impliedContexts().get('special_categories'), ['personal_data']);
  });

  it('rejects a broken file with a typed error', () => {
    assert.throws(() => parseImpliedContexts('implies: [a, b]\n'), LexiconError);
    assert.throws(() => parseImpliedContexts('implies:\n  a: b\n'), LexiconError);
    assert.throws(() => parseImpliedContexts('other: 1\n'), LexiconError);
  });

  it('special categories are personal data, with the words that stated them', () => {
    const a = ask('Darf ich Quux mit Gesundheitsdaten nutzen?');
    assert.deepEqual(a.contexts, ['special_categories', 'personal_data']);
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.evidence?.find((e) => e.id === 'personal_data')?.words, ['Gesundheitsdaten']);
    assert.equal(ask('Can I use Quux for medical records?').verdict, 'not_allowed');
  });

  it('applies to contexts the model added too, and adds nothing to a question without them', () => {
    assert.equal(ask('Darf ich Quux nutzen?', ['special_categories']).verdict, 'not_allowed');
    assert.deepEqual(ask('Darf ich Quux nutzen?').contexts, []);
    assert.equal(ask('Darf ich Quux nutzen?').verdict, 'conditional');
  });
});

describe('contexts ruled out by implication', () => {
  const health = createEngine(oneRestrictionKb({ id: 'no-health', de: 'Keine Gesundheitsdaten.', en: 'No health data.', context: 'special_categories' }));
  const askHealth = (q: string) => health.answer(q, { now: new Date('2024-06-01') });

  it('no personal data rules out special categories too, so nothing is left to ask', () => {
    const ruledOut = askHealth('Darf ich Quux für die blorfige Liste nutzen? Keine personenbezogenen Daten.');
    assert.ok(ruledOut.unexplained?.length, 'the question keeps a word the engine cannot place');
    assert.equal(ruledOut.verdict, 'conditional');
    // Without the negation the same word is asked about.
    assert.equal(askHealth('Darf ich Quux für die blorfige Liste nutzen?').verdict, 'confirm');
  });

  it('a stated context is not ruled out by a negated one it implies', () => {
    assert.equal(askHealth('Darf ich Quux mit Gesundheitsdaten nutzen, aber ohne personenbezogene Daten?').verdict, 'not_allowed');
  });
});
