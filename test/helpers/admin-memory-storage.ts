// In-memory AuditLog and ProposalStore (the interfaces of src/audit.ts) for the admin tests: the
// admin service is tested on its own; the keyv-backed implementations have their own tests.
import type { AppendOptions, AuditEntry, AuditLog, AuditPage, AuditQuery, Proposal, ProposalStore } from '../../src/model/audit.js';

export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  /** The retention each entry was appended with (undefined = kept). */
  readonly ttls: (number | undefined)[] = [];
  async append(entry: AuditEntry, options: AppendOptions = {}): Promise<void> {
    this.entries.push(structuredClone(entry));
    this.ttls.push(options.ttlMs);
  }
  async history(query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 25;
    const all = this.entries.filter((e) => e.kb === query.kb && e.toolId === query.toolId).reverse();
    const pages = Math.max(1, Math.ceil(all.length / limit));
    const page = Math.min(pages, query.page ?? 1);
    return { entries: all.slice((page - 1) * limit, page * limit), page, pages };
  }
}

export class MemoryProposalStore implements ProposalStore {
  readonly items = new Map<string, Proposal>();
  async put(p: Proposal): Promise<void> {
    this.items.set(p.id, structuredClone(p));
  }
  async get(id: string): Promise<Proposal | undefined> {
    return this.items.get(id);
  }
  async list(): Promise<Proposal[]> {
    return [...this.items.values()];
  }
  async delete(id: string): Promise<boolean> {
    return this.items.delete(id);
  }
}
