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
import { createAuditWriter, type AuditWriter } from './audit-writer.js';
import { bufferUsage, type UsageBuffer } from './usage-buffer.js';

export interface StoreServices {
  storage: Storage;
  admin: AdminService;
  usage: UsageRecorder;
  usageBuffer: UsageBuffer;
  commands: ChatCommands;
  auditWriter: AuditWriter;
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
  const report = async (lang: Language) => formatUsageReport(await usage.report(), lang, core.knowledgeBase);
  const commands = createChatCommands({ core, storage, admin, report, logger });
  const usageBuffer = bufferUsage(usage, logger);
  const stopPurge = startUsagePurge(usage);
  return {
    storage,
    admin,
    usage,
    usageBuffer,
    commands,
    auditWriter,
    async close() {
      await usageBuffer.flush();
      stopPurge();
      auditWriter.stop();
      await storage.close();
    },
  };
}
