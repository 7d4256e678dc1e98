// Small wording rules of an answer, on the shipped knowledge base: a context label with its own
// brackets takes "your words" inside them; a pending tool's expected decision is said once; the web
// keeps a suspended hyphen ("und -partnern") with its partner word.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { prose, renderAnswerHtml } from '../adapters/web/render.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { layoutAnswer } from '../src/layout/answer-layout.js';

const KB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'knowledge');

describe('answer wording', () => {
  let engine: Engine;
  before(async () => {
    engine = createEngine(await loadKnowledgeBase(KB));
  });

  it('a label ending in brackets takes the person\'s words inside them: one pair of brackets', () => {
    const answer = engine.answer('Darf ich Zoom für Gesundheitsdaten nutzen?');
    const considered = layoutAnswer(answer).sections.find((s) => s.kind === 'considered');
    assert.ok(considered && considered.kind === 'considered', 'the answer names what it considered');
    const texts = considered.items.map((i) => i.text);
    const bracketed = texts.find((t) => /Art\. 9/.test(t));
    assert.ok(bracketed, texts.join(' | '));
    assert.doesNotMatch(bracketed, /\)\s*\(/, 'no ") (" between the label and the words');
    assert.match(bracketed, /\(Art\. 9 DSGVO; Ihre Worte: „Gesundheitsdaten“\)$/);
  });

  it('a pending tool\'s expected decision is said once', () => {
    const html = renderAnswerHtml(engine.answer('Darf ich Microsoft 365 nutzen?'));
    const mentions = html.match(/Quartal|Q3|2021-Q3/g) ?? [];
    assert.equal(mentions.length, 1, `said once: ${html}`);
  });

  it('the web keeps "und -partnern" on one line with its partner word', () => {
    assert.equal(prose('mit Gesprächspartnerinnen und -partnern, die'), 'mit Gesprächspartnerinnen <span class="nowrap">und -partnern</span>, die');
    assert.equal(prose('a - b <x>'), 'a - b &lt;x&gt;', 'a dash between spaces and markup are left alone (escaped)');
    assert.match(renderAnswerHtml(engine.answer('Darf ich Zoom nutzen?')), /<span class="nowrap">und -partnern<\/span>/);
  });
});
