// A generic person word with a relative clause of what a role does is that role
// (src/engine/role-clauses.ts): "people who applied for the grant", "Leute, die einen Antrag gestellt
// haben". Left alone, the clause's words were unexplained and a tool that forbids citizens was only
// asked about (issue 18).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/slotfinder.yaml': toolYaml('Slotfinder', 'restricted', 'category: survey\nrestrictions:\n  - id: r\n    text: { de: "Nicht mit Bürgerinnen und Bürgern.", en: "Not with citizens." }\n    forbidden_contexts: [citizens]\n'),
  }),
);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('role clauses', () => {
  it('state the role, in English and German', () => {
    for (const q of [
      'Can I use Slotfinder to schedule appointments with people who applied for the solar roof grant?',
      'Is Slotfinder ok for a poll among those who want to apply for the energy bonus?',
      'Can we use Slotfinder to answer anyone who requested a parking permit?',
      'Darf ich Slotfinder nutzen, um Termine mit Leuten zu finden, die einen Antrag gestellt haben?',
      'Kann ich mit Slotfinder alle erreichen, die einen Zuschuss beantragt haben?',
      'Wer einen Antrag gestellt hat, soll per Slotfinder einen Termin wählen – geht das?',
    ]) {
      const a = ask(q);
      assert.ok(a.contexts.includes('citizens'), `${q}: ${JSON.stringify(a.contexts)}`);
      assert.equal(a.verdict, 'not_allowed', q);
    }
  });

  it('read a free relative only as a clause of its own, closed by a comma', () => {
    const a = ask('Wer beantragt Slotfinder?');
    assert.ok(!a.contexts.includes('citizens'), JSON.stringify(a.contexts));
  });

  it('account for the person word and the verb', () => {
    const a = ask('Can I use Slotfinder with people who applied?');
    assert.deepEqual(a.unexplained ?? [], []);
  });

  it('state nothing when negated, and nothing for a verb of no role', () => {
    for (const q of [
      'Can I use Slotfinder to find a date with people who did not apply for the grant?',
      "Can I use Slotfinder with people who haven't applied yet?",
      'Darf ich Slotfinder für Menschen nutzen, die keinen Antrag gestellt haben?',
      'Darf ich Slotfinder für eine Umfrage unter Leuten nutzen, die den Antrag nicht gestellt haben?',
      'Can I use Slotfinder to plan a follow-up with people who attended the meeting?',
      'Darf ich Slotfinder nutzen für Personen, die an der Sitzung teilgenommen haben?',
      'Can I use Slotfinder to find a slot with everyone that bought the new licence?',
    ]) {
      const a = ask(q);
      assert.ok(!a.contexts.includes('citizens'), `${q}: ${JSON.stringify(a.contexts)}`);
      // Neither stated nor ruled out: the person word stays unexplained and the bot asks.
      assert.equal(a.verdict, 'confirm', q);
    }
  });
});
