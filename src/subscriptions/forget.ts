// When the bot is removed from a conversation (Teams installationUpdate "remove"), what was stored
// for that conversation goes too: its subscriptions and its stored address. A small index, kept
// when a subscription is made, says which subscriber keys live in which conversation (the channel
// itself for "subscribe zoom here", a person whose personal chat it is).
import type { Storage } from '../storage/index.js';

const INDEX = 'subs-by-conversation';

/** Teams writes a channel's reply chain as `<channel>;messageid=<id>`: the conversation is the channel. */
export function conversationOf(conversationId: string): string {
  const cut = conversationId.indexOf(';messageid=');
  return cut < 0 ? conversationId : conversationId.slice(0, cut);
}

/** Notes that `subscriberKey` is reached in `conversationId` (called when a subscription is made). */
export async function indexConversation(storage: Storage, platform: string, conversationId: string, subscriberKey: string): Promise<void> {
  const kv = storage.kv<string[]>(INDEX);
  const key = `${platform}:${conversationOf(conversationId)}`;
  const keys = (await kv.get(key)) ?? [];
  if (!keys.includes(subscriberKey)) await kv.set(key, [...keys, subscriberKey].slice(-1000));
}

export interface ForgetResult {
  subscribers: number;
  topics: number;
}

/**
 * Deletes the subscriptions and stored addresses of everyone reached in this conversation, the
 * conversation's own (`<platform>:<conversation>`) and those of `alsoKeys` (e.g. the person whose
 * personal chat it is) whose stored address is this conversation.
 */
export async function forgetConversation(storage: Storage, platform: string, conversationId: string, alsoKeys: readonly string[] = []): Promise<ForgetResult> {
  const conversation = conversationOf(conversationId);
  const kv = storage.kv<string[]>(INDEX);
  const indexKey = `${platform}:${conversation}`;
  const indexed = (await kv.get(indexKey)) ?? [];
  const candidates = [...new Set([`${platform}:${conversation}`, ...indexed, ...alsoKeys])];
  let subscribers = 0;
  let topics = 0;
  for (const key of candidates) {
    const record = await storage.conversations.get(key);
    // Someone indexed here may have written from elsewhere since: their newer address stays.
    if (record && conversationOf(record.target.conversationId) !== conversation) continue;
    const list = await storage.subscriptions.list(key);
    for (const topic of list) await storage.subscriptions.unsubscribe(key, topic);
    if (record) await storage.conversations.forget(key);
    if (list.length > 0 || record) subscribers++;
    topics += list.length;
  }
  await kv.delete(indexKey);
  return { subscribers, topics };
}

/** Notes that a channel of `groupId` (a Teams team) has subscriptions: removing the app from the team removes them. */
export async function indexGroup(storage: Storage, platform: string, groupId: string, channelKey: string): Promise<void> {
  const kv = storage.kv<string[]>(INDEX);
  const key = `${platform}:group:${groupId}`;
  const keys = (await kv.get(key)) ?? [];
  if (!keys.includes(channelKey)) await kv.set(key, [...keys, channelKey].slice(-1000));
}

/** Deletes the subscriptions and addresses of every channel of `groupId` noted by indexGroup. */
export async function forgetGroup(storage: Storage, platform: string, groupId: string): Promise<ForgetResult> {
  const kv = storage.kv<string[]>(INDEX);
  const key = `${platform}:group:${groupId}`;
  let subscribers = 0;
  let topics = 0;
  for (const channelKey of (await kv.get(key)) ?? []) {
    const list = await storage.subscriptions.list(channelKey);
    for (const topic of list) await storage.subscriptions.unsubscribe(channelKey, topic);
    const forgotten = await storage.conversations.forget(channelKey);
    if (list.length > 0 || forgotten) subscribers++;
    topics += list.length;
  }
  await kv.delete(key);
  return { subscribers, topics };
}
