// Slack and Teams in German.
import type { ChatPhrases } from './chat-types.js';

export const chatDe: ChatPhrases = {
  notificationsNotSetUp: 'Benachrichtigungen sind auf diesem Server nicht eingerichtet.',
  confirmYes: 'ja, das trifft zu',
  confirmNo: 'nein, nichts davon',
  approveProposal: (id) => `Vorschlag ${id} freigeben`,
  subscribeCommand: (topic) => `abonnieren ${topic}`,
  personalChatFailed: (c) => `Ich konnte Ihnen nicht privat schreiben. Öffnen Sie bitte einen Chat mit mir und schreiben Sie „${c}“.`,
  unknownAction: 'Diese Schaltfläche gibt es nicht mehr. Stellen Sie Ihre Frage bitte noch einmal.',
  refresh: 'Aktualisieren',
  teamsApp: {
    short: 'Darf ich dieses IT-Tool nutzen?',
    full:
      'Beantwortet Fragen wie „Darf ich Zoom mit Bürgern nutzen?“ aus dem Katalog geprüfter IT-Tools: freigegeben, ' +
      'mit Auflagen freigegeben, nicht freigegeben oder noch nicht entschieden – mit Quellen.',
    commands: [
      { title: 'Darf ich Zoom nutzen?', description: 'Ob ein Tool freigegeben ist und mit welchen Auflagen' },
      { title: 'Zoom mit Bürgern?', description: 'Die Antwort berücksichtigt Gesprächspartner und Vertraulichkeit' },
      { title: 'Welche Videokonferenztools?', description: 'Übersicht über die geprüften Tools einer Kategorie' },
    ],
    search: {
      title: 'Tool prüfen',
      description: 'Den Status eines IT-Tools in den Chat einfügen',
      parameterTitle: 'Tool / Frage',
      parameterDescription: 'z. B. Zoom oder „Zoom mit Bürgern?“',
    },
  },
  welcome: (org) =>
    `Hallo! Ich beantworte Fragen dazu, ob Sie ein IT-Tool dienstlich nutzen dürfen – nach dem Katalog geprüfter Tools (${org}). ` +
    'Fragen Sie zum Beispiel: „Darf ich Zoom mit Bürgern nutzen?“ oder „Welche Videokonferenzsysteme sind freigegeben?“ ' +
    'In Kanälen und Gruppenchats erwähnen Sie mich dazu mit @.',
  howToAsk: (c) => `Schreiben Sie Ihre Frage hinter den Befehl, zum Beispiel: ${c} Darf ich Zoom mit Bürgern nutzen?`,
  unknownCommand: (c) => `Diesen Befehl kenne ich nicht. Fragen Sie mit ${c}, zum Beispiel: ${c} Darf ich Zoom mit Bürgern nutzen?`,
  requestFailed: 'Entschuldigung, Ihre Anfrage konnte gerade nicht bearbeitet werden. Bitte versuchen Sie es gleich noch einmal.',
  assistant: {
    greeting: (org) =>
      `Hallo! Ich sage Ihnen, ob Sie ein IT-Tool dienstlich nutzen dürfen – nach dem Katalog geprüfter Tools (${org}). Fragen Sie einfach, zum Beispiel:`,
    promptsTitle: 'Zum Beispiel:',
    thinking: 'prüft den Katalog …',
    askTool: (t) => `Darf ich ${t} nutzen?`,
    askToolWithCitizens: (t) => `Darf ich ${t} mit Bürgern nutzen?`,
    askCategory: (c) => `Welche Tools der Kategorie ${c} sind freigegeben?`,
  },
  home: {
    title: (org) => `Compliance-Auskunft – ${org}`,
    intro:
      'Ich beantworte, ob Sie ein IT-Tool dienstlich nutzen dürfen, und benachrichtige Sie, wenn sich der Status eines Tools ändert. Schreiben Sie mir unter „Nachrichten“, erwähnen Sie mich in einem Kanal oder nutzen Sie /compliance.',
    examples: 'Beispielfragen',
    howTo: (b) => `Abonnieren mit „abonnieren zoom“, „abonnieren videokonferenz“ oder dem Knopf „${b}“ unter einer Antwort.`,
    subscriptions: 'Ihre Abonnements',
    noSubscriptions: 'Sie haben nichts abonniert.',
    storageDown: 'Der Speicher ist gerade nicht erreichbar: Abonnements können hier im Moment nicht angezeigt werden.',
    unsubscribe: 'Abbestellen',
    allChanges: 'alle Änderungen',
    category: (l) => `${l} (Kategorie)`,
    latest: 'Letzte Änderungen im Katalog',
    admin: 'Für Admins',
    reviewsDue: 'Überprüfung fällig',
    noReviewsDue: 'Keine Überprüfung fällig.',
    reviewDueOn: (d) => `fällig seit ${d}`,
    history: 'Verlauf',
    gaps: 'Gefragt, aber nicht im Katalog',
    fileWord: 'Ein Wort einordnen: `admin context add <Kontext> <Wort>`',
    report: 'Nutzungsbericht',
    proposals: 'Offene Vorschläge',
  },
};
