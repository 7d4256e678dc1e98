// `kill -9` in the middle of a fan-out, for test/notices-kill.test.ts and bench/fanout.ts: seed
// subscribers, queue one change, let a child process deliver it through the real Slack adapter to
// the fake Slack API (answering a share of posts with 429 Retry-After, and answering every post a
// little late, so that some posts have arrived when the kill comes but the process never learned
// it), SIGKILL the child, restart the pipeline in this process and count the notices each user's
// DM holds (by the notice id in the message metadata): duplicates and losses.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import type { MessagingAdapter as ChatAdapter } from '../../adapters/types.js';
import { connectClusterRedis, createQueuePipeline, type ClusterRedis } from '../../src/cluster/index.js';
import { DEFAULT_CLUSTER_SETTINGS } from '../../src/config/cluster.js';
import { ComplianceCore } from '../../src/core.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { createOutboxPipeline, diffKnowledgeBases, type NotificationPipeline, type PipelineStats, type ToolChange } from '../../src/notifications/index.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { fakeDmOf, startFakeSlackApi } from '../fakes/slack-api.js';
import { deleteKeys } from './cluster-harness.js';
import { kbFromFiles, toolYaml } from './kb.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REDIS = 'redis://127.0.0.1:6379/0';

export type KillBackend = 'sqlite' | 'redis';

/** What the child and the restarted pipeline share: where the store is, and how to deliver. */
export interface PipelineSpec {
  backend: KillBackend;
  sqlitePath?: string;
  prefix: string;
  apiUrl: string;
  concurrency: number;
  /** Redis: how long a dead instance's jobs stay locked before another takes them over. */
  lockMs?: number;
}

export async function openPipeline(spec: PipelineSpec & { root?: string; logger?: Logger }): Promise<{ storage: Storage; pipeline: NotificationPipeline; slack: ChatAdapter; close(): Promise<void> }> {
  const logger = spec.logger ?? pino({ level: 'silent' });
  const storage = spec.backend === 'sqlite' ? await openStorage({ sqlitePath: spec.sqlitePath as string, prefix: spec.prefix }) : await openStorage({ url: `${REDIS}?prefix=${spec.prefix}` });
  const core = new ComplianceCore(await loadKnowledgeBase(path.join(spec.root ?? ROOT, 'knowledge')));
  const slack = createSlackAdapter({ core, botToken: 'xoxb-kill', signingSecret: 'kill-signing-secret', apiUrl: spec.apiUrl, logger });
  let redis: ClusterRedis | undefined;
  let pipeline: NotificationPipeline;
  if (spec.backend === 'sqlite') {
    pipeline = createOutboxPipeline({ storage, logger, concurrency: spec.concurrency, pollMs: 100 });
  } else {
    redis = await connectClusterRedis({ url: REDIS, prefix: spec.prefix, logger });
    const lockMs = spec.lockMs ?? 1_500;
    const settings = { ...DEFAULT_CLUSTER_SETTINGS, concurrency: spec.concurrency, perSecond: 10_000, lockMs };
    pipeline = createQueuePipeline({ redis, storage, settings, logger, instanceId: `kill-${process.pid}-${randomUUID().slice(0, 6)}` });
  }
  return {
    storage,
    pipeline,
    slack,
    async close() {
      await pipeline.stop();
      await redis?.close();
      await storage.close();
    },
  };
}

export interface KillOptions {
  backend: KillBackend;
  subscribers: number;
  concurrency: number;
  /** Share of chat.postMessage calls answered 429 Retry-After: 1. */
  share429: number;
  /** Kill when this share of subscribers has a notice. */
  killAt: number;
  /** The fake answers each post this late (after storing it). */
  latencyMs: number;
}

export interface KillResult {
  subscribers: number;
  deliveredBeforeKill: number;
  duplicates: number;
  losses: number;
  /** The restarted pipeline: in-doubt notices found delivered (not sent again) and sent again. */
  restarted: PipelineStats;
  /** From the child's start to the restarted pipeline's last delivery. */
  totalMs: number;
  /** From the kill to the restarted pipeline's last delivery. */
  afterKillMs: number;
}

const ORG = 'name: Example Agency\ndefault_language: en\n';
export const KILL_CHANGE = diffKnowledgeBases(
  kbFromFiles({ 'organization.yaml': ORG, 'tools/zoom.yaml': toolYaml('Zoom', 'restricted', 'restrictions:\n  - { id: a, text: Only internal. }\n') }),
  kbFromFiles({ 'organization.yaml': ORG, 'tools/zoom.yaml': toolYaml('Zoom', 'prohibited') }),
  { by: 'cli:admin', at: new Date('2024-03-01T12:00:00Z') },
)[0] as ToolChange;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runKillScenario(options: KillOptions): Promise<KillResult> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'notices-kill-'));
  const fake = await startFakeSlackApi({ record: false });
  fake.rateLimit({ share: options.share429, retryAfterSeconds: 1, methods: ['chat.postMessage'] });
  fake.latency(options.latencyMs);
  const spec: PipelineSpec = {
    backend: options.backend,
    sqlitePath: path.join(tmp, 'kill.sqlite'),
    prefix: `nk-${randomUUID().slice(0, 8)}-`,
    apiUrl: fake.apiUrl,
    concurrency: options.concurrency,
  };
  const users = Array.from({ length: options.subscribers }, (_, i) => `UK${String(i).padStart(6, '0')}`);
  const noticesOf = (u: string) => fake.history(fakeDmOf(u)).filter((m) => m.metadata?.event_payload?.notice_id === KILL_CHANGE.id).length;
  const reached = () => users.reduce((n, u) => n + (noticesOf(u) > 0 ? 1 : 0), 0);
  let restarted: Awaited<ReturnType<typeof openPipeline>> | undefined;
  try {
    // Subscribers and the queued change, as the bot would have them.
    const seeding = await openPipeline(spec);
    for (let i = 0; i < users.length; i += 500) {
      const chunk = users.slice(i, i + 500);
      await seeding.storage.subscriptions.subscribeMany({ kind: 'tool', id: 'zoom' }, chunk.map((u) => `slack:${u}`));
      await Promise.all(chunk.map((u, j) => seeding.storage.conversations.remember(`slack:${u}`, { platform: 'slack', conversationId: fakeDmOf(u), userId: u }, (i + j) % 2 ? 'en' : 'de')));
    }
    await seeding.pipeline.enqueue([KILL_CHANGE]);
    await seeding.close();

    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/notices-worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, NOTICES_OPTIONS: JSON.stringify(spec), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const deadline = Date.now() + 120_000;
    while (reached() < options.subscribers * options.killAt) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the delivery process did not get far enough (${reached()} reached): ${stderr}`);
      await sleep(5);
    }
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    await sleep(options.latencyMs + 50); // posts already on the wire land now
    const deliveredBeforeKill = reached();

    restarted = await openPipeline(spec);
    await restarted.pipeline.start([restarted.slack]);
    await restarted.pipeline.whenIdle();
    const done = Date.now();
    const counts = users.map(noticesOf);
    return {
      subscribers: options.subscribers,
      deliveredBeforeKill,
      duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      losses: counts.filter((n) => n === 0).length,
      restarted: restarted.pipeline.stats(),
      totalMs: done - started,
      afterKillMs: done - killedAt,
    };
  } finally {
    await restarted?.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
    if (options.backend === 'redis') await deleteKeys(spec.prefix);
  }
}
