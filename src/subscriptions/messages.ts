// Replies to subscription commands, German and English (src/i18n.ts has no such phrases).
import type { Language } from '../kb/schema.js';
import type { Topic } from '../storage/index.js';

type Who = 'you' | 'channel';

interface SubscriptionMessages {
  subscribed: (who: Who, topic: Topic, name: string) => string;
  alreadySubscribed: (who: Who, name: string) => string;
  unsubscribed: (who: Who, name: string) => string;
  notSubscribed: (who: Who, name: string) => string;
  unsubscribedEverything: (who: Who, names: string[]) => string;
  list: (who: Who, names: string[]) => string;
  none: (who: Who) => string;
  unknown: (text: string, suggestions: string[]) => string;
  usage: string;
  unavailable: string;
  categorySuffix: string;
}

const quote = (s: string, lang: Language) => (lang === 'de' ? `„${s}“` : `"${s}"`);

const de: SubscriptionMessages = {
  subscribed: (who, topic, name) => {
    const subject = who === 'channel' ? 'Dieser Kanal wird' : 'Sie werden';
    if (topic.kind === 'all') return `${subject} über jede Änderung im Katalog benachrichtigt.`;
    if (topic.kind === 'category') return `${subject} benachrichtigt, wenn sich Status oder Bedingungen eines Tools der Kategorie ${name} ändern.`;
    return `${subject} benachrichtigt, wenn sich Status oder Bedingungen von ${name} ändern. Abbestellen mit ${quote(`abbestellen ${name.toLowerCase()}`, 'de')}.`;
  },
  alreadySubscribed: (who, name) => `${who === 'channel' ? 'Dieser Kanal hat' : 'Sie haben'} ${name} bereits abonniert.`,
  unsubscribed: (who, name) => `${who === 'channel' ? 'Dieser Kanal erhält' : 'Sie erhalten'} keine Benachrichtigungen mehr zu ${name}.`,
  notSubscribed: (who, name) => `${who === 'channel' ? 'Dieser Kanal hatte' : 'Sie hatten'} ${name} nicht abonniert.`,
  unsubscribedEverything: (who, names) =>
    names.length === 0
      ? de.none(who)
      : `${who === 'channel' ? 'Dieser Kanal erhält' : 'Sie erhalten'} keine Benachrichtigungen mehr (abbestellt: ${names.join(', ')}).`,
  list: (who, names) => `${who === 'channel' ? 'Abonnements dieses Kanals' : 'Ihre Abonnements'}: ${names.join(', ')}.`,
  none: (who) =>
    `${who === 'channel' ? 'Dieser Kanal hat' : 'Sie haben'} nichts abonniert. Zum Beispiel: „abonnieren zoom“, „abonnieren videokonferenz“ oder „abonnieren alle“.`,
  unknown: (text, suggestions) =>
    `${quote(text, 'de')} kenne ich weder als Tool noch als Kategorie.` +
    (suggestions.length > 0 ? ` Meinten Sie: ${suggestions.join(', ')}?` : ` ${de.usage}`),
  usage:
    'Schreiben Sie „abonnieren <Tool oder Kategorie>“, „abonnieren alle“, „abbestellen <…>“ oder „abonnements“. Mit „hier“ am Ende abonnieren Sie für diesen Kanal.',
  unavailable: 'Abonnements sind gerade nicht verfügbar. Bitte versuchen Sie es später noch einmal.',
  categorySuffix: ' (Kategorie)',
};

const en: SubscriptionMessages = {
  subscribed: (who, topic, name) => {
    const subject = who === 'channel' ? 'This channel will' : 'You will';
    if (topic.kind === 'all') return `${subject} be notified of every change in the catalog.`;
    if (topic.kind === 'category') return `${subject} be notified when the status or conditions of any ${name} tool change.`;
    return `${subject} be notified when the status or conditions of ${name} change. To stop, write ${quote(`unsubscribe ${name.toLowerCase()}`, 'en')}.`;
  },
  alreadySubscribed: (who, name) => `${who === 'channel' ? 'This channel is' : 'You are'} already subscribed to ${name}.`,
  unsubscribed: (who, name) => `${who === 'channel' ? 'This channel' : 'You'} will no longer be notified of changes to ${name}.`,
  notSubscribed: (who, name) => `${who === 'channel' ? 'This channel was' : 'You were'} not subscribed to ${name}.`,
  unsubscribedEverything: (who, names) =>
    names.length === 0
      ? en.none(who)
      : `${who === 'channel' ? 'This channel' : 'You'} will no longer receive change notifications (unsubscribed: ${names.join(', ')}).`,
  list: (who, names) => `${who === 'channel' ? "This channel's subscriptions" : 'Your subscriptions'}: ${names.join(', ')}.`,
  none: (who) =>
    `${who === 'channel' ? 'This channel has' : 'You have'} no subscriptions. For example: "subscribe zoom", "subscribe video-conferencing" or "subscribe all".`,
  unknown: (text, suggestions) =>
    `I do not know ${quote(text, 'en')} as a tool or a category.` +
    (suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : ` ${en.usage}`),
  usage:
    'Write "subscribe <tool or category>", "subscribe all", "unsubscribe <…>" or "subscriptions". Add "here" at the end to subscribe this channel.',
  unavailable: 'Subscriptions are not available right now. Please try again later.',
  categorySuffix: ' (category)',
};

export const SUBSCRIPTION_MESSAGES: Record<Language, SubscriptionMessages> = { de, en };
