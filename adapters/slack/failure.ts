// The reply when no answer could be computed: never leave the asker in silence, name whom to ask.
import { failureContact, failureText } from '../../src/failure.js';
import { phrases as messages } from '../../src/phrases/index.js';
import { localize } from '../../src/kb/model.js';
import type { Contact, Organization } from '../../src/kb/schema.js';
import type { Language } from '../../src/model/language.js';
import { webUrl } from '../../src/http/safe-url.js';
import { escapeMrkdwn, link } from './mrkdwn.js';
import { section, type SlackMessage } from './render.js';

/** "Sorry, I could not give an answer just now. Please contact …" in `lang`, as plain text. */
export const failurePlainText = failureText;

function contactMrkdwn(c: Contact, lang: Language): string {
  const parts: string[] = [];
  const name = localize(c.name, lang) || localize(c.text, lang);
  if (name) parts.push(escapeMrkdwn(name));
  if (c.email) parts.push(link(`mailto:${c.email}`, c.email));
  if (c.url && webUrl(c.url)) parts.push(link(c.url, c.url));
  if (c.phone) parts.push(escapeMrkdwn(c.phone));
  return parts.join(' · ');
}

/** The failure message as a Slack message (mrkdwn, with mail and web links). */
export function renderFailure(lang: Language, org: Organization): SlackMessage {
  const m = messages(lang);
  const contact = failureContact(org);
  const text = escapeMrkdwn(failurePlainText(lang, org));
  if (!contact) return { text, blocks: [section(`:warning: ${escapeMrkdwn(m.ui.failure)}`)] };
  return {
    text,
    blocks: [section(`:warning: ${escapeMrkdwn(m.ui.failure)}\n${escapeMrkdwn(m.ui.whomToAsk)}: ${contactMrkdwn(contact, lang)}`)],
  };
}
