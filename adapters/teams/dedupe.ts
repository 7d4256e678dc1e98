// The Bot Connector may deliver an activity again (it retries when the bot did not answer in time),
// and behind a load balancer the retry may reach another instance. ActivityDedupe answers "first
// time?" per activity, through the shared dedupe store, so each activity is handled once. Checked
// after authentication, so a forged request cannot use up the id of a real one.
import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface ActivityDedupe {
  /** True the first time `key` is seen (within the store's time window), false afterwards. */
  firstSeen(key: string): Promise<boolean>;
}

/** A shared store whose firstSeen takes the TTL per call (src/storage/dedupe.ts has that shape). */
export interface TtlDedupeStore {
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

/** Redeliveries come within minutes; an id is remembered this long by default. */
export const ACTIVITY_DEDUPE_TTL_MS = 15 * 60_000;

export function activityDedupeFromStore(store: TtlDedupeStore, ttlMs = ACTIVITY_DEDUPE_TTL_MS): ActivityDedupe {
  return { firstSeen: (key) => store.firstSeen(key, ttlMs) };
}

/**
 * The dedupe key of an activity, or undefined when it has no id. Activity ids are unique within a
 * conversation only, so the conversation is part of the key; hashed, because Teams conversation
 * ids are long. Prefixed so that Slack's event ids can never collide with it.
 */
export function activityDedupeKey(activity: Partial<Activity>): string | undefined {
  if (!activity.id) return undefined;
  const digest = createHash('sha256').update(`${activity.conversation?.id ?? ''}\n${activity.id}`).digest('base64url');
  return `teams:${digest.slice(0, 32)}`;
}
