// Replies to subscription commands in German.
import type { SubscriptionPhrases } from './subscription-types.js';

const usage =
  'Schreiben Sie „abonnieren <Tool oder Kategorie>“, „abonnieren alle“, „abbestellen <…>“ oder „abonnements“. Mit „hier“ am Ende abonnieren Sie für diesen Kanal.';
const none = (who: 'you' | 'channel') =>
  `${who === 'channel' ? 'Dieser Kanal hat' : 'Sie haben'} nichts abonniert. Zum Beispiel: „abonnieren zoom“, „abonnieren videokonferenz“ oder „abonnieren alle“.`;

export const subscriptionDe: SubscriptionPhrases = {
  subscribed: (who, kind, name) => {
    const subject = who === 'channel' ? 'Dieser Kanal wird' : 'Sie werden';
    if (kind === 'all') return `${subject} über jede Änderung im Katalog benachrichtigt.`;
    if (kind === 'category') return `${subject} benachrichtigt, wenn sich Status oder Bedingungen eines Tools der Kategorie ${name} ändern.`;
    return `${subject} benachrichtigt, wenn sich Status oder Bedingungen von ${name} ändern. Abbestellen mit „abbestellen ${name.toLowerCase()}“.`;
  },
  alreadySubscribed: (who, name) => `${who === 'channel' ? 'Dieser Kanal hat' : 'Sie haben'} ${name} bereits abonniert.`,
  unsubscribed: (who, name) => `${who === 'channel' ? 'Dieser Kanal erhält' : 'Sie erhalten'} keine Benachrichtigungen mehr zu ${name}.`,
  notSubscribed: (who, name) => `${who === 'channel' ? 'Dieser Kanal hatte' : 'Sie hatten'} ${name} nicht abonniert.`,
  unsubscribedEverything: (who, names) =>
    `${who === 'channel' ? 'Dieser Kanal erhält' : 'Sie erhalten'} keine Benachrichtigungen mehr (abbestellt: ${names}).`,
  list: (who, names) => `${who === 'channel' ? 'Abonnements dieses Kanals' : 'Ihre Abonnements'}: ${names}.`,
  none,
  unknown: (text, hint) => `„${text}“ kenne ich weder als Tool noch als Kategorie. ${hint}`,
  didYouMean: (names) => `Meinten Sie: ${names}?`,
  usage,
  unavailable: 'Abonnements sind gerade nicht verfügbar. Bitte versuchen Sie es später noch einmal.',
  notSetUp: 'Benachrichtigungen sind auf diesem Server nicht eingerichtet.',
  categorySuffix: ' (Kategorie)',
  allChanges: 'alle Änderungen',
  staleTopic: (name, tools, more) => `${name} ist nicht mehr im Katalog. Im Katalog sind jetzt: ${tools}${more > 0 ? ` und ${more} weitere` : ''}.`,
  staleTopicEmptyCatalogue: (name) => `${name} ist nicht mehr im Katalog. Der Katalog ist gerade leer.`,
};
