// Requests for an assessment, platform-free: staff file one from an `unknown` answer (or join the
// waiting list of a `pending` tool), admins list and decide them, the catalogue closes them by
// itself (./changes.ts), and the purge forgets decided ones after RETENTION_DAYS. Adapters and the
// CLI only parse, render and post; every reply comes from the phrase book in the reader's language.
//
// What is stored per requester: the platform id (subscriber key), the purpose with personal data
// replaced by placeholders, the contexts ticked and when. Nothing of a request is logged: log lines
// carry the request id, counts and outcomes only.
import type { AdminService } from '../admin/service.js';
import { normalizeActorId } from '../model/actor-id.js';
import type { ConversationTarget } from '../model/conversation-target.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import type { Logger } from '../logger.js';
import { childLogger } from '../logger.js';
import type { ToolChange } from '../notifications/diff.js';
import { phrases } from '../phrases/index.js';
import { isLive, type FileResult, type Storage, type ToolRequestRecord } from '../storage/index.js';
import { notifiable, settleRequests } from './changes.js';
import { requestKey } from './names.js';
import type { Requester, RequestReply } from './types.js';

export type { Requester, RequestReply } from './types.js';
import { declineChangeId } from './decline.js';
import { fileRequest } from './file.js';
import { listCommand } from './format.js';
import type { RequestForm } from './limits.js';

export { MAX_NAME_LENGTH, MAX_PURPOSE_LENGTH, type RequestForm } from './limits.js';
const DAY_MS = 86_400_000;

/** Tells the admins about a request: the text in each admin's language. */
export type TellAdminsOfRequest = (text: (lang: Language) => string) => Promise<void>;

export interface RequestServiceOptions {
  storage: Storage;
  knowledgeBase: () => KnowledgeBase;
  retentionDays: number;
  /** Runs `add` for "start an assessment" (validated edit path, audit, four eyes). */
  admin?: AdminService;
  /** The notification pipeline's enqueue (a decline's notice). */
  enqueue?: (changes: ToolChange[]) => Promise<void>;
  tellAdmins?: TellAdminsOfRequest;
  now?: () => Date;
  logger?: Logger;
}

export interface DecideActor {
  /** `slack:U…`, `teams:<aad id>`, `cli:<name>`. */
  id: string;
  language: Language;
  surface?: 'chat' | 'cli';
}

export interface RequestService {
  /** Files a request or joins a waiting list. Never throws: the reply says what happened. */
  file(form: RequestForm, requester: Requester): Promise<RequestReply>;
  /** Open requests and waiting lists, oldest first. */
  list(): Promise<ToolRequestRecord[]>;
  /** Adds the tool as `pending` through the admin service; the request closes when the change is queued. */
  start(ref: string, tool: { toolId: string; category: string; name?: string }, actor: DecideActor): Promise<RequestReply>;
  decline(ref: string, reason: string, actor: DecideActor): Promise<RequestReply>;
  /** The hook before a change is fanned out (see ./changes.ts). */
  settle(changes: readonly ToolChange[]): Promise<ToolChange[]>;
  /** Queues the notices of declines nobody queued yet (made on the CLI, or while the store refused); returns how many. */
  tellDeclined(): Promise<number>;
  /** Deletes decided requests older than the retention period; returns how many. */
  purge(): Promise<number>;
  /** True for ids that may decide (ADMINS, and the CLI). */
  mayDecide(actorId: string): boolean;
}

export function createRequestService(options: RequestServiceOptions): RequestService {
  const { storage } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? childLogger('requests');
  const retentionMs = options.retentionDays * DAY_MS;

  const tell = async (text: (lang: Language) => string, id: string) => {
    if (!options.tellAdmins) return;
    // Only the id goes into the log: never a name, purpose or requester.
    await options.tellAdmins(text).catch((err: unknown) => log.warn({ request: id, err: { type: (err as Error)?.name } }, 'could not tell the admins about a request'));
  };

  async function find(ref: string): Promise<ToolRequestRecord | undefined> {
    const direct = await storage.requests.get(ref.trim());
    if (direct) return direct;
    const wanted = requestKey(ref);
    return (await storage.requests.listOpen()).find((r) => r.key === wanted || requestKey(r.name) === wanted);
  }

  async function decline(ref: string, reason: string, actor: DecideActor): Promise<RequestReply> {
    const a = phrases(actor.language).request.admin;
    const why = reason.replace(/\s+/g, ' ').trim();
    if (why === '') return { ok: false, text: a.reasonMissing };
    const request = await find(ref);
    if (!request) return { ok: false, text: a.notFound(ref.trim(), listCommand(actor)) };
    if (request.status !== 'open') return { ok: false, text: a.notOpen(request.id, a.status[request.status]) };
    const at = now().toISOString();
    const done = await storage.requests.update(request.id, (c) => (c.status === 'open' ? { ...c, status: 'declined', decidedAt: at, decidedBy: normalizeActorId(actor.id), reason: why } : undefined));
    if (!done || done.status !== 'declined' || done.decidedAt !== at) return { ok: false, text: a.notOpen(request.id, a.status[done?.status ?? 'closed']) };
    await tellDecline(done);
    log.info({ request: done.id, requesters: done.requesters.length }, 'request for an assessment declined');
    return { ok: true, text: a.declined(done.name, done.requesters.length) };
  }

  /** Queues the notice of a decline to its requesters (once: the notice id is the request's). */
  async function tellDecline(r: ToolRequestRecord): Promise<boolean> {
    if (!options.enqueue) return false;
    const recipients = notifiable(r);
    if (recipients.length > 0) {
      try {
        await options.enqueue([declineChange(r, recipients, options.knowledgeBase().organization.default_language)]);
      } catch (err) {
        log.warn({ request: r.id, err: { type: (err as Error)?.name } }, 'the notice of a declined request could not be queued; tried again');
        return false;
      }
    }
    await storage.requests.update(r.id, (c) => (c.status === 'declined' ? { ...c, told: true } : undefined));
    return true;
  }

  async function tellDeclined(): Promise<number> {
    const untold = (await storage.requests.listAll()).filter((r) => r.status === 'declined' && r.told !== true);
    let told = 0;
    for (const r of untold) if (await tellDecline(r)) told++;
    return told;
  }

  async function start(ref: string, tool: { toolId: string; category: string; name?: string }, actor: DecideActor): Promise<RequestReply> {
    const a = phrases(actor.language).request.admin;
    const request = await find(ref);
    if (!request) return { ok: false, text: a.notFound(ref.trim(), listCommand(actor)) };
    if (request.status !== 'open') return { ok: false, text: a.notOpen(request.id, a.status[request.status]) };
    if (!options.admin) return { ok: false, text: phrases(actor.language).admin.notSetUp };
    const name = tool.name?.trim() || request.name;
    const reply = await options.admin.executeCommand(
      { kind: 'add', toolId: tool.toolId, status: 'pending', category: tool.category, name },
      { id: actor.id, language: actor.language, surface: actor.surface ?? 'chat' },
    );
    if (!reply.ok) return { ok: false, text: reply.text };
    // Written (not only proposed): record who started it. The request moves to the tool when the
    // change is queued for its notices (./changes.ts), whichever process writes or finds it.
    if (reply.applied) await storage.requests.update(request.id, (c) => (isLive(c) ? { ...c, decidedBy: normalizeActorId(actor.id) } : undefined));
    log.info({ request: request.id, proposed: reply.proposal !== undefined }, 'assessment of a requested tool started');
    return { ok: true, text: a.started(name, request.id, reply.text) };
  }

  function settle(changes: readonly ToolChange[]): Promise<ToolChange[]> {
    return settleRequests(changes, { storage, knowledgeBase: options.knowledgeBase, now });
  }

  async function purge(): Promise<number> {
    const cutoff = now().getTime() - retentionMs;
    const all = await storage.requests.listAll();
    const expired = all.filter((r) => !isLive(r) && r.decidedAt !== undefined && Date.parse(r.decidedAt) <= cutoff);
    if (expired.length === 0) return 0;
    await storage.requests.remove(expired.map((r) => r.id));
    await forgetAddresses(expired, all.filter((r) => !expired.includes(r)));
    log.info({ deleted: expired.length }, 'decided requests past the retention period deleted');
    return expired.length;
  }

  /**
   * The stored address of a requester was kept to tell them the outcome: it goes with their last
   * request, unless they subscribed to something (then it serves the subscription) or are an admin.
   */
  async function forgetAddresses(expired: readonly ToolRequestRecord[], kept: readonly ToolRequestRecord[]): Promise<void> {
    const stillAsking = new Set(kept.flatMap((r) => r.requesters.map((e) => e.by)));
    const keys = new Set(expired.flatMap((r) => r.requesters.map((e) => e.by)));
    for (const key of keys) {
      if (stillAsking.has(key) || options.admin?.isAdmin(normalizeActorId(key))) continue;
      if ((await storage.subscriptions.list(key)).length > 0) continue;
      await storage.conversations.forget(key);
    }
  }

  return {
    file: (form, requester) => fileRequest({ storage, knowledgeBase: options.knowledgeBase, now, log, tell }, form, requester),
    list: () => storage.requests.listOpen(),
    start,
    decline,
    settle,
    tellDeclined,
    purge,
    mayDecide: (actorId) => actorId.startsWith('cli:') || (options.admin?.isAdmin(normalizeActorId(actorId)) ?? false),
  };
}

/** The notice of a decline: told to the requesters only, with the reason. */
function declineChange(r: ToolRequestRecord, recipients: string[], defaultLanguage: Language): ToolChange {
  return {
    id: declineChangeId(r.id),
    kind: 'declined',
    toolId: `request-${r.id}`,
    toolName: r.name,
    categoryIds: [],
    oldStatus: null,
    newStatus: null,
    restrictionsAdded: [],
    restrictionsRemoved: [],
    restrictionsChanged: [],
    by: r.decidedBy ?? 'admin',
    at: r.decidedAt ?? new Date().toISOString(),
    defaultLanguage,
    request: { outcome: 'declined', requesters: r.requesters.length, reason: r.reason ?? '' },
    recipients,
  };
}
