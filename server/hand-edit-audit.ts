// The audit entries of hand edits, written in order. An entry the store refuses is not dropped: it
// goes into the log in full at once (hand edits carry no personal data, so a crash loses nothing),
// and it is written again every few seconds, before any later entry, until the store takes it.
import type { AuditEntry } from '../src/audit.js';
import type { Logger } from '../src/logger.js';
import type { Storage } from '../src/storage/index.js';
import { errorInfo } from './error-info.js';

export interface HandEditAudit {
  /** Writes `entry` after those still waiting; resolves once tried (never throws). */
  append(entry: AuditEntry): Promise<void>;
  /** Entries not stored yet. */
  waiting(): number;
  stop(): void;
}

export function createHandEditAudit(options: { storage: Storage; logger: Logger; retryMs: number }): HandEditAudit {
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
          logger.error({ err: errorInfo(err), auditEntry: e, retryInMs: retryMs }, 'audit entry of a hand edit not stored: kept in this log line, written again until the store takes it');
        }
        timer = setTimeout(() => void write(), retryMs).unref();
        return;
      }
      queue.shift();
      if (logged.delete(entry.id)) logger.info({ auditEntryId: entry.id }, 'audit entry of a hand edit stored after all');
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
