// The personal-data detector shared by the LLM redaction and the usage recorder, and the usage
// recorder's test of unknown-tool names built on it (pure: no store, no network).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPersonalData, isTaxIdChecksumValid, type PersonalKind } from '../src/privacy/personal-data.js';
import { isFirstName, isSurname } from '../src/privacy/names.js';
import { looksLikeProductName, recordableToolName } from '../src/usage/tool-name-filter.js';

/** The pieces of `text` found, as "kind:text". */
function found(text: string, keep?: (w: string) => boolean): string[] {
  return findPersonalData(text, keep ? { keep } : {}).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
}

describe('findPersonalData', () => {
  const cases: [PersonalKind, string, string][] = [
    ['email', 'Bitte an max.privat@example.com schreiben', 'max.privat@example.com'],
    ['url', 'Siehe https://example.com/users/max.mustermann dazu', 'https://example.com/users/max.mustermann'],
    ['url', 'oder portal.example.org/profil/4711?x=1.', 'portal.example.org/profil/4711?x=1'],
    ['mention', 'Can I use <@U999|boss>?', '<@U999|boss>'],
    ['mention', 'Frag <at>Erika Mustermann</at> bitte', '<at>Erika Mustermann</at>'],
    ['mention', 'Is @boss allowed?', '@boss'],
    ['iban', 'Darf ich DE89 3704 0044 0532 0130 00 nutzen?', 'DE89 3704 0044 0532 0130 00'],
    ['tax-id', 'Meine Steuer-ID ist 12 345 678 901.', '12 345 678 901'],
    ['tax-id', 'Steuernummer: 22/815/08150', '22/815/08150'],
    ['tax-id', 'Die Nummer 86095742719 steht im Bescheid', '86095742719'],
    ['file-number', 'Darf ich Az. 123/45-6 per Mail schicken?', '123/45-6'],
    ['file-number', 'AZ: 4 O 123/20 bitte', '4 O 123/20'],
    ['file-number', 'Aktenzeichen VG 12 K 345/20.', 'VG 12 K 345/20'],
    ['file-number', 'regarding case number 2021-CV-1234 today', '2021-CV-1234'],
    ['birth-date', 'Frau X, geb. 01.02.1980, fragt', '01.02.1980'],
    ['birth-date', 'born 1 Feb 1980 in Kiel', '1 Feb 1980'],
    ['birth-date', 'DOB: 1980-02-01', '1980-02-01'],
    ['birth-date', 'geboren am 1. Februar 1980', '1. Februar 1980'],
    ['birth-date', 'date of birth February 1, 1980', 'February 1, 1980'],
    ['address', 'an Hauptstraße 5, 20095 Hamburg schicken', 'Hauptstraße 5, 20095 Hamburg'],
    ['address', 'wohnt Max-Brauer-Allee 12a', 'Max-Brauer-Allee 12a'],
    ['address', 'Send it to 221b Baker Street please', '221b Baker Street'],
    ['address', 'Sie wohnt in 22765 Hamburg', '22765 Hamburg'],
    ['phone', 'Ruf +49 170 1234567 an', '+49 170 1234567'],
    ['name', 'Darf ich mit Anna Schmidt über Zoom sprechen?', 'Anna Schmidt'],
    ['name', 'Kann ich der Kollegin Weber die Datei schicken?', 'Weber'],
    ['name', 'Kann ich Herrn Dr. Meier über Signal anrufen?', 'Meier'],
    ['name', 'Darf ich Kevin den Link schicken?', 'Kevin'],
    ['name', 'Was ist mit Schmidt?', 'Schmidt'],
    ['name', 'Frau Schmidt geb. Müller hat angerufen', 'Müller'],
    ['name', 'my colleague Smith asked', 'Smith'],
    ['name', 'Darf ich Anna-Lena Kowalczyk anrufen?', 'Anna-Lena Kowalczyk'],
  ];
  for (const [kind, text, piece] of cases) {
    it(`${kind}: finds "${piece}" in "${text}"`, () => {
      assert.ok(found(text).includes(`${kind}:${piece}`), `found ${JSON.stringify(found(text))}`);
    });
  }

  it('finds nothing in ordinary questions, dates, versions and products', () => {
    for (const text of [
      'Darf ich Zoom mit Bürgern nutzen?',
      'May I use Teams for a confidential call?',
      'Seit 2021-03-26 (Q3 2021) gilt für Microsoft 365, Zoom und zoom.us am 12.03.2021 um 09:30: Win10, ISO 27001, Version 4.23.3.',
      'Darf ich mit Kollegen Dokumente per Zoom teilen?',
      'Is Slack allowed for the Jan 5 meeting?',
      'Darf ich 10000 Nutzer in Zoom einladen?',
      'Können wir https://zoom.us oder www.deepl.com nutzen?',
      'Darf ich Protokolle mit DeepL übersetzen?',
      'Is Quackmail allowed? And Frobnicator?',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it('keeps the words it is told to keep (tool names) after a title', () => {
    assert.deepEqual(found('Darf ich mit einer Frau Zoom nutzen?', (w) => w === 'Zoom'), []);
    assert.deepEqual(found('Darf ich mit einer Frau Zoom nutzen?'), ['name:Zoom']);
  });

  it('checks the Steuer-ID check digit', () => {
    assert.equal(isTaxIdChecksumValid('86095742719'), true);
    assert.equal(isTaxIdChecksumValid('86095742718'), false);
    assert.equal(isTaxIdChecksumValid('06095742719'), false);
  });

  it('knows first names and surnames from its data file, ambiguous words only in company', () => {
    assert.ok(isFirstName('Kevin', true) && isFirstName('Ayşe', true) && isFirstName('ANNA', true));
    assert.ok(isFirstName('Otto') && !isFirstName('Otto', true), '"Otto" is also a company');
    assert.ok(isSurname('Müller', true) && isSurname('Mueller', true) && isSurname('Yılmaz', true));
    assert.ok(!isFirstName('Zoom') && !isSurname('Slack'));
  });
});

describe('recordableToolName (the unknown-tool list)', () => {
  const refused: [string, string][] = [
    ['max.privat', 'Can we use max.privat@example.com?'],
    ['max', 'Darf ich max@x.de anschreiben?'],
    ['DE89370400440532013000', 'Darf ich DE89370400440532013000 nutzen?'],
    ['DE89', 'Darf ich DE89 3704 0044 0532 0130 00 nutzen?'],
    ['boss', 'Can I use <@U999|boss>?'],
    ['boss', 'Is @boss allowed?'],
    ['U999', 'Can I use <@U999|boss>?'],
    ['https', 'Can we use https://example.com/users/max.mustermann?'],
    ['mailto', 'Darf ich <mailto:max@x.de|max@x.de> nutzen?'],
    ['Herrn Dr', 'Kann ich Herrn Dr. Meier über Signal anrufen?'],
    ['Herr Meier', 'Darf ich Herr Meier nutzen?'],
    ['Anna Schmidt', 'Darf ich Anna Schmidt anrufen?'],
    ['Erika Mustermann', 'Can we use Erika Mustermann?'],
    ['Kevin', 'Is Kevin allowed?'],
    ['Meier', 'What about Meier?'],
    ['Weber', 'Darf ich Kollegin Weber nutzen?'],
    ['Hauptstraße', 'Darf ich Hauptstraße 5 nutzen?'],
    ['Az', 'Darf ich Az. 123/45-6 per Mail schicken?'],
    ['12345678901', 'Darf ich 12345678901 nutzen?'],
    ['+49 170 1234567', 'Darf ich +49 170 1234567 nutzen?'],
    ['anna.schmidt', 'What about anna.schmidt?'],
    ['Anna-Lena', 'Is Anna-Lena allowed?'],
    ['Mehmet Kowalczyk', 'Can we use Mehmet Kowalczyk?'],
  ];
  for (const [name, question] of refused) {
    it(`refuses "${name}" from "${question}"`, () => {
      assert.equal(recordableToolName(name, question), null);
    });
  }

  const kept: [string, string][] = [
    ['Quackmail', 'Darf ich Quackmail nutzen?'],
    ['quackmail', 'Darf ich quackmail nutzen?'],
    ['DeepL', 'Darf ich Protokolle mit DeepL übersetzen?'],
    ['Frobnicator', 'Is Frobnicator allowed?'],
    ['zoom.us', 'Can we use zoom.us?'],
    ['Office365', 'Darf ich Office365 nutzen?'],
    ['Notion AI', 'May we use Notion AI?'],
    ['Otto', 'Darf ich Otto nutzen?'],
    ['Quackmail', 'Darf ich Quackmail mit Kollegin Weber nutzen?'],
    ['Apple Mail', 'Can we use Apple Mail?'],
    ['Zoom-Meeting', 'Darf ich ein Zoom-Meeting machen?'],
    ['Quackmail', 'Darf ich als Mitarbeiterin Quackmail nutzen?'],
    ['Quackmail', 'May I as a manager use Quackmail?'],
    ['Fax', 'Darf ich Fax nutzen?'],
  ];
  for (const [name, question] of kept) {
    it(`keeps "${name}" from "${question}"`, () => {
      assert.equal(recordableToolName(name, question), name);
    });
  }

  it('tests the shape alone for names stored before the filter', () => {
    assert.equal(looksLikeProductName('Quackmail'), true);
    assert.equal(looksLikeProductName('max.privat'), false);
    assert.equal(looksLikeProductName('a'.repeat(3) + '@x'), false);
  });
});
