// The engine on a catalogue that has nothing to do with the shipped one: names with spaces, names
// that contain context words, overlapping names, custom contexts, both languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { ORG_EN, kbFromFiles, toolYaml } from './helpers/kb.js';

const kb = kbFromFiles({
  'organization.yaml': ORG_EN,
  'contexts.yaml': `
- id: students
  label: { de: Schülerinnen und Schüler, en: students }
  synonyms: { de: [schüler, schülerin, schülerinnen], en: [student, students, pupils] }
- id: confidential
  synonyms: { de: [streng geheim], en: [top secret] }
`,
  'tools/health-cloud.yaml': toolYaml('Health Cloud', 'approved', 'category: file-sharing\n'),
  'tools/google.yaml': toolYaml('Google', 'prohibited', 'aliases: [google search]\n'),
  'tools/google-drive.yaml': toolYaml('Google Drive', 'restricted', `category: file-sharing
restrictions:
  - id: no-personal-data
    text: { de: Keine personenbezogenen Daten., en: No personal data. }
    forbidden_contexts: [personal_data, special_categories]
  - id: no-students
    text: { de: Nicht mit Schülern., en: Not with students. }
    forbidden_contexts: [students]
alternatives: [nextcloud]
`),
  'tools/nextcloud.yaml': toolYaml('Nextcloud', 'approved', 'category: file-sharing\naliases: [cloud der stadt]\n'),
  'tools/big-blue-button.yaml': toolYaml('BigBlueButton', 'pending', 'category: video-conferencing\naliases: [bbb]\ndecision_expected: 2025-Q1\n'),
  // A name that is also a plain word.
  'tools/signal.yaml': toolYaml('Signal', 'approved', 'category: messaging\n'),
});
const engine = createEngine(kb);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('engine on any knowledge base', () => {
  it('takes the longest matching name: "Google Drive" is not "Google"', () => {
    const a = ask('May I use Google Drive for sharing files?');
    assert.deepEqual(a.tools.map((t) => t.id), ['google-drive']);
    assert.equal(a.verdict, 'conditional');
  });

  it('does not read a word inside a tool name as a context', () => {
    const a = ask('Can I use Health Cloud?');
    assert.deepEqual(a.contexts, []);
    assert.equal(a.verdict, 'allowed');
  });

  it('applies custom contexts and names the violated restriction', () => {
    const a = ask('Darf ich Google Drive mit Schülerinnen nutzen?');
    assert.equal(a.language, 'de');
    // Pupils are also vulnerable persons in the built-in vocabulary: a term may yield several contexts.
    assert.deepEqual(a.contexts, ['vulnerable_persons', 'students']);
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.tools[0]?.reasons, ['Nicht mit Schülern.']);
    assert.deepEqual(a.tools[0]?.alternatives.map((x) => x.id), ['nextcloud']);
  });

  it('extends built-in contexts with synonyms from contexts.yaml', () => {
    assert.deepEqual(ask('Google Drive for top secret plans?').contexts, ['confidential']);
  });

  it('respects negation in both languages', () => {
    assert.deepEqual(ask('Google Drive without personal data?').contexts, []);
    assert.deepEqual(ask('Google Drive ohne personenbezogene Daten?').contexts, []);
    assert.equal(ask('Google Drive ohne personenbezogene Daten?').verdict, 'conditional');
    assert.equal(ask('Google Drive mit personenbezogenen Daten?').verdict, 'not_allowed');
  });

  it('corrects a typo in a name and reads inflections and compounds', () => {
    assert.deepEqual(ask('Is Nextclod approved?').tools.map((t) => t.id), ['nextcloud']);
    assert.deepEqual(ask('Nextclouds Freigabe?').tools.map((t) => t.id), ['nextcloud']);
    assert.deepEqual(ask('BigBlueButton-Konferenz mit Bürgern?').tools.map((t) => t.id), ['big-blue-button']);
  });

  it('lists a category, allowed tools first, with verdicts for the stated context', () => {
    const a = ask('Which file sharing tools may I use with students?');
    assert.equal(a.verdict, 'list');
    assert.equal(a.category, 'file-sharing');
    assert.deepEqual(
      a.tools.map((t) => [t.id, t.verdict]),
      [
        ['health-cloud', 'allowed'],
        ['nextcloud', 'allowed'],
        ['google-drive', 'not_allowed'],
      ],
    );
  });

  it('answers pending with the decision expected', () => {
    const a = ask('bbb?');
    assert.equal(a.verdict, 'pending');
    assert.match(a.text, /Q1 2025|1\. Quartal 2025/);
  });

  it('names an unknown tool back, with the requests contact, and is not unclear', () => {
    const a = ask('Can we use Quackmail for newsletters?');
    assert.equal(a.verdict, 'unknown');
    assert.equal(a.unknownTool, 'Quackmail');
    assert.match(a.text, /it@example\.org/);
    assert.equal(ask('What is the weather like?').verdict, 'unclear');
  });

  it('names the product after "mit"/"via" rather than the thing done with it', () => {
    for (const [question, name] of [
      ['Darf ich Protokolle mit DeepL übersetzen?', 'DeepL'],
      ['Darf ich Akten per WhatsApp an Schüler schicken?', 'WhatsApp'],
      ['Can I send minutes via WeTransfer?', 'WeTransfer'],
      ['Can I share minutes via Quackmail?', 'Quackmail'],
      ['Darf ich Quackmail streng geheim nutzen?', 'Quackmail'],
    ] as const) {
      const a = ask(question);
      assert.equal(a.verdict, 'unknown', question);
      assert.equal(a.unknownTool, name, question);
    }
    // People after "mit"/"with" are no tool, and a known tool's qualifier is not one either.
    assert.equal(ask('Darf ich Nextcloud mit Kollegen nutzen?').unknownTool, null);
    assert.equal(ask('May I use Nextcloud with colleagues?').unknownTool, null);
    // Things one handles are no tool either.
    assert.equal(ask('Darf ich Protokolle per Mail schicken?').unknownTool, null);
    assert.equal(ask('Can we use reports with students?').unknownTool, null);
    // English puts a verb after "Can I": it is not taken for a tool.
    assert.equal(ask('Can I share minutes with colleagues?').unknownTool, null);
    assert.equal(ask('Darf ich die städtische Nextcloud nutzen?').unknownTool, null);
  });

  it('reads a one-word name written apart and misspelt ("next clowd"), not an ordinary pair of words', () => {
    assert.deepEqual(ask('Darf ich next clowd für Protokolle nutzen?').tools.map((t) => t.id), ['nextcloud']);
    assert.deepEqual(ask('Can I use the next cloud for minutes?').tools.map((t) => t.id), ['nextcloud']);
    assert.equal(ask('Can we plan the next crowd event?').tools.length, 0);
  });

  it('looks past a German adverbial between "Darf ich" and the product ("in der Bibliothek Microsoft Bookings")', () => {
    const a = ask('Dürfen wir in der Bibliothek Microsoft Bookings nehmen, damit Leute Räume buchen können?');
    assert.equal(a.verdict, 'unknown');
    assert.equal(a.unknownTool, 'Microsoft Bookings');
    // The noun of the adverbial itself and a plain object after it are no product.
    assert.equal(ask('Darf ich in der Vorlesung Bücher vorlesen?').unknownTool, null);
    // With the object in front, the name after the adverbial is not the one asked about.
    const list = ask('Welche Filesharing-Dienste darf ich im Projekt Blauwal nutzen?');
    assert.equal(list.verdict, 'list');
    assert.equal(list.unknownTool, null);
  });

  it('takes a name after "other"/"anderen" for the plain word it also is', () => {
    assert.deepEqual(ask('Darf ich Signal mit Schülern nutzen?').tools.map((t) => t.id), ['signal']);
    assert.deepEqual(ask('Darf ich auf andere Signale reagieren?').tools, []);
    assert.deepEqual(ask('Do all signals count?').tools, []);
    assert.deepEqual(ask('Can all students use Signal?').tools.map((t) => t.id), ['signal']);
    // Qualifying what follows, it is the name again.
    for (const q of ['Sind alle Signal-Gruppen erlaubt?', 'Are all Signal chats allowed?', 'Sind alle Signalchats erlaubt?']) {
      assert.deepEqual(ask(q).tools.map((t) => t.id), ['signal'], q);
    }
  });

  it('answers several tools as a list, each with its own verdict', () => {
    const a = ask('Nextcloud or Google Drive?');
    assert.equal(a.verdict, 'list');
    assert.deepEqual(a.tools.map((t) => t.verdict), ['allowed', 'conditional']);
  });
});
