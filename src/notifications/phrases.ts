// The fixed phrases of change notifications and subscription replies (not in src/i18n.ts, which
// another module owns): German and English.
import type { Language } from '../kb/schema.js';

interface NoticePhrases {
  status: (from: string, to: string) => string;
  added: (status: string) => string;
  removed: string;
  conditionAdded: (text: string) => string;
  conditionRemoved: (text: string) => string;
  conditionChanged: (text: string, before: string) => string;
  notFor: (contexts: string) => string;
  note: (note: string) => string;
  handEdit: string;
}

const de: NoticePhrases = {
  status: (f, t) => `Status: ${f} → ${t}`,
  added: (s) => `Neu im Katalog: ${s}`,
  removed: 'Aus dem Katalog entfernt: nicht mehr geprüft und damit nicht freigegeben',
  conditionAdded: (t) => `Neue Bedingung: ${t}`,
  conditionRemoved: (t) => `Bedingung entfällt: ${t}`,
  conditionChanged: (t, b) => (t === b ? `Bedingung geändert: ${t}` : `Bedingung geändert: ${t} (bisher: ${b})`),
  notFor: (c) => ` (nicht bei: ${c})`,
  note: (n) => `Anmerkung: ${n}`,
  handEdit: 'Änderung der Datei von Hand',
};

const en: NoticePhrases = {
  status: (f, t) => `Status: ${f} → ${t}`,
  added: (s) => `Added to the catalog: ${s}`,
  removed: 'Removed from the catalog: no longer assessed, so not approved',
  conditionAdded: (t) => `New condition: ${t}`,
  conditionRemoved: (t) => `Condition dropped: ${t}`,
  conditionChanged: (t, b) => (t === b ? `Condition changed: ${t}` : `Condition changed: ${t} (was: ${b})`),
  notFor: (c) => ` (not for: ${c})`,
  note: (n) => `Note: ${n}`,
  handEdit: 'hand edit',
};

export const NOTICE_PHRASES: Record<Language, NoticePhrases> = { de, en };
