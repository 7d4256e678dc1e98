// The reply when no answer could be computed: never leave the asker in silence, say whom to ask
// (a contact from organization.yaml), in the language of the question.
import { messages } from '../../src/i18n.js';
import { localize } from '../../src/kb/model.js';
import type { Contact, Language, Organization } from '../../src/kb/schema.js';
import { detectLanguage } from '../../src/text/language.js';
import { tokenize } from '../../src/text/normalize.js';

// The contact to name when no answer could be given, most fitting first.
const CONTACT_PREFERENCE = ['data_protection', 'requests', 'support', 'it'];

function pickContact(org: Organization): Contact | undefined {
  for (const key of CONTACT_PREFERENCE) {
    const c = org.contacts[key];
    if (c) return c;
  }
  return Object.values(org.contacts)[0];
}

function describeContact(c: Contact, lang: Language): string {
  const name = localize(c.name, lang) || localize(c.text, lang);
  return [name, c.email, c.url, c.phone].filter((p): p is string => p !== undefined && p !== '').join(', ');
}

/** "Sorry, I could not give an answer just now. Please contact: …" in `lang`. */
export function failureText(lang: Language, org: Organization): string {
  const m = messages(lang);
  const contact = pickContact(org);
  const who = contact ? describeContact(contact, lang) : '';
  return who ? `${m.ui.failure} ${m.ui.whomToAsk}: ${who}` : m.ui.failure;
}

/** The language to answer `question` in when the engine could not tell us. */
export function guessLanguage(question: string, org: Organization): Language {
  try {
    return detectLanguage(tokenize(question), question, org.default_language);
  } catch {
    return org.default_language;
  }
}

/** "de-DE" -> de, "en-US" -> en, anything else -> `fallback`. */
export function languageFromLocale(locale: string | undefined, fallback: Language): Language {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return primary === 'de' || primary === 'en' ? primary : fallback;
}
