// The multi-instance wiring (STORAGE_URL=redis://…): notification fan-out through BullMQ instead of
// the single-instance outbox worker, one "what changed" step for the whole cluster, and the
// knowledge base kept in step across instances. server/notification-routing.ts calls startCluster when the
// storage is Redis; the SQLite default never gets here.
//
// While Redis is unreachable this instance keeps answering questions from the base in memory; a
// change made here meanwhile is written to the folder and its notifications are queued as soon as
// Redis is back (the last notified snapshot in Redis still shows the old state), and the other
// instances are told then.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { MessagingAdapter } from '../adapters/types.js';
import { connectClusterRedis, createChangeRecorder, createQueuePipeline, NOTIFY_PLATFORMS, startKbSync, type NotifyStats } from '../src/cluster/index.js';
import type { Config } from '../src/config.js';
import type { ClusterSettings } from '../src/config/cluster.js';
import { ConfigError } from '../src/errors.js';
import type { ComplianceCore } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Logger } from '../src/logger.js';
import { withBeforeFanOut, type BeforeFanOut, type ChangeMeta, type ToolChange } from '../src/notifications/index.js';
import { isRedisUrl, splitRedisUrl, type Storage } from '../src/storage/index.js';

export interface ClusterOptions {
  config: Pick<Config, 'knowledgeDir' | 'storageUrl' | 'cluster'>;
  core: ComplianceCore;
  /** The storage opened on STORAGE_URL (Redis). */
  storage: Storage;
  /** The started adapters: notifications go out through their `notify`. */
  adapters: readonly MessagingAdapter[];
  logger: Logger;
  /** Swaps in a base loaded after another instance's change (default: core.setKnowledgeBase). */
  applyKnowledgeBase?: (kb: KnowledgeBase) => void;
  /** Write the `hand_edit` audit entries of file changes, once for the cluster (default true). */
  auditHandEdits?: boolean;
  /** Overrides of the CLUSTER_* variables (tests). */
  settings?: Partial<ClusterSettings>;
  /** Runs before changes are fanned out (the requests a change answers, src/requests/). */
  beforeFanOut?: () => BeforeFanOut | undefined;
}

export interface Cluster {
  /** `<host>-<pid>-<random>`: which instance ran a job (BullMQ's worker name) and sent an announcement. */
  readonly instanceId: string;
  /**
   * A knowledge base this instance now answers from because of a change made here: an admin
   * command (with its `meta`), or a file change its watcher found (`by: 'file'`). Tells the other
   * instances and queues the notifications, once for the cluster. Never throws: with Redis
   * unreachable both happen when it is back.
   */
  onLocalChange(kb: KnowledgeBase, meta: ChangeMeta): Promise<void>;
  /** Queues notices that are no catalogue change (a declined request's), once for the cluster. */
  enqueue(changes: readonly ToolChange[]): Promise<void>;
  /** True while Redis answers (for a health check). */
  redisUp(): boolean;
  stats(): NotifyStats;
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { config, core, storage, adapters, logger } = options;
  const settings = { ...config.cluster, ...options.settings };
  if (!isRedisUrl(config.storageUrl)) {
    throw new ConfigError({ variable: 'STORAGE_URL', message: 'several instances need a shared Redis: set STORAGE_URL=redis://host:6379 (the SQLite file serves one instance only)' });
  }
  const { url, prefix } = splitRedisUrl(config.storageUrl);
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const redis = await connectClusterRedis({ url, prefix: prefix ?? '', logger });

  const platforms = NOTIFY_PLATFORMS.filter((p) => adapters.some((a) => a.platform === p));
  // The queue implementation of the notification pipeline; the adapters are its senders (and the
  // Slack adapter reads in-doubt notices back before they are sent again).
  const queues = createQueuePipeline({ redis, storage, settings, logger: logger.child({ part: 'notify' }), instanceId });
  await queues.start(adapters);
  const hooked = withBeforeFanOut(queues, () => options.beforeFanOut?.());
  const recorder = createChangeRecorder({
    redis,
    storage,
    queues: hooked,
    knowledgeDir: config.knowledgeDir,
    logger,
    ...(options.auditHandEdits !== undefined ? { auditHandEdits: options.auditHandEdits } : {}),
  });
  const apply = options.applyKnowledgeBase ?? ((kb: KnowledgeBase) => core.setKnowledgeBase(kb));
  const sync = await startKbSync({ redis, instanceId, knowledgeDir: config.knowledgeDir, current: () => core.knowledgeBase, apply, logger });

  // What could not be done while Redis was unreachable, done on reconnect or at the next check.
  let unrecorded: ChangeMeta | undefined;
  let unannounced = false;

  const describe = (err: unknown) => ({ type: (err as Error)?.name, message: (err as Error)?.message });

  async function record(meta: ChangeMeta): Promise<void> {
    try {
      await recorder.record(meta);
      if (unrecorded) logger.info('change notifications queued after all');
      unrecorded = undefined;
    } catch (err) {
      // Said once, not at every retry. The first pending meta is kept: it names the admin whose change is not notified yet.
      if (!unrecorded) logger.warn({ error: describe(err) }, 'change notifications not queued yet (Redis or the knowledge folder cannot be read); retrying');
      unrecorded ??= meta;
    }
  }

  async function announce(): Promise<void> {
    try {
      await sync.announce(core.knowledgeBase.version);
      unannounced = false;
    } catch (err) {
      if (!unannounced) logger.warn({ error: describe(err) }, 'the other instances could not be told about the new knowledge base yet; retrying until Redis answers');
      unannounced = true;
    }
  }

  let healing: Promise<void> | undefined;
  const heal = (): Promise<void> =>
    (healing ??= (async () => {
      try {
        if (unannounced) await announce();
        await sync.check();
        if (unrecorded) await record(unrecorded);
      } finally {
        healing = undefined;
      }
    })());

  redis.onReconnect(() => void heal());
  const timer = setInterval(() => void heal(), settings.versionCheckMs);
  timer.unref();

  // A hand edit made while no instance ran is found against the last notified snapshot; then the
  // others learn which base this instance answers from (the folder is shared, so it is theirs too).
  await record({ by: 'file', at: new Date() });
  await announce();
  logger.info({ instanceId, platforms, concurrency: settings.concurrency, perSecond: settings.perSecond }, 'multi-instance mode: notifications through the shared Redis queue');

  let closed: Promise<void> | undefined;
  return {
    instanceId,
    async onLocalChange(kb, meta) {
      if (kb.version !== core.knowledgeBase.version) logger.debug({ version: kb.version }, 'onLocalChange with a base the core does not answer from');
      await announce();
      await record(meta);
    },
    enqueue: (changes) => queues.enqueue(changes),
    redisUp: () => redis.isUp(),
    stats: () => queues.stats(),
    close: () =>
      (closed ??= (async () => {
        clearInterval(timer);
        await healing;
        await sync.close();
        await queues.stop();
        await redis.close();
      })()),
  };
}
