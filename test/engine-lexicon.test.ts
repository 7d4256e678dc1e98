// The dictionaries and closed word lists behind "is this an ordinary word?", and what the engine
// does with them on catalogues unrelated to the shipped one, in German and English.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { VERDICTS } from '../src/model/answer.js';
import { createEngine } from '../src/engine/engine.js';
import { MAX_QUESTION_LENGTH } from '../src/engine/text.js';
import * as words from '../src/engine/words.js';
import { lexicon } from '../src/text/lexicon.js';
import { cutAtWordBoundary, removeInvisible } from '../src/text/normalize.js';
import { ORG_EN, kbFromFiles, toolYaml } from './helpers/kb.js';

describe('lexicon', () => {
  const lx = lexicon();

  it('knows ordinary German and English words in their inflected forms', () => {
    for (const w of ['Frage', 'Fragen', 'Protokolle', 'Gutachten', 'übersetzen', 'Kollegin']) assert.ok(lx.isCommon(w, 'de'), w);
    for (const w of ['guide', 'guides', 'documents', 'whereby', 'stitched']) assert.ok(lx.isCommon(w, 'en'), w);
    assert.ok(!lx.isCommon('guide', 'de'));
    assert.ok(!lx.isCommon('Protokolle', 'en'));
  });

  it('reads German compounds by their parts', () => {
    assert.deepEqual(lx.compoundParts('Gesundheitsamt'), ['gesundheits', 'amt']);
    assert.deepEqual(lx.compoundParts('Klarnamen'), ['klar', 'namen']);
    assert.ok(lx.isCommon('Sitzungsprotokolle', 'de'));
  });

  it('does not know product names, and tells first names', () => {
    for (const w of ['Quackmail', 'Jitsi', 'Threema', 'Webex', 'Nextcloud']) assert.ok(!lx.isCommonEither(w), w);
    for (const w of ['Anna', 'Kevin']) assert.ok(lx.isFirstName(w), w);
    assert.ok(!lx.isFirstName('Quackmail'));
    assert.ok(lx.loadMs > 0);
  });

  it('every list of lexicon/words.yaml loads and is non-empty', () => {
    assert.ok(words.LIST_NAMES.length >= 20);
    for (const [name, value] of Object.entries(words)) {
      if (value instanceof Set) assert.ok(value.size > 0, name);
    }
    assert.ok(words.NEGATORS.has('nichts') && words.NEGATORS.has('nothing'));
    assert.ok(words.UNRELATED_HEADS.has('amt'));
    // Lists the reader once kept in its code (coordinators, "or" words, joiners of a negated list …).
    assert.ok(words.COORDINATORS.has('oder') && words.COORDINATORS.has('and') && words.COORDINATORS.has('bzw'));
    assert.ok(words.OR_WORDS.has('versus') && !words.OR_WORDS.has('und'));
    assert.ok(words.ALSO_WORDS.has('auch') && words.ALSO_WORDS.has('also'));
    assert.ok(words.NEGATED_LIST_JOINERS.has('sowie') && words.NEGATED_LIST_JOINERS.has('nor'));
    assert.ok(words.ACQUAINTANCE_FILLERS.has('jemand') && words.ACQUAINTANCE_FILLERS.has('anyone'));
  });

  it('adds only words a dictionary lacks, and counts them as ordinary in both languages', () => {
    const lx2 = lexicon();
    for (const w of words.ORDINARY_WORDS) {
      assert.ok(!lx2.inDictionaries(w, 'de') || !lx2.inDictionaries(w, 'en'), `${w} is in both dictionaries already`);
      assert.ok(lx2.isCommon(w, 'de') && lx2.isCommon(w, 'en'), w);
    }
    assert.equal(ask('Darf ich Homeoffice nutzen?').unknownTool, null);
  });
});

describe('normalisation', () => {
  it('removes zero-width characters, soft hyphens, bidi marks and the BOM', () => {
    assert.equal(removeInvisible('\ufeffZ\u200boom\u00ad mit B\u200dürgern\u200e'), 'Zoom mit Bürgern');
  });

  it('cuts at a word boundary', () => {
    assert.equal(cutAtWordBoundary('use Zoom', 6), 'use');
    assert.equal(cutAtWordBoundary('use Zoom now', 8), 'use Zoom');
    assert.equal(cutAtWordBoundary('abc', 10), 'abc');
  });
});

const kb = kbFromFiles({
  'organization.yaml': ORG_EN,
  'contexts.yaml': `
- id: pupils
  label: { de: Schüler, en: pupils }
  synonyms: { de: [schüler, beratung], en: [pupil, pupils] }
- id: special_categories
  synonyms: { de: [schuldnerberatung, befund], en: [debt counselling, diagnosis] }
- id: vulnerable_persons
  synonyms: { de: [schuldnerberatung], en: [debt counselling] }
- id: recording
  synonyms: { de: [aufnahme], en: [recording] }
`,
  'tools/signal.yaml': toolYaml('Signal', 'approved', 'category: messaging\n'),
  'tools/loom.yaml': toolYaml('Loom', 'approved', 'category: video-conferencing\n'),
  'tools/guide.yaml': toolYaml('Guide', 'approved'),
  'tools/drift.yaml': toolYaml('Drift', 'approved', 'category: messaging\n'),
  'tools/frame.yaml': toolYaml('Frame', 'approved'),
  'tools/webex.yaml': toolYaml('"WebEx, Cisco"', 'restricted', `category: video-conferencing
restrictions:
  - id: no-health
    text: { de: Keine Gesundheitsdaten., en: No health data. }
    forbidden_contexts: [special_categories, vulnerable_persons, recording, confidential, personal_data]
`),
  'tools/culture-amp.yaml': toolYaml('CultureAmp', 'approved', 'category: survey\n'),
  'tools/meetly.yaml': toolYaml('Meetly', 'approved', 'category: video-conferencing\n'),
});
const engine = createEngine(kb);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });
const ids = (q: string) => ask(q).tools.map((t) => t.id);

describe('catalogue names that are ordinary words', () => {
  it('counts them where the sentence uses them as a name', () => {
    for (const [q, id] of [
      ['Is Signal allowed?', 'signal'],
      ['Can I use Drift for customer chats?', 'drift'],
      ['Darf ich Signal mit Schülern nutzen?', 'signal'],
      ['Loom?', 'loom'],
      ['We record our onboarding in Loom, ok?', 'loom'],
      ['Are all Signal chats allowed?', 'signal'],
    ] as const) {
      assert.deepEqual(ids(q), [id], q);
    }
  });

  it('does not count them as the plain word', () => {
    assert.deepEqual(ids('Can you write a guide for using Loom?'), ['loom']);
    assert.deepEqual(ids('Is there a drift in the numbers?'), []);
    assert.deepEqual(ids('Ich habe ein Signal bekommen, was nun?'), []);
    assert.deepEqual(ids('Can we zoom in on the frame?'), []);
  });

  it('never typo-corrects an ordinary word into a name: "Frage" is not "Frame"', () => {
    assert.deepEqual(ids('Ich habe eine Frage zu Meetly.'), ['meetly']);
    assert.deepEqual(ids('Eine Frage: ist das erlaubt?'), []);
    assert.deepEqual(ids('Is Framme allowed?'), ['frame']);
  });

  it('reads a name that qualifies the next word after an article', () => {
    assert.deepEqual(ids('Is it ok to send a Signal invite?'), ['signal']);
    assert.deepEqual(ids('Can I stitch the videos together?'), []);
  });

  it('recognises a distinctive part of a name and a name written apart', () => {
    assert.deepEqual(ids('Darf ich Webex nutzen?'), ['webex']);
    assert.deepEqual(ids('Is Culture Amp approved?'), ['culture-amp']);
  });
});

describe('unknown tools and people', () => {
  it('names only name-shaped words', () => {
    assert.equal(ask('Darf ich Quackmail für Elternbriefe nutzen?').unknownTool, 'Quackmail');
    assert.equal(ask('Can we use Quackmail?').unknownTool, 'Quackmail');
    assert.equal(ask('Darf ich Sitzungsprotokolle teilen?').unknownTool, null);
    assert.equal(ask('Darf ich Gutachten verschicken?').unknownTool, null);
    // In a German question an English word where the tool stands is a name; German words are not.
    assert.equal(ask('Darf ich Slack nutzen?').unknownTool, 'Slack');
    assert.equal(ask('Ist Notion erlaubt?').unknownTool, 'Notion');
    assert.equal(ask('Darf ich Cloud nutzen?').unknownTool, null);
    assert.equal(ask('Darf ich Feedback geben?').unknownTool, null);
    // In English a capital inside the sentence makes a name; a lower-case ordinary word is none.
    assert.equal(ask('Can I use Notion?').unknownTool, 'Notion');
    assert.equal(ask('What about Whereby?').unknownTool, 'Whereby');
    assert.equal(ask('Can I use notion?').unknownTool, null);
    assert.equal(ask('Can we use reports with students?').unknownTool, null);
  });

  it('never names a day or month, and a product-shaped name is no compound of vocabulary', () => {
    assert.equal(ask('Is Monday ok for the Meetly call?').unknownTool, null);
    assert.equal(ask('Ist Montag erlaubt?').unknownTool, null);
    const a = ask('Can I use ChatGPT for minutes?');
    assert.equal(a.unknownTool, 'ChatGPT');
    assert.equal(a.category, null);
  });

  it('never names a person', () => {
    for (const q of ['Darf ich Anna Schmidt anrufen?', 'Darf ich Herrn Kowalczyk anrufen?', 'Darf ich Kollegin Nowakowski schreiben?', 'Darf ich Kevin anrufen?', 'Can I call Kevin?', 'Darf ich Jürgen Özdemir anrufen?', 'Can I call Mehmet?', 'Darf ich Torsten zum Termin einladen?']) {
      const a = ask(q);
      assert.equal(a.unknownTool, null, q);
      assert.notEqual(a.verdict, 'unknown', q);
    }
    // A tool the call goes through is still named.
    assert.equal(ask('Darf ich Kunden per Quackmail anrufen?').unknownTool, 'Quackmail');
    assert.equal(ask('Can I call residents via Quackmail?').unknownTool, 'Quackmail');
    const a = ask('Darf ich Kevin per Meetly anrufen?');
    assert.equal(a.verdict, 'allowed');
    assert.equal(a.unknownTool, null);
  });

  it('a tool after a word for "app" or "tool" is the name, with the category alternatives', () => {
    for (const q of ['Darf ich die Videokonferenz-App Whereby nutzen?', 'Ist das Videotool Whereby erlaubt?', 'Is the video tool Whereby allowed?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'unknown', q);
      assert.equal(a.unknownTool, 'Whereby', q);
    }
    const a = ask('Darf ich die Videokonferenz-App Whereby nutzen?');
    assert.equal(a.category, 'video-conferencing');
    assert.ok(a.alternatives.some((x) => x.id === 'meetly'));
  });
});

describe('contexts', () => {
  it('a term of two contexts yields both, with the words as evidence', () => {
    const a = ask('Darf ich Webex für die Schuldnerberatung nutzen?');
    // Special categories are personal data too (lexicon/implied-contexts.yaml).
    assert.deepEqual([...a.contexts].sort(), ['personal_data', 'special_categories', 'vulnerable_persons']);
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.evidence?.find((e) => e.id === 'vulnerable_persons')?.words, ['Schuldnerberatung']);
    assert.match(a.text, /Berücksichtigt: .*„Schuldnerberatung“/);
    const en = ask('May I use Webex for debt counselling?');
    assert.deepEqual([...en.contexts].sort(), ['personal_data', 'special_categories', 'vulnerable_persons']);
    assert.match(en.text, /Taken into account: .*["“]debt counselling["”]/);
  });

  it('reads German compounds by their head', () => {
    assert.deepEqual(ask('Webex für Befundbesprechungen?').contexts, ['special_categories', 'personal_data']);
    // The base's own 'pupils' context, and the built-in one pupils are in too.
    assert.deepEqual(ask('Webex für die Schülerberatung?').contexts, ['pupils', 'vulnerable_persons']);
    // An office (another authority: external), not health data.
    assert.ok(!ask('Webex für ein Treffen mit dem Gesundheitsamt?').contexts.includes('special_categories'));
    assert.deepEqual(ask('Webex für einen Aufnahmeantrag?').contexts, []);
    assert.deepEqual(ask('Webex mit Aufnahmegerät?').contexts, ['recording']);
    assert.deepEqual(ask('Webex with the diagnosis department?').contexts, []);
    // Read, and so accounted for: the field of an office is no unexplained word.
    assert.ok(!(ask('Webex with the diagnosis department?').unexplained ?? []).includes('diagnosis'));
    assert.deepEqual(ask('Webex for a diagnosis?').contexts, ['special_categories', 'personal_data']);
  });

  it('reads the negations staff write', () => {
    for (const q of ['Webex ok? Es geht um nichts Vertrauliches.', 'Webex, nothing confidential', 'Webex ohne Klarnamen?', 'Webex mit keine Namen?', 'Webex call, not about patients', 'Webex, keine Befunde']) {
      const a = ask(q);
      assert.equal(a.verdict, 'conditional', q);
    }
    assert.equal(ask('Webex, nicht nur vertraulich').verdict, 'not_allowed');
    assert.equal(ask('Webex mit Klarnamen?').verdict, 'not_allowed');
  });

  it('reads a name hidden by invisible characters and cuts long questions between words', () => {
    assert.deepEqual(ids('Darf ich Mee\u200btly nutzen?'), ['meetly']);
    const q = `${'x'.repeat(MAX_QUESTION_LENGTH - 6)} Meetly`;
    assert.equal(q.length, MAX_QUESTION_LENGTH + 1);
    const a = ask(q);
    assert.equal(a.truncated, true);
    assert.equal(a.unknownTool, null);
    assert.deepEqual(a.tools, []);
  });
});

describe('properties on this catalogue', () => {
  it('never throws, for any mix of its words', () => {
    const word = fc.constantFrom('Signal', 'Loom', 'guide', 'a', 'Darf', 'ich', 'Anna', 'Herrn', 'nutzen', 'Webex', 'Culture', 'Amp', 'nichts', 'Vertrauliches', 'Gesundheitsamt', 'Schuldnerberatung', '\u200b', '-', '?', 'App', 'Whereby', 'Frage', 'not', 'about');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 14 }), fc.constantFrom(' ', '', '-'), (ws, sep) => {
        const a = ask(ws.join(sep));
        assert.ok(VERDICTS.includes(a.verdict));
        assert.ok(a.text.startsWith(a.headline));
        if (a.verdict === 'unknown') assert.ok(a.unknownTool);
      }),
      { numRuns: 400 },
    );
  });

  it('a stated forbidden context never yields allowed or conditional', () => {
    const context = fc.constantFrom('Schuldnerberatung', 'debt counselling', 'Befund', 'vertraulichen Daten', 'Klarnamen', 'Aufnahme');
    fc.assert(
      fc.property(context, fc.constantFrom('Darf ich Webex für', 'May I use Webex with', 'Webex mit'), (c, head) => {
        assert.equal(ask(`${head} ${c}?`).verdict, 'not_allowed');
      }),
    );
  });
});
