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
};

export function slackPhrases(lang: Language): SlackPhrases {
  return lang === 'de' ? de : en;
}
