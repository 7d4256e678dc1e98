// Work the store refuses is not swallowed (issue "Operations a maintainer can trust"): through the
// real server on a real SQLite file whose write lock another program holds (test/helpers/
// sqlite-write-lock.ts; reads still work, every write waits out the busy timeout and fails):
//   - hand edits made while the bot was down, whose notices cannot be queued at start, are queued
//     and delivered once the store answers (not only at the next start);
//   - a hand edit whose audit entry cannot be stored is logged in full (without any question text)
//     and stored once the store answers; its notice is delivered then too;
//   - a failing storage sweep is logged.
// Each case waits out SQLite's 10 s busy timeout once, so these tests take a while.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { phrases } from '../src/phrases/index.js';
import { startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { eventually } from './helpers/cluster-harness.js';
import { memoryLogger, postJson } from './helpers/server.js';
import { startSlackServer, type SlackServer, type SlackServerOptions } from './helpers/slack-server.js';
import { holdSqliteWriteLock, type SqliteWriteLock } from './helpers/sqlite-write-lock.js';

const SUBSCRIBER = 'USTORESUB';
const ADMIN = 'USTOREADMIN';
/** Longer than SQLite's busy timeout plus the breaker's cool-down, with room for a loaded machine: how long a refused write (and a reply waiting for it) may take to show. */
const STORE_WAIT_MS = 30_000;
const QUIET_MS = 1_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  kb: KbCopy;
  slack: FakeSlackApi;
  sqliteFile: string;
  start(options?: Partial<SlackServerOptions>): Promise<SlackServer>;
  lock(): Promise<SqliteWriteLock>;
  /** The change notices the subscriber got. */
  notices(bot: SlackServer): string[];
  setZoomStatus(status: string): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function setup(): Promise<Setup> {
  const kb = await copyKnowledge();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cb-store-failures-'));
  const slack = await startFakeSlackApi();
  const sqliteFile = path.join(dataDir, 'bot.sqlite');
  cleanups.push(async () => {
    await slack.close();
    await kb.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    kb,
    slack,
    sqliteFile,
    async start(options = {}) {
      const bot = await startSlackServer({ slack, kbDir: kb.dir, sqliteFile, admins: [ADMIN], timers: { retryMs: 300 }, ...options });
      cleanups.push(() => bot.close());
      return bot;
    },
    async lock() {
      const lock = await holdSqliteWriteLock(sqliteFile);
      cleanups.push(() => lock.release());
      return lock;
    },
    notices: (bot) => bot.postsTo(SUBSCRIBER).map((p) => String(p.body.text)).filter((t) => t.startsWith('🔔')),
    async setZoomStatus(status) {
      const text = await readFile(kb.tool('zoom'), 'utf8');
      await writeFile(kb.tool('zoom'), text.replace(/^status: \w+$/m, `status: ${status}`));
    },
  };
}

const messageOf = (line: Record<string, unknown>) => String(line.msg);
/** The lines of an `admin history` reply that record a hand edit, in either language. */
const handEditLines = (history: string) => history.split('\n').filter((line) => (['de', 'en'] as const).some((l) => line.includes(phrases(l).admin.hHandEdit)));

describe('store failures are logged, and the work is done once the store answers', () => {
  it('a hand edit made while the bot was down: its notice, not queued at start, is delivered once the store answers', async () => {
    const s = await setup();
    const first = await s.start();
    await first.dm(SUBSCRIBER, 'subscribe zoom');
    await first.close();

    await s.setZoomStatus('pending');
    const lock = await s.lock();
    const { logger, lines } = memoryLogger();
    const bot = await s.start({ logger });
    await eventually(
      () => lines.find((l) => /change notifications could not be queued/.test(messageOf(l))),
      () => 'the log line saying the missed changes could not be queued',
      STORE_WAIT_MS,
    );
    assert.deepEqual(s.notices(bot), [], 'nothing delivered while the store refuses writes');

    await lock.release();
    await eventually(() => s.notices(bot)[0], () => 'the notice of the hand edit made while the bot was down', STORE_WAIT_MS);
    await sleep(QUIET_MS);
    assert.equal(s.notices(bot).length, 1, 'delivered once');
    assert.match(s.notices(bot)[0] as string, /Zoom/);
    assert.ok(lines.some((l) => /queued after all/.test(messageOf(l))), 'the log says the changes were queued after all');
    // The edit is in the audit trail too, once, as a hand edit (found at start, written once the store took it).
    const history = await eventually(async () => {
      const text = String((await bot.dm(ADMIN, 'admin history zoom', STORE_WAIT_MS)).body.text);
      return handEditLines(text).length > 0 ? text : undefined;
    }, () => 'the hand edit made while the bot was down in the audit trail', STORE_WAIT_MS);
    assert.equal(handEditLines(history).length, 1, `the hand edit is in the audit trail once, got:\n${history}`);
  });

  it('a hand edit whose audit entry the store refuses: logged in full without question text, stored and notified once the store answers', async () => {
    const s = await setup();
    const { logger, lines } = memoryLogger();
    const bot = await s.start({ logger });
    await bot.dm(SUBSCRIBER, 'subscribe zoom');

    const lock = await s.lock();
    await s.setZoomStatus('prohibited');
    const question = 'Darf ich Zoom für das Gespräch mit Frau Erika Mustermann nutzen?';
    // Polled every 50 ms over one kept-alive connection: once in a full run of the suite a poll met the
    // connection as it closed ("fetch failed"). A failed poll is polled again; the reason is kept
    // for the message should the answer never come.
    let lastFailure = '';
    const asked = await eventually(
      async () => {
        const res = await postJson(`${bot.server.url}/api/ask`, { question }).catch((err: unknown) => {
          lastFailure = `${String(err)} (${String((err as { cause?: unknown }).cause)})`;
          return undefined;
        });
        if (!res) return undefined;
        const { verdict } = (await res.json()) as { verdict: string };
        return verdict === 'not_allowed' ? verdict : undefined;
      },
      () => `the hand edit to be answered from${lastFailure ? `; the last poll failed: ${lastFailure}` : ''}`,
      STORE_WAIT_MS,
    );
    assert.equal(asked, 'not_allowed');
    const logged = await eventually(
      () => lines.find((l) => /audit entry not stored/.test(messageOf(l))),
      () => 'the log line with the audit entry the store refused',
      STORE_WAIT_MS,
    );
    const entry = logged.auditEntry as { action: string; toolId: string; after: { status: string } };
    assert.equal(entry.action, 'hand_edit');
    assert.equal(entry.toolId, 'zoom');
    assert.equal(entry.after.status, 'prohibited', 'the entry is in the log in full');
    assert.deepEqual(s.notices(bot), [], 'no notice while the store refuses writes');

    await lock.release();
    await eventually(() => lines.find((l) => /audit entry stored after all/.test(messageOf(l))), () => 'the audit entry stored after all', STORE_WAIT_MS);
    await eventually(() => s.notices(bot)[0], () => 'the notice of the hand edit', STORE_WAIT_MS);
    await sleep(QUIET_MS);
    assert.equal(s.notices(bot).length, 1, 'notified once');
    const history = String((await bot.dm(ADMIN, 'admin history zoom', STORE_WAIT_MS)).body.text);
    assert.equal(handEditLines(history).length, 1, `the hand edit is in the audit trail once, got:\n${history}`);
    const logText = JSON.stringify(lines);
    assert.ok(!logText.includes('Mustermann') && !logText.includes('Gespräch'), 'no question text in the log');
  });

  it('an admin change whose notice waits for the store names the admin and the note, not a change in the files', async () => {
    const s = await setup();
    const bot = await s.start();
    await bot.dm(SUBSCRIBER, 'subscribe zoom');
    const lock = await s.lock();
    const reply = String((await bot.dm(ADMIN, 'admin status zoom prohibited Warnung der Aufsichtsbehörde', STORE_WAIT_MS)).body.text);
    assert.match(reply, /^(Erledigt|Done):/, `the change is made while the store refuses writes:\n${reply}`);
    assert.ok(reply.includes(phrases('de').admin.auditKept), `the reply says the record is written later:\n${reply}`);
    await sleep(QUIET_MS);
    assert.deepEqual(s.notices(bot), [], 'no notice while the store refuses writes');
    await lock.release();
    const notice = await eventually(() => s.notices(bot)[0], () => 'the notice of the admin change', STORE_WAIT_MS);
    assert.match(notice, /Warnung der Aufsichtsbehörde/, 'the admin\'s note');
    for (const lang of ['de', 'en'] as const) assert.ok(!notice.includes(phrases(lang).notice.handEdit), `not a hand edit:\n${notice}`);
    // The record the store refused is written once it answers, once.
    const statusLines = (['de', 'en'] as const).map((l) => phrases(l).admin.hStatus(phrases(l).status.restricted, phrases(l).status.prohibited));
    const changes = (text: string) => text.split('\n').filter((line) => statusLines.some((s) => line.includes(s)));
    const history = await eventually(async () => {
      const text = String((await bot.dm(ADMIN, 'admin history zoom', STORE_WAIT_MS)).body.text);
      return changes(text).length > 0 ? text : undefined;
    }, () => 'the admin change in the audit trail', STORE_WAIT_MS);
    assert.equal(changes(history).length, 1, `recorded once:\n${history}`);
  });

  it('a storage sweep the store refuses is logged', async () => {
    const s = await setup();
    const { logger, lines } = memoryLogger();
    await s.start({ logger, timers: { storageSweepEveryMs: 1_000 } });
    const lock = await s.lock();
    const logged = await eventually(
      () => lines.find((l) => /sweeping expired records failed/.test(messageOf(l))),
      () => 'the log line of the failed sweep',
      STORE_WAIT_MS,
    );
    assert.equal(logged.component, 'storage');
    assert.equal(logged.level, 40, 'a warning');
    await lock.release();
  });
});
