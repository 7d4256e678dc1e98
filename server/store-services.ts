// What exists only with a store, built when it is reachable (at start, or later on Redis or
// PostgreSQL): the admin commands, usage counting and its purge, the chat commands with both, and
// the hand-edit audit writer.
import { createAdminService, type AdminApplied, type AdminService } from '../src/admin/service.js';
import type { AdminSettings } from '../src/config/admin.js';
import type { UsageSettings } from '../src/config/usage.js';
import { createChatCommands, type ChatCommands } from '../src/chat/commands.js';
import type { Config } from '../src/config.js';
import type { ComplianceCore } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Language } from '../src/model/language.js';
import type { Logger } from '../src/logger.js';
import type { ChangeMeta } from '../src/notifications/index.js';
import type { Storage } from '../src/storage/index.js';
import { createUsageRecorder, formatUsageReport, startUsagePurge, type UsageRecorder } from '../src/usage/index.js';
import { createRequestService, type RequestService, type TellAdminsOfRequest } from '../src/requests/service.js';
import { reportRequestLines } from '../src/requests/format.js';
import { phrases } from '../src/phrases/index.js';
import type { ToolChange } from '../src/notifications/index.js';
import { createAuditWriter, type AuditWriter } from './audit-writer.js';
import { bufferUsage, type UsageBuffer } from './usage-buffer.js';

export interface StoreServices {
  storage: Storage;
  admin: AdminService;
  usage: UsageRecorder;
  usageBuffer: UsageBuffer;
  commands: ChatCommands;
  auditWriter: AuditWriter;
  requests: RequestService;
  /** Flushes the usage counts, stops the timers and closes the store. */
  close(): Promise<void>;
}

export interface StoreServicesOptions {
  config: Config;
  core: ComplianceCore;
  storage: Storage;
  adminSettings: AdminSettings;
  usageSettings: UsageSettings;
  /** An admin's change, applied: answer from it and tell the subscribers. */
  apply(next: KnowledgeBase, previous: KnowledgeBase | undefined, meta: ChangeMeta): Promise<void>;
  logger: Logger;
  retryMs: number;
  /** Queues notices that are no catalogue change (a declined request's). */
  enqueueNotices(changes: ToolChange[]): Promise<void>;
  /** Tells the admins about a request (ADMIN_CHANNEL or their DMs). */
  tellAdmins: TellAdminsOfRequest;
  /** How often declines nobody queued yet (made on the CLI) are looked for [5 s]. */
  declineCheckEveryMs?: number;
}

export function attachStoreServices(options: StoreServicesOptions): StoreServices {
  const { config, core, storage, logger } = options;
  const auditWriter = createAuditWriter({ storage, logger: logger.child({ component: 'audit' }), retryMs: options.retryMs });
  const admin = createAdminService({
    kbDir: config.knowledgeDir,
    ...options.adminSettings,
    knowledgeBase: () => core.knowledgeBase,
    audit: storage.audit,
    // A change's record the store refuses is written later, in order, by the audit writer.
    keepAudit: (entry) => void auditWriter.append(entry),
    proposals: storage.proposals,
    // `admin requests …` is served beside the admin service (src/chat/commands.ts); its help lists them.
    moreHelp: (lang) => phrases(lang).request.admin.usage.map((u) => `admin ${u}`),
    logger: logger.child({ component: 'admin' }),
    onApplied: (a: AdminApplied) =>
      void options.apply(a.kb, a.previous ?? undefined, {
        by: a.approvedBy ? `${a.by} (${a.approvedBy})` : a.by,
        at: new Date(a.at),
        ...(a.source ? { source: a.source } : {}),
        ...(a.note ? { note: a.note } : {}),
      }),
  });
  const usage = createUsageRecorder({ storage, ...options.usageSettings });
  const requests = createRequestService({
    storage,
    knowledgeBase: () => core.knowledgeBase,
    retentionDays: options.usageSettings.retentionDays,
    admin,
    enqueue: options.enqueueNotices,
    tellAdmins: options.tellAdmins,
    logger: logger.child({ component: 'requests' }),
  });
  const report = async (lang: Language) =>
    `${formatUsageReport(await usage.report(), lang, core.knowledgeBase)}

${reportRequestLines(await requests.list(), lang, new Date()).join('\n')}`;
  const commands = createChatCommands({ core, storage, admin, report, requests, logger });
  const usageBuffer = bufferUsage(usage, logger);
  const stopPurge = startUsagePurge(usage);
  const stopRequestTimers = startRequestTimers(requests, logger, options.declineCheckEveryMs ?? options.retryMs);
  return {
    storage,
    admin,
    usage,
    usageBuffer,
    commands,
    auditWriter,
    requests,
    async close() {
      await usageBuffer.flush();
      stopPurge();
      stopRequestTimers();
      auditWriter.stop();
      await storage.close();
    },
  };
}

/** Hourly: forget decided requests past RETENTION_DAYS; every few seconds: queue declines made elsewhere (the CLI). */
function startRequestTimers(requests: RequestService, logger: Logger, declineCheckEveryMs: number): () => void {
  const warn = (what: string) => (err: unknown) => logger.warn({ err: { type: (err as Error)?.name } }, what);
  const purge = () => void requests.purge().catch(warn('purging decided requests failed; tried again in an hour'));
  let checking = false;
  const check = () => {
    if (checking) return;
    checking = true;
    void requests
      .tellDeclined()
      .catch(warn('queuing the notices of declined requests failed; tried again'))
      .finally(() => (checking = false));
  };
  purge();
  const hourly = setInterval(purge, 3_600_000);
  const often = setInterval(check, declineCheckEveryMs);
  hourly.unref();
  often.unref();
  return () => {
    clearInterval(hourly);
    clearInterval(often);
  };
}
