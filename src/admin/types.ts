// The admin service's shapes: who acts, what a command answers, what a written change tells the
// composition root, and the options. Its own module, so the parts of the service (context.ts,
// edits.ts, four-eyes.ts …) and the dispatch in service.ts share them without importing each other.
import type { AuditAction, AuditEntry, AuditLog, Proposal, ProposalStore } from '../model/audit.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolStatus } from '../model/status.js';
import type { Language } from '../model/language.js';
import type { Logger } from '../logger.js';
import type { AdminSurface } from './format.js';
import type { AdminCommand, CommandSource } from './parse.js';

export interface AdminActor {
  /** `slack:U123`, `teams:<aadObjectId>`, `cli:<name>`. */
  id: string;
  name?: string;
  language: Language;
  /** Where the reply is read (default chat): it names commands as `admin …` or `compliance-bot kb …`. */
  surface?: AdminSurface;
}

/** A change that was written: what the composition root needs to swap the base and notify. */
export interface AdminApplied {
  action: Exclude<AuditAction, 'hand_edit' | 'proposal' | 'approve' | 'refused'>;
  /** The tool changed; `context:<id>` for a word filed into contexts.yaml (see `context`). */
  toolId: string;
  /** The tool's name; the context's label for a filed word. */
  toolName: string;
  /** Set for `context_add`: the word filed, as written into contexts.yaml, and its language. */
  context?: { id: string; word: string; language: Language };
  /** Who made the change (the proposer, under four eyes). */
  by: string;
  /** The second admin, under four eyes. */
  approvedBy?: string;
  proposalId?: string;
  /** ISO timestamp. */
  at: string;
  note?: string;
  source?: CommandSource;
  oldStatus: ToolStatus | null;
  /** Null for a change that is not a tool's (`context_add`). */
  newStatus: ToolStatus | null;
  before: unknown;
  after: unknown;
  /** The knowledge base now on disk, and the one before (null if that one did not load). */
  kb: KnowledgeBase;
  previous: KnowledgeBase | null;
}

export interface AdminReply {
  ok: boolean;
  /** Reply text in the actor's language (plain text with `code` spans). */
  text: string;
  /** Set when a four-eyes proposal was created: adapters may render an "approve" button (`approve <id>`). */
  proposal?: Proposal;
  applied?: AdminApplied;
}

export interface AdminServiceOptions {
  kbDir: string;
  /** Normalised admin ids (see parseAdmins). */
  admins: string[];
  audit: AuditLog;
  proposals: ProposalStore;
  fourEyes: boolean;
  proposalTtlMs: number;
  /** How long a refused attempt (who, when, command word) is kept; default 30 days (RETENTION_DAYS). */
  refusedRetentionMs?: number;
  /**
   * The knowledge base already loaded (the core's): tools are looked up in it instead of reading
   * the folder again, and checked against the folder as the change is written.
   */
  knowledgeBase?: () => KnowledgeBase | undefined;
  now?: () => Date;
  onApplied?: (applied: AdminApplied) => void | Promise<void>;
  /**
   * Where the audit record of a change goes when the store refuses it, to be written once the store
   * answers (the server's audit writer); without it the record is lost and the reply says so.
   */
  keepAudit?: (entry: AuditEntry) => void;
  /** Usage lines of chat admin commands served beside this service (the requests), for `admin help`. */
  moreHelp?: (lang: Language) => string[];
  logger?: Logger;
}

export interface AdminService {
  /** Runs the words after `admin`. Never throws for a user error: the reply says what went wrong. */
  execute(text: string, actor: AdminActor): Promise<AdminReply>;
  /** Runs an already parsed command (the CLI builds commands from its options). */
  executeCommand(cmd: AdminCommand, actor: AdminActor): Promise<AdminReply>;
  isAdmin(actorId: string): boolean;
  /** The identity of the knowledge base this service changes (audit records are kept under it). */
  readonly kbId: string;
  /** Resolves when the start-up work (moving audit records of the old layout) is done; never rejects. */
  settled(): Promise<void>;
}
