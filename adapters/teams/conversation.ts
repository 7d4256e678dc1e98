// Conversation targets for Teams: what to store to reach a conversation again later (a
// ConversationReference as plain JSON), and the way back from a stored target to a reference.
import { createHash } from 'node:crypto';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationTarget } from '../types.js';
import { PermanentDeliveryError } from '../../src/errors.js';

/** A JSON-serialisable ConversationTarget for the conversation `activity` came from. */
export function conversationTargetFromActivity(activity: Partial<Activity>): ConversationTarget {
  const conversationId = activity.conversation?.id;
  if (!conversationId) throw new TypeError('The activity has no conversation id, so it cannot be answered later');
  const reference = TurnContext.getConversationReference(activity);
  // A JSON round trip drops undefined fields and class instances, so the target can be stored as is.
  const target: ConversationTarget = {
    platform: 'teams',
    conversationId,
    reference: JSON.parse(JSON.stringify(reference)) as unknown,
  };
  if (activity.from?.id) target.userId = activity.from.id;
  return target;
}

/** The stored reference of `target`, checked enough that botbuilder can send to it. */
export function referenceFromTarget(target: ConversationTarget): Partial<ConversationReference> {
  const fail = (why: string) =>
    new PermanentDeliveryError(`Cannot deliver to Teams conversation ${target.conversationId}: ${why}`);
  if (target.platform !== 'teams') throw fail(`the target is for platform "${target.platform}"`);
  const ref = target.reference as Partial<ConversationReference> | undefined;
  if (typeof ref !== 'object' || ref === null) throw fail('the target has no conversation reference');
  if (typeof ref.serviceUrl !== 'string' || !/^https?:\/\//.test(ref.serviceUrl)) throw fail('the reference has no serviceUrl');
  if (typeof ref.conversation?.id !== 'string') throw fail('the reference has no conversation id');
  return ref;
}

/**
 * The dedupe key of an activity (src/storage/dedupe.ts), or undefined when it has no id. Activity
 * ids are unique within a conversation only, so the conversation is part of the key; hashed, because
 * Teams conversation ids are long. Prefixed so that Slack's event ids can never collide with it.
 */
export function activityDedupeKey(activity: Partial<Activity>): string | undefined {
  if (!activity.id) return undefined;
  const digest = createHash('sha256').update(`${activity.conversation?.id ?? ''}\n${activity.id}`).digest('base64url');
  return `teams:${digest.slice(0, 32)}`;
}
