// The stateful services around the core, put together here from one module per concern: the store
// (server/store-connection.ts; Redis or PostgreSQL down at start leaves questions answered, and the
// services attach by themselves once it answers) and what needs it (server/store-services.ts), the
// notification pipeline (server/notification-routing.ts), the knowledge-folder watcher
// (server/hand-edit-watch.ts), the weekly review reminder, event dedupe, usage counts and the
// optional LLM explanation (server/llm-explanations.ts).
import { canMessage, type ChatAdapter, type MessagingAdapter } from '../adapters/types.js';
import type { Answer } from '../src/model/answer.js';
import { createChatCommands, type ChatCommands, type ChatUser } from '../src/chat/commands.js';
import type { Config } from '../src/config.js';
import type { ComplianceCore } from '../src/core.js';
import type { Platform } from '../src/model/platform.js';
import type { KbWatcher } from '../src/kb/watch.js';
import type { ReviewReminders } from '../src/review/reminders.js';
import type { Logger } from '../src/logger.js';
import { StorageUnavailableError } from '../src/errors.js';
import { backendKindOf, type Storage } from '../src/storage/index.js';
import type { UsageReport } from '../src/usage/index.js';
import { createStoredDedupe, type Dedupe } from '../src/storage/dedupe.js';
import { watchHandEdits } from './hand-edit-watch.js';
import { createNotificationRouting } from './notification-routing.js';
import { connectStore } from './store-connection.js';
import { attachStoreServices, type StoreServices } from './store-services.js';
import { createTellAdmins } from './tell-admins.js';
import { createRequestAdmins } from './request-admins.js';
import { createRequestActions, type RequestActions } from '../src/requests/actions.js';
import { startWeeklyReviewReminder } from './weekly-review-reminder.js';

export interface Services {
  /** The store, once reachable (null while it is not). */
  readonly storage: Storage | null;
  /**
   * The dedupe of incoming deliveries, in the store (SQLite, Redis, PostgreSQL) for the platforms'
   * retry window, so a retry is answered once across instances and across a restart; ids are kept
   * under `prefix` ("slack:"). Memory answers while no store is reachable.
   */
  dedupe(prefix: string): Dedupe;
  readonly commands: ChatCommands;
  /** The LLM explanation of an answer, or null (LLM off, failed, or guarded out). */
  summarize?: (answer: Answer) => Promise<string | null>;
  /** `clientKey` (the adapter's pseudonymous client key): a client's votes count once per tool and day. */
  feedback(platform: Platform): (f: { verdict: Answer['verdict']; toolIds: string[]; helpful: boolean; answerId?: string; clientKey?: string }) => Promise<void>;
  /** The request form and its submission (every surface). */
  readonly requests: RequestActions;
  /** The "Notify me of changes" button of an adapter. */
  notifyButton(user: ChatUser, toolId: string): Promise<string>;
  /** The usage report (most-asked tools, gaps), or null without a store; for the Slack App Home and prompts. */
  usageReport(): Promise<UsageReport | null>;
  /** Starts delivering notifications through the adapters, and watching the knowledge folder. */
  start(adapters: readonly ChatAdapter[]): Promise<void>;
  close(): Promise<void>;
}

/** The clock and intervals of the periodic jobs; tests shorten them (defaults in brackets). */
export interface ServiceTimers {
  /** The clock of the weekly review reminder [the real clock]. */
  now?: () => Date;
  /** How often the review reminder looks whether it is due [hourly]. */
  reviewCheckEveryMs?: number;
  /** How often expired records are swept from the store [hourly]. */
  storageSweepEveryMs?: number;
  /** How soon work the store refused (opening a shared store, change notices, hand-edit audit entries) is tried again [5 s]. */
  retryMs?: number;
}

const STORAGE_RETRY_MS = 5_000;

export async function startServices(config: Config, core: ComplianceCore, logger: Logger, timers: ServiceTimers = {}): Promise<Services> {
  const retryMs = timers.retryMs ?? STORAGE_RETRY_MS;
  const adminSettings = config.admin;
  const usageSettings = config.usage;
  const llm = config.llm;
  const contextHelp = config.contextHelp;
  const shared = config.storageUrl !== undefined && !config.storageUrl.startsWith('sqlite:');

  let attached: StoreServices | null = null;
  // Until a store is attached: with STORAGE_URL set, commands say "unavailable for now".
  let commands: ChatCommands = createChatCommands({ core, logger, storageUnavailable: shared });
  // The adapters that can post on their own (notices, messages to admins).
  let adapters: readonly MessagingAdapter[] = [];
  let started = false;
  let watcher: KbWatcher | null = null;
  let reminders: ReviewReminders | null = null;
  const storage = (): Storage | null => attached?.storage ?? null;
  const notifications = createNotificationRouting({ config, core, storage, logger, retryMs, beforeFanOut: () => attached?.requests.settle });
  const tellAdmins = createTellAdmins({ admins: adminSettings.admins, core, storage, adapters: () => adapters, logger });
  const tellRequestAdmins = createRequestAdmins({ adminChannel: config.requests.adminChannel, tellAdmins, core, storage, adapters: () => adapters, logger });

  const connection = await connectStore({
    config,
    logger,
    shared,
    retryMs,
    ...(timers.storageSweepEveryMs !== undefined ? { sweepEveryMs: timers.storageSweepEveryMs } : {}),
    onOpen: async (store) => {
      const services = attachStoreServices({
        config,
        core,
        storage: store,
        adminSettings,
        usageSettings,
        apply: notifications.apply,
        enqueueNotices: (changes) => notifications.enqueue(changes),
        tellAdmins: tellRequestAdmins,
        logger,
        retryMs,
      });
      attached = services;
      commands = services.commands;
      notifications.attach(store, (entry) => services.auditWriter.append(entry));
      if (started) await notifications.start(store, adapters);
    },
  });

  const detachUsage = core.onAnswer((e) => attached?.usageBuffer.add(e.answer, e.platform, e.clientKey));
  // Loaded only when an LLM is configured: the `openai` client is some 10 MB a server without one does not need.
  const summarize = llm ? (await import('./llm-explanations.js')).startLlmExplanations({ llm, contextHelp, core, storage, logger }) : undefined;

  return {
    get storage() {
      return storage();
    },
    dedupe: (prefix) => createStoredDedupe({ store: () => storage()?.dedupe ?? null, prefix }),
    // Adapters keep this object: it always asks the commands of the moment (with or without a store).
    commands: {
      handle: (text, user) => commands.handle(text, user),
      subscribeButton: (toolId, user) => commands.subscribeButton(toolId, user),
    },
    ...(summarize ? { summarize } : {}),
    feedback: (platform) => async (f) => {
      if (!attached) throw new StorageUnavailableError(backendKindOf(config.storageUrl) ?? 'unknown', 'record feedback', new Error('storage not reachable'));
      await attached.usage.recordFeedback({ ...f, platform });
    },
    notifyButton: (user, toolId) => commands.subscribeButton(toolId, user),
    requests: createRequestActions({ knowledgeBase: () => core.knowledgeBase, service: () => attached?.requests ?? null, storageUnavailable: () => shared }),
    usageReport: async () => (attached ? attached.usage.report({ limit: 10 }) : null),

    async start(list) {
      adapters = list.filter(canMessage);
      started = true;
      if (attached) await notifications.start(attached.storage, adapters);
      watcher = watchHandEdits({
        knowledgeDir: config.knowledgeDir,
        core,
        // In a cluster the hand-edit audit entries are written once, by the cluster.
        audit: () => (attached && !notifications.clustered() ? attached.auditWriter : null),
        apply: notifications.apply,
        tellAdmins,
        dedupe: () => storage()?.dedupe ?? null,
        logger,
      });
      // Once a week the admins hear which entries are due for review (once for all instances).
      reminders = startWeeklyReviewReminder({
        knowledgeDir: config.knowledgeDir,
        core,
        storage,
        tellAdmins,
        logger,
        ...(timers.now ? { now: timers.now } : {}),
        ...(timers.reviewCheckEveryMs !== undefined ? { checkEveryMs: timers.reviewCheckEveryMs } : {}),
      });
    },

    async close() {
      // First: a store being attached right now (Redis back after a start without it) is attached
      // fully, its cluster included, before the rest is closed.
      await connection.stop();
      watcher?.close();
      reminders?.stop();
      await notifications.close();
      detachUsage();
      await attached?.close();
    },
  };
}
