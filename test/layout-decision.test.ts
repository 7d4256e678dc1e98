// Issue 11, items 3 to 5 through the real parts: structured decision_expected in both languages,
// what matched (an alias that is another product, a situation the catalogue has no rule for),
// and a status change whose note becomes the entry's decision, shown first, with the summary
// that no longer fits flagged by `kb validate`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { applyKbChange } from '../src/kb/edit.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { kbWarnings, StatusWordsFile, summaryMismatch } from '../src/kb/warnings.js';
import { parseLexicon } from '../src/text/lexicon-file.js';
import { packageRoot } from '../src/config.js';
import { LexiconError } from '../src/errors.js';
import { decisionExpectedText } from '../src/kb/when.js';
import { copyKnowledge } from './helpers/admin-kb-copy.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const NOW = new Date('2021-10-15T12:00:00Z');

describe('decision_expected', () => {
  it('renders a quarter, a date, not_before and localised text in each language', () => {
    assert.equal(decisionExpectedText({ not_before: '2021-Q3' }, 'de'), 'nicht vor dem 3. Quartal 2021');
    assert.equal(decisionExpectedText({ not_before: '2021-Q3' }, 'en'), 'not before Q3 2021');
    assert.equal(decisionExpectedText('2021-Q3', 'de'), 'im 3. Quartal 2021');
    assert.equal(decisionExpectedText('2022-01-31', 'de'), 'bis 31.01.2022');
    assert.equal(decisionExpectedText({ de: 'nach der Sommerpause', en: 'after the summer break' }, 'en'), 'after the summer break');
    // Older free text: "not before <quarter>" is read; anything else is shown as written.
    assert.equal(decisionExpectedText('not before 2021-Q3', 'de'), 'nicht vor dem 3. Quartal 2021');
    assert.equal(decisionExpectedText('sometime soon', 'de'), 'sometime soon');
  });

  it('the shipped Microsoft 365 entry answers in German without English', async () => {
    const engine = createEngine(await loadKnowledgeBase('knowledge'));
    const a = engine.answer('Wann wird über Microsoft Teams entschieden?', { now: NOW });
    assert.match(a.text, /Entscheidung erwartet: nicht vor dem 3\. Quartal 2021/);
    assert.doesNotMatch(a.text, /not before|Q3/);
  });

  it('old free text is still accepted, with a validation warning; a wrong quarter is an error', () => {
    const kb = kbFromFiles({ 'organization.yaml': ORG_EN, 'tools/bbb.yaml': toolYaml('BBB', 'pending', 'decision_expected: not before 2021-Q3\n') });
    const warnings = kbWarnings(kb);
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0]!.path, ['decision_expected']);
    assert.match(warnings[0]!.message, /not_before: 2021-Q3/);
    assert.throws(() => kbFromFiles({ 'organization.yaml': ORG_EN, 'tools/bbb.yaml': toolYaml('BBB', 'pending', 'decision_expected: { not_before: 2021-Q5 }\n') }), /decision_expected/);
  });
});

describe('say what matched', () => {
  it('an alias that is another product: "Microsoft Teams gehört zu Microsoft 365"', async () => {
    const engine = createEngine(await loadKnowledgeBase('knowledge'));
    const a = engine.answer('Wann wird über Microsoft Teams entschieden?', { now: NOW });
    assert.equal(a.tools[0]?.matchedAs, 'Microsoft Teams');
    assert.equal(a.text.split('\n')[1], 'Microsoft Teams gehört zu Microsoft 365.');
    const en = engine.answer('May I use teams?', { now: NOW });
    assert.match(en.text, /^Teams is part of Microsoft 365\.$/m);
    // The entry's own name, or a variant of it, is not announced.
    assert.equal(engine.answer('Darf ich Microsoft 365 nutzen?', { now: NOW }).tools[0]?.matchedAs, undefined);
    assert.equal(engine.answer('Darf ich Zoom Meetings nutzen?', { now: NOW }).tools[0]?.matchedAs, undefined);
  });

  it('a stated situation no restriction covers: the answer says so and names the contact, the verdict unchanged', async () => {
    const engine = createEngine(await loadKnowledgeBase('knowledge'));
    const a = engine.answer('Darf ich Zoom-Meetings aufzeichnen?', { now: NOW });
    assert.equal(a.verdict, 'conditional');
    assert.deepEqual(a.tools[0]?.unruledContexts, ['Aufzeichnung']);
    assert.match(a.text, /Der Katalog enthält für Zoom keine Regel zu: Aufzeichnung\. Klären Sie das vor der Nutzung mit der Ansprechstelle\./);
    assert.match(a.text, /^Ansprechstelle: Datenschutzbeauftragte oder Datenschutzbeauftragter Ihrer Behörde$/m);
    // Situations the assessment covered, and forbidden ones, are not flagged.
    assert.equal(engine.answer('Darf ich Zoom mit Bürgern nutzen?', { now: NOW }).tools[0]?.unruledContexts, undefined);
    assert.equal(engine.answer('Darf ich Zoom für vertrauliche Gespräche nutzen?', { now: NOW }).verdict, 'not_allowed');
  });
});

describe('status changes show the decision', () => {
  it('kb status with a note and source: the note is the current reason, shown first; the old summary is flagged', async () => {
    const copy = await copyKnowledge();
    try {
      const before = kbWarnings(await loadKnowledgeBase(copy.dir));
      assert.deepEqual(before, [], 'the shipped catalogue has no warnings');
      await applyKbChange(
        copy.dir,
        { kind: 'status', toolId: 'zoom', status: 'prohibited', note: 'Warnung der Aufsichtsbehörde', source: { title: 'Schreiben des HmbBfDI', url: 'https://example.org/w' } },
        { today: '2021-10-14' },
      );
      const kb = await loadKnowledgeBase(copy.dir);
      assert.deepEqual(kb.tools.get('zoom')?.decision, {
        status: 'prohibited',
        text: 'Warnung der Aufsichtsbehörde',
        date: '2021-10-14',
        source: { title: 'Schreiben des HmbBfDI', date: '2021-10-14', url: 'https://example.org/w' },
      });
      const a = createEngine(kb).answer('Darf ich Zoom nutzen?', { now: NOW });
      assert.equal(a.verdict, 'not_allowed');
      const lines = a.text.split('\n');
      assert.equal(lines[1], 'Entscheidung vom 14.10.2021: Warnung der Aufsichtsbehörde – Quelle: Schreiben des HmbBfDI (14.10.2021) https://example.org/w');
      assert.ok(!a.text.includes('Die Nutzung dieses Tools ist untersagt.'), 'the generic reason gives way to the decision');
      const warnings = kbWarnings(kb).filter((w) => w.file === 'tools/zoom.yaml');
      assert.deepEqual(warnings.map((w) => w.path), [['summary']]);
      assert.match(warnings[0]!.message, /"im Einsatz".*"prohibited"/);

      // Back to restricted without a note: the old decision is gone, not shown for the new status.
      await applyKbChange(copy.dir, { kind: 'status', toolId: 'zoom', status: 'restricted' }, { today: '2021-10-20' });
      assert.equal((await loadKnowledgeBase(copy.dir)).tools.get('zoom')?.decision, undefined);
    } finally {
      await copy.cleanup();
    }
  });

  it('a decision about another status is not shown and is warned about', () => {
    const kb = kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/x.yaml': toolYaml('Xtool', 'approved', 'decision: { status: prohibited, text: Old warning }\n'),
    });
    assert.equal(createEngine(kb).answer('May I use Xtool?', { now: NOW }).tools[0]?.decision, undefined);
    assert.deepEqual(kbWarnings(kb).map((w) => w.path), [['decision', 'status']]);
  });

  it('summaryMismatch ignores negated phrases', () => {
    assert.equal(summaryMismatch({ status: 'pending', summary: { de: 'Das Tool ist nicht im Einsatz.' } }), null);
    assert.equal(summaryMismatch({ status: 'pending', summary: { de: 'Das Tool ist im Einsatz.' } }), 'im Einsatz');
  });

  it('lexicon/summary-status-words.yaml is checked against its schema: a missing language or a stray key names the field', () => {
    const shipped = readFileSync(path.join(packageRoot(), 'lexicon', 'summary-status-words.yaml'), 'utf8');
    assert.ok(parseLexicon(shipped, 'summary-status-words.yaml', StatusWordsFile).prohibited.de.includes('im Einsatz'));
    const broken = shipped.replace(/^approved:\n  de: .*\n  en: .*\n/m, 'approved:\n  de: [untersagt]\n  fr: [interdit]\n');
    assert.notEqual(broken, shipped);
    assert.throws(
      () => parseLexicon(broken, 'summary-status-words.yaml', StatusWordsFile),
      (err: unknown) => err instanceof LexiconError && err.file === 'lexicon/summary-status-words.yaml' && err.issues.some((i) => i.path.join('.') === 'approved.en') && err.issues.some((i) => /fr/.test(i.message) || i.path.includes('fr')),
    );
  });
});
