// The stateful services around the core, wired once at start: storage, admin commands, the
// knowledge-folder watcher, change notifications with their delivery worker, usage counts and the
// optional LLM explanation. Each is optional in the sense that a failure to start it (storage
// unreachable) leaves questions answered and says clearly what is unavailable.
import type { ChatAdapter } from '../adapters/types.js';
import { createAdminService, type AdminApplied, type AdminService } from '../src/admin/service.js';
import { parseAdminSettings } from '../src/admin/config.js';
import { describeReloadError } from '../src/admin/format.js';
import { handEditEntries } from '../src/admin/hand-edit.js';
import type { Answer } from '../src/answer.js';
import { createChatCommands, type ChatCommands, type ChatUser } from '../src/chat/commands.js';
import type { Config } from '../src/config.js';
import type { ConversationTarget } from '../src/conversation.js';
import type { ComplianceCore, Platform } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Language } from '../src/kb/schema.js';
import { watchKnowledgeBase, type KbWatcher } from '../src/kb/watch.js';
import { createMemorySummaryCache, createSummarizer, loadLlmConfig, toolNamesOf, type SummaryCache } from '../src/llm/index.js';
import type { Logger } from '../src/logger.js';
import {
  changesSinceSnapshot,
  diffKnowledgeBases,
  enqueueChanges,
  rememberKnowledgeBase,
  startDelivery,
  type ChangeMeta,
  type DeliveryWorker,
} from '../src/notifications/index.js';
import { openStorage, StorageUnavailableError, type Storage } from '../src/storage/index.js';
import { startCluster, usesCluster, type Cluster } from './cluster.js';
import { createUsageRecorder, formatUsageReport, parseUsageSettings, startUsagePurge, type UsageRecorder } from '../src/usage/index.js';

export interface Services {
  storage: Storage | null;
  /**
   * The storage when several instances can share it (Redis, PostgreSQL): event dedupe goes through it.
   * The SQLite file serves one instance, whose in-memory dedupe is enough and costs no write per event.
   */
  sharedStorage: Storage | null;
  commands: ChatCommands;
  usage: UsageRecorder | null;
  /** The LLM explanation of an answer, or null (LLM off, failed, or guarded out). */
  summarize?: (answer: Answer) => Promise<string | null>;
  feedback?: (platform: Platform) => (f: { verdict: Answer['verdict']; toolIds: string[]; helpful: boolean }) => Promise<void>;
  /** The "Notify me of changes" button of an adapter. */
  notifyButton(user: ChatUser, toolId: string): Promise<string>;
  /** Starts delivering notifications through the adapters, and watching the knowledge folder. */
  start(adapters: readonly ChatAdapter[]): Promise<void>;
  close(): Promise<void>;
}

export async function startServices(config: Config, core: ComplianceCore, logger: Logger): Promise<Services> {
  const env = config.env;
  const adminSettings = parseAdminSettings(env);
  const usageSettings = parseUsageSettings(env);
  const llm = loadLlmConfig(env);

  let storage: Storage | null = null;
  try {
    storage = await openStorage({ url: config.storageUrl });
  } catch (err) {
    if (!(err instanceof StorageUnavailableError)) throw err;
    logger.error({ err: { type: err.name, message: err.message } }, 'storage unavailable: questions are answered, subscriptions and admin commands are not');
  }

  let adapters: readonly ChatAdapter[] = [];
  let delivery: DeliveryWorker | null = null;
  let watcher: KbWatcher | null = null;
  let cluster: Cluster | null = null;

  /** A new knowledge base (chat, CLI or hand edit): answer from it, and tell the subscribers. */
  const applyKnowledgeBase = async (next: KnowledgeBase, previous: KnowledgeBase | undefined, meta: ChangeMeta): Promise<void> => {
    core.setKnowledgeBase(next);
    // Several instances on Redis: the cluster tells the others and queues the notifications, once.
    if (usesCluster(storage)) return cluster?.onLocalChange(next, meta);
    if (!storage || !previous) return;
    try {
      const changes = diffKnowledgeBases(previous, next, meta);
      if (changes.length > 0) {
        const queued = await enqueueChanges(storage, changes);
        logger.info({ changes: changes.map((c) => c.toolId), queued: queued.map((q) => q.added) }, 'knowledge base changed: notifications queued');
      }
      await rememberKnowledgeBase(storage, next);
      delivery?.kick();
    } catch (err) {
      logger.error({ err: { type: (err as Error).name, message: (err as Error).message } }, 'change notifications could not be queued');
    }
  };

  const admin: AdminService | undefined = storage
    ? createAdminService({
        kbDir: config.knowledgeDir,
        ...adminSettings,
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
      })
    : undefined;

  const usage = storage ? createUsageRecorder({ storage, ...usageSettings }) : null;
  const report = usage ? async (lang: Language) => formatUsageReport(await usage.report(), lang, core.knowledgeBase) : undefined;
  const commands = createChatCommands({ core, ...(storage ? { storage } : {}), ...(admin ? { admin } : {}), ...(report ? { report } : {}), logger });

  const stopPurge = usage ? startUsagePurge(usage) : () => undefined;
  const usageBuffer = usage ? bufferUsage(usage, logger) : null;
  const detachUsage = usageBuffer ? core.onAnswer((e) => usageBuffer.add(e.answer, e.platform)) : () => undefined;

  let summarize: Services['summarize'];
  if (llm) {
    const cache: SummaryCache = storage ? storage.kv<string>('llm-summaries') : createMemorySummaryCache();
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
  }

  /** Tells every admin we can reach (those with a stored conversation) that a hand edit is invalid. */
  const tellAdmins = async (text: (lang: Language) => string): Promise<void> => {
    if (!storage) return;
    const records = await storage.conversations.getMany(adminSettings.admins);
    for (const r of records) {
      const adapter = r && adapters.find((a) => a.platform === r.target.platform);
      if (!r || !adapter) continue;
      await adapter.say(r.target, text(r.language ?? core.knowledgeBase.organization.default_language)).catch((err: Error) => {
        logger.warn({ err: { type: err.name } }, 'could not tell an admin about an invalid knowledge base');
      });
    }
  };

  return {
    storage,
    sharedStorage: storage && storage.backend !== 'sqlite' ? storage : null,
    commands,
    usage,
    ...(summarize ? { summarize } : {}),
    ...(usage
      ? {
          feedback: (platform: Platform) => (f: { verdict: Answer['verdict']; toolIds: string[]; helpful: boolean }) =>
            usage.recordFeedback({ ...f, platform }),
        }
      : {}),
    notifyButton: (user, toolId) => commands.subscribeButton(toolId, user),

    async start(list) {
      adapters = list;
      if (usesCluster(storage)) {
        cluster = await startCluster({ config, core, storage, adapters, logger: logger.child({ component: 'cluster' }) });
      } else if (storage) {
        const byPlatform = (target: ConversationTarget) => {
          const adapter = adapters.find((a) => a.platform === target.platform);
          if (!adapter) throw Object.assign(new Error(`no ${target.platform} adapter is configured`), { permanent: true });
          return adapter;
        };
        delivery = startDelivery({ storage, deliver: (target, notice) => byPlatform(target).notify(target, notice), logger: logger.child({ component: 'delivery' }) });
        // A hand edit made while the bot was down is found against the last snapshot.
        const missed = await changesSinceSnapshot(storage, core.knowledgeBase, { by: 'file', at: new Date() }).catch(() => []);
        if (missed.length > 0) await enqueueChanges(storage, missed);
        await rememberKnowledgeBase(storage, core.knowledgeBase).catch(() => undefined);
        delivery.kick();
      }
      watcher = watchKnowledgeBase(config.knowledgeDir, {
        current: () => core.knowledgeBase,
        logger: logger.child({ component: 'kb-watch' }),
        onReload: async (kb, previous) => {
          logger.info({ version: kb.version, tools: kb.tools.size }, 'knowledge base reloaded after a hand edit');
          // In a cluster the hand-edit audit entries are written once, by the cluster.
          if (storage && !cluster) for (const entry of handEditEntries(previous, kb)) await storage.audit.append(entry).catch(() => undefined);
          await applyKnowledgeBase(kb, previous, { by: 'file', at: new Date() });
        },
        onError: async (err) => {
          logger.error({ issues: err.issues.length }, 'a hand edit made the knowledge base invalid; the last valid one keeps answering');
          await tellAdmins((lang) => describeReloadError(err, lang));
        },
      });
    },

    async close() {
      watcher?.close();
      await delivery?.stop();
      await cluster?.close();
      detachUsage();
      await usageBuffer?.flush();
      stopPurge();
      await storage?.close();
    },
  };
}

/**
 * Usage counts are written in batches, once a second: the recorder then merges the increments of
 * one counter into one read and one write, so counting costs next to nothing per answer. A crash
 * loses at most the last second's counts (statistics, not records anyone relies on).
 */
function bufferUsage(usage: UsageRecorder, logger: Logger): { add(answer: Answer, platform: Platform): void; flush(): Promise<void> } {
  let pending: [Answer, Platform][] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    const results = await Promise.allSettled(batch.map(([a, p]) => usage.recordAnswer(a, p)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) logger.warn({ failed }, 'usage not recorded');
  };
  return {
    add(answer, platform) {
      pending.push([answer, platform]);
      timer ??= setTimeout(() => void flush(), 1_000).unref();
    },
    flush,
  };
}
