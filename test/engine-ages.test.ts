// Ages stated in a question (src/engine/ages.ts, lexicon/ages.yaml): a minor makes the question one
// about particularly vulnerable persons; adults, times and counts do not; a negated age does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexiconError } from '../src/errors.js';
import { ageRules, findMinors, parseAgeRules } from '../src/engine/ages.js';
import { createEngine } from '../src/engine/engine.js';
import { oneRestrictionKb } from './helpers/kb.js';

const engine = createEngine(oneRestrictionKb({ id: 'no-minors', de: 'Nicht mit Minderjährigen.', en: 'Not with minors.', context: 'vulnerable_persons' }));
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('ages stated in a question', () => {
  it('loads its rules from lexicon/ages.yaml', () => {
    const rules = ageRules();
    assert.equal(rules.context, 'vulnerable_persons');
    assert.equal(rules.adultAge, 18);
    assert.ok(rules.patterns.length > 3);
  });

  it('rejects a broken rules file with a typed error', () => {
    assert.throws(() => parseAgeRules('context: x\nadult_age: 18\npatterns: ["(unclosed"]\n'), LexiconError);
    assert.throws(() => parseAgeRules('context: x\nadult_age: 18\npatterns: ["\\\\d+"]\n'), /group named age or below/);
    assert.throws(() => parseAgeRules('patterns: []\n'), LexiconError);
  });

  it('finds minors in German and English', () => {
    for (const q of [
      'Darf ich mit Quux ein Vorstellungsgespräch mit einer 15-jährigen Bewerberin führen?',
      'Geht Quux? Die Azubis sind teils erst 16',
      'Quux für eine Gruppe unter 18?',
      'Can I use Quux to interview a 15-year-old for the apprenticeship?',
      'Quux with the trainees, some are only 17.',
      'Is Quux ok for a U16 team?',
      'Can Quux send the newsletter to our under-16 members?',
      'Is Quux ok for the under 16s?',
    ]) {
      const a = ask(q);
      assert.ok(a.contexts.includes('vulnerable_persons'), q);
      assert.equal(a.verdict, 'not_allowed', q);
    }
    assert.deepEqual(findMinors('eine 15-jährige Bewerberin')?.words, ['15-jährige']);
  });

  it('does not find minors in adults, times, counts or negations', () => {
    for (const q of [
      'Darf ich Quux mit einer 25-jährigen Bewerberin nutzen?',
      'Darf ich Quux bis 16 Uhr nutzen?',
      'Quux für 10 Teilnehmer unter 20 Jahren?',
      'Quux für einen Bewerber mit 15 Jahren Berufserfahrung?',
      'Quux, es sind keine unter 18 dabei.',
      'Can we use Quux? No one under 18 is attending.',
      'Is Quux ok for a 45 minute call?',
      'Quux für Angebote unter 5 Euro?',
    ]) {
      const a = ask(q);
      assert.ok(!a.contexts.includes('vulnerable_persons'), q);
      assert.equal(a.verdict, 'conditional', q);
    }
  });
});
