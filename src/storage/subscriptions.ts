// Who wants to hear about which changes. A topic is a tool, a category or everything; a subscriber
// is a key like `slack:U123` (a person) or `slack:C456` (a channel). Two structures: per topic a
// sharded set of subscriber keys (for the fan-out), per subscriber a short list of topic keys (for
// "subscriptions").
import type { Namespace } from './backend.js';
import { KeyedMutex } from './lock.js';
import { ShardedSet } from './sharded-set.js';
import type { Topic } from '../model/subscription-topic.js';

export type { Topic };

export function topicKey(t: Topic): string {
  return t.kind === 'all' ? 'all' : `${t.kind}:${t.id}`;
}

export function parseTopicKey(key: string): Topic | undefined {
  if (key === 'all') return { kind: 'all' };
  const m = /^(tool|category):(.+)$/.exec(key);
  if (!m) return undefined;
  return { kind: m[1] as 'tool' | 'category', id: m[2] as string };
}

export interface SubscriptionStore {
  /** True if this is a new subscription. */
  subscribe(subscriberKey: string, topic: Topic): Promise<boolean>;
  /** True if the subscription existed. */
  unsubscribe(subscriberKey: string, topic: Topic): Promise<boolean>;
  /** Every topic of one subscriber, in the order subscribed. */
  list(subscriberKey: string): Promise<Topic[]>;
  /** Subscribers of exactly this topic. */
  subscribers(topic: Topic): Promise<string[]>;
  /** Everyone to tell about a change of `toolId`: its subscribers, its categories' and `all`'s, each once, sorted. */
  subscribersOf(toolId: string, categoryIds?: readonly string[]): Promise<string[]>;
  /** Bulk import: subscribes many keys to one topic with one write per bucket. Returns how many were new. */
  subscribeMany(topic: Topic, subscriberKeys: readonly string[]): Promise<number>;
}

export function createSubscriptionStore(bySet: Namespace<string[]>, bySubscriber: Namespace<string[]>): SubscriptionStore {
  const sets = new ShardedSet(bySet);
  const mutex = new KeyedMutex(bySubscriber.locks);

  const addToList = (subscriberKey: string, key: string) =>
    mutex.run(subscriberKey, async () => {
      const topics = (await bySubscriber.get(subscriberKey)) ?? [];
      if (topics.includes(key)) return;
      await bySubscriber.set(subscriberKey, [...topics, key]);
    });

  return {
    async subscribe(subscriberKey, topic) {
      const key = topicKey(topic);
      // The topic set first: it is what the fan-out reads; the per-subscriber list only serves "subscriptions".
      const added = await sets.add(key, subscriberKey);
      await addToList(subscriberKey, key);
      return added;
    },
    async unsubscribe(subscriberKey, topic) {
      const key = topicKey(topic);
      const removed = await sets.remove(key, subscriberKey);
      await mutex.run(subscriberKey, async () => {
        const topics = (await bySubscriber.get(subscriberKey)) ?? [];
        if (!topics.includes(key)) return;
        const rest = topics.filter((t) => t !== key);
        if (rest.length === 0) await bySubscriber.delete(subscriberKey);
        else await bySubscriber.set(subscriberKey, rest);
      });
      return removed;
    },
    async list(subscriberKey) {
      const topics = (await bySubscriber.get(subscriberKey)) ?? [];
      return topics.map(parseTopicKey).filter((t): t is Topic => t !== undefined);
    },
    subscribers: (topic) => sets.members(topicKey(topic)),
    async subscribersOf(toolId, categoryIds = []) {
      const topics: Topic[] = [{ kind: 'tool', id: toolId }, { kind: 'all' }];
      for (const id of new Set(categoryIds)) topics.push({ kind: 'category', id });
      const lists = await Promise.all(topics.map((t) => sets.members(topicKey(t))));
      return [...new Set(lists.flat())].sort();
    },
    async subscribeMany(topic, subscriberKeys) {
      const key = topicKey(topic);
      const added = await sets.addMany(key, subscriberKeys);
      // Per-subscriber lists in parallel slices: each is its own small key.
      for (let i = 0; i < subscriberKeys.length; i += 200) {
        await Promise.all(subscriberKeys.slice(i, i + 200).map((s) => addToList(s, key)));
      }
      return added;
    },
  };
}
