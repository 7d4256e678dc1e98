// The audit log (who changed which tool, when, from what to what) and the four-eyes proposals, on
// the key-value store: one key per entry plus an index of entry ids per tool.
import type { AuditEntry, AuditLog, Proposal, ProposalStore } from '../audit.js';
import type { Namespace } from './backend.js';
import { KeyedMutex } from './lock.js';

// Entries without a tool (e.g. a refused command) are indexed under this id.
const NO_TOOL = '-';

export function createAuditLog(entries: Namespace<AuditEntry>, index: Namespace<string[]>): AuditLog {
  const mutex = new KeyedMutex(index.locks);
  return {
    async append(entry) {
      // The entry first: an index id without its entry would be skipped, an entry without index is merely invisible.
      await entries.set(entry.id, entry);
      const tool = entry.toolId ?? NO_TOOL;
      await mutex.run(tool, async () => {
        const ids = (await index.get(tool)) ?? [];
        if (ids.includes(entry.id)) return;
        ids.push(entry.id);
        await index.set(tool, ids);
      });
    },
    async history(toolId, limit = 50) {
      const ids = (await index.get(toolId)) ?? [];
      const newest = ids.slice(-Math.max(0, limit)).reverse();
      const found = await entries.getMany(newest);
      return found.filter((e): e is AuditEntry => e !== undefined);
    },
  };
}

export function createProposalStore(items: Namespace<Proposal>, index: Namespace<string[]>): ProposalStore {
  const mutex = new KeyedMutex(index.locks);
  const KEY = 'ids';
  return {
    async put(p) {
      await items.set(p.id, p);
      await mutex.run(KEY, async () => {
        const ids = (await index.get(KEY)) ?? [];
        if (!ids.includes(p.id)) await index.set(KEY, [...ids, p.id]);
      });
    },
    get: (id) => items.get(id),
    async list() {
      const ids = (await index.get(KEY)) ?? [];
      const found = await items.getMany(ids);
      return found.filter((p): p is Proposal => p !== undefined);
    },
    async delete(id) {
      const existed = await items.delete(id);
      await mutex.run(KEY, async () => {
        const ids = (await index.get(KEY)) ?? [];
        if (ids.includes(id)) await index.set(KEY, ids.filter((x) => x !== id));
      });
      return existed;
    },
  };
}
