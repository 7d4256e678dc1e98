// The usage recorder against real stores: a temporary SQLite file and the real Redis on
// 127.0.0.1:6379 (each test under its own prefix, cleared afterwards), fed with answers of the real
// engine on the shipped knowledge base.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Answer } from '../src/model/answer.js';
import type { Platform } from '../src/model/platform.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { startUsagePurge } from '../src/usage/purge-timer.js';
import { UsageInputError } from '../src/errors.js';
import { createUsageRecorder, type UsageRecorder } from '../src/usage/recorder.js';
import { freshStores, manualClock, rawStores } from './helpers/raw-stores.js';
import { describeNeeding } from './helpers/services.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'usage-recorder-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let engine: Engine;
before(async () => {
  engine = createEngine(await loadKnowledgeBase('knowledge'));
});

// PostgreSQL is left to usage-privacy.test.ts: @keyv/postgres shares one pool per process.
const BACKENDS = rawStores(tmp, 'usage').filter((b) => b.name !== 'postgres');
const clock = manualClock;

for (const backend of BACKENDS) {
  await describeNeeding(backend.needs, `usage recorder on ${backend.name}`, () => {
    const fresh = freshStores(backend);

    async function ask(r: UsageRecorder, question: string, platform: Platform = 'slack'): Promise<Answer> {
      const a = engine.answer(question);
      await r.recordAnswer(a, platform);
      return a;
    }

    test('counts answers per verdict, platform, tool verdict, category, unknown name and unclear', async () => {
      const { storage } = await fresh();
      const r = createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30 });
      for (let i = 0; i < 3; i++) await ask(r, 'Darf ich Zoom mit Bürgern nutzen?', 'slack');
      for (let i = 0; i < 2; i++) await ask(r, 'May I use Zoom for a confidential call?', 'teams');
      await ask(r, 'Can we use Teams?', 'web');
      await ask(r, 'Ist QuackMail erlaubt?', 'slack'); // (a lower-case compound of ordinary words is no name to the engine)
      await ask(r, 'Darf ich QuackMail nutzen?', 'slack');
      await ask(r, 'May I use QUACKMAIL?', 'web');
      await ask(r, 'Is FrobNicator allowed?', 'cli');
      assert.equal((await ask(r, 'Hallo', 'slack')).verdict, 'unclear');
      await ask(r, 'Wie spät ist es heute in Hamburg-Altona?', 'teams');
      assert.equal((await ask(r, 'Welche Videokonferenzsysteme sind freigegeben?', 'web')).verdict, 'list');
      const both = await ask(r, 'Darf ich Zoom und QuackMail nutzen?', 'slack');
      assert.equal(both.verdict, 'list');

      const report = await r.report();
      assert.equal(report.answers.total, 14);
      assert.deepEqual(report.answers.byVerdict, { allowed: 0, conditional: 3, confirm: 0, not_allowed: 2, pending: 1, unknown: 4, unclear: 2, list: 2 });
      assert.deepEqual(report.answers.byPlatform, { slack: 7, teams: 3, web: 3, cli: 1, mcp: 0 });
      assert.ok(report.since !== null);

      // The category overview lists Zoom and Zoom (licensed) but counts for the category, not for them.
      assert.deepEqual(
        report.tools.items.map((t) => [t.id, t.answers, t.verdicts]),
        [
          ['zoom', 6, { allowed: 0, conditional: 4, not_allowed: 2, pending: 0 }],
          ['microsoft-365', 1, { allowed: 0, conditional: 0, not_allowed: 0, pending: 1 }],
        ],
      );
      assert.equal(report.tools.items[0]?.name, 'Zoom');
      assert.deepEqual(report.categories.items.map((c) => [c.id, c.answers]), [['video-conferencing', 1]]);

      // "quackmail", "QuackMail", "QUACKMAIL": one name, shown with capitals.
      assert.deepEqual(report.gaps.unknownTools.items.map((u) => [u.name, u.count]), [
        ['QuackMail', 4],
        ['FrobNicator', 1],
      ]);
      assert.equal(report.gaps.unclear.count, 2);
      assert.deepEqual(report.gaps.unclear.questions, { items: [], more: 0 });
      assert.equal(report.storeQuestions, false);
    });

    test('feedback: counted per tool and verdict; a re-click is not counted twice and a changed vote moves', async () => {
      const { storage } = await fresh();
      const r = createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30 });
      const zoom = { toolIds: ['zoom'], verdict: 'conditional' as const, platform: 'slack' as const };
      await r.recordFeedback({ ...zoom, answerId: 'a1', helpful: false });
      await r.recordFeedback({ ...zoom, answerId: 'a1', helpful: false }); // same button again
      await r.recordFeedback({ ...zoom, answerId: 'a2', helpful: true });
      await r.recordFeedback({ ...zoom, answerId: 'a2', helpful: false }); // changed its mind
      await r.recordFeedback({ ...zoom, answerId: 'a3', helpful: true });
      await r.recordFeedback({ toolIds: ['microsoft-365'], verdict: 'pending', platform: 'teams', helpful: false });
      await r.recordFeedback({ toolIds: [], verdict: 'unknown', platform: 'web', helpful: false });
      await r.recordFeedback({ toolIds: [], verdict: 'unknown', platform: 'web', helpful: false }); // no id: each counts

      const report = await r.report();
      assert.equal(report.feedback.helpful, 1);
      assert.equal(report.feedback.notHelpful, 5);
      assert.deepEqual(report.feedback.byVerdict.conditional, { helpful: 1, notHelpful: 2 });
      assert.deepEqual(report.feedback.byVerdict.unknown, { helpful: 0, notHelpful: 2 });
      assert.deepEqual(report.feedback.byVerdict.pending, { helpful: 0, notHelpful: 1 });
      assert.deepEqual(
        report.feedback.notHelpfulTools.items.map((t) => [t.id, t.notHelpful, t.helpful]),
        [
          ['zoom', 2, 1],
          ['microsoft-365', 1, 0],
        ],
      );
      // Feedback is not an answer: no tool appears under "answers per tool".
      assert.deepEqual(report.tools.items, []);

      await assert.rejects(r.recordFeedback({ toolIds: ['Zoom; DROP'], verdict: 'allowed', platform: 'web', helpful: true }), UsageInputError);
      await assert.rejects(
        r.recordFeedback({ toolIds: [], verdict: 'maybe' as never, platform: 'web', helpful: true }),
        (err: unknown) => err instanceof UsageInputError && err.field === 'verdict',
      );
    });

    test('answers through MCP are counted, but neither an unknown name nor an unclear text is kept', async () => {
      const { storage } = await fresh();
      const r = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 });
      // A product-shaped name (a capital inside), which the list keeps at once when asked elsewhere.
      assert.equal((await ask(r, 'Darf ich QuackMail nutzen?', 'mcp')).verdict, 'unknown');
      assert.equal((await ask(r, 'Guten Morgen zusammen', 'mcp')).verdict, 'unclear');
      const report = await r.report();
      assert.equal(report.answers.byPlatform.mcp, 2);
      assert.deepEqual(report.gaps.unknownTools.items, []);
      assert.deepEqual(report.gaps.unclear.questions.items, []);
      await ask(r, 'Darf ich QuackMail nutzen?', 'web');
      assert.deepEqual((await r.report()).gaps.unknownTools.items.map((u) => u.name), ['QuackMail'], 'the same question elsewhere is kept');
    });

    test('gap queue: most asked first, ties by the latest question; the limit cuts every list', async () => {
      const { storage } = await fresh();
      const c = clock('2025-03-01T09:00:00Z');
      const r = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30, now: c.now });
      const times: [string, number][] = [
        ['Darf ich AlphiX nutzen?', 2],
        ['Darf ich BetriX nutzen?', 2], // as often as Alphix, but asked later
        ['Darf ich GammiX nutzen?', 3],
        ['Is DeltiX allowed?', 1],
      ];
      for (const [q, n] of times) {
        for (let i = 0; i < n; i++) {
          c.advance(60_000);
          assert.equal((await ask(r, q)).verdict, 'unknown', q);
        }
      }
      for (const [q, n] of [['Hallo', 1], ['Guten Morgen zusammen', 3], ['Where is the canteen?', 2]] as const) {
        for (let i = 0; i < n; i++) {
          c.advance(60_000);
          assert.equal((await ask(r, q)).verdict, 'unclear', q);
        }
      }
      const full = await r.report();
      assert.deepEqual(full.gaps.unknownTools.items.map((u) => `${u.name}:${u.count}`), ['GammiX:3', 'BetriX:2', 'AlphiX:2', 'DeltiX:1']);
      assert.deepEqual(full.gaps.unclear.questions.items.map((q) => `${q.text}:${q.count}`), [
        'Guten Morgen zusammen:3',
        'Where is the canteen?:2',
        'Hallo:1',
      ]);

      const cut = await r.report({ limit: 2 });
      assert.deepEqual(cut.gaps.unknownTools.items.map((u) => u.name), ['GammiX', 'BetriX']);
      assert.equal(cut.gaps.unknownTools.more, 2);
      assert.equal(cut.gaps.unclear.questions.more, 1);
      assert.equal(cut.gaps.unclear.count, 6);
      await assert.rejects(r.report({ limit: 0 }), RangeError);
    });

    test('by default no question text is stored, only counts and the unknown name', async () => {
      const o = await fresh();
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: false, retentionDays: 30 });
      const unclear = 'Wie spät ist es heute in Hamburg-Altona?';
      const unknown = 'Darf ich QuackMail mit Bürgern nutzen?';
      assert.equal((await ask(r, unclear)).verdict, 'unclear');
      assert.equal((await ask(r, unknown)).verdict, 'unknown');
      await r.recordFeedback({ answerId: 'answer-1', toolIds: [], verdict: 'unknown', platform: 'slack', helpful: false });
      // The SQLite file is read once the storage has let go of it.
      if (backend.name === 'sqlite') await o.storage.close();
      const raw = await backend.raw(o);
      assert.match(raw, /QuackMail/, 'the raw dump shows what was stored (the check below can fail)');
      for (const needle of ['Hamburg-Altona', 'Wie spät', 'mit Bürgern', 'answer-1']) {
        assert.equal(raw.includes(needle), false, `"${needle}" must not be stored`);
      }
    });

    test('with STORE_QUESTIONS=true unclear texts are kept for the retention period, never returned after it, and purged', async () => {
      const o = await fresh();
      const c = clock('2025-03-01T10:00:00Z');
      const r = createUsageRecorder({ storage: o.storage, storeQuestions: true, retentionDays: 30, now: c.now });
      await ask(r, 'Hallo');
      await ask(r, 'Darf ich QuackMail nutzen?'); // unknown: its text is not kept, only the name
      c.set('2025-03-02T10:00:00Z');
      await ask(r, 'hallo');
      c.set('2025-03-21T10:00:00Z');
      await ask(r, 'Wie spät ist es heute in Hamburg-Altona?');

      let report = await r.report();
      assert.deepEqual(report.gaps.unclear.questions.items, [
        { text: 'hallo', count: 2, lastAsked: '2025-03-02T10:00:00.000Z' },
        { text: 'Wie spät ist es heute in Hamburg-Altona?', count: 1, lastAsked: '2025-03-21T10:00:00.000Z' },
      ]);
      const stored = await backend.raw(o);
      assert.match(stored, /Hamburg-Altona/);
      assert.equal(stored.includes('Darf ich QuackMail'), false);

      // 30 days and a minute after the first "Hallo": it is gone from the report before any purge.
      c.set('2025-03-31T10:01:00Z');
      report = await r.report();
      assert.deepEqual(report.gaps.unclear.questions.items.map((q) => `${q.text}:${q.count}`), [
        'Wie spät ist es heute in Hamburg-Altona?:1',
        'hallo:1',
      ]);
      // The first "Hallo" and the unknown name QuackMail (asked only on the first day) are due.
      assert.deepEqual(report.gaps.unknownTools.items, [], 'the unknown name is past its retention too');
      assert.equal(await r.purgeExpired(), 2);
      assert.equal(await r.purgeExpired(), 0);
      assert.equal(await o.storage.kv('usage-unknown').get('quackmail'), undefined, 'the unknown name is deleted');
      assert.equal(await o.storage.kv('usage-questions').get('2025-03-01'), undefined, 'the first day is deleted');

      c.set('2025-05-01T00:00:00Z');
      assert.deepEqual((await r.report()).gaps.unclear.questions.items, []);
      assert.equal(await r.purgeExpired(), 2);
      assert.equal(await o.storage.kv('usage-questions').get('2025-03-21'), undefined);
      if (backend.name === 'redis') {
        assert.equal((await backend.raw(o)).includes('Hamburg-Altona'), false, 'no text left in Redis after the purge');
      }
      report = await r.report();
      assert.equal(report.gaps.unclear.count, 3, 'the count stays');
      assert.deepEqual(report.gaps.unknownTools.items, []);
    });

    test('startUsagePurge purges expired question texts at start and then on its interval', async () => {
      const { storage } = await fresh();
      const c = clock('2025-06-01T12:00:00Z');
      const r = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 1, now: c.now });
      await ask(r, 'Hallo');
      const days = storage.kv('usage-questions');
      const stop = startUsagePurge(r, 20);
      try {
        await new Promise((resolve) => setTimeout(resolve, 60));
        assert.ok(await days.get('2025-06-01'), 'nothing expired yet');
        c.set('2025-06-03T00:00:00Z');
        const deadline = Date.now() + 2000;
        while ((await days.get('2025-06-01')) !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(await days.get('2025-06-01'), undefined, 'the timer purged the expired day');
      } finally {
        stop();
      }
    });

    test('concurrent answers and feedback, also through two recorders on one storage, are all counted', async () => {
      const { storage } = await fresh();
      const a = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 });
      const b = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 });
      const answers = ['Darf ich Zoom mit Bürgern nutzen?', 'Can we use Teams?', 'Darf ich QuackMail nutzen?', 'Hallo'].map((q) => engine.answer(q));
      const N = 50;
      const work: Promise<void>[] = [];
      for (let i = 0; i < N; i++) {
        for (const ans of answers) work.push((i % 2 ? a : b).recordAnswer(ans, i % 3 ? 'slack' : 'teams'));
        work.push((i % 2 ? b : a).recordFeedback({ answerId: `x${i}`, toolIds: ['zoom'], verdict: 'conditional', platform: 'slack', helpful: i % 5 !== 0 }));
      }
      await Promise.all(work);
      const report = await a.report();
      assert.equal(report.answers.total, 4 * N);
      assert.equal(report.answers.byPlatform.slack + report.answers.byPlatform.teams, 4 * N);
      const zoom = report.tools.items.find((t) => t.id === 'zoom');
      assert.equal(zoom?.verdicts.conditional, N);
      assert.equal(zoom?.helpful, N - N / 5);
      assert.equal(zoom?.notHelpful, N / 5);
      assert.equal(report.tools.items.find((t) => t.id === 'microsoft-365')?.verdicts.pending, N);
      assert.deepEqual(report.gaps.unknownTools.items.map((u) => [u.name, u.count]), [['QuackMail', N]]);
      assert.deepEqual(report.gaps.unclear.questions.items.map((q) => [q.text, q.count]), [['Hallo', N]]);
    });
  });
}
