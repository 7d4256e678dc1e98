// Filing a request for an assessment (or joining a waiting list): checks the form, keeps what is
// needed (the purpose with personal data replaced by placeholders, only contexts the catalogue
// knows), stores the person's address to tell them the outcome, tells the admins, and answers
// with the person's place. Logged: the request id, the outcome and the count, nothing else.
import type { KnowledgeBase } from '../kb/model.js';
import { localize } from '../kb/model.js';
import { resolveTool } from '../kb/resolve.js';
import type { Language } from '../model/language.js';
import { redact } from '../llm/redact.js';
import type { Logger } from '../logger.js';
import { phrases } from '../phrases/index.js';
import { isStorageUnavailable, type FileResult, type Storage } from '../storage/index.js';
import { adminRequestLines } from './format.js';
import { MAX_NAME_LENGTH, MAX_PURPOSE_LENGTH, type RequestForm } from './limits.js';
import { requestKey, toolKey } from './names.js';
import type { Requester, RequestReply } from './types.js';

export interface FileContext {
  storage: Storage;
  knowledgeBase: () => KnowledgeBase;
  now: () => Date;
  log: Logger;
  /** Tells the admins (never throws). */
  tell: (text: (lang: Language) => string, id: string) => Promise<void>;
}

export async function fileRequest(ctx: FileContext, form: RequestForm, requester: Requester): Promise<RequestReply> {
  const { storage, now, log, tell } = ctx;
  const p = phrases(requester.language).request;
  const name = form.name.replace(/\s+/g, ' ').trim();
  const purpose = form.purpose.replace(/\s+/g, ' ').trim();
  if (name === '' || requestKey(name) === '') return { ok: false, text: p.nameMissing };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, text: p.tooLong(p.form.tool, MAX_NAME_LENGTH) };
  if (purpose === '') return { ok: false, text: p.purposeMissing };
  if (purpose.length > MAX_PURPOSE_LENGTH) return { ok: false, text: p.tooLong(p.form.purpose, MAX_PURPOSE_LENGTH) };
  const kb = ctx.knowledgeBase();
  const tool = resolveTool(kb, name);
  if (tool && tool.status !== 'pending') return { ok: false, text: p.known(tool.name, phrases(requester.language).status[tool.status]) };
  const entry = {
    by: requester.key,
    // Tool names are not people: "Frau Zoom" stays a tool name.
    purpose: redact(purpose, { keep: [name, ...[...kb.tools.values()].flatMap((t) => [t.name, ...t.aliases])] }).text,
    contexts: [...new Set(form.contexts)].filter((c) => kb.contexts.has(c)),
    at: now().toISOString(),
  };
  let result: FileResult;
  try {
    result = tool
      ? await storage.requests.file({ key: toolKey(tool.id), name: tool.name, entry, toolId: tool.id })
      : await storage.requests.file({ key: requestKey(name), name, entry });
    if (requester.target) await storage.conversations.remember(requester.key, requester.target, requester.language);
    if (tool && requester.target) await storage.subscriptions.subscribe(requester.key, { kind: 'tool', id: tool.id });
  } catch (err) {
    if (isStorageUnavailable(err)) return { ok: false, text: p.unavailable };
    throw err;
  }
  const { request, outcome, position } = result;
  log.info({ request: request.id, outcome, requesters: request.requesters.length }, 'request for an assessment filed');
  if (outcome === 'created' && !tool) await tell((lang) => adminRequestLines(request, kb, lang, now()).join('\n'), request.id);
  if (outcome === 'joined') await tell((lang) => phrases(lang).request.admin.joinedCount(request.name, request.id, request.requesters.length), request.id);
  const said = tool
    ? outcome === 'already' ? p.waitlistAlready(request.name, position) : p.waitlistJoined(request.name, position)
    : outcome === 'created' ? p.created(request.name) : outcome === 'joined' ? p.joined(request.name, position) : p.already(request.name, position);
  const how = requester.target ? p.willNotify : p.cannotNotify(requestsContact(kb, requester.language));
  return { ok: true, text: `${said} ${how}`, result };
}

/** The organisation's `requests` contact in one line (name, text, e-mail, link, phone), for people the chat cannot notify. */
function requestsContact(kb: KnowledgeBase, lang: Language): string {
  const c = kb.organization.contacts.requests;
  if (!c) return '';
  const texts = [c.name, c.text].map((t) => (t ? localize(t, lang) : ''));
  return [...texts, c.email ?? '', c.url ?? '', c.phone ?? ''].filter((t) => t !== '').join(', ');
}
