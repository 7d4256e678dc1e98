// Review reminders (issue 13, item 9): which entries are due, `kb due` and `kb reviewed` through the
// real CLI, `admin due` / `admin reviewed` through the chat command path, and the weekly reminder
// sent once per week across two instances sharing one SQLite file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createChatCommands, type ChatUser } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { todayIso } from '../src/kb/edit.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { Language } from '../src/model/language.js';
import { dueEntries, oneYearAfter } from '../src/review/due.js';
import { isoWeek, startReviewReminders } from '../src/review/reminders.js';
import { openStorage } from '../src/storage/index.js';
import type { KbCopy } from './helpers/admin-kb-copy.js';
import { copyWithReviewDates } from './helpers/review-dates.js';
import { chatAdminService } from './helpers/chat-admin.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const silent = pino({ level: 'silent' });

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'kb', ...args],
      { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: '', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe('which entries are due', () => {
  it('passed or within the days asked for, most overdue first; a year later keeps the day', async () => {
    const today = new Date();
    const kb = await copyWithReviewDates(today);
    try {
      const base = await loadKnowledgeBase(kb.dir);
      assert.deepEqual(dueEntries(base, todayIso(today)).map((e) => [e.toolId, e.daysLeft]), [['zoom', -3], ['microsoft-365', 10]]);
      assert.deepEqual(dueEntries(base, todayIso(today), 100).map((e) => e.toolId), ['zoom', 'microsoft-365', 'zoom-licensed']);
      assert.deepEqual(dueEntries(base, todayIso(today), 0).map((e) => e.toolId), ['zoom']);
    } finally {
      await kb.cleanup();
    }
    assert.equal(oneYearAfter('2026-11-29'), '2027-11-29');
    assert.equal(oneYearAfter('2028-02-29'), '2029-02-28');
  });
});

describe('kb due and kb reviewed (real CLI)', () => {
  let kb: KbCopy;
  let env: Record<string, string>;
  before(async () => {
    kb = await copyWithReviewDates(new Date());
    env = { STORAGE_URL: `sqlite:${path.join(path.dirname(kb.dir), 'review.sqlite')}` };
  });
  after(() => kb.cleanup());

  it('lists what is due, marks an entry reviewed (audited), and it is no longer due', async () => {
    const due = await cli(['due', '--kb', kb.dir], env);
    assert.equal(due.code, 0, due.err);
    assert.match(due.out, /^Entries whose review is due or falls due within 30 days:\n• Zoom \(zoom\): overdue since \d{4}-\d{2}-\d{2} \(3 days\)\n• Microsoft 365 \(microsoft-365\): due on \d{4}-\d{2}-\d{2} \(in 10 days\)\n/);
    assert.doesNotMatch(due.out, /zoom-licensed/);

    const next = oneYearAfter(todayIso());
    const done = await cli(['reviewed', 'zoom', '--by', 'anna', '--kb', kb.dir], env);
    assert.equal(done.code, 0, done.err);
    assert.equal(done.out, `Done: Zoom is recorded as reviewed today; next review on ${next}. Recorded in the audit log.\n`);
    const text = await readFile(kb.tool('zoom'), 'utf8');
    assert.match(text, new RegExp(`^updated: ${todayIso()}$`, 'm'));
    assert.match(text, new RegExp(`^review_due: ${next}$`, 'm'));

    const history = await cli(['history', 'zoom', '--kb', kb.dir], env);
    assert.match(history.out, new RegExp(`– cli:anna: reviewed, next review ${next} \\(was \\d{4}-\\d{2}-\\d{2}\\)\\n$`));
    const later = await cli(['due', '--days', '30', '--kb', kb.dir], env);
    assert.doesNotMatch(later.out, /\(zoom\)/);
    assert.match(later.out, /\(microsoft-365\)/);
  });
});

describe('admin due and admin reviewed in chat', () => {
  it('an admin lists and marks; a non-admin is refused with the command word only', async () => {
    const kb = await copyWithReviewDates(new Date());
    const storage = await openStorage({ sqlitePath: path.join(path.dirname(kb.dir), 'chat.sqlite') });
    try {
      const core = new ComplianceCore(await loadKnowledgeBase(kb.dir));
      // Four eyes on: a review is no status change, it applies at once.
      const admin = chatAdminService({ kbDir: kb.dir, storage, core, fourEyes: true });
      const chat = createChatCommands({ core, storage, admin, logger: silent });
      const user = (id: string, language: Language): ChatUser => {
        const t = { platform: 'slack' as const, conversationId: `D-${id}`, userId: id };
        return { platform: 'slack', key: `slack:${id}`, adminId: `slack:${id}`, personal: t, conversation: t, language };
      };
      const anna = user('UANNA', 'de');
      const due = await chat.handle('admin fällig', anna);
      assert.match(due?.text ?? '', /^Einträge, deren Prüfung fällig ist oder in den nächsten 30 Tagen fällig wird:\n• Zoom \(zoom\): seit .* überfällig \(3 Tage\)\n• Microsoft 365 \(microsoft-365\): fällig am .* \(in 10 Tagen\)\nNach der Prüfung: `admin reviewed zoom`/);

      const refused = await chat.handle('admin geprüft zoom Frau Erika Mustermann', user('UEVE', 'en'));
      assert.match(refused?.text ?? '', /^Sorry/);
      assert.deepEqual((await storage.audit.history({ kb: admin.kbId, toolId: null })).entries.map((e) => e.after), [{ command: 'reviewed' }]);

      const done = await chat.handle('admin reviewed zoom 2027-06-30', anna);
      assert.equal(done?.text, 'Erledigt: Zoom ist als geprüft vermerkt (Stand heute); nächste Prüfung am 30.06.2027. Im Änderungsprotokoll vermerkt.');
      assert.match(await readFile(kb.tool('zoom'), 'utf8'), /^review_due: 2027-06-30$/m);
      const past = await chat.handle('admin reviewed zoom 2020-01-01', anna);
      assert.match(past?.text ?? '', /^Nicht geändert: Das Datum der nächsten Prüfung \(01\.01\.2020\) muss nach heute \(\d\d\.\d\d\.\d{4}\)/);
      const after = await chat.handle('admin due', anna);
      assert.doesNotMatch(after?.text ?? '', /\(zoom\)/);
    } finally {
      await storage.close();
      await kb.cleanup();
    }
  });
});

describe('the weekly reminder', () => {
  it('goes out once a week across two instances, not on Monday before the hour, not when nothing is due', async () => {
    const monday = new Date(2026, 10, 30, 7, 0); // Monday 30 November 2026, 07:00 server time
    const kb = await copyWithReviewDates(monday);
    const file = path.join(path.dirname(kb.dir), 'reminders.sqlite');
    const [a, b] = [await openStorage({ sqlitePath: file }), await openStorage({ sqlitePath: file })];
    try {
      const base = await loadKnowledgeBase(kb.dir);
      let clock = monday;
      const sent: string[] = [];
      const instance = (s: typeof a) =>
        startReviewReminders({
          knowledgeBase: () => base,
          kbId: 'kb-test',
          send: async (text) => void sent.push(text('en')),
          once: (key, ttl) => s.dedupe.firstSeen(key, ttl),
          now: () => clock,
          checkEveryMs: 3_600_000,
        });
      const [ra, rb] = [instance(a), instance(b)];
      try {
        assert.equal(await ra.check(), false, 'Monday before 8');
        clock = new Date(2026, 10, 30, 9, 0);
        const results = await Promise.all([ra.check(), rb.check(), ra.check()]);
        assert.equal(results.filter(Boolean).length, 1);
        assert.equal(sent.length, 1);
        assert.match(sent[0] ?? '', /^Weekly reminder: entries of the tool catalogue to review\.\nEntries whose review is due.*\n• Zoom \(zoom\): overdue since 2026-11-27 \(3 days\)\n• Microsoft 365 \(microsoft-365\): due on 2026-12-10 \(in 10 days\)\nAfter reviewing: `admin reviewed zoom`/);
        clock = new Date(2026, 11, 3, 9, 0); // Thursday, same week
        assert.equal(await rb.check(), false);
        clock = new Date(2026, 11, 7, 9, 0); // next Monday
        assert.equal(await rb.check(), true);
        assert.equal(sent.length, 2);
        assert.equal(isoWeek(clock), '2026-W50');
        clock = new Date(2025, 0, 6, 9, 0); // long before anything is due
        assert.equal(await ra.check(), false, 'nothing due: nothing sent');
        assert.equal(sent.length, 2);
      } finally {
        ra.stop();
        rb.stop();
      }
    } finally {
      await a.close();
      await b.close();
      await kb.cleanup();
    }
  });
});
