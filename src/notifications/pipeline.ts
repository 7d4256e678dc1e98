// The one interface every notification pipeline implements, whatever the store:
//   outbox   the single-instance outbox worker (SQLite file, PostgreSQL): ./outbox-pipeline.ts
//   queue    BullMQ queues shared by several instances (Redis): src/cluster/notify-queues.ts
// Which one a store gets is decided in one place, `pipelineKindFor` (./select.ts). Both take the
// same changes, deliver through the same senders (the chat adapters), honour Retry-After, dead-letter
// permanent failures into the store's dead letters, resume after a restart, and check an in-doubt
// delivery (one a crashed process had in flight) with the sender before sending it again
// (./in-doubt.ts). test/notices-contract.test.ts runs the same tests against both.
import type { ChangeNotice } from '../model/change-notice.js';
import type { ConversationTarget } from '../model/conversation-target.js';
import type { ToolChange } from './diff.js';
import { PermanentDeliveryError } from '../errors.js';

/**
 * What a pipeline needs of a chat adapter (a ChatAdapter is one): sending a notice and, where the
 * platform allows it, telling whether a notice already arrived.
 */
export interface NoticeSender {
  readonly platform: string;
  notify(target: ConversationTarget, notice: ChangeNotice): Promise<void>;
  /**
   * True if the notice `noticeId` is in the conversation (posted since `sinceEpochMs`), false if
   * not, undefined if the platform cannot tell. Called only for in-doubt deliveries.
   */
  wasDelivered?(target: ConversationTarget, noticeId: string, sinceEpochMs: number): Promise<boolean | undefined>;
}

export interface PipelineStats {
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
  rateLimited: number;
  /** In-doubt deliveries found delivered by the platform's read-back: marked done, not sent again. */
  confirmedWithoutResend: number;
  /** In-doubt deliveries sent again because the platform cannot tell (Teams) or said "not there". */
  inDoubtResent: number;
}

export interface NotificationPipeline {
  /** `outbox` (one instance) or `queue` (several instances on Redis). */
  readonly kind: PipelineKind;
  /** Queues the notifications of these changes, once per (change, subscriber) however often called. */
  enqueue(changes: readonly ToolChange[]): Promise<void>;
  /** Starts delivering through `senders` (one per platform). */
  start(senders: readonly NoticeSender[]): Promise<void>;
  /** Resolves when nothing is queued or in flight (tests, the bench). */
  whenIdle(): Promise<void>;
  stats(): PipelineStats;
  /** Stops taking work; deliveries in flight finish and are recorded first. */
  stop(): Promise<void>;
}

export type PipelineKind = 'outbox' | 'queue';

export const emptyStats = (): PipelineStats => ({ delivered: 0, failedAttempts: 0, deadLettered: 0, rateLimited: 0, confirmedWithoutResend: 0, inDoubtResent: 0 });

/** The sender of a target's platform; none configured is a permanent failure (dead-lettered). */
export function senderFor(senders: readonly NoticeSender[], target: ConversationTarget): NoticeSender {
  const sender = senders.find((s) => s.platform === target.platform);
  if (!sender) throw new PermanentDeliveryError(`no ${target.platform} adapter is configured on this instance`);
  return sender;
}

/**
 * Runs before changes are fanned out, and may add to them (src/requests/: settle the requests a
 * change answers and subscribe their requesters, so the change's notice reaches them too).
 */
export type BeforeFanOut = (changes: readonly ToolChange[]) => Promise<ToolChange[]>;

/** The pipeline with `before` run on every enqueue (`before` undefined at the moment: as it is). */
export function withBeforeFanOut<P extends Pick<NotificationPipeline, 'enqueue'>>(pipeline: P, before: () => BeforeFanOut | undefined): P {
  const enqueue = pipeline.enqueue.bind(pipeline);
  return Object.assign(Object.create(pipeline) as P, {
    enqueue: async (changes: readonly ToolChange[]) => {
      const hook = before();
      return enqueue(hook && changes.length > 0 ? await hook(changes) : changes);
    },
  });
}
