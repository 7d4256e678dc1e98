// Person words nothing explains (src/engine/participant-words.ts): "guests", "die Agentur" stay
// unexplained, but keep a restricted tool from approval only where the tool forbids a context a word
// about people can speak of (who takes part, personal data) or a context of the base's own. Through
// the real engine, on a small catalogue made here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { groupContext, isPersonWord } from '../src/text/semantic-lexicon.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const restricted = (name: string, forbidden: string) =>
  toolYaml(name, 'restricted', `category: video-conferencing\nrestrictions:\n  - id: r\n    text: { de: Nicht erlaubt., en: Not allowed. }\n    forbidden_contexts: [${forbidden}]\n`);

const kb = kbFromFiles({
  'organization.yaml': ORG_EN,
  'contexts.yaml': '- id: grading\n  label: { de: Benotung, en: grading }\n  synonyms: { de: [notenvergabe], en: [grading] }\n',
  // Forbids nothing a word about people can speak of.
  'tools/quackmeet.yaml': restricted('Quackmeet', 'special_categories, vulnerable_persons, confidential'),
  // Forbids who takes part.
  'tools/parrotchat.yaml': restricted('Parrotchat', 'external, citizens'),
  // Forbids personal data.
  'tools/finchsheet.yaml': restricted('Finchsheet', 'personal_data'),
  // Forbids a context of the base's own.
  'tools/wrenboard.yaml': restricted('Wrenboard', 'grading, confidential'),
});
const engine = createEngine(kb);
const now = new Date('2024-06-01');
const ask = (q: string) => engine.answer(q, { now });

describe('person words: the files', () => {
  it('hold people and groups, with their plurals and German forms, and not the vulnerable or sensitive', () => {
    for (const w of ['guests', 'partner', 'agency', 'manufacturers', 'alumni']) assert.ok(isPersonWord(w, 'en'), w);
    for (const w of ['Gäste', 'Agentur', 'Hersteller', 'Teilnehmern']) assert.ok(isPersonWord(w, 'de'), w);
    // "people" is defined as "men or women or children", a family as "parents and children".
    for (const w of ['people', 'families', 'patients', 'children', 'mother', 'tram']) assert.ok(!isPersonWord(w, 'en'), w);
    for (const w of ['Leute', 'Mutter', 'Kinder', 'Straßenbahn']) assert.ok(!isPersonWord(w, 'de'), w);
  });
});

describe('person words: a tool that forbids no context about people', () => {
  it('is approved with conditions, the word still listed as unexplained (en)', () => {
    const a = ask('Can I use Quackmeet for a webinar with our drivers?');
    assert.equal(a.verdict, 'conditional', JSON.stringify(a.ask));
    assert.deepEqual(a.unexplained, ['drivers']);
  });

  it('is approved with conditions (de)', () => {
    const a = ask('Darf ich Quackmeet für ein Gespräch mit unseren Partnern nutzen?');
    assert.equal(a.verdict, 'conditional', JSON.stringify(a.unexplained));
    assert.deepEqual(a.unexplained, ['Partnern']);
  });

  it('is still asked about when another word is unexplained beside the person word', () => {
    assert.equal(ask('Can I use Quackmeet for a webinar with our drivers about the zorblax?').verdict, 'confirm');
  });

  it('is still asked about for a vulnerable-ish or sensitive person word (en, de)', () => {
    for (const q of ['Can I use Quackmeet for a call with the families?', 'Can I use Quackmeet for a call with a widow?', 'Can I use Quackmeet for a call with the defendant?', 'Darf ich Quackmeet für ein Gespräch mit einer Witwe nutzen?', 'Darf ich Quackmeet für die Mädchen nutzen?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'confirm', q);
      assert.equal(a.unexplained?.length, 1, q);
    }
  });
});

describe('person words: a tool that forbids who takes part', () => {
  it('is asked about (en, de)', () => {
    const en = ask('Can I use Parrotchat for a call with the drivers?');
    assert.equal(en.verdict, 'confirm');
    assert.deepEqual(en.ask, ['external', 'citizens']);
    assert.equal(ask('Darf ich Parrotchat für ein Gespräch mit unseren Partnern nutzen?').verdict, 'confirm');
  });
});

describe('person words: data about people', () => {
  it('keep a tool that forbids personal data from approval (en, de)', () => {
    const en = ask('Can I store a list of our drivers in Finchsheet?');
    assert.equal(en.verdict, 'confirm');
    assert.deepEqual([en.unexplained, en.ask], [['drivers'], ['personal_data']]);
    const de = ask('Darf ich in Finchsheet eine Liste unserer Partner anlegen?');
    assert.equal(de.verdict, 'confirm');
    assert.deepEqual([de.unexplained, de.ask], [['Partner'], ['personal_data']]);
    // A person word before another noun is no party: the guest list is data.
    assert.equal(ask('Can I share Finchsheet with the guest list?').verdict, 'confirm');
  });

  it('as a party after "with" / "to" / "mit" speaks only of who takes part', () => {
    assert.equal(ask('Can I use Finchsheet in a workshop with the partners?').verdict, 'conditional');
    assert.equal(ask('Can I use Finchsheet to send the slides to the agency?').verdict, 'conditional');
    assert.equal(ask('Darf ich Finchsheet im Workshop mit unseren Partnern nutzen?').verdict, 'conditional');
  });
});

describe("person words: a base's own context", () => {
  it('is unknown ground: the tool is asked about', () => {
    const a = ask('Can I use Wrenboard for a webinar with our drivers?');
    assert.equal(a.verdict, 'confirm');
    assert.deepEqual(a.ask, ['grading', 'confidential']);
  });
});

describe('offices and authorities', () => {
  it('say who takes part, as a person word does, also as the last part of a German compound', () => {
    for (const q of ['Darf ich Quackmeet mit den Kollegen aus der Behörde nutzen?', 'Ist Quackmeet erlaubt, wenn die Teams der Bezirksämter dabei sind?', 'Can we use Quackmeet with the port authority?']) {
      assert.equal(ask(q).verdict, 'conditional', q);
    }
    // Where the tool forbids who takes part, an office is asked about.
    assert.equal(ask('Can we use Parrotchat with the port authority?').verdict, 'confirm');
  });
});

describe('group words: their kind states who takes part', () => {
  it('are in the generated files by WordNet and the dictionary, and not the vulnerable-ish or relational', () => {
    for (const w of ['guests', 'visitors', 'alumni']) assert.equal(groupContext(w, 'en'), 'citizens', w);
    for (const w of ['publisher', 'manufacturers', 'institute']) assert.equal(groupContext(w, 'en'), 'external', w);
    for (const w of ['Gäste', 'Gast']) assert.equal(groupContext(w, 'de'), 'citizens', w);
    for (const w of ['Verleger', 'Institut', 'Firmen']) assert.equal(groupContext(w, 'de'), 'external', w);
    // A partner may be a spouse, an agency an authority of one's own; people may be children.
    for (const w of ['partners', 'agency', 'drivers', 'people', 'families', 'colleagues']) assert.equal(groupContext(w, 'en'), undefined, w);
    for (const w of ['Partner', 'Leute', 'Begleitung', 'Unternehmen', 'Betrieb']) assert.equal(groupContext(w, 'de'), undefined, w);
  });

  it('a party after a cue states its context and is accounted for (en, de, the last part of a compound)', () => {
    const en = ask('Can I use Quackmeet for a call with the manufacturer?');
    assert.equal(en.verdict, 'conditional');
    assert.deepEqual([en.contexts, en.unexplained], [['external'], undefined]);
    const de = ask('Darf ich Quackmeet für ein Treffen mit den Partnerinstituten nutzen?');
    assert.deepEqual([de.verdict, de.contexts], ['conditional', ['external']]);
  });

  it('makes a tool that forbids that context not allowed, instead of asking', () => {
    assert.equal(ask('Can I use Parrotchat for a call with the manufacturer?').verdict, 'not_allowed');
    assert.equal(ask('Darf ich Parrotchat für eine Umfrage unter den Badegästen nutzen?').verdict, 'not_allowed');
  });

  it('before another noun or without a cue still may be data about them', () => {
    const a = ask('Can I store the alumni in Finchsheet?');
    assert.deepEqual([a.verdict, a.ask], ['confirm', ['personal_data']]);
    assert.equal(ask('Can I share Finchsheet with the guest list?').verdict, 'confirm');
  });

  it("leaves no base's own context unknown ground: what the word is, is known", () => {
    const a = ask('Can I use Wrenboard for the alumni get-together?');
    assert.deepEqual([a.verdict, a.contexts], ['conditional', ['citizens']]);
    assert.equal(ask("Can I use Wrenboard for the drivers' get-together?").verdict, 'confirm');
  });

  it('states nothing after a negator, nor an outside organisation after a word of one\'s own', () => {
    for (const q of ['Darf ich Parrotchat für unser Institut nutzen?', 'Can I use Parrotchat for our own institute?', 'Darf ich Parrotchat nutzen, wenn kein Verleger dabei ist?']) {
      assert.notEqual(ask(q).verdict, 'not_allowed', q);
    }
  });
});
