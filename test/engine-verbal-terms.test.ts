// A context term of an adjective and a noun of action ("interne Untersuchung", "fristlose
// Kündigung", "internal investigation") said with the verb and an adverb ("wird intern untersucht",
// "investigated internally") states the term's contexts (src/engine/verbal-terms.ts), for the
// built-in terms and a base's own alike. Irregular verbs, forms apart or across a clause break, and
// the adverb alone do not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const kb = kbFromFiles({
  'organization.yaml': 'name: Test Works\ndefault_language: de\n',
  'contexts.yaml': `- id: grid_ops
  label: { de: Netzbetrieb, en: grid operations }
  synonyms:
    de: [ungeplante abschaltung, leitwarte]
    en: [manual isolation]
`,
  'tools/scribbly.yaml': toolYaml(
    'Scribbly',
    'restricted',
    'category: project-management\nrestrictions:\n  - id: no-secrets\n    text: { de: "Nichts Vertrauliches, kein Netzbetrieb.", en: "Nothing confidential, no grid operations." }\n    forbidden_contexts: [confidential, grid_ops]\n',
  ),
});
const engine = createEngine(kb);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });
const evidence = (q: string) => Object.fromEntries((ask(q).evidence ?? []).map((e) => [e.id, e.words]));

describe('context terms said with the verb', () => {
  it('reads adverb and regular verb form, either order, as the term', () => {
    const cases: [string, string, string][] = [
      ['Der Vorfall wird gerade intern untersucht. Darf ich den Bericht in Scribbly ablegen?', 'confidential', 'intern untersucht'],
      ['Das wurde polizeilich ermittelt, darf der Vermerk in Scribbly?', 'confidential', 'polizeilich ermittelt'],
      ['The incident is being investigated internally. Can I put the report in Scribbly?', 'confidential', 'investigated internally'],
      ['Welche Leitungen wurden ungeplant abgeschaltet? Kann ich die Liste in Scribbly führen?', 'grid_ops', 'ungeplant abgeschaltet'],
      ['Which feeders were isolated manually? Can I keep the list in Scribbly?', 'grid_ops', 'isolated manually'],
    ];
    for (const [q, id, words] of cases) {
      const a = ask(q);
      assert.equal(a.verdict, 'not_allowed', q);
      assert.deepEqual(evidence(q)[id], [words], q);
    }
  });

  it('leaves irregular verbs, forms apart and the adverb alone to the other readings', () => {
    for (const q of [
      'Wir haben das intern besprochen, darf ich die Notizen in Scribbly ablegen?',
      'Intern. Untersucht wird das nicht, darf ich den Bericht in Scribbly ablegen?',
      'Der Bericht ist intern und wird nicht mehr untersucht, darf er in Scribbly?',
    ]) {
      const a = ask(q);
      assert.notEqual(a.verdict, 'not_allowed', q);
      assert.equal(evidence(q)['confidential'], undefined, q);
    }
  });

  it('counts a negated verbal phrase as negated', () => {
    const q = 'Das wird nicht intern untersucht, darf der Bericht in Scribbly?';
    assert.equal(evidence(q)['confidential'], undefined, q);
  });
});
