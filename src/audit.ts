// Records of admin changes (the audit log) and of four-eyes proposals: the types shared by the
// admin service that writes them and the storage module that keeps them.

export type AuditAction =
  | 'status'
  | 'restriction_add'
  | 'restriction_remove'
  | 'step'
  | 'add_tool'
  | 'hand_edit'
  | 'proposal'
  | 'approve'
  | 'refused';

export interface AuditEntry {
  id: string;
  /** ISO timestamp. */
  at: string;
  /** Who: `slack:U123`, `teams:<aadObjectId>`, `cli:<name>`, or `file` for a hand edit. */
  actor: string;
  action: AuditAction;
  toolId: string | null;
  /** The relevant part of the entry before and after (e.g. the status), JSON-serialisable. */
  before: unknown;
  after: unknown;
  note?: string;
  source?: { title: string; url?: string };
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  history(toolId: string, limit?: number): Promise<AuditEntry[]>;
}

/** A change waiting for a second admin's approval (FOUR_EYES=true). */
export interface Proposal {
  id: string;
  /** The admin command as typed, e.g. `status zoom prohibited Warnung der Aufsichtsbehörde`. */
  command: string;
  toolId: string;
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
