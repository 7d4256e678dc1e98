// A name or an unknown German noun (src/engine/unknown-noun.ts): a capitalised word the dictionaries
// lack whose last part is a German word ("Quarkel|wurst", "Blorp|texte") is a compound noun the
// engine did not understand, so a restricted tool is asked about; names keep passing. Through the
// real engine, on the small catalogue of engine-confirm.test.ts (Quackmeet is restricted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { confirmCatalogueFiles, kbFromFiles } from './helpers/kb.js';

const engine = createEngine(kbFromFiles(confirmCatalogueFiles()));
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('unknown German compound nouns', () => {
  it('reads a compound of an unknown first part and a German word as a word, not a name', () => {
    for (const [q, word] of [
      ['Darf ich Quackmeet für Quarkelwurst nutzen?', 'Quarkelwurst'],
      ['Darf ich Quackmeet für die Blorptexte nutzen?', 'Blorptexte'],
      ['Darf ich Quackmeet für die Zwurbelberatung nutzen?', 'Zwurbelberatung'],
    ] as const) {
      const a = ask(q);
      assert.ok(a.unexplained?.includes(word), `${q}: ${JSON.stringify(a.unexplained)}`);
      assert.equal(a.verdict, 'confirm', q);
    }
  });

  it('keeps passing names: persons, dictionary names, English-formed and product-shaped words', () => {
    for (const q of [
      'Darf ich Quackmeet mit Herrn Neumann nutzen?',
      'Darf ich Quackmeet mit Anna Hofmann nutzen?',
      'Darf ich Quackmeet für die Notizen aus Evernote nutzen?',
      'Darf ich Quackmeet für Notizen aus OneNote nutzen?',
    ]) {
      const a = ask(q);
      assert.deepEqual(a.unexplained ?? [], [], q);
      assert.equal(a.verdict, 'conditional', q);
    }
  });

  it('keeps passing a word in a name\'s place: after a tool noun or "per", before a hyphen', () => {
    const a = ask('Darf ich Quackmeet zusammen mit der App Blorpnote und per Zwurbelpost nutzen?');
    assert.ok(!(a.unexplained ?? []).includes('Zwurbelpost'), JSON.stringify(a.unexplained));
    // German writes a hyphen after a name or a foreign word: the part before it passes.
    assert.deepEqual(ask('Darf ich Quackmeet für die Quarkelwand-Folie nutzen?').unexplained ?? [], []);
    // An "-er" word before a capitalised one may be a place's adjective ("Pforzheimer Stadtwerke") or
    // a person before an object: asked about.
    assert.ok(ask('Darf ich Quackmeet nutzen, um dem Blorpberater Unterlagen zu zeigen?').unexplained?.includes('Blorpberater'));
  });

  it('is German only: a capitalised unknown word in an English question stays a name', () => {
    assert.deepEqual(ask('May I use Quackmeet for Quarkelwurst?').unexplained ?? [], []);
  });

  it('still names an unknown product the question asks about', () => {
    assert.equal(ask('Darf ich Quackmail nutzen?').unknownTool, 'Quackmail');
    assert.equal(ask('Darf ich Mentimeter nutzen?').unknownTool, 'Mentimeter');
  });
});
