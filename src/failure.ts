// When no answer can be given: the asker is never left in silence. The message says so in the
// question's language and names whom to ask (a contact of organization.yaml). Every adapter renders it.
import { phrases as messages } from './phrases/index.js';
import { localize } from './kb/model.js';
import type { Contact, Organization } from './kb/schema.js';
import { isLanguage, type Language } from './model/language.js';
import { detectLanguage } from './text/language.js';
import { tokenize } from './text/normalize.js';

// The contact to name when no answer could be given, most fitting first.
const CONTACT_PREFERENCE = ['data_protection', 'requests', 'support', 'it'];

export function failureContact(org: Organization): Contact | undefined {
  for (const key of CONTACT_PREFERENCE) {
    const c = org.contacts[key];
    if (c) return c;
  }
  return Object.values(org.contacts)[0];
}

/** The contact's name (or text) and whichever of e-mail, URL and phone it has, comma-separated. */
export function contactLine(c: Contact, lang: Language): string {
  const name = localize(c.name, lang) || localize(c.text, lang);
  return [name, c.email, c.url, c.phone].filter((p): p is string => p !== undefined && p !== '').join(', ');
}

/** "Sorry, I could not give an answer just now. Please contact: …" in `lang`. */
export function failureText(lang: Language, org: Organization): string {
  const m = messages(lang);
  const contact = failureContact(org);
  return contact ? `${m.ui.failure} ${m.ui.whomToAsk}: ${contactLine(contact, lang)}` : m.ui.failure;
}

/** German or English, from the text alone (for replies without an Answer); `fallback` otherwise. */
export function guessLanguage(text: string, fallback: Language): Language {
  try {
    return detectLanguage(tokenize(text), text, fallback);
  } catch {
    return fallback;
  }
}

/** "de-DE" -> de, "en-US" -> en, anything else -> `fallback`. */
export function languageFromLocale(locale: string | undefined, fallback: Language): Language {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : fallback;
}
