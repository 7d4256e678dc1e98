// Cues that a catalogue name which is also an ordinary word is the name or the plain word
// (src/engine/name-cues.ts, lexicon/name-cues.yaml), and negation cues (negation-cues.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { LexiconError } from '../src/errors.js';
import { nameCues, parseNameCues } from '../src/engine/name-cues.js';
import { negationCues, parseNegationCues } from '../src/engine/negation-cues.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const forbid = (ids: string) => `restrictions:\n  - id: r\n    text: { de: "Nicht so.", en: "Not like that." }\n    forbidden_contexts: [${ids}]\n`;
const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/teams.yaml': toolYaml('Teams', 'restricted', `category: video-conferencing\n${forbid('special_categories, vulnerable_persons, recording, personal_data')}`),
    'tools/zoom.yaml': toolYaml('Zoom', 'restricted', `category: video-conferencing\n${forbid('special_categories, vulnerable_persons, recording, personal_data')}`),
    'tools/jira.yaml': toolYaml('Jira', 'approved', 'category: project-management\n'),
  }),
);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });
const ids = (q: string) => ask(q).tools.map((t) => t.id);

describe('name cues', () => {
  it('load, and a broken file is a typed error', () => {
    assert.ok(nameCues().clauseStartFollowersDe.has('fur'));
    assert.throws(() => parseNameCues('clause_start_followers_de: []\n'), LexiconError);
    assert.ok(negationCues().negators.has('nix'));
    assert.throws(() => parseNegationCues('negators: [nix]\ncarriers: [or]\nreach: 99\n'), LexiconError);
  });

  it('reads the name where the sentence uses it as one', () => {
    for (const q of [
      'Teams für Videokonferenzen mit anderen Behörden ok?',
      'zoom with residents?',
      'our social workers meet their clients over zoom, allowed?',
      'Zoom without recording, is that fine?',
      'Can I record a Zoom for the team?',
      'Geht auch Teams?',
      'weiß jemand ob wir Teams schon nutzen dürfen?',
      'Teams too?',
      'Teams auch?',
    ]) assert.equal(ids(q).length, 1, q);
    assert.deepEqual(ids('Moin, Teams & Zoom – was davon darf ich nutzen?'), ['teams', 'zoom']);
    assert.deepEqual(ids('Nicht vertraulich, aber mit Gesundheitsdaten – geht Teams?'), ['teams']);
  });

  it('reads the plain word where the writer capitalises the names it means', () => {
    assert.deepEqual(ids('Quick question about teams: can all teams use Jira?'), ['jira']);
    assert.deepEqual(ids('can we use zoom and Jira?'), ['zoom', 'jira']);
  });
});

describe('negation cues', () => {
  it('reads colloquial negators and negations over coordinated contexts', () => {
    for (const q of ['Zoom ok? Es sind nix Gesundheitsdaten dabei.', 'Can we use Zoom? There won’t be any children in the meeting.', "Can we use Zoom? There won't be any children.", 'Zoom for a sync, no recording or patient data?', 'Zoom für die Abstimmung? Keine Namen oder sonstigen Patientendaten.']) {
      assert.equal(ask(q).verdict, 'conditional', q);
    }
  });

  it('reads a negator after the context with only fillers between', () => {
    for (const q of ['Zoom? Patienten sind da keine dabei.', 'Patienten sind keine dabei, geht Zoom?']) assert.equal(ask(q).verdict, 'conditional', q);
    assert.equal(ask('Zoom? Die Patienten sind keine Kinder.').verdict, 'not_allowed');
    // English "nothing" after the verb; a coordinator after the negator ends what it negates.
    assert.equal(ask("We're recording nothing and it's just our team. Zoom fine?").verdict, 'conditional');
  });

  it('keeps the context where the negator says there is nothing but it, or an exception follows', () => {
    for (const q of ['Zoom? Es geht um Gesundheitsdaten und nichts weiter.', 'Zoom? Wir besprechen Gesundheitsdaten und nichts anderes.', 'Can I use Zoom? We discuss patient data and nothing else.', 'Zoom? Keine Patientendaten, außer den Diagnosen von zwei Kindern.', 'Zoom for the call? No health data except the vaccination status.']) {
      assert.equal(ask(q).verdict, 'not_allowed', q);
    }
  });

  it('does not carry a negation past other words', () => {
    for (const q of ['Zoom with no recording but with patients?', 'Zoom ohne Aufzeichnung, aber mit Patienten?', 'Zoom: no recording and patients?', 'Zoom: kein Problem mit Patienten?', 'Can I use Zoom? No issue with patient data?']) {
      assert.equal(ask(q).verdict, 'not_allowed', q);
    }
  });
});

describe('a name written with a plural ending after a determiner', () => {
  const doodle = createEngine(
    kbFromFiles({
      'organization.yaml': 'name: Test Agency\ndefault_language: de\n',
      'tools/doodle.yaml': toolYaml('Doodle', 'restricted', `category: project-management\n${forbid('personal_data')}`),
    }),
  );
  const toolsOf = (q: string) => doodle.answer(q, { now: new Date('2024-06-01') }).tools.map((t) => t.id);

  it('is the ordinary word of that form ("seine Doodles"), not the tool', () => {
    assert.deepEqual(toolsOf('Jeder kritzelt seine Doodles auf Papier, ist das ein Problem?'), []);
  });

  it('the name itself, or inflected without a determiner, is still the tool', () => {
    assert.deepEqual(toolsOf('Darf ich Doodle für die Terminfindung nutzen?'), ['doodle']);
    assert.deepEqual(toolsOf('Sind Doodles für die Terminfindung erlaubt?'), ['doodle']);
  });
});

describe('a German noun the spelling dictionaries lack, where a tool may stand', () => {
  const quack = createEngine(
    kbFromFiles({
      'organization.yaml': 'name: Test Agency\ndefault_language: de\n',
      'tools/quackshare.yaml': toolYaml('Quackshare', 'restricted', `category: file-sharing\n${forbid('confidential')}`),
    }),
  );
  const read = (q: string) => {
    const a = quack.answer(q, { now: new Date('2024-06-01') });
    return { tools: a.tools.map((t) => t.id), unknownTool: a.unknownTool };
  };

  it('is the German word ("über die Übernahme"), not an unknown product', () => {
    assert.deepEqual(read('Wir reden gerade über die Übernahme der Kantine. Dürfen die Unterlagen per Quackshare raus?'), { tools: ['quackshare'], unknownTool: null });
  });

  it('one written as in English is still a name there ("Darf ich Copilot nutzen?")', () => {
    assert.equal(read('Darf ich Copilot nutzen?').unknownTool, 'Copilot');
  });
});

describe('an English infinitive after "to"', () => {
  const mail = createEngine(
    kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/mailhouse.yaml': toolYaml('Mailhouse', 'approved', 'category: email\naliases:\n  - exchange\n'),
      'tools/quacksig.yaml': toolYaml('Quacksig', 'pending', 'category: messaging\n'),
    }),
  );
  const toolsOf = (q: string) => mail.answer(q, { now: new Date('2024-06-01') }).tools.map((t) => t.id);

  it('is the verb where it takes an object ("to exchange photos"), not the tool an alias names', () => {
    assert.deepEqual(toolsOf('Can I use Quacksig to exchange photos with the press office?'), ['quacksig']);
    assert.deepEqual(toolsOf('Our press officer wants to know if she can use Quacksig to exchange messages with journalists.'), ['quacksig']);
  });

  it('a German subordinate clause may put the verb of using far after the name', () => {
    const sig = createEngine(kbFromFiles({ 'organization.yaml': 'name: Test Agency\ndefault_language: de\n', 'tools/signal.yaml': toolYaml('Signal', 'pending', 'category: messaging\n') }));
    const q = 'Frau Berg aus der Pressestelle fragt, ob sie Signal für den Austausch mit Journalisten nutzen darf.';
    assert.deepEqual(sig.answer(q, { now: new Date('2024-06-01') }).tools.map((t) => t.id), ['signal']);
  });

  it('is still the name where nothing follows it as an object', () => {
    assert.deepEqual(toolsOf('Can we move to exchange next week?'), ['mailhouse']);
    assert.deepEqual(toolsOf('can we switch to exchange for this?'), ['mailhouse']);
  });
});
