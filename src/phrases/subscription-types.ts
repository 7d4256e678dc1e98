// The subscription section of the phrase book: replies to "subscribe …" / "abonnieren …" and the
// "Notify me of changes" button. `who` is the person, or the channel for "… here" / "… hier"; lists
// of names come joined.
import type { Topic } from '../model/subscription-topic.js';

export type Subscriber = 'you' | 'channel';

export interface SubscriptionPhrases {
  subscribed: (who: Subscriber, kind: Topic['kind'], name: string) => string;
  alreadySubscribed: (who: Subscriber, name: string) => string;
  unsubscribed: (who: Subscriber, name: string) => string;
  notSubscribed: (who: Subscriber, name: string) => string;
  unsubscribedEverything: (who: Subscriber, names: string) => string;
  list: (who: Subscriber, names: string) => string;
  none: (who: Subscriber) => string;
  /** `hint`: `didYouMean(…)` or `usage`. */
  unknown: (text: string, hint: string) => string;
  didYouMean: (names: string) => string;
  usage: string;
  unavailable: string;
  notSetUp: string;
  categorySuffix: string;
  allChanges: string;
  /** A button names a tool that has left the catalogue: `tools` its current tools (up to a limit), `more` how many were left out. */
  staleTopic: (name: string, tools: string, more: number) => string;
  /** The same, when the catalogue holds no tool at all. */
  staleTopicEmptyCatalogue: (name: string) => string;
}
