// Watching the knowledge folder for hand edits: a valid edit is answered from at once, audited
// (entry by entry, server/audit-writer.ts) and notified; an invalid one keeps the last valid base
// answering, and the admins are told.
import { describeReloadError } from '../src/admin/format.js';
import { handEditEntries } from '../src/admin/hand-edit.js';
import type { ComplianceCore } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { watchKnowledgeBase, type KbWatcher } from '../src/kb/watch.js';
import type { Logger } from '../src/logger.js';
import type { ChangeMeta } from '../src/notifications/index.js';
import type { AuditWriter } from './audit-writer.js';
import type { TellAdmins } from './tell-admins.js';

export interface HandEditWatchOptions {
  knowledgeDir: string;
  core: ComplianceCore;
  /** Where the audit entries go; null while there is no store, or when the cluster writes them. */
  audit: () => AuditWriter | null;
  /** Answers from the new base and tells the subscribers (server/notification-routing.ts). */
  apply(next: KnowledgeBase, previous: KnowledgeBase | undefined, meta: ChangeMeta): Promise<void>;
  tellAdmins: TellAdmins;
  logger: Logger;
}

export function watchHandEdits(options: HandEditWatchOptions): KbWatcher {
  const { core, logger } = options;
  return watchKnowledgeBase(options.knowledgeDir, {
    current: () => core.knowledgeBase,
    logger: logger.child({ component: 'kb-watch' }),
    onReload: async (kb, previous) => {
      logger.info({ version: kb.version, tools: kb.tools.size }, 'knowledge base reloaded after a hand edit');
      const audit = options.audit();
      if (audit) for (const entry of handEditEntries(previous, kb)) await audit.append(entry);
      await options.apply(kb, previous, { by: 'file', at: new Date() });
    },
    onError: async (err) => {
      logger.error({ issues: err.issues.length }, 'a hand edit made the knowledge base invalid; the last valid one keeps answering');
      await options.tellAdmins((lang) => describeReloadError(err, lang));
    },
  });
}
