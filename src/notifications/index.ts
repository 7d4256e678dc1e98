// Change notifications: diff two knowledge bases and deliver the changes through one
// NotificationPipeline (./pipeline.ts): the outbox on SQLite/PostgreSQL (one instance), BullMQ
// queues on Redis (src/cluster/notify-queues.ts); `pipelineKindFor` chooses. Roughly:
//   const pipeline = createOutboxPipeline({ storage }); await pipeline.start(adapters);
//   await pipeline.enqueue(diffKnowledgeBases(oldKb, newKb, { by, at: new Date() }));
//   await rememberKnowledgeBase(storage, newKb);
export { startDelivery, type Deliver, type DeliveryOptions, type DeliveryStats, type DeliveryWorker } from './delivery.js';
export { diffKnowledgeBases, type ChangeKind, type ChangeMeta, type RestrictionChange, type RestrictionSnapshot, type ToolChange } from './diff.js';
export { isPermanent, retryAfterSecondsOf } from './failures.js';
export { toNotice } from './notice.js';
export { enqueueChange, enqueueChanges, type EnqueueSummary } from './outbox.js';
export { changesSinceSnapshot, rememberedKnowledgeBase, rememberKnowledgeBase } from './snapshot.js';
export { createDeliveryClaims, isInDoubt, type DeliveryCheck, type DeliveryClaim } from './in-doubt.js';
export { acquireInstanceLease, type InstanceLease, type LeaseOptions } from './instance-lease.js';
export { createOutboxPipeline, type OutboxPipelineOptions } from './outbox-pipeline.js';
export { emptyStats, senderFor, withBeforeFanOut, type BeforeFanOut, type NoticeSender, type NotificationPipeline, type PipelineKind, type PipelineStats } from './pipeline.js';
export { needsInstanceLease, pipelineKindFor } from './select.js';
