// The weekly review reminder through the real server (Slack against the fake Web API, a real SQLite
// file): once the reminder is due, each admin gets one DM naming the entries due and the command that
// marks one reviewed; later checks of the same week, also after a restart on the same store, send
// nothing more; the next week sends again. The server's clock and check interval are injected
// through StartOptions.timers.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startFakeSlackApi } from './fakes/slack-api.js';
import { eventually } from './helpers/cluster-harness.js';
import { copyWithReviewDates } from './helpers/review-dates.js';
import { startSlackServer, type SlackServer } from './helpers/slack-server.js';

const ADMINS = ['UREVIEWA', 'UREVIEWB'];
/** Long enough for many checks at REVIEW_CHECK_MS: a second reminder would have been sent by then. */
const QUIET_MS = 1_000;
const REVIEW_CHECK_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the weekly review DM: once per admin and week, naming the entries due and the command; not again after a restart in the same week', async () => {
  const monday = new Date(2026, 10, 30, 9, 0); // Monday 30 November 2026, 09:00 server time
  let clock = monday;
  const kb = await copyWithReviewDates(monday);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cb-review-server-'));
  const slack = await startFakeSlackApi();
  const start = () =>
    startSlackServer({ slack, kbDir: kb.dir, sqliteFile: path.join(dataDir, 'bot.sqlite'), admins: ADMINS, timers: { now: () => clock, reviewCheckEveryMs: REVIEW_CHECK_MS } });
  let bot: SlackServer | undefined;
  try {
    bot = await start();
    const first = bot;
    const reminders = (admin: string) => first.postsTo(admin).map((p) => String(p.body.text));
    const counts = () => ADMINS.map((a) => reminders(a).length);

    await eventually(() => (counts().every((n) => n >= 1) ? true : undefined), () => `a reminder to each admin (have ${counts().join(', ')})`);
    await sleep(QUIET_MS);
    assert.deepEqual(counts(), [1, 1], 'one DM per admin, however many checks ran');
    for (const admin of ADMINS) {
      const [text] = reminders(admin);
      assert.match(text ?? '', /\(zoom\)/, 'names the overdue entry');
      assert.match(text ?? '', /\(microsoft-365\)/, 'names the entry due within 30 days');
      assert.match(text ?? '', /`admin reviewed zoom`/, 'names the command that marks an entry reviewed');
      assert.doesNotMatch(text ?? '', /zoom-licensed/, 'not an entry due in 90 days');
    }

    clock = new Date(2026, 11, 3, 14, 0); // Thursday of the same week
    await sleep(QUIET_MS);
    assert.deepEqual(counts(), [1, 1], 'not again later in the same week');

    // A restart on the same store: the week's reminder is claimed there, not in the process.
    await bot.close();
    bot = await start();
    await sleep(QUIET_MS);
    assert.deepEqual(counts(), [1, 1], 'not again after a restart in the same week');

    clock = new Date(2026, 11, 7, 9, 0); // the next Monday
    await eventually(() => (counts().every((n) => n >= 2) ? true : undefined), () => `the next week's reminder to each admin (have ${counts().join(', ')})`);
    await sleep(QUIET_MS);
    assert.deepEqual(counts(), [2, 2], "the next week's reminder, once per admin");
  } finally {
    await bot?.close();
    await slack.close();
    await kb.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  }
});
