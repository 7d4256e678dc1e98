// A tool named as the one being replaced ("statt Zoom", "instead of Zoom") is not what the question
// asks about when it names another tool of the catalogue (lexicon/words.yaml replaced_before).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/zoom.yaml': toolYaml('Zoom', 'restricted', 'category: video-conferencing\nrestrictions:\n  - id: r\n    text: { de: "Nichts Vertrauliches.", en: "Nothing confidential." }\n    forbidden_contexts: [confidential]\n'),
    'tools/jitsi.yaml': toolYaml('Jitsi', 'approved', 'category: video-conferencing\n'),
  }),
);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });
const ids = (q: string) => ask(q).tools.map((t) => t.id);

describe('a replaced tool', () => {
  it('is left out when another tool of the catalogue is asked about', () => {
    for (const q of ['Can we use Jitsi instead of Zoom?', 'Instead of Zoom, may we use Jitsi?', 'Darf ich statt Zoom Jitsi nehmen?', 'Jitsi anstelle von Zoom, geht das?']) {
      assert.deepEqual(ids(q), ['jitsi'], q);
      assert.equal(ask(q).verdict, 'allowed', q);
    }
  });

  it('stays when it is the only tool named, or beside a product the catalogue lacks', () => {
    assert.deepEqual(ids('Statt Zoom?'), ['zoom']);
    const a = ask('Darf ich GoToMeeting statt Zoom nutzen?');
    assert.equal(a.unknownTool, 'GoToMeeting');
    assert.deepEqual(a.tools.map((t) => t.id), ['zoom']);
  });

  it('is still asked about when it is also named plainly', () => {
    assert.deepEqual(ids('Is Zoom fine, or Jitsi instead of Zoom?').sort(), ['jitsi', 'zoom']);
  });
});
