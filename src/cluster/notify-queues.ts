// Change notifications through BullMQ queues in Redis, shared by every instance:
//   fanout        one job per change, job id `change-<change id>`: BullMQ adds a job id once, so a
//                 change enqueued by several instances is one job. Its worker reads the subscribers
//                 and adds one delivery job per subscriber.
//   notify-slack  one job per (change, subscriber), job id `<change id>-<subscriber>`: again added
//   notify-teams  once however often the fan-out runs (a fan-out interrupted by a crash is simply
//                 run again by another instance). Each platform has its own queue, so a 429 from
//                 Slack pauses Slack only.
// Every instance runs the workers of the platforms it has an adapter for. BullMQ provides the
// rest: a cluster-wide rate limiter per queue, retries with exponential backoff, persistence, and
// the takeover of jobs whose instance died (a job's lock expires and another worker runs it).
//
// This is the `queue` implementation of the NotificationPipeline (src/notifications/pipeline.ts).
//
// Exactly once across crashes: before a notice is handed to the platform, a claim is written
// (src/notifications/in-doubt.ts). A job taken over from a killed instance whose claim has no
// recorded outcome is in doubt: the sender is asked first (Slack reads the notice id back from the
// message metadata) and a notice found there is completed without sending it again. Teams cannot
// tell: there at most the killed instance's jobs in flight (`concurrency`) may go out twice.
import { Queue, RateLimitError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ChangeNotice } from '../model/change-notice.js';
import type { ConversationTarget } from '../model/conversation-target.js';
import type { ChatPlatform } from '../model/platform.js';
import type { Language } from '../model/language.js';
import type { Logger } from '../logger.js';
import type { ToolChange } from '../notifications/diff.js';
import { describeError, isPermanent, retryAfterSecondsOf } from '../notifications/failures.js';
import { createDeliveryClaims, isInDoubt, READ_BACK_MARGIN_MS } from '../notifications/in-doubt.js';
import { senderFor, type NoticeSender, type NotificationPipeline, type PipelineStats } from '../notifications/pipeline.js';
import { toNotice } from '../notifications/notice.js';
import type { Storage } from '../storage/index.js';
import type { ClusterRedis } from './redis.js';
import type { ClusterSettings } from '../config/cluster.js';

export type Deliver = (target: ConversationTarget, notice: ChangeNotice) => Promise<void>;

/** The platforms with a notification queue. */
export const NOTIFY_PLATFORMS = ['slack', 'teams'] as const satisfies readonly ChatPlatform[];
export type NotifyPlatform = (typeof NOTIFY_PLATFORMS)[number];

export const FANOUT_QUEUE = 'fanout';
export const notifyQueueName = (platform: NotifyPlatform): string => `notify-${platform}`;

/** BullMQ's key prefix under the deployment's prefix (BullMQ adds `:<queue>:…`). */
export const bullPrefix = (prefix: string): string => `${prefix}bull`;

/** Job ids may not contain ":" (BullMQ's key separator); subscriber keys do. */
export const fanoutJobId = (changeId: string): string => `change-${changeId}`;
export const notifyJobId = (changeId: string, subscriber: string): string => `${changeId}-${encodeURIComponent(subscriber)}`;

const DAY_S = 24 * 3600;
/** A change's fan-out job is its "already enqueued" record: kept as long as the outbox kept its record. */
const FANOUT_KEPT_S = 30 * DAY_S;
/** Completed deliveries must outlive any re-run of their fan-out (minutes); a day is ample. */
const DELIVERY_KEPT_S = DAY_S;
const FAILED_KEPT_S = 30 * DAY_S;
const ADD_CHUNK = 500;

interface FanoutData {
  change: ToolChange;
}
interface NotifyData {
  changeId: string;
  subscriber: string;
}

export interface QueuePipelineOptions {
  redis: ClusterRedis;
  storage: Storage;
  settings: ClusterSettings;
  logger: Logger;
  /** Shown in BullMQ as the worker name (which instance ran a job); also this run's id in delivery claims. */
  instanceId: string;
}

export interface NotifyQueuesOptions extends QueuePipelineOptions {
  /** Platforms this instance can deliver to (those with an adapter); only their workers run here. */
  platforms: readonly NotifyPlatform[];
  deliver: Deliver;
}

export interface NotifyStats extends PipelineStats {
  fannedOut: number;
}

export interface QueuePipeline extends NotificationPipeline {
  stats(): NotifyStats;
}

export interface NotifyQueues {
  /** Adds one fan-out job per change; a change already added (by any instance) is not added again. */
  enqueue(changes: readonly ToolChange[]): Promise<void>;
  stats(): NotifyStats;
  /** Stops taking jobs, lets the ones in flight finish, closes the queues (not the connections). */
  close(): Promise<void>;
}

/** The queue pipeline with a plain `deliver` for `platforms` (no read-back of in-doubt deliveries). */
export function startNotifyQueues(options: NotifyQueuesOptions): NotifyQueues {
  const pipeline = createQueuePipeline(options);
  void pipeline.start(options.platforms.map((platform) => ({ platform, notify: options.deliver })));
  return { enqueue: (c) => pipeline.enqueue(c), stats: () => pipeline.stats(), close: () => pipeline.stop() };
}

/** The platform of a subscriber key (`slack:U123`, `teams:29:…`), or undefined. */
export function platformOf(subscriber: string): NotifyPlatform | undefined {
  const p = subscriber.slice(0, subscriber.indexOf(':'));
  return (NOTIFY_PLATFORMS as readonly string[]).includes(p) ? (p as NotifyPlatform) : undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`deliver did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A small map that forgets its oldest entries. */
function boundedCache<V>(max: number): Map<string, V> & { remember(key: string, value: V): V } {
  const map = new Map<string, V>() as Map<string, V> & { remember(key: string, value: V): V };
  map.remember = (key, value) => {
    if (map.size >= max) map.delete(map.keys().next().value as string);
    map.set(key, value);
    return value;
  };
  return map;
}

/** What the pipeline's parts share: the queues, the store, the counters and the senders of this instance. */
interface PipelineState {
  readonly storage: Storage;
  readonly settings: ClusterSettings;
  readonly instanceId: string;
  readonly log: Logger;
  readonly stats: NotifyStats;
  readonly claims: ReturnType<typeof createDeliveryClaims>;
  readonly fanoutQueue: Queue<FanoutData>;
  readonly notifyQueues: ReadonlyMap<NotifyPlatform, Queue<NotifyData>>;
  readonly changeOf: (changeId: string) => Promise<ToolChange | undefined>;
  readonly noticeFor: (change: ToolChange, language: Language | undefined) => ChangeNotice;
  senders: readonly NoticeSender[];
}

function createQueues(redis: ClusterRedis, settings: ClusterSettings): Pick<PipelineState, 'fanoutQueue' | 'notifyQueues'> {
  const prefix = bullPrefix(redis.prefix);
  const fanoutQueue = new Queue<FanoutData>(FANOUT_QUEUE, {
    connection: redis.command,
    prefix,
    defaultJobOptions: {
      attempts: 10, // 1 s doubling: about 17 minutes of retries in all
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: FANOUT_KEPT_S },
      removeOnFail: { age: FAILED_KEPT_S },
    },
  });
  const notifyQueues = new Map(
    NOTIFY_PLATFORMS.map((p) => [
      p,
      new Queue<NotifyData>(notifyQueueName(p), {
        connection: redis.command,
        prefix,
        defaultJobOptions: {
          attempts: settings.attempts,
          backoff: { type: 'exponential', delay: settings.backoffMs },
          removeOnComplete: { age: DELIVERY_KEPT_S },
          removeOnFail: { age: FAILED_KEPT_S },
        },
      }),
    ]),
  );
  for (const q of [fanoutQueue, ...notifyQueues.values()]) q.on('error', () => undefined); // connection state is logged in redis.ts
  return { fanoutQueue, notifyQueues };
}

function pipelineState(options: QueuePipelineOptions): PipelineState {
  const { fanoutQueue, notifyQueues } = createQueues(options.redis, options.settings);
  // The change of a delivery job lives in its fan-out job; read once per change and instance.
  const changes = boundedCache<Promise<ToolChange | undefined>>(64);
  const changeOf = (changeId: string): Promise<ToolChange | undefined> => {
    const cached = changes.get(changeId);
    if (cached) return cached;
    const loading = fanoutQueue.getJob(fanoutJobId(changeId)).then((job) => job?.data.change);
    loading.catch(() => changes.delete(changeId)); // a Redis error: read again next time
    return changes.remember(changeId, loading);
  };
  const notices = boundedCache<ChangeNotice>(256);
  const noticeFor = (change: ToolChange, language: Language | undefined): ChangeNotice => {
    const lang = language ?? change.defaultLanguage;
    return notices.get(`${change.id}|${lang}`) ?? notices.remember(`${change.id}|${lang}`, toNotice(change, lang));
  };
  return {
    storage: options.storage,
    settings: options.settings,
    instanceId: options.instanceId,
    log: options.logger,
    stats: { delivered: 0, failedAttempts: 0, deadLettered: 0, rateLimited: 0, confirmedWithoutResend: 0, inDoubtResent: 0, fannedOut: 0 },
    claims: createDeliveryClaims(options.storage, options.instanceId),
    fanoutQueue,
    notifyQueues,
    changeOf,
    noticeFor,
    senders: [],
  };
}

/** The fan-out job of a change: one delivery job per subscriber, on the subscriber's platform queue. */
async function fanOut(q: PipelineState, job: Job<FanoutData>): Promise<{ subscribers: number }> {
  const change = job.data.change;
  const subscribers = change.recipients ?? (await q.storage.subscriptions.subscribersOf(change.toolId, change.categoryIds));
  const byPlatform = new Map<NotifyPlatform, string[]>();
  for (const s of subscribers) {
    const platform = platformOf(s);
    if (!platform) {
      q.log.warn({ changeId: change.id, subscriber: s }, 'a subscriber of no known platform is not notified');
      continue;
    }
    byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), s]);
  }
  for (const [platform, list] of byPlatform) {
    const queue = q.notifyQueues.get(platform) as Queue<NotifyData>;
    for (let i = 0; i < list.length; i += ADD_CHUNK) {
      await queue.addBulk(
        list.slice(i, i + ADD_CHUNK).map((subscriber) => ({
          name: 'notify',
          data: { changeId: change.id, subscriber },
          opts: { jobId: notifyJobId(change.id, subscriber) },
        })),
      );
    }
  }
  q.stats.fannedOut++;
  q.log.info({ changeId: change.id, toolId: change.toolId, subscribers: subscribers.length }, 'change fanned out to its subscribers');
  return { subscribers: subscribers.length };
}

/** A failed send: a rate limit pauses the platform's queue for every instance; a permanent error ends the job. Always throws. */
async function failSend(q: PipelineState, platform: NotifyPlatform, err: unknown): Promise<never> {
  const retryAfter = retryAfterSecondsOf(err);
  if (retryAfter !== undefined) {
    // The platform asked every sender to wait: put the job back without counting an attempt.
    q.stats.rateLimited++;
    q.log.info({ platform, retryAfterSeconds: retryAfter }, 'platform rate limit: pausing its notifications');
    await (q.notifyQueues.get(platform) as Queue<NotifyData>).rateLimit(Math.max(50, Math.round(retryAfter * 1000)));
    throw new RateLimitError();
  }
  q.stats.failedAttempts++;
  if (isPermanent(err)) throw new UnrecoverableError(describeError(err));
  throw err;
}

/** One delivery job: ask first when a dead instance left it in doubt, claim, send. */
async function notifyOne(q: PipelineState, platform: NotifyPlatform, job: Job<NotifyData>): Promise<void> {
  const { changeId, subscriber } = job.data;
  const change = await q.changeOf(changeId);
  if (!change) throw new UnrecoverableError(`the change record ${changeId} is gone (its fan-out job was removed)`);
  const record = await q.storage.conversations.get(subscriber);
  if (!record) throw new UnrecoverableError(`no conversation target stored for ${subscriber}`);
  const [claim] = await q.claims.read(changeId, [subscriber]);
  const doubt = isInDoubt(claim, q.instanceId, job.attemptsMade) ? claim : undefined;
  let confirmed = false;
  try {
    const sender = senderFor(q.senders, record.target);
    const send = async () => {
      if (doubt) {
        // Taken over from an instance that died with this notice in flight: ask the platform first.
        const there = sender.wasDelivered ? await sender.wasDelivered(record.target, changeId, doubt.at - READ_BACK_MARGIN_MS) : undefined;
        if (there === true) {
          confirmed = true;
          return;
        }
      }
      await q.claims.claim(changeId, subscriber, job.attemptsMade + 1);
      await sender.notify(record.target, q.noticeFor(change, record.language));
    };
    await withTimeout(send(), q.settings.deliverTimeoutMs);
  } catch (err) {
    await failSend(q, platform, err);
  }
  if (confirmed) {
    q.stats.confirmedWithoutResend++;
    q.log.info({ noticeId: changeId, subscriber }, 'in-doubt notice found delivered: not sent again');
    return;
  }
  if (doubt) q.stats.inDoubtResent++;
  q.stats.delivered++;
}

/** A job failed: logged while it will retry; a delivery job out of attempts goes to the dead letters. */
function onJobFailed(q: PipelineState, worker: Worker, job: Job | undefined, err: Error): void {
  if (!job) return;
  const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!final) {
    q.log.debug({ queue: worker.name, jobId: job.id, attempts: job.attemptsMade, error: describeError(err) }, 'job failed, will retry');
    return;
  }
  const data = job.data as Partial<NotifyData> & Partial<FanoutData>;
  if (data.changeId === undefined || data.subscriber === undefined) {
    q.log.error({ queue: worker.name, jobId: job.id, error: describeError(err) }, 'fan-out of a change failed for good');
    return;
  }
  q.stats.deadLettered++;
  q.log.warn({ noticeId: data.changeId, subscriber: data.subscriber, attempts: job.attemptsMade, error: describeError(err) }, 'notification dead-lettered');
  // Also in the store's dead letters, where the single-instance delivery keeps them.
  void q.storage.outbox
    .markDead(data.changeId, data.subscriber, job.attemptsMade, describeError(err))
    .catch((e: unknown) => q.log.error({ noticeId: data.changeId, subscriber: data.subscriber, error: describeError(e) }, 'dead letter not written to the store (it stays in the failed jobs)'));
}

/** The fan-out worker and one delivery worker per platform this instance can send to. */
function startWorkers(q: PipelineState, redis: ClusterRedis, platforms: readonly NotifyPlatform[]): Worker[] {
  const settings = q.settings;
  const workerOptions = { connection: redis.worker, prefix: bullPrefix(redis.prefix), name: q.instanceId, lockDuration: settings.lockMs, stalledInterval: settings.lockMs, maxStalledCount: 5 };
  const workers: Worker[] = [new Worker<FanoutData>(FANOUT_QUEUE, (job) => fanOut(q, job), { ...workerOptions, concurrency: 1 })];
  for (const platform of platforms) {
    workers.push(
      new Worker<NotifyData>(notifyQueueName(platform), (job) => notifyOne(q, platform, job), {
        ...workerOptions,
        concurrency: settings.concurrency,
        limiter: { max: settings.perSecond, duration: 1_000 },
      }),
    );
  }
  for (const worker of workers) {
    worker.on('error', () => undefined); // connection state is logged in redis.ts
    worker.on('failed', (job, err) => onJobFailed(q, worker, job, err));
  }
  return workers;
}

export function createQueuePipeline(options: QueuePipelineOptions): QueuePipeline {
  const q = pipelineState(options);
  const workers: Worker[] = [];
  const allQueues = () => [q.fanoutQueue, ...q.notifyQueues.values()];
  let started = false;
  return {
    kind: 'queue',
    async enqueue(list) {
      if (list.length === 0) return;
      await q.fanoutQueue.addBulk(list.map((change) => ({ name: 'fanout', data: { change }, opts: { jobId: fanoutJobId(change.id) } })));
    },
    async start(list) {
      if (started) return;
      started = true;
      q.senders = list;
      workers.push(...startWorkers(q, options.redis, NOTIFY_PLATFORMS.filter((p) => list.some((s) => s.platform === p))));
    },
    async whenIdle() {
      // Idle twice in a row: a fan-out adds its delivery jobs before it completes, but be sure.
      for (let quiet = 0; quiet < 2; ) {
        const counts = await Promise.all(allQueues().map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')));
        const open = counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
        quiet = open === 0 ? quiet + 1 : 0;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stats: () => ({ ...q.stats }),
    async stop() {
      await Promise.allSettled(workers.map((w) => w.close()));
      await Promise.allSettled(allQueues().map((queue) => queue.close()));
    },
  };
}
