// Built-in contexts and categories (knowledge-format.md): they apply to every knowledge base, and
// entries of contexts.yaml / categories.yaml with the same id add synonyms to them.
import type { VocabularyEntry } from './schema.js';

type Builtin = Required<Pick<VocabularyEntry, 'id' | 'synonyms'>> & { label: { de: string; en: string } };

export const BUILTIN_CONTEXTS: readonly Builtin[] = [
  {
    id: 'internal',
    label: { de: 'intern', en: 'internal' },
    synonyms: {
      de: ['intern', 'interne besprechung', 'kollegen', 'kolleginnen', 'dienstintern', 'innerhalb der behörde', 'mitarbeitende'],
      en: ['internal', 'internally', 'colleagues', 'coworkers', 'co-workers', 'within the team', 'staff only'],
    },
  },
  {
    id: 'citizens',
    label: { de: 'Bürgerinnen und Bürger', en: 'citizens' },
    synonyms: {
      de: ['bürger', 'bürgerin', 'bürgerinnen', 'einwohner', 'einwohnerin', 'antragsteller', 'antragstellerin', 'öffentlichkeit', 'kunden'],
      en: ['citizen', 'citizens', 'resident', 'residents', 'the public', 'member of the public', 'members of the public', 'applicant', 'applicants'],
    },
  },
  {
    id: 'external',
    label: { de: 'externe Partner', en: 'external partners' },
    synonyms: {
      de: ['extern', 'externe', 'externen', 'dienstleister', 'partner', 'partnerin', 'firma', 'firmen', 'unternehmen', 'andere behörde', 'andere behörden', 'lieferant'],
      en: ['external', 'externally', 'partner', 'partners', 'contractor', 'contractors', 'vendor', 'vendors', 'supplier', 'suppliers', 'other agencies', 'other authorities', 'third party', 'third parties'],
    },
  },
  {
    id: 'confidential',
    label: { de: 'vertraulich', en: 'confidential' },
    synonyms: {
      de: ['vertraulich', 'vertraulichkeit', 'verschlusssache', 'vs-nfd', 'geheim', 'sensibel', 'sensible', 'sensiblen', 'nur für den dienstgebrauch'],
      en: ['confidential', 'confidentiality', 'classified', 'secret', 'sensitive', 'restricted information'],
    },
  },
  {
    id: 'special_categories',
    label: { de: 'besondere Kategorien personenbezogener Daten (Art. 9 DSGVO)', en: 'special categories of personal data (Art. 9 GDPR)' },
    synonyms: {
      de: ['gesundheitsdaten', 'gesundheit', 'gesundheitlich', 'medizinisch', 'diagnose', 'patienten', 'patientendaten', 'sozialdaten', 'religion', 'religiös', 'ethnisch', 'biometrisch', 'genetisch', 'sexuelle orientierung', 'gewerkschaft', 'art. 9', 'besondere kategorien'],
      en: ['health', 'health data', 'medical', 'diagnosis', 'patient', 'patients', 'religion', 'religious', 'ethnic', 'biometric', 'genetic', 'sexual orientation', 'trade union', 'special categories', 'article 9', 'art. 9'],
    },
  },
  {
    id: 'vulnerable_persons',
    label: { de: 'besonders schutzbedürftige Personen', en: 'particularly vulnerable persons' },
    synonyms: {
      de: ['schutzbedürftig', 'schutzbedürftige', 'schutzbedürftigen', 'vulnerabel', 'vulnerable', 'kinder', 'kind', 'minderjährige', 'jugendliche', 'opfer', 'geflüchtete', 'flüchtlinge', 'pflegebedürftige', 'betreute'],
      en: ['vulnerable', 'vulnerable people', 'vulnerable persons', 'children', 'child', 'kids', 'kid', 'minors', 'minor', 'teenagers', 'victims', 'victim', 'refugees', 'at-risk'],
    },
  },
  {
    id: 'personal_data',
    label: { de: 'personenbezogene Daten', en: 'personal data' },
    synonyms: {
      de: ['personenbezogen', 'personenbezogene daten', 'personendaten', 'personalien', 'namen', 'adressen', 'kundendaten', 'akten', 'personalakte'],
      en: ['personal data', 'personal information', 'personally identifiable', 'pii', 'names and addresses', 'customer data', 'case files'],
    },
  },
  {
    id: 'recording',
    label: { de: 'Aufzeichnung', en: 'recording' },
    synonyms: {
      de: ['aufzeichnung', 'aufzeichnen', 'aufnehmen', 'aufnahme', 'mitschnitt', 'mitschneiden', 'transkript', 'transkription'],
      en: ['recording', 'record', 'recorded', 'transcript', 'transcription', 'transcribe'],
    },
  },
];

export const BUILTIN_CATEGORIES: readonly Builtin[] = [
  {
    id: 'video-conferencing',
    label: { de: 'Videokonferenz', en: 'video conferencing' },
    synonyms: {
      de: ['videokonferenz', 'videokonferenzsystem', 'videocall', 'videoanruf', 'videotelefonie', 'webkonferenz', 'onlinemeeting', 'online-meeting', 'videogespräch', 'videosprechstunde', 'webinar'],
      en: ['video conference', 'video conferencing', 'videoconference', 'video call', 'video meeting', 'web meeting', 'online meeting', 'webinar'],
    },
  },
  {
    id: 'messaging',
    label: { de: 'Messenger', en: 'messaging' },
    synonyms: {
      de: ['messenger', 'chat', 'chatten', 'sofortnachrichten', 'kurznachrichten', 'nachrichtendienst'],
      en: ['messenger', 'messaging', 'chat', 'instant messaging', 'instant messenger', 'chat app'],
    },
  },
  {
    id: 'email',
    label: { de: 'E-Mail', en: 'e-mail' },
    synonyms: {
      de: ['e-mail', 'email', 'mail', 'mailprogramm', 'postfach', 'newsletter'],
      en: ['e-mail', 'email', 'mail', 'mailbox', 'newsletter'],
    },
  },
  {
    id: 'office-suite',
    label: { de: 'Office-Paket', en: 'office suite' },
    synonyms: {
      de: ['office', 'office-paket', 'bürosoftware', 'textverarbeitung', 'tabellenkalkulation', 'präsentation'],
      en: ['office suite', 'office software', 'word processor', 'word processing', 'spreadsheet', 'presentation software'],
    },
  },
  {
    id: 'file-sharing',
    label: { de: 'Dateiablage und -austausch', en: 'file sharing' },
    synonyms: {
      de: ['dateiaustausch', 'dateiablage', 'dateien teilen', 'cloudspeicher', 'cloud-speicher', 'datenaustausch', 'filesharing'],
      en: ['file sharing', 'file-sharing', 'share files', 'sharing files', 'file transfer', 'cloud storage'],
    },
  },
  {
    id: 'survey',
    label: { de: 'Umfragen', en: 'surveys' },
    synonyms: {
      de: ['umfrage', 'befragung', 'fragebogen', 'abstimmung', 'terminumfrage'],
      en: ['survey', 'poll', 'questionnaire', 'form builder'],
    },
  },
  {
    id: 'translation',
    label: { de: 'Übersetzung', en: 'translation' },
    synonyms: {
      de: ['übersetzung', 'übersetzen', 'übersetzer', 'übersetzungsdienst'],
      en: ['translation', 'translate', 'translator', 'machine translation'],
    },
  },
  {
    id: 'ai-assistant',
    label: { de: 'KI-Assistent', en: 'AI assistant' },
    synonyms: {
      de: ['ki-assistent', 'ki', 'künstliche intelligenz', 'chatbot', 'sprachmodell', 'textgenerator'],
      en: ['ai assistant', 'ai', 'artificial intelligence', 'chatbot', 'language model', 'llm', 'generative ai'],
    },
  },
  {
    id: 'project-management',
    label: { de: 'Projektmanagement', en: 'project management' },
    synonyms: {
      de: ['projektmanagement', 'aufgabenverwaltung', 'aufgabenplanung', 'kanban', 'projektplanung'],
      en: ['project management', 'task management', 'task tracking', 'kanban', 'issue tracker'],
    },
  },
  {
    id: 'password-manager',
    label: { de: 'Passwortmanager', en: 'password manager' },
    synonyms: {
      de: ['passwortmanager', 'passwort-manager', 'kennwortverwaltung', 'passwortverwaltung', 'passwortsafe'],
      en: ['password manager', 'password vault', 'password safe'],
    },
  },
];
