// Sentences that state a situation without its vocabulary (src/engine/situation-phrases.ts,
// lexicon/situation-phrases.yaml): that something must not get out states `confidential`, though it
// holds a negator (issue 18 named "nobody outside the steering group may know yet" and "darf auf
// keinen Fall nach außen dringen"); a video kept for later states `recording`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const engine = createEngine(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/quackmeet.yaml': toolYaml('Quackmeet', 'restricted', 'category: video-conferencing\nrestrictions:\n  - id: r\n    text: { de: "Nichts Vertrauliches.", en: "Nothing confidential." }\n    forbidden_contexts: [confidential]\n'),
    'tools/owlcast.yaml': toolYaml('Owlcast', 'restricted', 'category: video-conferencing\nrestrictions:\n  - id: r\n    text: { de: "Nicht aufzeichnen.", en: "No recording." }\n    forbidden_contexts: [recording]\n'),
  }),
);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('secrecy sentences', () => {
  it('state confidential in English and German, whatever negator they hold', () => {
    for (const q of [
      'Quackmeet? Nobody outside the steering group may know yet.',
      'Quackmeet for the meeting? The content must not get out.',
      'Quackmeet for a meeting whose results must stay within the management team?',
      "Quackmeet for a meeting, the minutes are for the board's eyes only?",
      'Quackmeet? Das darf auf keinen Fall nach außen dringen.',
      'Quackmeet? Das soll noch keiner wissen.',
      'Quackmeet für ein Gespräch, das unter uns bleiben soll?',
      "Quackmeet? It's not public yet.",
      "Quackmeet? It hasn't been announced yet.",
      'Quackmeet für die Planung, die noch nicht bekannt gegeben wurde?',
      "Quackmeet for the plans? The staff don't know about it yet.",
      'Quackmeet? Die Belegschaft weiß noch nichts davon.',
      'Quackmeet? Wir besprechen das, bevor der Personalrat davon erfährt.',
    ]) {
      const a = ask(q);
      assert.ok(a.contexts.includes('confidential'), `${q}: ${JSON.stringify(a.contexts)}`);
      assert.equal(a.verdict, 'not_allowed', q);
    }
  });

  it('are not read in questions of who knows, or things that stay somewhere', () => {
    for (const q of ['Does nobody know if Quackmeet is allowed?', 'Quackmeet? Nobody knows how to use it.', 'Quackmeet ok? The laptop must stay in the office.', 'Quackmeet? Nobody. Outside the office we may know more.', "I don't know yet whether Quackmeet is allowed.", 'Ich weiß noch nicht, ob Quackmeet geht.', 'Before I book it: is Quackmeet allowed?']) {
      assert.ok(!ask(q).contexts.includes('confidential'), q);
    }
  });

  it('leave the words between their parts to be read', () => {
    const a = ask('Quackmeet, um die Angebote zu bewerten, bevor die Bieter informiert werden?');
    assert.ok(a.contexts.includes('confidential') && a.contexts.includes('external'), JSON.stringify(a.contexts));
  });
});

describe('a video kept for later', () => {
  it('states recording, and is negated as any context', () => {
    for (const q of ["Owlcast for the training? We'd like to save the video afterwards.", 'Owlcast ok? Wir wollen das Video danach auf die Website stellen.', "Owlcast for the webinar, and we'll put the replay on the intranet?", 'Kann ich Owlcast nehmen und die Sitzung danach als Video verschicken?']) {
      assert.equal(ask(q).verdict, 'not_allowed', q);
    }
    assert.equal(ask("Owlcast for the training? We won't save the video afterwards.").verdict, 'conditional');
  });

  it('is not a video shown in the meeting', () => {
    for (const q of ['Can I share a video in Owlcast?', 'Can I show a video in the Owlcast call later today?']) assert.equal(ask(q).verdict, 'conditional', q);
  });
});
