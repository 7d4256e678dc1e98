// Whatever staff type, the engine answers with a valid Answer and never throws.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { VERDICTS, type Answer } from '../src/model/answer.js';
import { toJson } from '../src/layout/answer-json.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { MAX_QUESTION_LENGTH } from '../src/engine/text.js';
import { loadKnowledgeBase } from '../src/kb/load.js';

let engine: Engine;
before(async () => {
  engine = createEngine(await loadKnowledgeBase('knowledge'));
});

function assertValid(a: Answer): void {
  assert.ok(VERDICTS.includes(a.verdict), a.verdict);
  assert.ok(a.language === 'de' || a.language === 'en');
  assert.ok(a.text.length > 0);
  assert.ok(a.text.startsWith(a.headline));
  if (a.verdict === 'unknown') assert.ok(a.unknownTool);
  if (['allowed', 'conditional', 'not_allowed', 'pending'].includes(a.verdict)) assert.equal(a.tools.length, 1);
  for (const t of a.tools) assert.ok(['allowed', 'conditional', 'not_allowed', 'pending'].includes(t.verdict));
  const json = toJson(a);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json, 'the JSON contract survives serialisation unchanged');
}

describe('bad input', () => {
  for (const [name, q] of [
    ['empty', ''],
    ['whitespace', ' \t\n  '],
    ['emoji only', '🙂🚀🔥'],
    ['binary', '\u0000\u0001\u0002\uFFFD\u0007abc\u0000'],
  ] as const) {
    it(`${name} gives unclear`, () => {
      const a = engine.answer(q);
      assertValid(a);
      assert.equal(a.verdict, 'unclear');
    });
  }

  it('a 100 KB question is cut, with a note, and still answered', () => {
    const q = `Darf ich Zoom mit Bürgern nutzen? ${'bla '.repeat(25_000)}`;
    const a = engine.answer(q);
    assertValid(a);
    assert.equal(a.truncated, true);
    assert.equal(a.verdict, 'conditional');
    assert.match(a.text, new RegExp(String(MAX_QUESTION_LENGTH)));
  });
});

describe('properties', () => {
  it('never throws and always returns a valid answer, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => assertValid(engine.answer(q))),
      { numRuns: 500 },
    );
  });

  it('for questions built from the vocabulary too', () => {
    const word = fc.constantFrom('Zoom', 'Teams', 'nicht', 'vertraulich', 'Bürger', 'mit', 'oder', 'keine', 'Gesundheitsdaten', 'darf', 'ich', 'use', 'Quackmail', 'Videokonferenz', 'non', '-', '?', 'O365', 'kinder');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => assertValid(engine.answer(words.join(' ')))),
      { numRuns: 500 },
    );
  });

  it('a stated forbidden context never yields allowed or conditional for a restricted tool', () => {
    const context = fc.constantFrom('vertraulich', 'confidential', 'Gesundheitsdaten', 'health data', 'Kindern');
    fc.assert(
      fc.property(context, fc.constantFrom('Darf ich Zoom', 'May I use Zoom', 'Zoom'), (c, head) => {
        assert.equal(engine.answer(`${head} mit ${c}?`).verdict, 'not_allowed');
      }),
    );
  });
});
