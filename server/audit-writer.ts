// Audit entries written in order, for the server's own records (hand edits) and for admin changes
// whose first write the store refused. An entry the store refuses is not dropped: it goes into the
// log at once and is written again every few seconds, before any later entry, until the store takes
// it. A hand edit's entry is logged in full (it carries no personal data, so a crash loses nothing);
// of a person's change only what and when is logged (no actor, note or values), so a crash before
// the store answers loses that entry, and the log line says which one.
import type { AuditEntry } from '../src/model/audit.js';
import type { Logger } from '../src/logger.js';
import type { Storage } from '../src/storage/index.js';
import { errorInfo } from './error-info.js';

export interface AuditWriter {
  /** Writes `entry` after those still waiting; resolves once tried (never throws). */
  append(entry: AuditEntry): Promise<void>;
  /** Entries not stored yet. */
  waiting(): number;
  stop(): void;
}

/** What of an entry goes into the log: all of a hand edit's, only what and when of a person's change. */
function loggable(e: AuditEntry): Partial<AuditEntry> {
  return e.actor === 'file' ? e : { id: e.id, kb: e.kb, at: e.at, action: e.action, toolId: e.toolId };
}

export function createAuditWriter(options: { storage: Storage; logger: Logger; retryMs: number }): AuditWriter {
  const { storage, logger, retryMs } = options;
  const queue: AuditEntry[] = [];
  const logged = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;

  const writeWaiting = async (): Promise<void> => {
    clearTimeout(timer);
    while (queue.length > 0 && !stopped) {
      const entry = queue[0] as AuditEntry;
      try {
        await storage.audit.append(entry);
      } catch (err) {
        for (const e of queue.filter((q) => !logged.has(q.id))) {
          logged.add(e.id);
          logger.error({ err: errorInfo(err), auditEntry: loggable(e), retryInMs: retryMs }, 'audit entry not stored: written again until the store takes it');
        }
        timer = setTimeout(() => void write(), retryMs).unref();
        return;
      }
      queue.shift();
      if (logged.delete(entry.id)) logger.info({ auditEntryId: entry.id }, 'audit entry stored after all');
    }
  };
  const write = (): Promise<void> => (writing ??= writeWaiting().finally(() => (writing = undefined)));

  return {
    async append(entry) {
      queue.push(entry);
      // An entry pushed while a write runs is taken by that write's loop.
      await (writing ?? write());
    },
    waiting: () => queue.length,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
