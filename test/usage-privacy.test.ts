// What the usage recorder keeps of the people who ask, against the real stores: a temporary SQLite
// file, the real Redis and the real PostgreSQL (each test under its own prefix, cleared afterwards).
// The unknown-tool list keeps no personal data whatever name the engine hands over, forgets names
// after RETENTION_DAYS, and counts a name once per client and day; feedback counts once per client,
// tool and day; the client key itself is never stored.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Answer } from '../src/model/answer.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { openStorage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { freshStores, manualClock, rawStores } from './helpers/raw-stores.js';
import { describeNeeding } from './helpers/services.js';
import { RawRedis } from './helpers/usage-redis-raw.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'usage-privacy-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let engine: Engine;
before(async () => {
  engine = createEngine(await loadKnowledgeBase('knowledge'));
});

const DAY = 86_400_000;

const BACKENDS = rawStores(tmp, 'privacy');
const clock = manualClock;

/** The engine's answer to `question`, with the unknown tool forced to `unknownTool` when given (the recorder must protect itself whatever the engine names). */
function answerFor(question: string, unknownTool?: string): Answer {
  const a = engine.answer(question);
  return unknownTool === undefined ? a : { ...a, verdict: 'unknown', unknownTool };
}

for (const backend of BACKENDS) {
  await describeNeeding(backend.needs, `usage privacy on ${backend.name}`, () => {
    const fresh = freshStores(backend);

    test('the unknown-tool list keeps no personal data, whatever name the engine hands over', async () => {
      const o = await fresh();
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30 });
      // [question, name the engine might give]; undefined: whatever the engine of the moment says.
      const attacks: [string, string | undefined][] = [
        ['Can we use max.privat@example.com?', 'max.privat'],
        ['Can we use max.privat@example.com?', undefined],
        ['Darf ich DE89370400440532013000 nutzen?', 'DE89370400440532013000'],
        ['Darf ich DE89 3704 0044 0532 0130 00 nutzen?', 'DE89'],
        ['Can I use <@U999|boss>?', 'boss'],
        ['Can I use <@U999|boss>?', 'U999'],
        ['Is @chefin allowed?', 'chefin'],
        ['Darf ich Frau Erika Mustermann anrufen?', 'Erika Mustermann'],
        ['Darf ich Anna Schmidt anrufen?', 'Anna Schmidt'],
        ['Darf ich mit Herrn Meier Zoom nutzen?', 'Herrn Meier'],
        ['What about Meier?', 'Meier'],
        ['Is Kevin allowed?', 'Kevin'],
        ['Darf ich Kollegin Weber nutzen?', 'Weber'],
        ['Can we use https://example.com/users/jdoe-private?', 'jdoe-private'],
        ['Darf ich +49 170 1234567 nutzen?', '+49 170 1234567'],
        ['Darf ich 0170 98765432 nutzen?', '0170 98765432'],
        ['Darf ich Hauptstraße 5 nutzen?', 'Hauptstraße'],
        ['Darf ich Az. 123/45-6 per Mail schicken?', 'Az'],
        ['Darf ich Steuer-ID 86095742719 nutzen?', '86095742719'],
        ['Darf ich Jonasberg geb. 01.02.1980 nutzen?', 'Jonasberg geb'],
      ];
      for (const [q, name] of attacks) await r.recordAnswer(answerFor(q, name), 'slack');
      await r.recordAnswer(answerFor('Darf ich QuackMail nutzen?'), 'slack');

      const report = await r.report();
      assert.deepEqual(report.gaps.unknownTools.items.map((u) => u.name), ['QuackMail']);
      const engineNamed = attacks.filter(([q, name]) => (name ?? engine.answer(q).unknownTool) !== null).length;
      assert.equal(report.gaps.unknownToolsNotRecorded, engineNamed, 'each refused name is counted, not kept');

      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.match(raw, /QuackMail/, 'the raw dump shows what was stored (the checks below can fail)');
      for (const secret of ['max.privat', 'DE89', 'U999', 'boss', 'chefin', 'Erika', 'Mustermann', 'Anna', 'Schmidt', 'Meier', 'Kevin', 'Weber', 'jdoe', '1234567', '98765432', 'Hauptstra', '123/45', '86095742719', 'Jonasberg', '01.02.1980']) {
        assert.equal(raw.toLowerCase().includes(secret.toLowerCase()), false, `"${secret}" was stored`);
      }
    });

    test('a surname is not kept: a plain capitalised word waits for several clients on different days; a name written after "Herrn" a minute earlier is refused', async () => {
      const o = await fresh();
      const c = clock('2025-04-01T08:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: c.now });
      const kowalczyk = answerFor('Darf ich Kowalczyk nutzen?');
      assert.equal(kowalczyk.unknownTool, 'Kowalczyk', 'the engine names the surname as a tool (the recorder must protect itself)');
      for (let i = 0; i < 5; i++) await r.recordAnswer(kowalczyk, 'slack', 1, ['slack:T1:U1']);
      await r.recordAnswer(answerFor('Darf ich Haberkorn nutzen?', 'Haberkorn'), 'slack', 1, ['slack:T1:U2']);
      // The same client named a person a minute earlier, then asks about the name: refused even in lower case.
      await r.recordAnswer(answerFor('I spoke to Mr Nowakowski yesterday.'), 'web', 1, ['web:203.0.113.9']);
      c.advance(60_000);
      await r.recordAnswer(answerFor('Can I use nowakowski?', 'nowakowski'), 'web', 1, ['web:203.0.113.9']);
      // A product that looks like a surname: one client on two days is not enough; a second client on the second day is.
      const trello = answerFor('Darf ich Trello nutzen?');
      await r.recordAnswer(trello, 'slack', 1, ['slack:T1:U3']);
      assert.deepEqual((await r.report()).gaps.unknownTools.items.map((u) => u.name), []);
      c.set('2025-04-02T09:00:00Z');
      await r.recordAnswer(trello, 'slack', 1, ['slack:T1:U3']);
      assert.deepEqual((await r.report()).gaps.unknownTools.items.map((u) => u.name), [], 'one client on two days');
      await r.recordAnswer(trello, 'teams', 1, ['teams:aad-2']);
      // Product-shaped names are listed at once.
      await r.recordAnswer(answerFor('Darf ich ChatGPT nutzen?'), 'web', 1, ['web:203.0.113.10']);
      await r.recordAnswer(answerFor('Darf ich perplexity.ai nutzen?'), 'web', 1, ['web:203.0.113.10']);
      const report = await r.report();
      assert.deepEqual(report.gaps.unknownTools.items.map((u) => `${u.name}:${u.count}`).sort(), ['ChatGPT:1', 'Trello:3', 'perplexity.ai:1']);

      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.match(raw, /Trello/, 'the raw dump shows what was stored (the checks below can fail)');
      for (const secret of ['kowalczyk', 'haberkorn', 'nowakowski']) assert.equal(raw.toLowerCase().includes(secret), false, `"${secret}" was stored`);
    });

    test('a name counts once per client and day; the client key is never stored', async () => {
      const o = await fresh();
      const c = clock('2025-04-01T08:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: c.now });
      const quack = answerFor('Darf ich QuackMail nutzen?');
      assert.equal(quack.unknownTool, 'QuackMail');
      const alice = 'slack:T0001:U0ALICE';
      const bob = 'teams:6f1c2b7e-0d5a-4c61-9d0e-b0b0b0b0b0b0';
      for (let i = 0; i < 50; i++) await r.recordAnswer(quack, 'slack', 1, [alice]); // one client, fifty times
      await r.recordAnswer(quack, 'teams', 3, [bob, bob, bob]); // a batch of the same client
      await r.recordAnswer(quack, 'cli', 2); // no client key: each question counts
      c.advance(60_000);
      await r.recordAnswer(answerFor('Is FrobNicator allowed?'), 'web', 2, ['web:203.0.113.7', 'web:203.0.113.8']);

      let report = await r.report();
      assert.deepEqual(report.gaps.unknownTools.items.map((u) => [u.name, u.count]), [
        ['QuackMail', 4],
        ['FrobNicator', 2],
      ]);
      assert.equal(report.answers.byVerdict.unknown, 57, 'answers are still counted as answers');

      c.set('2025-04-02T09:00:00Z'); // the next day the same client counts again
      await r.recordAnswer(quack, 'slack', 1, [alice]);
      await r.recordAnswer(quack, 'slack', 1, [alice]);
      report = await r.report();
      assert.equal(report.gaps.unknownTools.items[0]?.count, 5);

      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.match(raw, /QuackMail/);
      for (const secret of ['ALICE', 'U0ALICE', 'T0001', '6f1c2b7e', 'b0b0b0', '203.0.113']) {
        assert.equal(raw.includes(secret), false, `"${secret}" (part of a client key) was stored`);
      }
    });

    test('a flood of names from one client cannot keep a real new tool out of a full list', async () => {
      const o = await fresh();
      const c = clock('2025-04-01T08:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: c.now, maxUnknownNames: 5 });
      for (let i = 0; i < 3; i++) await r.recordAnswer(answerFor('Darf ich QuackMail nutzen?'), 'web', 1, [`web:10.0.0.${i}`]);
      for (let i = 0; i < 20; i++) {
        c.advance(1000);
        const junk = answerFor(`Darf ich JunkName${String.fromCharCode(97 + i)}x nutzen?`);
        assert.equal(junk.verdict, 'unknown');
        await r.recordAnswer(junk, 'web', 1, ['web:198.51.100.66']);
      }
      c.advance(1000);
      await r.recordAnswer(answerFor('Is FrobNicator allowed?'), 'slack', 1, ['slack:T1:U1']);
      const names = (await r.report()).gaps.unknownTools.items.map((u) => u.name);
      assert.equal(names.length, 5);
      assert.ok(names.includes('QuackMail'), 'a name asked by three clients stays');
      assert.ok(names.includes('FrobNicator'), `the real new tool is listed: ${names.join(', ')}`);
    });

    test('the unknown-tool list forgets names after RETENTION_DAYS, with STORE_QUESTIONS=false too', async () => {
      const o = await fresh();
      const c = clock('2025-05-01T12:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 7, now: c.now });
      await r.recordAnswer(answerFor('Darf ich QuackMail nutzen?'), 'slack', 3);
      await r.recordAnswer(answerFor('Is FrobNicator allowed?'), 'slack', 2);
      c.set('2025-05-06T12:00:00Z');
      await r.recordAnswer(answerFor('Is FrobNicator allowed?'), 'slack');
      c.set('2025-05-08T12:01:00Z'); // 7 days and a minute after the first questions

      const report = await r.report();
      assert.deepEqual(report.gaps.unknownTools.items.map((u) => [u.name, u.count]), [['FrobNicator', 1]], 'only the questions within 7 days count');
      assert.equal(await r.purgeExpired(), 1);
      assert.equal(await o.storage.kv('usage-unknown').get('quackmail'), undefined);
      assert.deepEqual(await o.storage.kv('usage-index').get('unknown'), ['frobnicator'], 'the name is gone from the list too');

      c.set('2025-05-14T00:00:00Z');
      assert.deepEqual((await r.report()).gaps.unknownTools.items, []);
      assert.equal(await r.purgeExpired(), 1);
      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.equal(/quackmail|frobnicator/i.test(raw), false, 'no name left in the store after the purge');
    });

    test('names stored before the filter existed are not reported and are purged', async () => {
      const o = await fresh();
      const at = Date.parse('2025-06-01T10:00:00Z');
      await o.storage.kv<string[]>('usage-index').set('unknown', ['max.privat', 'quackmail']);
      await o.storage.kv('usage-unknown').set('max.privat', { name: 'max.privat', count: 4, lastAsked: at });
      await o.storage.kv('usage-unknown').set('quackmail', { name: 'QuackMail', count: 2, lastAsked: at });
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: () => new Date(at + 60_000) });
      assert.deepEqual((await r.report()).gaps.unknownTools.items.map((u) => [u.name, u.count]), [['QuackMail', 2]]);
      assert.equal(await r.purgeExpired(), 1);
      assert.equal(await o.storage.kv('usage-unknown').get('max.privat'), undefined);
    });

    test('"not helpful" counts once per client, tool and day; a changed vote still moves', async () => {
      const o = await fresh();
      const c = clock('2025-04-01T08:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: c.now });
      const zoom = { toolIds: ['zoom'], verdict: 'conditional' as const, platform: 'web' as const, helpful: false };
      for (let i = 0; i < 100; i++) await r.recordFeedback({ ...zoom, clientKey: 'web:198.51.100.66' }); // 100 posts, one client
      await r.recordFeedback({ ...zoom, clientKey: 'web:198.51.100.67' });
      let report = await r.report();
      let z = report.feedback.notHelpfulTools.items.find((t) => t.id === 'zoom');
      assert.equal(z?.notHelpful, 2);
      assert.deepEqual(report.feedback.byVerdict.conditional, { helpful: 0, notHelpful: 2 });

      // A vote with an answer id, changed: the "not helpful" it counted is taken back.
      const slack = { toolIds: ['zoom', 'microsoft-365'], verdict: 'conditional' as const, platform: 'slack' as const, clientKey: 'slack:T1:U7', answerId: 'ans-1' };
      await r.recordFeedback({ ...slack, helpful: false });
      await r.recordFeedback({ ...slack, helpful: false }); // same button again
      await r.recordFeedback({ ...slack, helpful: true });
      await r.recordFeedback({ ...slack, helpful: false }); // and back: counts again, once
      report = await r.report();
      z = report.feedback.notHelpfulTools.items.find((t) => t.id === 'zoom');
      assert.equal(z?.notHelpful, 3);
      assert.equal(z?.helpful, 0);
      assert.equal(report.feedback.notHelpfulTools.items.find((t) => t.id === 'microsoft-365')?.notHelpful, 1);

      c.set('2025-04-02T08:00:00Z'); // a new day: the first client counts again
      await r.recordFeedback({ ...zoom, clientKey: 'web:198.51.100.66' });
      await r.recordFeedback({ ...zoom, clientKey: 'web:198.51.100.66' });
      report = await r.report();
      assert.equal(report.feedback.notHelpfulTools.items.find((t) => t.id === 'zoom')?.notHelpful, 4);

      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.equal(/198\.51\.100|slack:T1:U7|ans-1/.test(raw), false, 'no client key or answer id stored');
    });

    test('the day secret and the marks expire: the secret within two days, a mark at the end of its day', async () => {
      if (backend.name !== 'redis') return; // the TTL as the store holds it: Redis shows it directly
      const o = await fresh();
      const at = Date.now();
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30, now: () => new Date(at) });
      await r.recordAnswer(answerFor('Darf ich QuackMail nutzen?'), 'web', 1, ['web:192.0.2.1']);
      const redis = await RawRedis.open();
      try {
        const keys = (await redis.command('KEYS', `${o.prefix}*usage-day-*`)) as string[];
        const secrets = keys.filter((k) => k.includes('usage-day-secrets'));
        const marks = keys.filter((k) => k.includes('usage-day-marks'));
        assert.equal(secrets.length, 1);
        assert.equal(marks.length, 1);
        const secretTtl = (await redis.command('PTTL', secrets[0]!)) as number;
        const markTtl = (await redis.command('PTTL', marks[0]!)) as number;
        assert.ok(secretTtl > 0 && secretTtl <= 2 * DAY, `secret TTL ${secretTtl}`);
        assert.ok(markTtl > 0 && markTtl <= DAY + 5 * 60_000, `mark TTL ${markTtl}`);
      } finally {
        await redis.close();
      }
    });
  });
}

describe('stored unclear questions (STORE_QUESTIONS=true)', () => {
  test('are kept with personal data replaced by placeholders', async () => {
    const file = path.join(tmp, `${randomUUID()}.sqlite`);
    const storage = await openStorage({ sqlitePath: file, prefix: 'q-' });
    try {
      const r = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 });
      const question = 'Kannst du Frau Meier unter 0170 1234567 oder meier@example.org erreichen, Hauptstraße 5?';
      // Taken as not understood (whatever the engine of the moment makes of it).
      await r.recordAnswer({ ...engine.answer(question), verdict: 'unclear', unknownTool: null, tools: [] }, 'web');
      const texts = (await r.report()).gaps.unclear.questions.items.map((q) => q.text);
      assert.deepEqual(texts, ['Kannst du Frau [NAME] unter [PHONE] oder [E-MAIL] erreichen, [ADDRESS]?']);
    } finally {
      await storage.close();
    }
    // The database file and its write-ahead log: a write may not be checkpointed into the file yet.
    const raw = readdirSync(path.dirname(file))
      .filter((f) => f.startsWith(path.basename(file)))
      .map((f) => readFileSync(path.join(path.dirname(file), f)).toString('latin1'))
      .join('\n');
    assert.match(raw, /Kannst du Frau/);
    for (const secret of ['Meier', '1234567', 'example.org', 'Hauptstra']) assert.equal(raw.includes(secret), false, `"${secret}" was stored`);
  });
});
