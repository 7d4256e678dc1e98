// Fan-out benchmark (issue 4): 10,000 Slack subscribers in a fresh SQLite file, one status change
// (Zoom: restricted -> prohibited), delivered through the real Slack adapter's notify() to a fake
// Slack Web API on 127.0.0.1 that answers 1 % of chat.postMessage calls with 429 Retry-After: 1.
// Prints the time to subscribe, to enqueue and to deliver everything, messages delivered,
// duplicates and losses (both must be 0; the exit code says so).
//   FANOUT_SUBSCRIBERS (default 10000), FANOUT_CONCURRENCY (default 16), FANOUT_429_SHARE (default 0.01)
// Then the same across a crash (issue 13): a delivery process is killed with SIGKILL when 30 % of
// the subscribers have the notice, and the restarted pipeline finishes, on SQLite (outbox) and, if
// Redis answers on 127.0.0.1:6379, on Redis (queues); see test/helpers/notices-kill.ts.
//   FANOUT_KILL_SUBSCRIBERS (default 2000), FANOUT_KILL_LATENCY_MS (default 30: each post is
//   answered that late, so posts are in flight at the kill)
// Every 429 pauses all Slack deliveries for its Retry-After second, so with 1 % rate-limited
// calls the delivery time is dominated by about subscribers/100 one-second pauses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { ComplianceCore } from '../src/core.js';
import { parseKnowledgeBase, readKnowledgeFiles } from '../src/kb/load.js';
import { diffKnowledgeBases } from '../src/notifications/diff.js';
import { createOutboxPipeline } from '../src/notifications/outbox-pipeline.js';
import { openStorage } from '../src/storage/index.js';
import { startFakeSlackApi } from '../test/fakes/slack-api.js';
import { runKillScenario, type KillBackend } from '../test/helpers/notices-kill.js';
import { portAnswers } from '../test/helpers/services.js';

const SUBSCRIBERS = Number(process.env.FANOUT_SUBSCRIBERS ?? 10_000);
const CONCURRENCY = Number(process.env.FANOUT_CONCURRENCY ?? 16);
const SHARE_429 = Number(process.env.FANOUT_429_SHARE ?? 0.01);
const KILL_SUBSCRIBERS = Number(process.env.FANOUT_KILL_SUBSCRIBERS ?? 2_000);
const KILL_LATENCY_MS = Number(process.env.FANOUT_KILL_LATENCY_MS ?? 30);
const here = path.dirname(fileURLToPath(import.meta.url));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<number> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-fanout-'));
  const slack = await startFakeSlackApi();
  slack.rateLimit({ share: SHARE_429, retryAfterSeconds: 1, methods: ['chat.postMessage'] });
  const storage = await openStorage({ sqlitePath: path.join(tmp, 'fanout.sqlite') });
  const silent = pino({ level: 'silent' });
  try {
    // The shipped knowledge base, and the same with Zoom prohibited.
    const dir = path.resolve(here, '..', 'knowledge');
    const files = await readKnowledgeFiles(dir);
    const before = parseKnowledgeBase(files, dir);
    const edited = new Map(files);
    edited.set('tools/zoom.yaml', (files.get('tools/zoom.yaml') ?? '').replace(/^status: \w+$/m, 'status: prohibited'));
    const [change] = diffKnowledgeBases(before, parseKnowledgeBase(edited, dir), { by: 'cli:bench', at: new Date() });
    if (!change) throw new Error('the edited knowledge base shows no change of Zoom');

    // Subscribers, the way the command does it: one subscribe and one conversation per person.
    const users = Array.from({ length: SUBSCRIBERS }, (_, i) => `U${String(i).padStart(6, '0')}`);
    let t = performance.now();
    for (let i = 0; i < users.length; i += 200) {
      await Promise.all(
        users.slice(i, i + 200).map(async (u) => {
          await storage.subscriptions.subscribe(`slack:${u}`, { kind: 'tool', id: 'zoom' });
          await storage.conversations.remember(`slack:${u}`, { platform: 'slack', conversationId: `D${u}`, userId: u }, i % 2 === 0 ? 'de' : 'en');
        }),
      );
    }
    const subscribeMs = performance.now() - t;

    const pipeline = createOutboxPipeline({ storage, concurrency: CONCURRENCY, logger: silent });
    t = performance.now();
    await pipeline.enqueue([change]);
    const enqueueMs = performance.now() - t;

    const adapter = createSlackAdapter({
      core: new ComplianceCore(before),
      botToken: 'xoxb-bench',
      signingSecret: 'bench-signing-secret',
      apiUrl: slack.apiUrl,
      logger: silent,
    });
    t = performance.now();
    await pipeline.start([adapter]);
    await pipeline.whenIdle();
    const stats = pipeline.stats();
    await pipeline.stop();
    const deliverMs = performance.now() - t;

    const perUser = new Map<string, number>();
    for (const call of slack.callsOf('chat.postMessage')) {
      const channel = String(call.body.channel);
      perUser.set(channel, (perUser.get(channel) ?? 0) + 1);
    }
    const rateLimited = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.rateLimited).length;
    const duplicates = [...perUser.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const losses = users.filter((u) => !perUser.has(u)).length;

    console.log(`subscribers:          ${SUBSCRIBERS} (Slack), concurrency ${CONCURRENCY}`);
    console.log(`subscribe + remember: ${seconds(subscribeMs)}`);
    console.log(`enqueue (fan-out):    ${seconds(enqueueMs)}`);
    console.log(`deliver all:          ${seconds(deliverMs)} (${(SUBSCRIBERS / (deliverMs / 1000)).toFixed(0)} messages/s overall)`);
    console.log(`429 answers:          ${rateLimited} (Retry-After: 1)`);
    console.log(`messages delivered:   ${slack.callsOf('chat.postMessage').length}`);
    console.log(`duplicates:           ${duplicates}`);
    console.log(`losses:               ${losses}`);
    console.log(`dead letters:         ${stats.deadLettered}, failed attempts: ${stats.failedAttempts}`);
    return duplicates === 0 && losses === 0 && stats.deadLettered === 0 ? 0 : 1;
  } finally {
    await storage.close();
    await slack.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The fan-out across a SIGKILL of the delivery process, on one store. */
async function acrossKill(backend: KillBackend): Promise<number> {
  const r = await runKillScenario({ backend, subscribers: KILL_SUBSCRIBERS, concurrency: CONCURRENCY, share429: SHARE_429, killAt: 0.3, latencyMs: KILL_LATENCY_MS });
  const label = backend === 'sqlite' ? 'SQLite, outbox' : 'Redis, BullMQ queues';
  console.log(`\nkill -9 mid-fan-out (${label}): ${r.subscribers} Slack subscribers, concurrency ${CONCURRENCY}, ${(SHARE_429 * 100).toFixed(0)} % of posts answered 429`);
  console.log(`had the notice at the kill:      ${r.deliveredBeforeKill}`);
  console.log(`in doubt, found in the DM:       ${r.restarted.confirmedWithoutResend} (read back, not sent again)`);
  console.log(`in doubt, sent again:            ${r.restarted.inDoubtResent}`);
  console.log(`sent by the restarted pipeline:  ${r.restarted.delivered} (429 answers it got: ${r.restarted.rateLimited})`);
  console.log(`time, start to last delivery:    ${seconds(r.totalMs)} (after the kill: ${seconds(r.afterKillMs)})`);
  console.log(`duplicates:                      ${r.duplicates}`);
  console.log(`losses:                          ${r.losses}`);
  return r.duplicates === 0 && r.losses === 0 ? 0 : 1;
}

let exitCode = await main();
exitCode ||= await acrossKill('sqlite');
if (await portAnswers(6379)) exitCode ||= await acrossKill('redis');
else console.log('\nkill -9 on Redis: skipped (no Redis on 127.0.0.1:6379; start it: redis-server --daemonize yes --port 6379 --save "")');
process.exitCode = exitCode;
