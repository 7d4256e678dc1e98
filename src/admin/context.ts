// What the parts of the admin service share: its options, the identity of its knowledge base (audit
// records and proposals are kept under it), the clock, the logger, the audit writer, the knowledge
// folder as it is on disk now, and the reader of a reply (language and how their surface names commands).
import { randomUUID } from 'node:crypto';
import type { AppendOptions, AuditEntry } from '../model/audit.js';
import { KnowledgeBaseError } from '../errors.js';
import { loadKnowledgeBase } from '../kb/load.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { childLogger, type Logger } from '../logger.js';
import type { AdminCommandNames } from '../phrases/admin-types.js';
import { phrases } from '../phrases/index.js';
import { commandNames, formatIssues } from './format.js';
import { knowledgeBaseIdentity } from './kb-identity.js';
import type { AdminActor, AdminReply, AdminServiceOptions } from './types.js';

/** The reader of a reply: their language, and how their surface names commands. */
export interface Reader {
  lang: Language;
  names: AdminCommandNames;
}

export const readerOf = (actor: AdminActor): Reader => ({ lang: actor.language, names: commandNames(actor.surface ?? 'chat', actor.language) });

export const isReply = (v: unknown): v is AdminReply => typeof v === 'object' && v !== null && 'ok' in v && 'text' in v;

export interface AdminContext {
  options: AdminServiceOptions;
  kbId: string;
  now: () => Date;
  log: Logger;
  /** The knowledge folder as it is on disk now (throws KnowledgeBaseError). */
  loadKb(): Promise<KnowledgeBase>;
  /** The folder's knowledge base, or a reply listing why it does not load. */
  currentKb(lang: Language): Promise<KnowledgeBase | AdminReply>;
  /**
   * Appends an audit record of this knowledge base: `recorded`; `kept` when the store refused it and
   * `keepAudit` writes it later; `lost` (logged) otherwise. Records with options (refused attempts,
   * kept for a while) are never kept for later.
   */
  append(entry: Omit<AuditEntry, 'id' | 'at' | 'kb'> & { at?: string }, appendOptions?: AppendOptions): Promise<AuditOutcome>;
}

export type AuditOutcome = 'recorded' | 'kept' | 'lost';

export function createAdminContext(options: AdminServiceOptions): AdminContext {
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? childLogger('admin');
  const kbId = knowledgeBaseIdentity(options.kbDir).id;

  async function loadKb(): Promise<KnowledgeBase> {
    return loadKnowledgeBase(options.kbDir);
  }

  async function append(entry: Omit<AuditEntry, 'id' | 'at' | 'kb'> & { at?: string }, appendOptions?: AppendOptions): Promise<AuditOutcome> {
    const record = { id: randomUUID(), kb: kbId, at: entry.at ?? now().toISOString(), ...entry } as AuditEntry;
    try {
      await options.audit.append(record, appendOptions);
      return 'recorded';
    } catch (err) {
      if (options.keepAudit && appendOptions === undefined) {
        options.keepAudit(record);
        return 'kept';
      }
      log.error({ err: (err as Error).message, action: entry.action, toolId: entry.toolId }, 'audit log append failed');
      return 'lost';
    }
  }

  async function currentKb(lang: Language): Promise<KnowledgeBase | AdminReply> {
    try {
      return await loadKb();
    } catch (err) {
      if (err instanceof KnowledgeBaseError) return { ok: false, text: `${phrases(lang).admin.kbBroken}\n${formatIssues(err, lang)}` };
      throw err;
    }
  }

  return { options, kbId, now, log, loadKb, currentKb, append };
}
