// The notifications of knowledge-base changes on the outbox pipeline (SQLite file, PostgreSQL):
// each change is queued, then the stored snapshot moves on to the base it produced. A change that
// cannot be queued (the store does not answer) is not dropped: the snapshot stays where it was, and
// everything since it is queued again a few seconds later, until the store answers. The same step
// finds, at start, the hand edits made while the bot was down, and records them in the audit log as
// hand edits (found at start, so their time is the start's). On Redis the cluster does this
// (server/cluster.ts).
import type { AuditEntry } from '../src/model/audit.js';
import { handEditEntries } from '../src/admin/hand-edit.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { idSample, type Logger } from '../src/logger.js';
import { diffKnowledgeBases, rememberedKnowledgeBase, rememberKnowledgeBase, type ChangeMeta, type NotificationPipeline, type ToolChange } from '../src/notifications/index.js';
import type { Storage } from '../src/storage/index.js';
import { errorInfo } from './error-info.js';

export interface ChangeNotices {
  /** Queues the notices of a change made here (admin command, hand edit). Never throws. */
  changed(previous: KnowledgeBase, next: KnowledgeBase, meta: ChangeMeta): Promise<void>;
  /** Queues what changed since the stored snapshot (at start: hand edits made while the bot was down). Never throws. */
  catchUp(): Promise<void>;
  /** Stops trying again. */
  stop(): void;
}

export interface ChangeNoticesOptions {
  storage: Storage;
  pipeline: NotificationPipeline;
  /** The base answering now. */
  current: () => KnowledgeBase;
  logger: Logger;
  /** How soon changes that could not be queued are tried again. */
  retryMs: number;
  /** Where the audit entries of the hand edits found at start go (server/audit-writer.ts). */
  auditHandEdit: (entry: AuditEntry) => Promise<void>;
}

export function createChangeNotices(options: ChangeNoticesOptions): ChangeNotices {
  const { storage, pipeline, current, logger, retryMs } = options;
  // True while changes are not queued yet: the snapshot is behind, and only a catch-up may move it.
  let behind = false;
  // True from catchUp() until the hand edits made while the bot was down are queued and audited.
  let auditFound = false;
  // Who made the changes that wait for the store, per tool (memory only): their notices name the
  // admin and carry the note and source, not "changed in the files". Lost on a restart, which then
  // finds the changes as file changes.
  const waitingMeta = new Map<string, ChangeMeta>();
  const keepMeta = (changes: readonly ToolChange[], meta: ChangeMeta) => {
    for (const c of changes) waitingMeta.set(c.toolId, meta);
  };
  const withMeta = (c: ToolChange): ToolChange => {
    const meta = waitingMeta.get(c.toolId);
    if (!meta) return c;
    const { source: _source, note: _note, ...rest } = c;
    return { ...rest, by: meta.by, at: meta.at.toISOString(), ...(meta.source ? { source: meta.source } : {}), ...(meta.note ? { note: meta.note } : {}) };
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One step at a time, so a snapshot never moves past changes that are not queued.
  let chain: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => (chain = chain.then(step));

  const notQueued = (err: unknown): void => {
    // Said once, not at every retry.
    if (!behind) logger.error({ err: errorInfo(err), retryInMs: retryMs }, 'change notifications could not be queued; tried again until the store answers');
    behind = true;
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void serial(sinceSnapshot), retryMs).unref();
  };

  const remember = async (kb: KnowledgeBase, queued: readonly ToolChange[]): Promise<void> => {
    try {
      await rememberKnowledgeBase(storage, kb);
    } catch (err) {
      // The changes are queued; an old snapshot only means they may be queued again at the next start.
      logger.error({ err: errorInfo(err), queued: idSample(queued.map((c) => c.toolId)) }, 'knowledge-base snapshot not saved: these changes may be notified again after a restart');
    }
  };

  async function sinceSnapshot(): Promise<void> {
    if (stopped) return;
    const kb = current();
    let changes: ToolChange[];
    let old: KnowledgeBase | undefined;
    const at = new Date();
    try {
      old = await rememberedKnowledgeBase(storage, kb);
      // Who made the changes is not known here (a hand edit, or changes that waited for the store).
      changes = old && old.version !== kb.version ? diffKnowledgeBases(old, kb, { by: 'file', at }).map(withMeta) : [];
      await pipeline.enqueue(changes);
    } catch (err) {
      notQueued(err);
      return;
    }
    if (behind) logger.info({ changes: idSample(changes.map((c) => c.toolId)) }, 'change notifications queued after all');
    behind = false;
    waitingMeta.clear();
    if (auditFound) {
      auditFound = false;
      // The audit writer keeps what the store refuses and writes it again: nothing is dropped here.
      for (const entry of handEditEntries(old, kb, at)) await options.auditHandEdit(entry);
    }
    await remember(kb, changes);
  }

  return {
    changed: (previous, next, meta) =>
      serial(async () => {
        const changes = diffKnowledgeBases(previous, next, meta);
        // Earlier changes still wait for the store: queue everything since the snapshot together.
        if (behind) {
          keepMeta(changes, meta);
          return sinceSnapshot();
        }
        try {
          await pipeline.enqueue(changes);
        } catch (err) {
          keepMeta(changes, meta);
          notQueued(err);
          return;
        }
        await remember(next, changes);
      }),
    catchUp: () => {
      auditFound = true;
      return serial(sinceSnapshot);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
