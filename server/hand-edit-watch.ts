// Watching the knowledge folder for hand edits: a valid edit is answered from at once, audited
// (entry by entry, server/audit-writer.ts) and notified; an invalid one keeps the last valid base
// answering, and the admins are told. A valid edit that loosens a rule (src/admin/loosening.ts) had
// no four eyes: the admins are told that too, once per new version of the folder (the store's
// dedupe keeps several instances watching one shared folder from telling them twice).
import { describeLoosenings, describeReloadError } from '../src/admin/format.js';
import { handEditEntries } from '../src/admin/hand-edit.js';
import { classifyKnowledgeBaseEdit } from '../src/admin/loosening.js';
import { phrases } from '../src/phrases/index.js';
import type { DedupeStore } from '../src/storage/index.js';
import type { ComplianceCore } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { watchKnowledgeBase, type KbWatcher } from '../src/kb/watch.js';
import { idSample, type Logger } from '../src/logger.js';
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
  /** The store's dedupe (null while there is none): a loosening hand edit is told once for all instances. */
  dedupe?: () => DedupeStore | null;
  logger: Logger;
}

const TOLD_TTL_MS = 7 * 86_400_000;

/** Tells the admins what a hand edit loosened, if anything (no four eyes applied to it). */
async function tellLoosened(options: HandEditWatchOptions, previous: KnowledgeBase | undefined, kb: KnowledgeBase): Promise<void> {
  const edit = classifyKnowledgeBaseEdit(previous, kb);
  if (!edit.loosening) return;
  options.logger.warn({ loosened: edit.loosenings.length, tools: idSample(new Set(edit.loosenings.map((l) => l.toolId))) }, 'a hand edit loosened a rule');
  const dedupe = options.dedupe?.();
  if (dedupe && !(await dedupe.firstSeen(`hand-loosened:${kb.version}`, TOLD_TTL_MS))) return;
  const name = (id: string) => kb.tools.get(id)?.name ?? previous?.tools.get(id)?.name ?? id;
  await options.tellAdmins((lang) => phrases(lang).admin.handEditLoosened(describeLoosenings(edit.loosenings, lang, name)));
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
      await tellLoosened(options, previous, kb).catch((err: Error) => logger.warn({ err: { type: err.name } }, 'could not tell the admins about a loosening hand edit'));
    },
    onError: async (err) => {
      logger.error({ issues: err.issues.length }, 'a hand edit made the knowledge base invalid; the last valid one keeps answering');
      await options.tellAdmins((lang) => describeReloadError(err, lang));
    },
  });
}
