// Several instances behind a load balancer, sharing one Redis (STORAGE_URL=redis://…): notification
// fan-out through BullMQ, an exactly-once "what changed" step under a cluster lock, and
// knowledge-base versions over pub/sub. server/cluster.ts wires these together; see
// docs/deployment.md for the deployment and what each component's failure does.
export { createChangeRecorder, CLUSTER_SNAPSHOT, type ChangeRecorder, type RecordResult } from './change-recorder.js';
export { kbChannel, kbVersionKey, startKbSync, type KbSync } from './kb-sync.js';
export {
  bullPrefix,
  createQueuePipeline,
  fanoutJobId,
  notifyJobId,
  notifyQueueName,
  NOTIFY_PLATFORMS,
  platformOf,
  startNotifyQueues,
  type Deliver,
  type NotifyPlatform,
  type NotifyQueues,
  type NotifyStats,
  type QueuePipeline,
  type QueuePipelineOptions,
} from './notify-queues.js';
export { connectClusterRedis, type ClusterRedis } from './redis.js';
export { withRedisLock } from './redis-lock.js';
