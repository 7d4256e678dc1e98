// In-memory AuditLog and ProposalStore (the interfaces of src/audit.ts) for the admin tests: the
// admin service is tested on its own; the keyv-backed implementations have their own tests.
import type { AuditEntry, AuditLog, Proposal, ProposalStore } from '../../src/audit.js';

export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(entry: AuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }
  async history(toolId: string, limit = 50): Promise<AuditEntry[]> {
    return this.entries
      .filter((e) => e.toolId === toolId)
      .reverse()
      .slice(0, limit);
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
