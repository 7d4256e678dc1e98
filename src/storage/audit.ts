// The audit log (who changed which tool of which knowledge base, when, from what to what) and the
// four-eyes proposals, on the key-value store.
//
// Layout of the audit log: one stream of records per knowledge base and tool (`<kb>:<tool>`, the
// tool `-` for the knowledge base's own records such as refused attempts), each record under its
// own numbered key:
//
//   audit-log   <kb>:<tool>:<n>   one record; n = 1, 2, 3 … in the order written
//   audit-head  <kb>:<tool>       the highest n written (a hint: readers look a few keys past it)
//   audit-meta  legacy-owner      which knowledge base took over the records of the old layout
//
// A record claims its number with setIfAbsent, the one atomic write every backend (SQLite, Redis,
// PostgreSQL) offers: two processes on one store (the server and a `kb status` from the shell on
// the same SQLite file, or several instances on Redis) never overwrite each other's records, and no
// growing list is rewritten. setIfAbsent needs an expiry, so a record that is kept gets one a
// thousand years away; refused attempts get RETENTION_DAYS. Reading a page of N records costs one
// read of the head, one getMany of the few keys past it and one getMany of N keys, whatever the
// stream's length; appending costs one setIfAbsent and one write of the head.
//
// The old layout (before the log was kept per knowledge base): `audit-entries` (id -> record) and
// `audit-index` (tool id or `-` -> array of ids, oldest first). The first knowledge base the log is
// used with takes those records over (recorded in `legacy-owner`); each of its streams moves its
// old records to numbers 1…k the first time it is read or written (or at once, for the tools named
// in adoptLegacy), then the old keys are deleted. The move is idempotent: rerun after a crash, it
// finds the same numbers taken by the same records. Refused attempts lose the free text the old
// layout kept (only the command word stays).
import type { AppendOptions, AuditEntry, AuditLog, AuditPage, AuditQuery, LegacyAdoption, Proposal, ProposalStore } from '../model/audit.js';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from '../model/audit.js';
import type { Namespace } from './backend.js';
import { KeyedMutex } from './lock.js';

/** The stream of records that belong to no tool (refused attempts). */
const NO_TOOL = '-';
/** "Kept": setIfAbsent needs an expiry; this one is a thousand years away. */
export const KEEP_MS = 1000 * 365 * 86_400_000;
/** Keys looked at past the head in one read when finding the newest record. */
const PROBE = 8;
/** Streams whose next number this process remembers (bounded: cleared when full). */
const MAX_REMEMBERED = 10_000;
const LEGACY_OWNER = 'legacy-owner';

/** The command words a refused attempt may keep; anything else is recorded as `unknown`. */
const REFUSED_COMMANDS = /^[a-z_]{1,32}$/;

export interface AuditNamespaces {
  log: Namespace<AuditEntry>;
  head: Namespace<number>;
  meta: Namespace<{ kb: string; at: string }>;
  /** The old layout, read and emptied by the migration. */
  legacyEntries: Namespace<AuditEntry>;
  legacyIndex: Namespace<string[]>;
}

const streamOf = (kb: string, toolId: string | null): string => `${kb}:${toolId ?? NO_TOOL}`;
const slotKey = (stream: string, n: number): string => `${stream}:${n}`;

/** A record of the old layout as the new one keeps it: with its knowledge base, and refused attempts without free text. */
function adopted(entry: AuditEntry, kb: string): AuditEntry {
  const moved: AuditEntry = { ...entry, kb };
  if (entry.action === 'refused') {
    const command = (entry.after as { command?: unknown } | null)?.command;
    moved.after = { command: typeof command === 'string' && REFUSED_COMMANDS.test(command) ? command : 'unknown' };
    moved.before = null;
    delete moved.note;
    delete moved.source;
  }
  return moved;
}

export function createAuditLog(ns: AuditNamespaces): AuditLog {
  // Appends to one stream run one after another in this process (so concurrent appends do not all
  // race for the same number); across processes setIfAbsent decides.
  const local = new KeyedMutex();
  const next = new Map<string, number>();
  const migrated = new Set<string>();
  let owner: string | undefined;

  const remember = (stream: string, n: number): void => {
    if (next.size >= MAX_REMEMBERED) next.clear();
    if (migrated.size >= MAX_REMEMBERED) migrated.clear();
    if ((next.get(stream) ?? 0) < n) next.set(stream, n);
  };

  async function raiseHead(stream: string, n: number): Promise<void> {
    // Not locked across processes: a lost race leaves the head lower than the newest record, and
    // readers look past the head anyway.
    const h = (await ns.head.get(stream)) ?? 0;
    if (h < n) await ns.head.set(stream, n);
  }

  /** The number of the newest record of `stream` (0 when empty). */
  async function newest(stream: string): Promise<number> {
    let n = (await ns.head.get(stream)) ?? 0;
    for (;;) {
      const keys = Array.from({ length: PROBE }, (_, i) => slotKey(stream, n + 1 + i));
      const found = await ns.log.getMany(keys);
      let k = 0;
      while (k < found.length && found[k] !== undefined) k++;
      n += k;
      if (k < PROBE) return n;
    }
  }

  /** Who owns the old records; the first knowledge base to ask becomes the owner. */
  async function legacyOwner(kb: string): Promise<string> {
    if (owner !== undefined) return owner;
    await ns.meta.setIfAbsent(LEGACY_OWNER, { kb, at: new Date().toISOString() }, KEEP_MS);
    owner = (await ns.meta.get(LEGACY_OWNER))?.kb ?? kb;
    return owner;
  }

  /** Moves the old records of one stream of the owner to numbers 1…k. Returns how many. */
  async function migrateStream(kb: string, toolId: string | null): Promise<number> {
    const stream = streamOf(kb, toolId);
    if (migrated.has(stream)) return 0;
    const legacyKey = toolId ?? NO_TOOL;
    const ids = await ns.legacyIndex.get(legacyKey);
    if (!ids || ids.length === 0) {
      migrated.add(stream);
      return 0;
    }
    const found = await ns.legacyEntries.getMany(ids);
    const records = found.filter((e): e is AuditEntry => e !== undefined).map((e) => adopted(e, kb));
    // Numbers 1…k: new records of this stream are written only after its migration (by every
    // process: each migrates a stream before touching it), so these numbers are free or already
    // hold the same records from an interrupted or concurrent run.
    for (let i = 0; i < records.length; i++) await ns.log.setIfAbsent(slotKey(stream, i + 1), records[i] as AuditEntry, KEEP_MS);
    await raiseHead(stream, records.length);
    remember(stream, records.length);
    await ns.legacyEntries.deleteMany(ids);
    await ns.legacyIndex.delete(legacyKey);
    migrated.add(stream);
    return records.length;
  }

  /** Before a stream is read or written: its old records, if its knowledge base owns them, move first. */
  async function ready(kb: string, toolId: string | null): Promise<void> {
    const stream = streamOf(kb, toolId);
    if (migrated.has(stream)) return;
    if ((await legacyOwner(kb)) !== kb) {
      migrated.add(stream);
      return;
    }
    await local.run(stream, () => migrateStream(kb, toolId));
  }

  return {
    async append(entry: AuditEntry, options: AppendOptions = {}) {
      await ready(entry.kb, entry.toolId);
      const stream = streamOf(entry.kb, entry.toolId);
      const ttl = options.ttlMs ?? KEEP_MS;
      const n = await local.run(stream, async () => {
        let candidate = (next.get(stream) ?? (await ns.head.get(stream)) ?? 0) + 1;
        for (let attempt = 0; ; attempt++) {
          if (await ns.log.setIfAbsent(slotKey(stream, candidate), entry, ttl)) break;
          if (attempt >= 1_000) throw new Error(`audit log: no free record number in ${stream} after ${attempt} attempts`);
          // Taken by another process: jump to past its head rather than walk one by one.
          const head = attempt % 4 === 3 ? await newest(stream) : ((await ns.head.get(stream)) ?? 0);
          candidate = Math.max(candidate, head) + 1;
        }
        remember(stream, candidate);
        return candidate;
      });
      // A plain write, no read: n is above every number taken when it was claimed, so another
      // process can only have written a higher head concurrently (readers look past a lagging head).
      await ns.head.set(stream, n);
    },

    async history(query: AuditQuery): Promise<AuditPage> {
      await ready(query.kb, query.toolId);
      const stream = streamOf(query.kb, query.toolId);
      const limit = Math.min(MAX_HISTORY_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_HISTORY_LIMIT)));
      const last = await newest(stream);
      const pages = Math.max(1, Math.ceil(last / limit));
      const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
      const high = last - (page - 1) * limit;
      const low = Math.max(1, high - limit + 1);
      const keys: string[] = [];
      for (let n = high; n >= low; n--) keys.push(slotKey(stream, n));
      const found = keys.length > 0 ? await ns.log.getMany(keys) : [];
      // A missing number is a refused attempt past its retention. An entry written again because its
      // first write timed out but landed anyway (server/audit-writer.ts retries) is shown once.
      const seen = new Set<string>();
      const entries = found.filter((e): e is AuditEntry => e !== undefined && !seen.has(e.id) && seen.add(e.id) !== undefined);
      return { entries, page, pages };
    },

    async adoptLegacy(kb: string, toolIds: Iterable<string>): Promise<LegacyAdoption> {
      const own = await legacyOwner(kb);
      if (own !== kb) return { owner: own, moved: 0 };
      // One read for all the old index keys (a catalog of thousands of tools is read at every start).
      const tools: (string | null)[] = [null, ...toolIds];
      const lists = await ns.legacyIndex.getMany(tools.map((t) => t ?? NO_TOOL));
      let moved = 0;
      for (let i = 0; i < tools.length; i++) {
        const toolId = tools[i] as string | null;
        if ((lists[i]?.length ?? 0) === 0) migrated.add(streamOf(kb, toolId));
        else moved += await local.run(streamOf(kb, toolId), () => migrateStream(kb, toolId));
      }
      return { owner: own, moved };
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
