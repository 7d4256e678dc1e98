// Exactly-once across crashes. Before a notice is handed to the platform, its pipeline writes a
// claim (run id, attempt, time) into the store; the outcome (done, retry, dead) is recorded after.
// A process killed between the two leaves a claim of another run whose attempt has no recorded
// outcome: the delivery is *in doubt* (the platform may or may not have it). Only then the sender
// is asked (Slack: the notice id in the message metadata, read back with conversations.history);
// a notice found there is marked done without sending it again. Where the platform cannot tell
// (Teams), the notice is sent again: at most the deliveries in flight at the crash go out twice.
import type { ConversationTarget } from '../model/conversation-target.js';
import type { Storage } from '../storage/index.js';

export interface DeliveryClaim {
  /** The run (process start, or cluster instance) that handed the notice to the platform. */
  run: string;
  /** The attempt number it was (1 = first). */
  attempt: number;
  /** Epoch ms when it was handed over. */
  at: number;
}

export type DeliveryCheck = (target: ConversationTarget, noticeId: string, sinceEpochMs: number) => Promise<boolean | undefined>;

/** Claims are kept a week: long past any restart that could find them in doubt. */
const CLAIM_KEPT_MS = 7 * 24 * 3600 * 1000;
/** Read back from a little before the claim (clock skew between this host and the platform). */
export const READ_BACK_MARGIN_MS = 5 * 60 * 1000;

export interface DeliveryClaims {
  read(noticeId: string, subscribers: readonly string[]): Promise<(DeliveryClaim | undefined)[]>;
  /** Writes the claim of attempt `attempt`; resolves once it is stored (only then may the notice go out). */
  claim(noticeId: string, subscriber: string, attempt: number): Promise<DeliveryClaim>;
}

export function createDeliveryClaims(storage: Storage, run: string): DeliveryClaims {
  const kv = storage.kv<DeliveryClaim>('notice-claims');
  const key = (noticeId: string, subscriber: string) => `${noticeId}|${subscriber}`;
  return {
    read: (noticeId, subscribers) => kv.getMany(subscribers.map((s) => key(noticeId, s))),
    async claim(noticeId, subscriber, attempt) {
      const claim: DeliveryClaim = { run, attempt, at: Date.now() };
      await kv.set(key(noticeId, subscriber), claim, CLAIM_KEPT_MS);
      return claim;
    },
  };
}

/**
 * True when a claim left by another run has no recorded outcome: `attemptsRecorded` is the number
 * of attempts whose outcome the store holds (the outbox item's attempts, BullMQ's attemptsMade).
 */
export function isInDoubt(claim: DeliveryClaim | undefined, run: string, attemptsRecorded: number): claim is DeliveryClaim {
  return claim !== undefined && claim.run !== run && claim.attempt > attemptsRecorded;
}
