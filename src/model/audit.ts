// Records of admin changes (the audit log) and of four-eyes proposals: the types shared by the
// admin service that writes them and the storage module that keeps them.
//
// The audit log is kept per knowledge base: every record carries the identity of the knowledge
// base it concerns (see src/admin/kb-identity.ts), so a change made to a copy of the folder never
// shows up in the history of the original.

export type AuditAction =
  | 'status'
  | 'restriction_add'
  | 'restriction_remove'
  | 'step'
  | 'add_tool'
  | 'review'
  /** A word filed as a synonym of a context (contexts.yaml); `toolId` is `context:<id>`. */
  | 'context_add'
  /** The fields a spreadsheet row changed (`kb import`): before and after keyed by field. */
  | 'import'
  | 'hand_edit'
  | 'proposal'
  | 'approve'
  | 'refused';

export interface AuditEntry {
  id: string;
  /** The knowledge base the record belongs to: its identity (`kb-<hash of its real folder path>`). */
  kb: string;
  /** ISO timestamp. */
  at: string;
  /** Who: `slack:U123`, `teams:<aadObjectId>`, `cli:<name>`, or `file` for a hand edit. */
  actor: string;
  action: AuditAction;
  /** The tool concerned; null for records of the knowledge base as a whole (refused attempts). */
  toolId: string | null;
  /** The relevant part of the entry before and after (e.g. the status), JSON-serialisable. */
  before: unknown;
  after: unknown;
  note?: string;
  source?: { title: string; url?: string };
}

export interface AppendOptions {
  /** Forget the record after this long (refused attempts: RETENTION_DAYS). Absent: kept. */
  ttlMs?: number;
}

export interface AuditQuery {
  kb: string;
  /** A tool's records, or null for the knowledge base's own records (refused attempts). */
  toolId: string | null;
  /** Records per page (default 25, at most 100). */
  limit?: number;
  /** 1 = the newest records. */
  page?: number;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  page: number;
  /** How many pages there are at this limit (at least 1). */
  pages: number;
}

/** The outcome of adopting the records written before the log was kept per knowledge base. */
export interface LegacyAdoption {
  /** The knowledge base that owns the old records (the first one the log was opened for). */
  owner: string;
  /** Records moved by this call. */
  moved: number;
}

export interface AuditLog {
  append(entry: AuditEntry, options?: AppendOptions): Promise<void>;
  history(query: AuditQuery): Promise<AuditPage>;
  /**
   * Gives the records of the old layout (keyed by tool id only) to `kb` if no knowledge base has
   * them yet, and moves those of `toolIds` (and the tool-less ones) now; the rest move when first
   * read or written. Optional: a log without an old layout has nothing to adopt.
   */
  adoptLegacy?(kb: string, toolIds: Iterable<string>): Promise<LegacyAdoption>;
}

export const DEFAULT_HISTORY_LIMIT = 25;
export const MAX_HISTORY_LIMIT = 100;

/** A change waiting for a second admin's approval (FOUR_EYES=true). */
export interface Proposal {
  id: string;
  /** The knowledge base it was proposed for (absent in proposals made before this was recorded). */
  kb?: string;
  /** The admin command as typed, e.g. `status zoom prohibited Warnung der Aufsichtsbehörde`. */
  command: string;
  toolId: string;
  /**
   * A change that has no command text (a spreadsheet row): the command itself, applied on approval;
   * `command` then only describes it.
   */
  edit?: unknown;
  proposedBy: string;
  /** ISO timestamps. */
  at: string;
  expiresAt: string;
}

export interface ProposalStore {
  put(p: Proposal): Promise<void>;
  get(id: string): Promise<Proposal | undefined>;
  list(): Promise<Proposal[]>;
  delete(id: string): Promise<boolean>;
}
