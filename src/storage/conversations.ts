// Where to reach a subscriber later: the ConversationTarget of their last contact (a Teams
// conversation reference goes stale when the bot is reinstalled, so the newest one wins) and the
// language they last wrote in.
import type { ConversationTarget } from '../model/conversation-target.js';
import type { Language } from '../model/language.js';
import type { Namespace } from './backend.js';

export interface ConversationRecord {
  target: ConversationTarget;
  language?: Language;
  /** ISO timestamp of the last contact. */
  updatedAt: string;
}

export interface ConversationStore {
  /** Stores the target of `subscriberKey` (e.g. `slack:U123`, `slack:C456`, `teams:<id>`). */
  remember(subscriberKey: string, target: ConversationTarget, language?: Language): Promise<void>;
  get(subscriberKey: string): Promise<ConversationRecord | undefined>;
  getMany(subscriberKeys: readonly string[]): Promise<(ConversationRecord | undefined)[]>;
  forget(subscriberKey: string): Promise<boolean>;
}

export function createConversationStore(ns: Namespace<ConversationRecord>): ConversationStore {
  return {
    async remember(subscriberKey, target, language) {
      const previous = language === undefined ? await ns.get(subscriberKey) : undefined;
      const record: ConversationRecord = { target, updatedAt: new Date().toISOString() };
      // A message whose language was not recognised keeps the language known from earlier.
      const lang = language ?? previous?.language;
      if (lang !== undefined) record.language = lang;
      await ns.set(subscriberKey, record);
    },
    get: (key) => ns.get(key),
    getMany: (keys) => ns.getMany(keys),
    forget: (key) => ns.delete(key),
  };
}
