// Phrases only the Slack adapter needs and src/i18n.ts does not have (yet). Everything shared with
// other renderers comes from src/i18n.ts.
import type { Language } from '../../src/kb/schema.js';

interface SlackPhrases {
  /** More tools matched than fit into one Slack message. */
  moreTools: (n: number) => string;
  /** Items left out of a long list (conditions, sources ...). */
  moreItems: (n: number) => string;
  notificationsNotSetUp: string;
  noticeTitle: (toolName: string) => string;
  newInCatalog: string;
  status: string;
  changedBy: string;
  /** A slash command without a question. */
  howToAsk: (command: string) => string;
  /** A slash command this app does not have. */
  unknownCommand: (command: string) => string;
  /** A request failed before it could be answered. */
  requestFailed: string;
  /** Assistant panel: the first message of a new thread. */
  assistantGreeting: (organization: string) => string;
  /** Assistant panel: the title above the suggested prompts. */
  promptsTitle: string;
  /** Assistant panel: the status shown while the answer is computed. */
  thinking: string;
  /** Suggested prompts and example questions. */
  askTool: (tool: string) => string;
  askToolWithCitizens: (tool: string) => string;
  askCategory: (category: string) => string;
  /** App Home. */
  homeTitle: (organization: string) => string;
  homeIntro: string;
  homeExamples: string;
  homeHowTo: string;
  homeSubscriptions: string;
  homeNoSubscriptions: string;
  homeSubscriptionsOff: string;
  homeStorageDown: string;
  homeUnsubscribe: string;
  homeAllChanges: string;
  homeCategory: (label: string) => string;
  homeLatest: string;
  homeStatus: Record<'approved' | 'restricted' | 'pending' | 'prohibited', string>;
  homeAdmin: string;
  homeReviewsDue: string;
  homeNoReviewsDue: string;
  homeReviewDueOn: (date: string) => string;
  homeHistory: string;
  homeGaps: string;
  homeReport: string;
  homeProposals: string;
}

const de: SlackPhrases = {
  moreTools: (n) => `… und ${n} weitere Tools. Bitte stellen Sie die Frage genauer, um sie zu sehen.`,
  moreItems: (n) => `… und ${n} weitere`,
  notificationsNotSetUp: 'Benachrichtigungen sind auf diesem Server nicht eingerichtet.',
  noticeTitle: (name) => `Änderung im Tool-Katalog: ${name}`,
  newInCatalog: 'neu im Katalog',
  status: 'Status',
  changedBy: 'Geändert von',
  howToAsk: (c) => `Schreiben Sie Ihre Frage hinter den Befehl, zum Beispiel: ${c} Darf ich Zoom mit Bürgern nutzen?`,
  unknownCommand: (c) => `Diesen Befehl kenne ich nicht. Fragen Sie mit ${c}, zum Beispiel: ${c} Darf ich Zoom mit Bürgern nutzen?`,
  requestFailed: 'Entschuldigung, Ihre Anfrage konnte gerade nicht bearbeitet werden. Bitte versuchen Sie es gleich noch einmal.',
  assistantGreeting: (org) =>
    `Hallo! Ich sage Ihnen, ob Sie ein IT-Tool dienstlich nutzen dürfen – nach dem Katalog geprüfter Tools (${org}). Fragen Sie einfach, zum Beispiel:`,
  promptsTitle: 'Zum Beispiel:',
  thinking: 'prüft den Katalog …',
  askTool: (t) => `Darf ich ${t} nutzen?`,
  askToolWithCitizens: (t) => `Darf ich ${t} mit Bürgern nutzen?`,
  askCategory: (c) => `Welche Tools der Kategorie ${c} sind freigegeben?`,
  homeTitle: (org) => `Compliance-Auskunft – ${org}`,
  homeIntro:
    'Ich beantworte, ob Sie ein IT-Tool dienstlich nutzen dürfen, und benachrichtige Sie, wenn sich der Status eines Tools ändert. Schreiben Sie mir unter „Nachrichten“, erwähnen Sie mich in einem Kanal oder nutzen Sie /compliance.',
  homeExamples: 'Beispielfragen',
  homeHowTo: 'Abonnieren mit „abonnieren zoom“, „abonnieren videokonferenz“ oder dem Knopf „Benachrichtigen“ unter einer Antwort.',
  homeSubscriptions: 'Ihre Abonnements',
  homeNoSubscriptions: 'Sie haben nichts abonniert.',
  homeSubscriptionsOff: 'Benachrichtigungen sind auf diesem Server nicht eingerichtet.',
  homeStorageDown: 'Der Speicher ist gerade nicht erreichbar: Abonnements können hier im Moment nicht angezeigt werden.',
  homeUnsubscribe: 'Abbestellen',
  homeAllChanges: 'alle Änderungen',
  homeCategory: (l) => `${l} (Kategorie)`,
  homeLatest: 'Letzte Änderungen im Katalog',
  homeStatus: { approved: 'freigegeben', restricted: 'eingeschränkt freigegeben', pending: 'in Prüfung', prohibited: 'untersagt' },
  homeAdmin: 'Für Admins',
  homeReviewsDue: 'Überprüfung fällig',
  homeNoReviewsDue: 'Keine Überprüfung fällig.',
  homeReviewDueOn: (d) => `fällig seit ${d}`,
  homeHistory: 'Verlauf',
  homeGaps: 'Gefragt, aber nicht im Katalog',
  homeReport: 'Nutzungsbericht',
  homeProposals: 'Offene Vorschläge',
};

const en: SlackPhrases = {
  moreTools: (n) => `… and ${n} more tools. Please ask a narrower question to see them.`,
  moreItems: (n) => `… and ${n} more`,
  notificationsNotSetUp: 'Notifications are not set up on this server.',
  noticeTitle: (name) => `Change in the tool catalog: ${name}`,
  newInCatalog: 'new in the catalog',
  status: 'Status',
  changedBy: 'Changed by',
  howToAsk: (c) => `Write your question after the command, for example: ${c} May I use Zoom with citizens?`,
  unknownCommand: (c) => `I do not know this command. Ask with ${c}, for example: ${c} May I use Zoom with citizens?`,
  requestFailed: 'Sorry, your request could not be handled just now. Please try again in a moment.',
  assistantGreeting: (org) =>
    `Hello! I tell you whether you may use an IT tool at work, from the catalogue of assessed tools (${org}). Just ask, for example:`,
  promptsTitle: 'For example:',
  thinking: 'is checking the catalogue …',
  askTool: (t) => `May I use ${t}?`,
  askToolWithCitizens: (t) => `May I use ${t} with citizens?`,
  askCategory: (c) => `Which ${c} tools are approved?`,
  homeTitle: (org) => `Compliance answers – ${org}`,
  homeIntro:
    'I answer whether you may use an IT tool at work, and tell you when the status of a tool changes. Write to me under "Messages", mention me in a channel or use /compliance.',
  homeExamples: 'Example questions',
  homeHowTo: 'Subscribe with "subscribe zoom", "subscribe video conferencing" or the "Notify me" button under an answer.',
  homeSubscriptions: 'Your subscriptions',
  homeNoSubscriptions: 'You have no subscriptions.',
  homeSubscriptionsOff: 'Notifications are not set up on this server.',
  homeStorageDown: 'Storage cannot be reached just now: subscriptions cannot be shown here for the moment.',
  homeUnsubscribe: 'Unsubscribe',
  homeAllChanges: 'all changes',
  homeCategory: (l) => `${l} (category)`,
  homeLatest: 'Latest changes in the catalogue',
  homeStatus: { approved: 'approved', restricted: 'approved with restrictions', pending: 'under assessment', prohibited: 'prohibited' },
  homeAdmin: 'For admins',
  homeReviewsDue: 'Review due',
  homeNoReviewsDue: 'No review is due.',
  homeReviewDueOn: (d) => `due since ${d}`,
  homeHistory: 'History',
  homeGaps: 'Asked about, but not in the catalogue',
  homeReport: 'Usage report',
  homeProposals: 'Open proposals',
};

export function slackPhrases(lang: Language): SlackPhrases {
  return lang === 'de' ? de : en;
}
