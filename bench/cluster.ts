// Multi-instance benchmark (issue 6): three real bot processes on one Redis (127.0.0.1:6379, a key
// prefix of their own, deleted afterwards), 10,000 Slack subscribers of Zoom, one status change made
// by an admin in chat on the first instance. Measures the time from the admin's message until the
// fake Slack Web API has received a notice for every subscriber, and counts duplicates and losses
// (both must be 0; the exit code says so).
//   CLUSTER_BENCH_SUBSCRIBERS (default 10000), CLUSTER_BENCH_INSTANCES (default 3),
//   CLUSTER_NOTIFY_CONCURRENCY (per instance, default 16), CLUSTER_NOTIFY_PER_SECOND (whole
//   cluster, default 5000 here: the bench measures the pipeline, not a politeness limit; the
//   production default is 50, i.e. 200 s for 10,000).
import { ADMIN_USER, eventually, postsByChannel, startClusterFixture } from '../test/helpers/cluster-harness.js';

const SUBSCRIBERS = Number(process.env.CLUSTER_BENCH_SUBSCRIBERS ?? 10_000);
const INSTANCES = Number(process.env.CLUSTER_BENCH_INSTANCES ?? 3);
const CONCURRENCY = process.env.CLUSTER_NOTIFY_CONCURRENCY ?? '16';
const PER_SECOND = process.env.CLUSTER_NOTIFY_PER_SECOND ?? '5000';
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const user = (i: number) => `UB${String(i).padStart(6, '0')}`;

async function main(): Promise<number> {
  const c = await startClusterFixture();
  try {
    const storage = await c.storage();
    let t = performance.now();
    const keys = Array.from({ length: SUBSCRIBERS }, (_, i) => `slack:${user(i)}`);
    for (let i = 0; i < SUBSCRIBERS; i += 500) {
      await Promise.all(
        keys.slice(i, i + 500).map((k, j) => storage.conversations.remember(k, { platform: 'slack', conversationId: `D${user(i + j)}`, userId: user(i + j) }, j % 2 === 0 ? 'de' : 'en')),
      );
    }
    await storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, keys);
    const seedMs = performance.now() - t;

    t = performance.now();
    const instances = await c.start(INSTANCES, { CLUSTER_NOTIFY_CONCURRENCY: CONCURRENCY, CLUSTER_NOTIFY_PER_SECOND: PER_SECOND, LOG_LEVEL: 'error' });
    const startMs = performance.now() - t;
    const first = instances[0];
    if (!first) throw new Error('no instance started');

    const notices = () => postsByChannel(c.slack, (ch) => ch.startsWith('UB'));
    t = performance.now();
    await c.slackDm(first, 'admin status zoom prohibited', { user: ADMIN_USER });
    let firstMs: number | undefined;
    await eventually(
      () => {
        const n = notices().size;
        if (n > 0 && firstMs === undefined) firstMs = performance.now() - t;
        return n >= SUBSCRIBERS ? true : undefined;
      },
      () => `every subscriber notified (have ${notices().size} of ${SUBSCRIBERS})`,
      600_000,
    );
    const deliverMs = performance.now() - t;
    // Wait a little for late duplicates before counting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const counts = notices();
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    const lost = SUBSCRIBERS - counts.size;
    const rateLimited = c.slack.calls.filter((x) => x.rateLimited).length;

    console.log(`instances:                 ${INSTANCES} (concurrency ${CONCURRENCY} each, cluster limit ${PER_SECOND}/s)`);
    console.log(`subscribers:               ${SUBSCRIBERS} (seeded in ${seconds(seedMs)})`);
    console.log(`instances started in:      ${seconds(startMs)}`);
    console.log(`first notice after:        ${seconds(firstMs ?? deliverMs)} (from the admin's message)`);
    console.log(`all delivered after:       ${seconds(deliverMs)} (${Math.round(SUBSCRIBERS / (deliverMs / 1000))} per second)`);
    console.log(`messages to subscribers:   ${[...counts.values()].reduce((a, b) => a + b, 0)}`);
    console.log(`duplicates:                ${duplicates}`);
    console.log(`losses:                    ${lost}`);
    console.log(`429 answers:               ${rateLimited}`);
    return duplicates === 0 && lost === 0 ? 0 : 1;
  } finally {
    await c.cleanup();
  }
}

process.exit(await main());
