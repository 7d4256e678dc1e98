// Exactly-once notices across `kill -9`: a delivery process is killed in the middle of a fan-out
// through the real Slack adapter, with the fake Slack answering some posts 429 and every post a
// little late (so posts are in the DM when the kill comes but the process never learned it). The
// restarted pipeline reads those in-doubt notices back (message metadata, conversations.history)
// instead of sending them again: 0 duplicates, 0 losses, on SQLite (outbox) and Redis (queues).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runKillScenario, type KillBackend } from './helpers/notices-kill.js';
import { skipUnless } from './helpers/services.js';

const NEEDS: Record<KillBackend, Awaited<ReturnType<typeof skipUnless>>> = { sqlite: false, redis: await skipUnless('redis') };

for (const backend of ['sqlite', 'redis'] as const) {
  test(`kill -9 mid-fan-out on ${backend} with 429s: the restarted pipeline reads in-doubt notices back; 0 duplicates, 0 losses`, { skip: NEEDS[backend] }, async (t) => {
    const r = await runKillScenario({ backend, subscribers: 600, concurrency: 16, share429: 0.02, killAt: 0.3, latencyMs: 30 });
    t.diagnostic(JSON.stringify(r));
    assert.ok(r.deliveredBeforeKill > 0 && r.deliveredBeforeKill < r.subscribers, `killed mid-way: ${r.deliveredBeforeKill} of ${r.subscribers}`);
    // The kill left posts the platform had but the process had not recorded: the window was hit.
    assert.ok(r.restarted.confirmedWithoutResend > 0, 'in-doubt notices were found delivered and not sent again');
    assert.equal(r.losses, 0, 'every subscriber has the notice');
    assert.equal(r.duplicates, 0, 'no subscriber has it twice');
  });
}
