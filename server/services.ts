// The stateful services around the core: storage, admin commands, the knowledge-folder watcher,
// change notifications with their delivery worker (or the cluster on Redis), usage counts and the
// optional LLM explanation. Storage that cannot be reached at start (Redis or PostgreSQL down)
// leaves questions answered; subscribe and admin commands say they are unavailable, and the
// services attach by themselves once the store answers.
import type { ChatAdapter } from '../adapters/types.js';
import { createAdminService, type AdminApplied, type AdminService } from '../src/admin/service.js';
import { describeReloadError } from '../src/admin/format.js';
import { handEditEntries } from '../src/admin/hand-edit.js';
import { knowledgeBaseIdentity } from '../src/admin/kb-identity.js';
import type { Answer } from '../src/answer.js';
import { createChatCommands, type ChatCommands, type ChatUser } from '../src/chat/commands.js';
import type { Config } from '../src/config.js';
import { slackDirectMessage, type ConversationTarget } from '../src/conversation.js';
import type { ComplianceCore, Platform } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Language } from '../src/kb/schema.js';
import { watchKnowledgeBase, type KbWatcher } from '../src/kb/watch.js';
import { startReviewReminders, type ReviewReminders } from '../src/review/reminders.js';
import { createMemorySummaryCache, createSummarizer, toolNamesOf, type SummaryCache } from '../src/llm/index.js';
import { createContextAdvisor } from '../src/llm/contexts.js';
import type { Logger } from '../src/logger.js';
import {
  changesSinceSnapshot,
  createOutboxPipeline,
  diffKnowledgeBases,
  pipelineKindFor,
  rememberKnowledgeBase,
  type ChangeMeta,
  type NotificationPipeline,
} from '../src/notifications/index.js';
import { StorageUnavailableError } from '../src/errors.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { startCluster, usesCluster, type Cluster } from './cluster.js';
import { createUsageRecorder, formatUsageReport, startUsagePurge, type UsageRecorder, type UsageReport } from '../src/usage/index.js';

export interface Services {
  /** The store, once reachable (null while it is not). */
  readonly storage: Storage | null;
  /**
   * Event dedupe across instances (Redis, PostgreSQL); null on the single-instance SQLite file, whose
   * in-memory dedupe is enough and costs no write per event. While the shared store is not reachable
   * yet, this falls back to memory.
   */
  readonly sharedDedupe: TtlDedupe | null;
  readonly commands: ChatCommands;
  /** The LLM explanation of an answer, or null (LLM off, failed, or guarded out). */
  summarize?: (answer: Answer) => Promise<string | null>;
  /** `clientKey` (the adapter's pseudonymous client key): a client's votes count once per tool and day. */
  feedback(platform: Platform): (f: { verdict: Answer['verdict']; toolIds: string[]; helpful: boolean; answerId?: string; clientKey?: string }) => Promise<void>;
  /** The "Notify me of changes" button of an adapter. */
  notifyButton(user: ChatUser, toolId: string): Promise<string>;
  /** The usage report (most-asked tools, gaps), or null without a store; for the Slack App Home and prompts. */
  usageReport(): Promise<UsageReport | null>;
  /** Starts delivering notifications through the adapters, and watching the knowledge folder. */
  start(adapters: readonly ChatAdapter[]): Promise<void>;
  close(): Promise<void>;
}

export interface TtlDedupe {
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

/** What exists only with a store: rebuilt when the store becomes reachable after start. */
interface Attached {
  storage: Storage;
  admin: AdminService;
  usage: UsageRecorder;
  usageBuffer: UsageBuffer;
  stopPurge: () => void;
}

const STORAGE_RETRY_MS = 5_000;

export async function startServices(config: Config, core: ComplianceCore, logger: Logger): Promise<Services> {
  const adminSettings = config.admin;
  const usageSettings = config.usage;
  const llm = config.llm;
  const contextHelp = config.contextHelp;
  const shared = config.storageUrl !== undefined && !config.storageUrl.startsWith('sqlite:');

  let attached: Attached | null = null;
  // Until a store is attached: with STORAGE_URL set, commands say "unavailable for now".
  let commands: ChatCommands = createChatCommands({ core, logger, storageUnavailable: shared });
  let adapters: readonly ChatAdapter[] = [];
  let started = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  // The outbox pipeline (SQLite, PostgreSQL); on Redis the cluster runs the queue pipeline.
  let pipeline: NotificationPipeline | null = null;
  let watcher: KbWatcher | null = null;
  let reminders: ReviewReminders | null = null;
  let cluster: Cluster | null = null;
  const memoryDedupe = createMemoryDedupe();

  /** A new knowledge base (chat, CLI or hand edit): answer from it, and tell the subscribers. */
  const applyKnowledgeBase = async (next: KnowledgeBase, previous: KnowledgeBase | undefined, meta: ChangeMeta): Promise<void> => {
    core.setKnowledgeBase(next);
    const storage = attached?.storage;
    // Several instances on Redis: the cluster tells the others and queues the notifications, once.
    if (usesCluster(storage ?? null)) return cluster?.onLocalChange(next, meta);
    if (!storage || !previous || !pipeline) return;
    try {
      const changes = diffKnowledgeBases(previous, next, meta);
      await pipeline.enqueue(changes);
      await rememberKnowledgeBase(storage, next);
    } catch (err) {
      logger.error({ err: { type: (err as Error).name, message: (err as Error).message } }, 'change notifications could not be queued');
    }
  };

  const attach = (storage: Storage): Attached => {
    const admin = createAdminService({
      kbDir: config.knowledgeDir,
      ...adminSettings,
      knowledgeBase: () => core.knowledgeBase,
      audit: storage.audit,
      proposals: storage.proposals,
      logger: logger.child({ component: 'admin' }),
      onApplied: (a: AdminApplied) =>
        void applyKnowledgeBase(a.kb, a.previous ?? undefined, {
          by: a.approvedBy ? `${a.by} (${a.approvedBy})` : a.by,
          at: new Date(a.at),
          ...(a.source ? { source: a.source } : {}),
          ...(a.note ? { note: a.note } : {}),
        }),
    });
    const usage = createUsageRecorder({ storage, ...usageSettings });
    const report = async (lang: Language) => formatUsageReport(await usage.report(), lang, core.knowledgeBase);
    commands = createChatCommands({ core, storage, admin, report, logger });
    // Where notifications go is decided once, by the store (src/notifications/select.ts).
    if (pipelineKindFor(storage.backend) === 'outbox') pipeline = createOutboxPipeline({ storage, logger: logger.child({ component: 'delivery' }) });
    return { storage, admin, usage, usageBuffer: bufferUsage(usage, logger), stopPurge: startUsagePurge(usage) };
  };

  /**
   * Starts the notification pipeline the store calls for: the outbox (one instance; on PostgreSQL a
   * second instance refuses to start, InstanceLeaseError) or, on Redis, the cluster with its queues.
   */
  const startNotifications = async (storage: Storage): Promise<void> => {
    if (usesCluster(storage)) {
      cluster = await startCluster({ config, core, storage, adapters, logger: logger.child({ component: 'cluster' }) });
      return;
    }
    pipeline ??= createOutboxPipeline({ storage, logger: logger.child({ component: 'delivery' }) });
    await pipeline.start(adapters);
    await notifyMissedChanges(storage, pipeline);
  };

  /**
   * A hand edit made while the bot was down is found against the last snapshot. The snapshot moves
   * on only once those changes are queued: if anything fails, the next start finds them again.
   */
  const notifyMissedChanges = async (storage: Storage, into: NotificationPipeline): Promise<void> => {
    const log = logger.child({ component: 'snapshot' });
    let missed;
    try {
      missed = await changesSinceSnapshot(storage, core.knowledgeBase, { by: 'file', at: new Date() });
      await into.enqueue(missed);
    } catch (err) {
      log.error({ err: errorInfo(err) }, 'changes made while the bot was down could not be queued; they are looked for again at the next start');
      return;
    }
    try {
      await rememberKnowledgeBase(storage, core.knowledgeBase);
    } catch (err) {
      // The changes are queued; an old snapshot only means they may be queued again at the next start.
      log.error({ err: errorInfo(err), queued: missed.map((c) => c.toolId) }, 'knowledge-base snapshot not saved: these changes may be notified again after a restart');
    }
  };

  const appendAudit = (storage: Storage, entry: Parameters<Storage['audit']['append']>[0]) => appendAuditOrLog(storage, entry, logger.child({ component: 'audit' }));

  const tryOpen = async (): Promise<boolean> => {
    try {
      const storage = await openStorage({ url: config.storageUrl });
      if (closed) {
        await storage.close();
        return true;
      }
      attached = attach(storage);
      if (started) await startNotifications(storage);
      return true;
    } catch (err) {
      if (!(err instanceof StorageUnavailableError)) throw err;
      logger.error(
        { err: { type: err.name, message: err.message }, retryInMs: shared ? STORAGE_RETRY_MS : undefined },
        'storage unavailable: questions are answered, subscriptions and admin commands are not',
      );
      return false;
    }
  };

  // A shared store (Redis, PostgreSQL) may come back: try again until it answers.
  const retry = () => {
    retryTimer = setTimeout(() => {
      void tryOpen().then(
        (ok) => {
          if (ok) logger.info('storage reachable: subscriptions, admin commands and notifications are on');
          else if (!closed) retry();
        },
        (err: Error) => logger.error({ err: { type: err.name, message: err.message } }, 'storage cannot be opened'),
      );
    }, STORAGE_RETRY_MS).unref();
  };
  if (!(await tryOpen()) && shared) retry();

  const detachUsage = core.onAnswer((e) => attached?.usageBuffer.add(e.answer, e.platform, e.clientKey));

  let summarize: Services['summarize'];
  if (llm) {
    // Summaries are cached in the store when there is one; a memory cache serves until then.
    const memory = createMemorySummaryCache();
    const cache: SummaryCache = {
      get: (key) => (attached ? attached.storage.kv<string>('llm-summaries').get(key) : memory.get(key)),
      set: (key, text, ttlMs) => (attached ? attached.storage.kv<string>('llm-summaries').set(key, text, ttlMs) : memory.set(key, text, ttlMs)),
    };
    const summarizer = createSummarizer({
      ...(llm.baseURL ? { baseURL: llm.baseURL } : {}),
      ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
      model: llm.model,
      timeoutMs: llm.timeoutMs,
      maxRetries: llm.maxRetries,
      cache,
      kbTools: () => toolNamesOf(core.knowledgeBase),
      logger: logger.child({ component: 'llm' }),
    });
    summarize = async (answer) => {
      const s = await summarizer.summarize(answer);
      return s.source === 'engine' ? null : s.text;
    };
    logger.info({ model: llm.model, provider: llm.provider }, 'LLM explanations on');
    if (contextHelp?.enabled) {
      // The model may add contexts the engine did not read (only ever stricter answers); see src/llm/contexts.ts.
      core.setContextAdvisor(
        createContextAdvisor({
          ...(llm.baseURL ? { baseURL: llm.baseURL } : {}),
          ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
          model: llm.model,
          timeoutMs: contextHelp.timeoutMs,
          logger: logger.child({ component: 'llm-contexts' }),
        }),
      );
      logger.info({ timeoutMs: contextHelp.timeoutMs }, 'LLM context help on');
    }
  }

  /**
   * Tells every admin we can reach that a hand edit is invalid: those with a stored conversation,
   * and Slack admins in any case (posting to a Slack user id opens the bot's DM with them). A Teams
   * admin needs a stored conversation: the Bot Framework cannot open a chat from a user id alone.
   */
  const tellAdmins = async (text: (lang: Language) => string): Promise<void> => {
    if (!attached) return;
    const stored = await attached.storage.conversations.getMany(adminSettings.admins);
    const records = adminSettings.admins.map((id, k) => stored[k] ?? slackAdminDm(id));
    for (const r of records) {
      const adapter = r && adapters.find((a) => a.platform === r.target.platform);
      if (!r || !adapter) continue;
      await adapter.say(r.target, text(r.language ?? core.knowledgeBase.organization.default_language)).catch((err: Error) => {
        logger.warn({ err: { type: err.name } }, 'could not tell an admin about an invalid knowledge base');
      });
    }
  };

  return {
    get storage() {
      return attached?.storage ?? null;
    },
    sharedDedupe: shared
      ? {
          // A store that does not answer (dead, or hung behind its circuit breaker) must not hold up
          // the reply: this instance's memory answers instead.
          firstSeen: async (id, ttlMs) => {
            if (!attached) return memoryDedupe.firstSeen(id, ttlMs);
            try {
              return await attached.storage.dedupe.firstSeen(id, ttlMs);
            } catch (err) {
              if (!(err instanceof StorageUnavailableError)) throw err;
              return memoryDedupe.firstSeen(id, ttlMs);
            }
          },
        }
      : null,
    // Adapters keep this object: it always asks the commands of the moment (with or without a store).
    commands: {
      handle: (text, user) => commands.handle(text, user),
      subscribeButton: (toolId, user) => commands.subscribeButton(toolId, user),
    },
    ...(summarize ? { summarize } : {}),
    feedback: (platform) => async (f) => {
      if (!attached) throw new StorageUnavailableError(shared ? 'redis' : 'sqlite', 'record feedback', new Error('storage not reachable'));
      await attached.usage.recordFeedback({ ...f, platform });
    },
    notifyButton: (user, toolId) => commands.subscribeButton(toolId, user),
    usageReport: async () => (attached ? attached.usage.report({ limit: 10 }) : null),

    async start(list) {
      adapters = list;
      started = true;
      if (attached) await startNotifications(attached.storage);
      watcher = watchKnowledgeBase(config.knowledgeDir, {
        current: () => core.knowledgeBase,
        logger: logger.child({ component: 'kb-watch' }),
        onReload: async (kb, previous) => {
          logger.info({ version: kb.version, tools: kb.tools.size }, 'knowledge base reloaded after a hand edit');
          // In a cluster the hand-edit audit entries are written once, by the cluster.
          if (attached && !cluster) for (const entry of handEditEntries(previous, kb)) await appendAudit(attached.storage, entry);
          await applyKnowledgeBase(kb, previous, { by: 'file', at: new Date() });
        },
        onError: async (err) => {
          logger.error({ issues: err.issues.length }, 'a hand edit made the knowledge base invalid; the last valid one keeps answering');
          await tellAdmins((lang) => describeReloadError(err, lang));
        },
      });
      // Once a week the admins hear which entries are due for review (once for all instances).
      reminders = startReviewReminders({
        knowledgeBase: () => core.knowledgeBase,
        kbId: knowledgeBaseIdentity(config.knowledgeDir).id,
        send: (text) => tellAdmins(text),
        once: (key, ttlMs) => (attached ? attached.storage.dedupe.firstSeen(key, ttlMs) : Promise.resolve(false)),
        logger: logger.child({ component: 'review-reminders' }),
      });
    },

    async close() {
      closed = true;
      clearTimeout(retryTimer);
      watcher?.close();
      reminders?.stop();
      await pipeline?.stop();
      await cluster?.close();
      detachUsage();
      if (attached) {
        await attached.usageBuffer.flush();
        attached.stopPurge();
        await attached.storage.close();
      }
    },
  };
}

/** Event ids seen lately, for dedupe while the shared store is not reachable. */
function createMemoryDedupe(): TtlDedupe {
  const seen = new Map<string, number>();
  return {
    async firstSeen(id, ttlMs) {
      const now = Date.now();
      if (seen.size > 50_000) for (const [k, until] of seen) if (until <= now) seen.delete(k);
      if ((seen.get(id) ?? 0) > now) return false;
      seen.set(id, now + ttlMs);
      return true;
    },
  };
}

interface UsageBuffer {
  add(answer: Answer, platform: Platform, clientKey?: string): void;
  flush(): Promise<void>;
}

function errorInfo(err: unknown): { type: string; message: string } {
  return err instanceof Error ? { type: err.name, message: err.message } : { type: typeof err, message: String(err) };
}

/**
 * Writes an audit entry, retrying briefly; if the store still refuses, the entry goes into the log
 * in full (hand edits carry no personal data), so the audit trail has no silent gap.
 */
async function appendAuditOrLog(storage: Storage, entry: Parameters<Storage['audit']['append']>[0], logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await storage.audit.append(entry);
      return;
    } catch (err) {
      if (attempt >= 3) {
        logger.error({ err: errorInfo(err), auditEntry: entry }, 'audit entry of a hand edit not stored: kept in this log line instead');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Usage counts are written in batches, once a second: the recorder then merges the increments of
 * one counter into one read and one write, so counting costs next to nothing per answer. A crash
 * loses at most the last second's counts (statistics, not records anyone relies on).
 */
function bufferUsage(usage: UsageRecorder, logger: Logger): UsageBuffer {
  // The core hands out the same Answer object for a question asked again: count those together.
  // Client keys are kept (in memory, until the flush) only for unknown tools: each client counts once a day.
  let pending = new Map<Answer, Map<Platform, { times: number; clients: string[] }>>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    const work: Promise<void>[] = [];
    for (const [answer, platforms] of batch) {
      for (const [platform, { times, clients }] of platforms) work.push(usage.recordAnswer(answer, platform, times, clients));
    }
    const results = await Promise.allSettled(work);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) logger.warn({ failed }, 'usage not recorded');
  };
  return {
    add(answer, platform, clientKey) {
      let platforms = pending.get(answer);
      if (!platforms) pending.set(answer, (platforms = new Map()));
      let entry = platforms.get(platform);
      if (!entry) platforms.set(platform, (entry = { times: 0, clients: [] }));
      entry.times++;
      if (clientKey !== undefined && answer.unknownTool !== null) entry.clients.push(clientKey);
      timer ??= setTimeout(() => void flush(), 1_000).unref();
    },
    flush,
  };
}

/** The DM of a `slack:U…` admin id, for an admin who never wrote to the bot. */
function slackAdminDm(adminId: string): { target: ConversationTarget; language?: Language } | undefined {
  const m = /^slack:(\w+)$/.exec(adminId);
  return m ? { target: slackDirectMessage(m[1] as string) } : undefined;
}
