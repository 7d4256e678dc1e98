// Change notifications: diff two knowledge bases, fan a change out into the persisted outbox, and
// deliver it with retries. The composition root wires it up roughly like this:
//   const changes = diffKnowledgeBases(oldKb, newKb, { by, at: new Date(), source, note });
//   await enqueueChanges(storage, changes); await rememberKnowledgeBase(storage, newKb); worker.kick();
//   const worker = startDelivery({ storage, deliver: (t, n) => adapters[t.platform].notify(t, n) });
export { startDelivery, type Deliver, type DeliveryOptions, type DeliveryStats, type DeliveryWorker } from './delivery.js';
export { diffKnowledgeBases, type ChangeKind, type ChangeMeta, type RestrictionChange, type RestrictionSnapshot, type ToolChange } from './diff.js';
export { PermanentDeliveryError, RetryAfterError, isPermanent, retryAfterSecondsOf } from './errors.js';
export { toNotice } from './notice.js';
export { enqueueChange, enqueueChanges, type EnqueueSummary } from './outbox.js';
export { changesSinceSnapshot, rememberedKnowledgeBase, rememberKnowledgeBase } from './snapshot.js';
