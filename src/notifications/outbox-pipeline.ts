// The outbox pipeline: one instance delivering from the outbox in its store (SQLite file,
// PostgreSQL). Enqueue fans a change out into the outbox; the delivery worker (./delivery.ts) sends.
// On PostgreSQL, whose store several processes could reach, start() first takes the instance lease
// (./instance-lease.ts): a second instance on the same store refuses to start instead of sending
// every notice twice.
import type { Logger } from '../logger.js';
import { childLogger, idSample } from '../logger.js';
import type { Storage } from '../storage/index.js';
import { startDelivery, type DeliveryOptions, type DeliveryWorker } from './delivery.js';
import type { ToolChange } from './diff.js';
import { acquireInstanceLease, type InstanceLease, type LeaseOptions } from './instance-lease.js';
import { enqueueChanges } from './outbox.js';
import { needsInstanceLease } from './select.js';
import { emptyStats, senderFor, type NoticeSender, type NotificationPipeline } from './pipeline.js';

export interface OutboxPipelineOptions extends Pick<DeliveryOptions, 'concurrency' | 'maxAttempts' | 'backoff' | 'pollMs' | 'deliverTimeoutMs' | 'run'> {
  storage: Storage;
  logger?: Logger;
  /** Take the single-instance lease before delivering (default: on PostgreSQL only). */
  lease?: boolean | LeaseOptions;
}

export function createOutboxPipeline(options: OutboxPipelineOptions): NotificationPipeline {
  const { storage } = options;
  const log = options.logger ?? childLogger('delivery');
  let worker: DeliveryWorker | null = null;
  let lease: InstanceLease | null = null;

  return {
    kind: 'outbox',
    async enqueue(changes) {
      if (changes.length === 0) return;
      const queued = await enqueueChanges(storage, changes);
      log.info({ changes: idSample(changes.map((c: ToolChange) => c.toolId)), newlyQueued: queued.filter((q) => q.added).length }, 'notifications queued');
      worker?.kick();
    },
    async start(senders: readonly NoticeSender[]) {
      if (worker) return;
      const leaseOption = options.lease ?? needsInstanceLease(storage.backend);
      if (leaseOption) lease = await acquireInstanceLease(storage, { ...(typeof leaseOption === 'object' ? leaseOption : {}), logger: log });
      const { storage: _s, logger: _l, lease: _x, ...tuning } = options;
      worker = startDelivery({
        ...tuning,
        storage,
        logger: log,
        deliver: (target, notice) => senderFor(senders, target).notify(target, notice),
        check: async (target, noticeId, since) => {
          const sender = senderFor(senders, target);
          return sender.wasDelivered ? sender.wasDelivered(target, noticeId, since) : undefined;
        },
      });
    },
    whenIdle: () => (worker ? worker.whenIdle() : Promise.resolve()),
    stats() {
      if (!worker) return emptyStats();
      const { delivered, failedAttempts, deadLettered, rateLimited, confirmedWithoutResend, inDoubtResent } = worker.stats();
      return { delivered, failedAttempts, deadLettered, rateLimited, confirmedWithoutResend, inDoubtResent };
    },
    async stop() {
      await worker?.stop();
      worker = null;
      await lease?.release();
      lease = null;
    },
  };
}
