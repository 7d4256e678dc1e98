// Replies to subscription commands in English.
import type { SubscriptionPhrases } from './subscription-types.js';

const usage = 'Write "subscribe <tool or category>", "subscribe all", "unsubscribe <…>" or "subscriptions". Add "here" at the end to subscribe this channel.';
const none = (who: 'you' | 'channel') =>
  `${who === 'channel' ? 'This channel has' : 'You have'} no subscriptions. For example: "subscribe zoom", "subscribe video-conferencing" or "subscribe all".`;

export const subscriptionEn: SubscriptionPhrases = {
  subscribed: (who, kind, name) => {
    const subject = who === 'channel' ? 'This channel will' : 'You will';
    if (kind === 'all') return `${subject} be notified of every change in the catalogue.`;
    if (kind === 'category') return `${subject} be notified when the status or conditions of any ${name} tool change.`;
    return `${subject} be notified when the status or conditions of ${name} change. To stop, write "unsubscribe ${name.toLowerCase()}".`;
  },
  alreadySubscribed: (who, name) => `${who === 'channel' ? 'This channel is' : 'You are'} already subscribed to ${name}.`,
  unsubscribed: (who, name) => `${who === 'channel' ? 'This channel' : 'You'} will no longer be notified of changes to ${name}.`,
  notSubscribed: (who, name) => `${who === 'channel' ? 'This channel was' : 'You were'} not subscribed to ${name}.`,
  unsubscribedEverything: (who, names) =>
    `${who === 'channel' ? 'This channel' : 'You'} will no longer receive change notifications (unsubscribed: ${names}).`,
  list: (who, names) => `${who === 'channel' ? "This channel's subscriptions" : 'Your subscriptions'}: ${names}.`,
  none,
  unknown: (text, hint) => `I do not know "${text}" as a tool or a category. ${hint}`,
  didYouMean: (names) => `Did you mean: ${names}?`,
  usage,
  unavailable: 'Subscriptions are not available right now. Please try again later.',
  notSetUp: 'Notifications are not set up on this server.',
  categorySuffix: ' (category)',
  allChanges: 'all changes',
  staleTopic: (name, tools, more) => `${name} is no longer in the catalogue. The catalogue now holds: ${tools}${more > 0 ? ` and ${more} more` : ''}.`,
  staleTopicEmptyCatalogue: (name) => `${name} is no longer in the catalogue. The catalogue is empty just now.`,
};
