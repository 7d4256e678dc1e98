// The shipped knowledge base (the Hamburg case of March 2021) through the engine.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';

let engine: Engine;
before(async () => {
  engine = createEngine(await loadKnowledgeBase('knowledge'));
});
const ask = (q: string) => engine.answer(q, { now: new Date('2021-04-01') });
const ids = (q: string) => ask(q).tools.map((t) => t.id);

describe('shipped knowledge base', () => {
  it('Zoom with citizens is conditional, in German', () => {
    const a = ask('Darf ich Zoom mit Bürgern nutzen?');
    assert.equal(a.language, 'de');
    assert.equal(a.verdict, 'conditional');
    assert.deepEqual(a.contexts, ['citizens']);
    assert.equal(a.tools[0]?.conditions.length, 2);
    assert.match(a.text, /Senatskanzlei/);
  });

  it('Zoom for a confidential call is not allowed, in English', () => {
    const a = ask('May I use Zoom for a confidential call?');
    assert.equal(a.language, 'en');
    assert.equal(a.verdict, 'not_allowed');
    assert.match(a.tools[0]?.reasons[0] ?? '', /non-confidential/);
  });

  it('recognises the names staff actually write', () => {
    for (const q of ['Zooms Datenschutz?', 'Zoom-Meeting mit Bürgern', 'Zoomkonferenz heute?', 'Zooom?']) {
      assert.deepEqual(ids(q), ['zoom'], q);
    }
    for (const q of ['MS Teams?', 'O365 im Büro?', 'Mircosoft Teams erlaubt?', 'Office 365']) {
      assert.deepEqual(ids(q), ['microsoft-365'], q);
    }
    assert.deepEqual(ids('Zoom oder Teams?'), ['zoom', 'microsoft-365']);
    assert.deepEqual(ids('Die Zoom-Lizenz?'), ['zoom-licensed']);
  });

  it('an ordinary word is not a tool', () => {
    assert.deepEqual(ids('Darf ich in unserem Team Dateien teilen?'), []);
  });

  it('negated contexts do not count', () => {
    assert.equal(ask('Zoom für nicht vertrauliche Gespräche?').verdict, 'conditional');
    assert.equal(ask('non-confidential Zoom call').verdict, 'conditional');
    assert.equal(ask('Zoom, keine Gesundheitsdaten').verdict, 'conditional');
    assert.equal(ask('Zoom mit Gesundheitsdaten').verdict, 'not_allowed');
    assert.equal(ask('Zoom für vertrauliche Gespräche mit Buergern').verdict, 'not_allowed');
  });

  it('Microsoft 365 is pending with its proof of concept and the expected decision', () => {
    const a = ask('Can we use Teams?');
    assert.equal(a.verdict, 'pending');
    assert.ok(a.tools[0]?.assessment.some((s) => s.step === 'proof_of_concept' && s.state === 'in_progress'));
    assert.match(a.text, /not before Q3 2021|nicht vor dem 3\. Quartal 2021/);
  });

  it('lists the video-conferencing tools for citizens, allowed first', () => {
    const a = ask('Welche Videokonferenzsysteme sind für Gespräche mit Bürgern freigegeben?');
    assert.equal(a.verdict, 'list');
    assert.equal(a.category, 'video-conferencing');
    assert.deepEqual(a.tools.map((t) => [t.id, t.verdict]), [
      ['zoom', 'conditional'],
      ['zoom-licensed', 'pending'],
    ]);
  });

  it('an unknown tool is named back as unknown, with how to request an assessment', () => {
    const a = ask('Darf ich Quackmail für Elternbriefe nutzen?');
    assert.equal(a.verdict, 'unknown');
    assert.equal(a.unknownTool, 'Quackmail');
    assert.match(a.text, /IT-Servicedesk/);
  });

  it('warns when review_due has passed', () => {
    assert.equal(engine.answer('Zoom?', { now: new Date('2021-04-01') }).tools[0]?.reviewOverdue, false);
    const late = engine.answer('Zoom?', { now: new Date('2022-01-01') });
    assert.equal(late.tools[0]?.reviewOverdue, true);
    assert.match(late.text, /veraltet/);
  });

  it('reads the chat messages of issue 10 that need no new vocabulary', () => {
    assert.equal(ask('Darf ich Anna Schmidt anrufen?').unknownTool, null);
    const kevin = ask('Darf ich Kevin per Zoom anrufen?');
    assert.equal(kevin.verdict, 'conditional');
    assert.equal(kevin.unknownTool, null);
    // How Slack delivers a pasted link, if it reaches the engine unnormalised: no tool "https".
    const link = ask('Darf ich <https://zoom.us|Zoom> für das Kick-off nutzen?');
    assert.deepEqual(link.tools.map((t) => t.id), ['zoom']);
    assert.equal(link.unknownTool, null);
    assert.equal(ask('Zoom ok? Es geht um nichts Vertrauliches.').verdict, 'conditional');
    // The health office is an office (another authority: external), not health data.
    assert.ok(!ask('Zoom für ein Treffen mit dem Gesundheitsamt?').contexts.includes('special_categories'));
    for (const q of ['Darf ich die Videokonferenz-App Whereby nutzen?', 'Ist das Videotool Whereby erlaubt?']) {
      const a = ask(q);
      assert.equal(a.verdict, 'unknown', q);
      assert.equal(a.unknownTool, 'Whereby', q);
    }
    // The category's allowed alternatives come with it ("Videotool" is a category word once the
    // category vocabulary lists it).
    assert.deepEqual(ask('Darf ich die Videokonferenz-App Whereby nutzen?').alternatives.map((x) => x.id), ['zoom']);
  });

  it('says which words stated each context', () => {
    const a = ask('Darf ich Zoom mit Gesundheitsdaten von Bürgern nutzen?');
    assert.deepEqual(a.evidence?.map((e) => [e.id, e.words]), [
      ['special_categories', ['Gesundheitsdaten']],
      ['citizens', ['Bürgern']],
      // Special categories of personal data are personal data (lexicon/implied-contexts.yaml).
      ['personal_data', ['Gesundheitsdaten']],
    ]);
    assert.match(a.text, /Berücksichtigt: .*„Gesundheitsdaten“.*„Bürgern“/);
  });

  it('ignores invisible characters', () => {
    assert.deepEqual(ids('Z\u200boom mit B\u00adürgern?'), ['zoom']);
    assert.deepEqual(ask('\ufeffZoom mit vertrau\u200dlichen Daten?').contexts, ['confidential']);
  });
});
