// Where the notices of a knowledge-base change go, decided once by the store
// (src/notifications/select.ts): the outbox pipeline with its change notices (SQLite file,
// PostgreSQL; one instance, on PostgreSQL a second one refuses to start: InstanceLeaseError) or, on
// Redis, the cluster with its shared queues, which also tells the other instances.
import type { MessagingAdapter } from '../adapters/types.js';
import type { Config } from '../src/config.js';
import type { ComplianceCore } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Logger } from '../src/logger.js';
import { createOutboxPipeline, pipelineKindFor, withBeforeFanOut, type BeforeFanOut, type ChangeMeta, type NotificationPipeline, type ToolChange } from '../src/notifications/index.js';
import type { AuditEntry } from '../src/model/audit.js';
import type { Storage } from '../src/storage/index.js';
import { createChangeNotices, type ChangeNotices } from './change-notices.js';
// Type only: the cluster (bullmq, ioredis) loads when the store is Redis, not in every process.
import type { Cluster } from './cluster.js';

export interface NotificationRouting {
  /** Prepares the outbox pipeline when the store calls for it (before delivering starts); hand edits found at start are audited through `auditHandEdit`. */
  attach(storage: Storage, auditHandEdit: (entry: AuditEntry) => Promise<void>): void;
  /** Starts delivering through the adapters: the outbox worker, or the cluster on Redis. */
  start(storage: Storage, adapters: readonly MessagingAdapter[]): Promise<void>;
  /** A new knowledge base (chat, CLI or hand edit): answer from it, and tell the subscribers. */
  apply(next: KnowledgeBase, previous: KnowledgeBase | undefined, meta: ChangeMeta): Promise<void>;
  /** Queues notices that are no catalogue change (a declined request's). Throws when the store refuses. */
  enqueue(changes: readonly ToolChange[]): Promise<void>;
  /** True once the cluster runs (it then writes the hand-edit audit entries itself). */
  clustered(): boolean;
  close(): Promise<void>;
}

export interface NotificationRoutingOptions {
  config: Config;
  core: ComplianceCore;
  /** The store of the moment, null until reachable. */
  storage: () => Storage | null;
  logger: Logger;
  retryMs: number;
  /** Runs before changes are fanned out (the requests a change answers, src/requests/); undefined until the store is there. */
  beforeFanOut?: () => BeforeFanOut | undefined;
}

export function createNotificationRouting(options: NotificationRoutingOptions): NotificationRouting {
  const { config, core, logger, retryMs } = options;
  let pipeline: NotificationPipeline | null = null;
  let notices: ChangeNotices | null = null;
  let cluster: Cluster | null = null;
  let closed = false;

  return {
    attach(storage, auditHandEdit) {
      if (pipelineKindFor(storage.backend) !== 'outbox') return;
      pipeline = withBeforeFanOut(createOutboxPipeline({ storage, logger: logger.child({ component: 'delivery' }) }), () => options.beforeFanOut?.());
      notices = createChangeNotices({ storage, pipeline, current: () => core.knowledgeBase, logger: logger.child({ component: 'snapshot' }), retryMs, auditHandEdit });
    },
    async start(storage, adapters) {
      if (pipelineKindFor(storage.backend) === 'queue') {
        const { startCluster } = await import('./cluster.js');
        const started = await startCluster({ config, core, storage, adapters, logger: logger.child({ component: 'cluster' }), ...(options.beforeFanOut ? { beforeFanOut: options.beforeFanOut } : {}) });
        // Closed while the cluster was starting: close it too (its workers and Redis connections would keep running).
        if (closed) await started.close();
        else cluster = started;
        return;
      }
      if (!pipeline || !notices) return;
      await pipeline.start(adapters);
      // Hand edits made while the bot was down, found against the last snapshot.
      await notices.catchUp();
    },
    async apply(next, previous, meta) {
      core.setKnowledgeBase(next);
      const storage = options.storage();
      // Several instances on Redis: the cluster tells the others and queues the notifications, once.
      if (storage && pipelineKindFor(storage.backend) === 'queue') return cluster?.onLocalChange(next, meta);
      if (!storage || !previous || !notices) return;
      await notices.changed(previous, next, meta);
    },
    async enqueue(changes) {
      if (cluster) return cluster.enqueue(changes);
      if (pipeline) return pipeline.enqueue(changes);
      throw new Error('no notification pipeline yet');
    },
    clustered: () => cluster !== null,
    async close() {
      closed = true;
      notices?.stop();
      await pipeline?.stop();
      await cluster?.close();
    },
  };
}
