// Turns "the knowledge base changed" into notification jobs exactly once for the whole cluster,
// however many instances noticed the change (the admin's instance at once; every instance's
// watcher on a shared folder a moment later; an instance starting after a hand edit).
//
// Under one cluster-wide lock: load the knowledge folder (the shared folder is the truth, not this
// instance's memory, which may be behind), compare it with the last notified snapshot in Redis,
// enqueue the differences, remember the folder as the new snapshot. The first instance does the
// work; the others find nothing left to do. A change is also one fan-out job by its stable id, so
// even a lost lock cannot enqueue it twice.
import { handEditEntries } from '../admin/hand-edit.js';
import { loadKnowledgeBase } from '../kb/load.js';
import type { KnowledgeBase } from '../kb/model.js';
import { idSample, type Logger } from '../logger.js';
import { diffKnowledgeBases, type ChangeMeta, type ToolChange } from '../notifications/diff.js';
import { rememberedKnowledgeBase, rememberKnowledgeBase } from '../notifications/snapshot.js';
import type { Storage } from '../storage/index.js';
import type { NotifyQueues } from './notify-queues.js';
import type { ClusterRedis } from './redis.js';
import { withRedisLock } from './redis-lock.js';

/** The cluster's own "last notified" snapshot, apart from the single-instance one. */
export const CLUSTER_SNAPSHOT = 'cluster-snapshot';

export interface ChangeRecorderOptions {
  redis: ClusterRedis;
  storage: Storage;
  queues: Pick<NotifyQueues, 'enqueue'>;
  knowledgeDir: string;
  logger: Logger;
  /**
   * Write the `hand_edit` audit entries of file changes here, once for the cluster (default true).
   * Off when the caller writes them itself.
   */
  auditHandEdits?: boolean;
}

export interface RecordResult {
  /** Changes enqueued by this call (none when another instance was first, or nothing changed). */
  changes: ToolChange[];
  /** The knowledge base the folder holds now. */
  kb: KnowledgeBase;
}

export interface ChangeRecorder {
  /**
   * Enqueues what changed since the last notified state. `meta` says who (an admin) when known;
   * `file` otherwise. Throws when Redis or the folder cannot be read (the caller retries later).
   */
  record(meta: ChangeMeta): Promise<RecordResult>;
}

const LOCK = { ttlMs: 30_000, waitMs: 15_000 };

export function createChangeRecorder(options: ChangeRecorderOptions): ChangeRecorder {
  const { redis, storage, queues, knowledgeDir, logger } = options;
  const lockKey = `${redis.prefix}cluster:notify-lock`;
  const audit = options.auditHandEdits ?? true;

  return {
    record: (meta) =>
      withRedisLock(redis.command, lockKey, LOCK, async () => {
        const kb = await loadKnowledgeBase(knowledgeDir);
        const previous = await rememberedKnowledgeBase(storage, kb, CLUSTER_SNAPSHOT);
        // No snapshot yet: the first start of the cluster; nothing to compare with.
        const changes = previous && previous.version !== kb.version ? diffKnowledgeBases(previous, kb, meta) : [];
        if (changes.length > 0) {
          await queues.enqueue(changes);
          logger.info({ changes: idSample(changes.map((c) => c.toolId)), by: meta.by === 'file' ? 'file' : 'admin' }, 'knowledge base changed: notifications queued');
        }
        if (audit && previous && meta.by === 'file') {
          for (const entry of handEditEntries(previous, kb, meta.at)) await storage.audit.append(entry);
        }
        if (!previous || previous.version !== kb.version) await rememberKnowledgeBase(storage, kb, CLUSTER_SNAPSHOT);
        return { changes, kb };
      }),
  };
}
