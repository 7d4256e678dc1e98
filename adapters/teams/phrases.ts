// Phrases only the Teams adapter needs and src/i18n.ts does not have (yet): the welcome message,
// the reply when notifications are not set up, and the labels of a change notice. Other fixed
// phrases come from src/i18n.ts so Teams reads like the other channels.
import type { Language } from '../../src/kb/schema.js';

export interface TeamsPhrases {
  welcome: (organization: string) => string;
  notificationsNotSetUp: string;
  noticeTitle: (toolName: string) => string;
  statusChange: string;
  changedBy: (by: string, date: string) => string;
  source: string;
  moreTools: (n: number) => string;
  /** A button in a channel whose private confirmation could not reach the person's personal chat. */
  personalChatFailed: (command: string) => string;
  /** An invoke the bot does not know (an old card, another app's verb). */
  unknownAction: string;
}

const de: TeamsPhrases = {
  welcome: (org) =>
    `Hallo! Ich beantworte Fragen dazu, ob Sie ein IT-Tool dienstlich nutzen dürfen – nach dem Katalog geprüfter Tools (${org}). ` +
    'Fragen Sie zum Beispiel: „Darf ich Zoom mit Bürgern nutzen?“ oder „Welche Videokonferenzsysteme sind freigegeben?“ ' +
    'In Kanälen und Gruppenchats erwähnen Sie mich dazu mit @.',
  notificationsNotSetUp: 'Benachrichtigungen sind auf diesem Server nicht eingerichtet.',
  noticeTitle: (tool) => `Änderung: ${tool}`,
  statusChange: 'Status',
  changedBy: (by, date) => `Geändert von ${by} am ${date}`,
  source: 'Quelle',
  moreTools: (n) => `… und ${n} weitere Tools (bitte genauer fragen).`,
  personalChatFailed: (c) => `Ich konnte Ihnen nicht privat schreiben. Öffnen Sie bitte einen Chat mit mir und schreiben Sie „${c}“.`,
  unknownAction: 'Diese Schaltfläche gibt es nicht mehr. Stellen Sie Ihre Frage bitte noch einmal.',
};

const en: TeamsPhrases = {
  welcome: (org) =>
    `Hello! I answer questions on whether you may use an IT tool at work, from the catalog of assessed tools (${org}). ` +
    'Ask, for example: "May I use Zoom with citizens?" or "Which video conferencing tools are approved?" ' +
    'In channels and group chats, @mention me with your question.',
  notificationsNotSetUp: 'Notifications are not set up on this server.',
  noticeTitle: (tool) => `Update: ${tool}`,
  statusChange: 'Status',
  changedBy: (by, date) => `Changed by ${by} on ${date}`,
  source: 'Source',
  moreTools: (n) => `… and ${n} more tools (please ask more specifically).`,
  personalChatFailed: (c) => `I could not write to you privately. Please open a chat with me and write "${c}".`,
  unknownAction: 'This button no longer exists. Please ask your question again.',
};

export function teamsPhrases(lang: Language): TeamsPhrases {
  return lang === 'de' ? de : en;
}
