// The vocabulary that grows from use (issue 18), against the real stores: the unexplained words of
// questions are kept for the gap report only when they are ordinary dictionary words, never a name,
// a number, an address or anything the privacy detectors flag; each counts once per client and UTC
// day and is gone from the store after RETENTION_DAYS. Read back from the raw SQLite file (and Redis
// and PostgreSQL where they run).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Answer } from '../src/model/answer.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { openStorage } from '../src/storage/index.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { formatUsageReport } from '../src/usage/report.js';
import { freshStores, manualClock, rawStores } from './helpers/raw-stores.js';
import { describeNeeding } from './helpers/services.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'usage-vocabulary-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let engine: Engine;
let kb: KnowledgeBase;
before(async () => {
  kb = await loadKnowledgeBase('knowledge');
  engine = createEngine(kb);
});

/** The engine's answer; with `unexplained` forced when given (the recorder must protect itself whatever the engine hands over). */
function answerFor(question: string, unexplained?: string[]): Answer {
  const a = engine.answer(question);
  return unexplained === undefined ? a : { ...a, unexplained };
}

const IMPF = 'Darf ich Zoom für eine Beratung zum Impfschaden nutzen?';

for (const backend of rawStores(tmp, 'vocab')) {
  await describeNeeding(backend.needs, `unexplained words on ${backend.name}`, () => {
    const fresh = freshStores(backend);

    test('a dictionary word is kept and counted once per client and day; the client key is not stored', async () => {
      const o = await fresh();
      const c = manualClock('2025-04-01T08:00:00Z');
      let r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: c.now });
      const alice = 'slack:T0001:U0ALICE';
      const bob = 'teams:6f1c2b7e-0d5a-4c61-9d0e-b0b0b0b0b0b0';
      // A lower-case word counts at once, each client once a day.
      const vaccine = answerFor('Can I use Zoom for the vaccine consultation?', ['vaccine']);
      for (let i = 0; i < 20; i++) await r.recordAnswer(vaccine, 'slack', 1, [alice]);
      await r.recordAnswer(vaccine, 'teams', 3, [bob, bob, bob]);
      let report = await r.report();
      const count = (w: string) => report.gaps.unexplainedWords.items.find((x) => x.word === w)?.count;
      assert.equal(count('vaccine'), 2, 'two clients on one day');
      assert.equal(report.gaps.unexplainedWords.items.find((w) => w.word === 'vaccine')?.language, 'en');

      // A capitalised word could be a surname: it waits until two clients used it on two days.
      const impf = answerFor(IMPF);
      assert.ok(impf.unexplained?.includes('Impfschaden'), `the engine does not place the word: ${impf.unexplained?.join(', ')}`);
      for (let i = 0; i < 5; i++) await r.recordAnswer(impf, 'slack', 1, [alice]);
      await r.recordAnswer(impf, 'teams', 1, [bob]);
      report = await r.report();
      assert.equal(count('Impfschaden'), undefined, 'two clients, but one day: held back');
      if (backend.name === 'sqlite') {
        await o.storage.close();
        assert.equal((await backend.raw(o)).includes('Impfschaden'), false, 'held back under an HMAC, not in the clear');
        o.storage = await openStorage({ sqlitePath: o.file!, prefix: o.prefix });
        r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: c.now });
      }
      c.set('2025-04-02T09:00:00Z');
      await r.recordAnswer(impf, 'slack', 1, [alice]);
      await r.recordAnswer(impf, 'slack', 1, [alice]);
      await r.recordAnswer(vaccine, 'slack', 1, [alice]);
      report = await r.report();
      assert.equal(count('Impfschaden'), 3, 'corroborated on the second day: each client once a day');
      assert.equal(count('vaccine'), 3, 'the next day the same client counts again, once');
      assert.equal(report.gaps.unexplainedWords.items.find((w) => w.word === 'Impfschaden')?.language, 'de');
      const text = formatUsageReport(report, 'de', kb);
      assert.match(text, /Nicht eingeordnet: [^\n]*Impfschaden 3×/);
      assert.match(formatUsageReport(report, 'en', kb), /Not understood: [^\n]*Impfschaden 3×/);

      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.match(raw, /Impfschaden/, 'the raw dump shows what was stored (the checks below can fail)');
      for (const secret of ['ALICE', 'T0001', '6f1c2b7e', 'b0b0b0']) assert.equal(raw.includes(secret), false, `"${secret}" (part of a client key) was stored`);
    });

    test('a surname, a first name, a number, an address and a word inside flagged data are not in the store', async () => {
      const o = await fresh();
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30 });
      // [question, the unexplained words the engine might hand over]
      const attacks: [string, string[]][] = [
        ['Darf ich Zoom mit Herrn Yilmaz nutzen?', ['Yilmaz']],
        ['Darf ich Zoom mit Frau Schmidt nutzen?', ['Schmidt']],
        ['Can I use Zoom with Kevin?', ['Kevin']],
        ['Darf ich Zoom für Vorgang 4711 nutzen?', ['4711']],
        ['Darf ich Zoom mit max.privat@example.com nutzen?', ['max.privat@example.com', 'example', 'privat']],
        ['Darf ich Zoom für die Hauptstraße 5 nutzen?', ['Hauptstraße']],
        ['Darf ich Zoom für DE89370400440532013000 nutzen?', ['DE89370400440532013000']],
        // Dictionary words, but written inside an e-mail address and a URL: the detectors flag them.
        ['Schreib an gartenzwerg@example.org, darf ich Zoom nutzen?', ['gartenzwerg']],
        ['Darf ich Zoom für https://example.org/wasserbett nutzen?', ['wasserbett']],
        // A place the dictionaries list as a name (as well as "hamburg", the dish): not kept.
        ['Wie spät ist es heute in Hamburg-Altona?', ['Hamburg']],
        // Not a word of any dictionary (a name, a code): not kept.
        ['Darf ich Zoom für Quxblorf nutzen?', ['Quxblorf']],
      ];
      for (const [q, words] of attacks) await r.recordAnswer(answerFor(q, words), 'slack', 1, ['slack:T1:U1']);
      await r.recordAnswer(answerFor('Can I use Zoom for the vaccine consultation?', ['vaccine']), 'slack');
      const kept = (await r.report()).gaps.unexplainedWords.items.map((w) => w.word);
      assert.deepEqual(kept, ['vaccine']);

      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.match(raw, /vaccine/);
      for (const secret of ['Yilmaz', 'Schmidt', 'Kevin', '4711', 'max.privat', 'example', 'Hauptstra', 'DE8937', 'gartenzwerg', 'wasserbett', 'Quxblorf', 'Hamburg']) {
        assert.equal(raw.toLowerCase().includes(secret.toLowerCase()), false, `"${secret}" was stored`);
      }
    });

    test('after RETENTION_DAYS the words are gone from the report and from the store', async () => {
      const o = await fresh();
      const c = manualClock('2025-05-01T12:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 7, now: c.now });
      const injury = answerFor('Can I use Zoom for the injury consultation?', ['injury']);
      const grievance = answerFor('Can I use Zoom for the grievance hearing?', ['grievance']);
      await r.recordAnswer(injury, 'web', 2);
      await r.recordAnswer(grievance, 'web');
      c.set('2025-05-06T12:00:00Z');
      await r.recordAnswer(grievance, 'web');
      c.set('2025-05-08T12:01:00Z'); // 7 days and a minute after the first questions
      assert.deepEqual((await r.report()).gaps.unexplainedWords.items.map((w) => [w.word, w.count]), [['grievance', 1]]);
      assert.equal(await r.purgeExpired(), 1);
      assert.equal(await o.storage.kv('usage-words').get('injury'), undefined);
      c.set('2025-05-14T00:00:00Z');
      assert.deepEqual((await r.report()).gaps.unexplainedWords.items, []);
      await r.purgeExpired();
      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.equal(/injury|grievance/i.test(raw), false, 'no word left in the store after the purge');
    });

    test('a filed word is forgotten and no longer listed', async () => {
      const o = await fresh();
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30 });
      await r.recordAnswer(answerFor('Can I use Zoom for the vaccine consultation?', ['vaccine']), 'web');
      assert.equal(await r.forgetWords(['vaccine']), 1);
      assert.deepEqual((await r.report()).gaps.unexplainedWords.items, []);
    });
  });
}
