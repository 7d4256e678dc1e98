// Subscription commands typed in a DM or a mention ("subscribe zoom", "abonnieren videokonferenz
// hier", "unsubscribe all", "subscriptions") and the "Notify me of changes" button. Adapters call
// parseSubscriptionCommand first; a non-null result is answered by executeSubscriptionCommand
// instead of the engine.
import type { ConversationTarget } from '../model/conversation-target.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { StorageUnavailableError } from '../errors.js';
import type { Storage, Topic } from '../storage/index.js';
import { phrases } from '../phrases/index.js';
import { conversationOf, indexConversation } from './forget.js';
import { resolveTopic, topicName } from './resolve.js';

export type SubscriptionCommand =
  | { action: 'subscribe' | 'unsubscribe'; target: string; here: boolean; language: Language }
  | { action: 'list'; here: boolean; language: Language };

const VERBS: Record<string, { action: 'subscribe' | 'unsubscribe'; language: Language }> = {
  subscribe: { action: 'subscribe', language: 'en' },
  unsubscribe: { action: 'unsubscribe', language: 'en' },
  abonnieren: { action: 'subscribe', language: 'de' },
  abonniere: { action: 'subscribe', language: 'de' },
  abbestellen: { action: 'unsubscribe', language: 'de' },
  abbestelle: { action: 'unsubscribe', language: 'de' },
  kündigen: { action: 'unsubscribe', language: 'de' },
};

const LIST_COMMANDS: Record<string, Language> = {
  subscriptions: 'en',
  'my subscriptions': 'en',
  'list subscriptions': 'en',
  abonnements: 'de',
  'meine abonnements': 'de',
  abos: 'de',
  'meine abos': 'de',
};

/** The command in `text`, or null when the text is something else (a question for the engine). */
export function parseSubscriptionCommand(text: string): SubscriptionCommand | null {
  // Mentions (<@U123>, <at>Bot</at>) and surrounding punctuation are not part of the command.
  const clean = text
    .replace(/<@[^>]+>|<at>[^<]*<\/at>/g, ' ')
    .replace(/^[\s,:;!.?]+|[\s!.?]+$/g, '')
    .replace(/\s+/g, ' ');
  const lower = clean.toLowerCase();
  const hereMatch = / (here|hier)$/.exec(lower);
  const here = hereMatch !== null;
  const body = here ? clean.slice(0, clean.length - (hereMatch?.[0].length ?? 0)).trim() : clean;
  const bodyLower = body.toLowerCase();

  const listLang = LIST_COMMANDS[bodyLower];
  if (listLang) return { action: 'list', here, language: listLang };

  const space = body.indexOf(' ');
  const verb = (space < 0 ? body : body.slice(0, space)).toLowerCase();
  const known = VERBS[verb];
  if (!known) return null;
  const target = (space < 0 ? '' : body.slice(space + 1)).trim().replace(/^["„“'](.*)["“”']$/, '$1');
  return { action: known.action, target, here, language: known.language };
}

export interface SubscriberContext {
  kb: KnowledgeBase;
  storage: Storage;
  subscriber: {
    /** The person: `slack:U123`, `teams:<aadObjectId>`, `web:<session>`. */
    key: string;
    /** Where to reach the person privately (their DM), for their own subscriptions. */
    target: ConversationTarget;
    language: Language;
  };
  /** The conversation the command was typed in; needed for `here` (defaults to subscriber.target). */
  conversation?: ConversationTarget;
}

/** Carries out the command and returns the reply text in the user's language. */
export async function executeSubscriptionCommand(cmd: SubscriptionCommand, ctx: SubscriberContext): Promise<string> {
  const lang = cmd.language;
  const m = phrases(lang).subscription;
  const who = cmd.here ? 'channel' : 'you';
  const { key, target } = whoIsSubscribing(cmd.here, ctx);
  try {
    // Every contact refreshes the stored target (proactive messages use the newest one) and the
    // language: notices come in the language the command was written in.
    await ctx.storage.conversations.remember(key, target, lang);
    const subs = ctx.storage.subscriptions;
    // So that removing the bot from this conversation can remove what was subscribed in it.
    if (cmd.action === 'subscribe') await indexConversation(ctx.storage, target.platform, target.conversationId, key);

    if (cmd.action === 'list') {
      const topics = await subs.list(key);
      if (topics.length === 0) return m.none(who);
      return m.list(who, topics.map((t) => displayName(ctx.kb, t, lang)).join(', '));
    }
    if (cmd.target === '') return m.usage;

    if (cmd.action === 'unsubscribe' && /^(all|alle|alles|everything)$/i.test(cmd.target)) {
      const topics = await subs.list(key);
      for (const t of topics) await subs.unsubscribe(key, t);
      if (topics.length === 0) return m.none(who);
      return m.unsubscribedEverything(who, topics.map((t) => displayName(ctx.kb, t, lang)).join(', '));
    }

    const resolved = resolveTopic(ctx.kb, cmd.target, lang);
    let topic = resolved.topic;
    let name = resolved.topic ? resolved.name : '';
    if (!topic && cmd.action === 'unsubscribe') {
      // A tool removed from the catalog can still be unsubscribed by its id.
      const byId = (await subs.list(key)).find((t) => t.kind !== 'all' && t.id === cmd.target.toLowerCase());
      if (byId) [topic, name] = [byId, displayName(ctx.kb, byId, lang)];
    }
    if (!topic) {
      const suggestions = resolved.topic ? [] : resolved.suggestions;
      return m.unknown(cmd.target, suggestions.length > 0 ? m.didYouMean(suggestions.join(', ')) : m.usage);
    }

    if (cmd.action === 'subscribe') {
      const added = await subs.subscribe(key, topic);
      return added ? m.subscribed(who, topic.kind, name) : m.alreadySubscribed(who, name);
    }
    const removed = await subs.unsubscribe(key, topic);
    return removed ? m.unsubscribed(who, name) : m.notSubscribed(who, name);
  } catch (err) {
    if (err instanceof StorageUnavailableError) return m.unavailable;
    throw err;
  }
}

/** The "Notify me of changes" button under an answer about `toolId`: subscribes the person. */
export function subscribeFromButton(toolId: string, ctx: SubscriberContext): Promise<string> {
  return executeSubscriptionCommand({ action: 'subscribe', target: toolId, here: false, language: ctx.subscriber.language }, ctx);
}

/** The subscriber key and target: the person, or for `here` the conversation itself. */
function whoIsSubscribing(here: boolean, ctx: SubscriberContext): { key: string; target: ConversationTarget } {
  if (!here) return { key: ctx.subscriber.key, target: ctx.subscriber.target };
  const conv = ctx.conversation ?? ctx.subscriber.target;
  // The channel itself, not a thread in it (a Teams reply chain's id names its channel) and not one member.
  const conversationId = conversationOf(conv.conversationId);
  const target: ConversationTarget = { platform: conv.platform, conversationId };
  if (conv.reference !== undefined) target.reference = channelReference(conv.reference, conversationId);
  return { key: `${conv.platform}:${conversationId}`, target };
}

/** A stored reference (Teams) pointed at the channel instead of the reply chain it was taken from. */
function channelReference(reference: unknown, conversationId: string): unknown {
  const ref = reference as { conversation?: { id?: unknown } } | null;
  if (typeof ref !== 'object' || ref === null || typeof ref.conversation?.id !== 'string' || ref.conversation.id === conversationId) return reference;
  return { ...ref, conversation: { ...ref.conversation, id: conversationId } };
}

function displayName(kb: KnowledgeBase, topic: Topic, lang: Language): string {
  const name = topicName(kb, topic, lang);
  return topic.kind === 'category' ? name + phrases(lang).subscription.categorySuffix : name;
}
