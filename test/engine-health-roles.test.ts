// Health roles named as parties (src/engine/health-roles.ts): a group of health professionals or
// institutions after a cue of meeting together ("mit Hausärzten", "with the partner hospitals") says who
// takes part, not anyone's health; every other place of such a word, and every word about a person's
// health, stays health data. Through the real engine, on a small catalogue made here; the files are
// regenerated from WordNet and the Ding dictionary and compared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DE_HEALTH_FILE, EN_HEALTH_FILE, generateHealthRoles } from '../scripts/semantic/health-roles.js';
import { createEngine } from '../src/engine/engine.js';
import { healthRole } from '../src/text/semantic-lexicon.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

const restricted = (name: string, forbidden: string) =>
  toolYaml(name, 'restricted', `category: video-conferencing\nrestrictions:\n  - id: r\n    text: { de: Nicht erlaubt., en: Not allowed. }\n    forbidden_contexts: [${forbidden}]\n`);

const kb = kbFromFiles({
  'organization.yaml': ORG_EN,
  // Forbids health data, nothing about who takes part.
  'tools/quackmeet.yaml': restricted('Quackmeet', 'special_categories, vulnerable_persons, confidential'),
  // Forbids health data and outside parties.
  'tools/parrotchat.yaml': restricted('Parrotchat', 'special_categories, external'),
});
const engine = createEngine(kb);
const now = new Date('2024-06-01');
const verdict = (q: string) => engine.answer(q, { now }).tools.map((t) => t.verdict).join(',');

describe('health roles: the files', () => {
  it('hold professions and institutions with the number of each form, not illnesses or patients', () => {
    assert.deepEqual(healthRole('hospitals', 'en'), { kind: 'institution', number: 'plural' });
    assert.deepEqual(healthRole('midwife', 'en'), { kind: 'profession', number: 'singular' });
    assert.deepEqual(healthRole('Ärzten', 'de'), { kind: 'profession', number: 'plural' });
    assert.deepEqual(healthRole('Kliniken', 'de'), { kind: 'institution', number: 'plural' });
    for (const w of ['patients', 'diagnosis', 'illness', 'treatment']) assert.equal(healthRole(w, 'en'), undefined, w);
    for (const w of ['Patienten', 'Befund', 'Krankheit', 'Notaufnahme']) assert.equal(healthRole(w, 'de'), undefined, w);
  });
});

describe('health roles named as parties', () => {
  it('a group met together is no health data: the tool is approved with its conditions', () => {
    assert.equal(verdict('Can we use Quackmeet for a webinar with the partner hospitals in Poland?'), 'conditional');
    assert.equal(verdict('Darf ich Quackmeet für ein Webinar mit Hausärzten aus der Region nutzen?'), 'conditional');
    assert.equal(verdict('Quackmeet für den Austausch zwischen den Partnerkliniken?'), 'conditional');
  });

  it('still says who takes part: a tool forbidding outside parties asks', () => {
    assert.equal(verdict('Can we use Parrotchat for a webinar with the partner hospitals in Poland?'), 'confirm');
  });

  it('stays health data in every other place, and beside any word about health', () => {
    for (const q of [
      'Kann ich den Befund vom Hausarzt über Quackmeet besprechen?',
      'Kann ich die Überweisung an den Facharzt per Quackmeet besprechen?',
      'Can I discuss the patients of the psychiatric ward on Quackmeet?',
      'Darf ich Quackmeet für den Termin beim Psychotherapeuten für Frau Weber nutzen?',
      // one professional: someone's care
      'Darf ich Quackmeet für den Termin mit dem Psychotherapeuten nutzen?',
      'Can I use Quackmeet for a call with the hospital?',
      // an owner after the role, an individual named
      'Kann ich mit den Hausärzten von Herrn Schulz per Quackmeet sprechen?',
      'Can I talk with the hospitals about Mr Smith on Quackmeet?',
      // a word about health beside the party
      'Darf ich Quackmeet für ein Webinar mit Hausärzten über ihre Patienten nutzen?',
      'Can I use Quackmeet to send doctors the diagnoses?',
    ]) {
      assert.equal(verdict(q), 'not_allowed', q);
    }
  });
});

await describeNeeding(['ding'], 'regenerating the health roles', () => {
  it('from WordNet and the dictionary gives exactly the committed files', () => {
    const out = generateHealthRoles(readFileSync(DING_PATH, 'utf8'));
    assert.equal(out.en, readFileSync(new URL(`../${EN_HEALTH_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/health-roles.ts');
    assert.equal(out.de, readFileSync(new URL(`../${DE_HEALTH_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/health-roles.ts');
  });
});
