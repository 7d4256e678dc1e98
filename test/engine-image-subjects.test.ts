// Pictures of people are personal data (src/engine/image-subjects.ts, lexicon/participant-words.yaml
// image_nouns/image_links): "photos of our staff" made a tool that forbids personal data approved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/pixelpress.yaml': toolYaml('Pixelpress', 'restricted', 'category: file-sharing\nrestrictions:\n  - id: r\n    text: { de: "Keine personenbezogenen Daten.", en: "No personal data." }\n    forbidden_contexts: [personal_data]\n'),
  }),
);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('lists of who is what', () => {
  it('are personal data after a word of listing or recording', () => {
    for (const q of ['Can I use Pixelpress to map who on the ward is covering which shift next week?', 'Können wir die Liste, wer mitfährt, in Pixelpress pflegen?', 'Can I use Pixelpress to track who attended the training?']) {
      assert.ok(ask(q).contexts.includes('personal_data'), q);
    }
  });

  it('are not a question of who can help, or who decides', () => {
    for (const q of ['Who can help me with Pixelpress?', 'Does anyone know who approves Pixelpress?']) assert.ok(!ask(q).contexts.includes('personal_data'), q);
  });
});

describe('pictures of people', () => {
  it('are personal data, in English and German, after a few small words', () => {
    for (const q of [
      'Can I use Pixelpress for a poster with photos of the volunteers?',
      "Can I use Pixelpress for a collage of pictures of last year's interns?",
      'Darf ich mit Pixelpress ein Plakat mit Fotos unserer Mitarbeitenden machen?',
      'Darf ich Pixelpress für die Teilnehmerfotos nutzen?',
    ]) {
      const a = ask(q);
      assert.ok(a.contexts.includes('personal_data'), `${q}: ${JSON.stringify(a.contexts)}`);
      assert.equal(a.verdict, 'not_allowed', q);
    }
  });

  it('are not when they show things, or are ruled out', () => {
    for (const q of ['Can I use Pixelpress for a poster with photos of the building?', 'Darf ich Pixelpress für Bilder vom Gebäude nutzen?', 'Can I use Pixelpress for the poster? No photos of staff.']) {
      const a = ask(q);
      assert.ok(!a.contexts.includes('personal_data'), `${q}: ${JSON.stringify(a.contexts)}`);
      assert.notEqual(a.verdict, 'not_allowed', q);
    }
  });
});
