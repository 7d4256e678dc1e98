// Which notification pipeline a store gets: the one place this is decided.
//   sqlite    outbox, one instance (a file on one host).
//   postgres  outbox, one instance, enforced: a second instance on the same store refuses to start
//             (./instance-lease.ts). PostgreSQL shares dedupe and data, but its outbox is not a
//             multi-consumer queue.
//   redis     queue (BullMQ), any number of instances.
import type { BackendKind } from '../storage/index.js';
import type { PipelineKind } from './pipeline.js';

export function pipelineKindFor(backend: BackendKind): PipelineKind {
  return backend === 'redis' ? 'queue' : 'outbox';
}

/** True when the store may be reached by several processes but serves one instance: the lease guards it. */
export function needsInstanceLease(backend: BackendKind): boolean {
  return backend === 'postgres';
}
