// Requests for an assessment of a tool the catalogue does not know yet, and the waiting lists of
// tools in assessment: one record per tool (its name as the engine compares names), many
// requesters. What a record keeps of a person: their subscriber key (platform id only), what they
// wrote about the purpose (personal data already replaced by placeholders), the contexts they
// ticked and when. Records are forgotten RETENTION_DAYS after they were decided (src/requests/).
//
// Two namespaces: `requests` (id -> record) and `requests-index` (`open`: comparison key -> id of
// the request still to be decided or waiting; `all`: every id, for the purge). The
// read-modify-write of a record and of the index is serialised per process and, on Redis, across
// processes (KeyedMutex with the namespace's lock), as the subscription store does it.
import { randomBytes } from 'node:crypto';
import type { Namespace } from './backend.js';
import { KeyedMutex } from './lock.js';

/**
 * open: waits for an admin; waiting: the tool is in the catalogue as pending (an assessment was
 * started), people join its waiting list; declined / closed: decided (closed = the tool is in the
 * catalogue with a decided status, or was removed from it).
 */
export type RequestStatus = 'open' | 'waiting' | 'declined' | 'closed';

export interface RequestEntry {
  /** Subscriber key of the person (`slack:U123`, `teams:<id>`, `web:<session>`). */
  by: string;
  /** What they want to use it for; personal data replaced by placeholders. */
  purpose: string;
  /** Context ids they ticked. */
  contexts: string[];
  /** ISO timestamp. */
  at: string;
}

export interface ToolRequestRecord {
  id: string;
  /** Comparison key of the name (see src/requests/names.ts); `tool:<id>` once it waits on a catalogue entry. */
  key: string;
  /** The name as the first requester wrote it (corrected by them in the form). */
  name: string;
  status: RequestStatus;
  /** The catalogue's tool, once there is one (waiting list, started, closed). */
  toolId?: string;
  createdAt: string;
  requesters: RequestEntry[];
  /** ISO timestamp of the decision (declined, closed); the retention period runs from it. */
  decidedAt?: string;
  /** Admin id who decided (`slack:U…`, `cli:<name>`), or `catalogue` for a tool added by any route. */
  decidedBy?: string;
  /** The reason of a decline. */
  reason?: string;
  /** A decline's notice is queued (false: the server queues it, e.g. after a decline on the CLI). */
  told?: boolean;
}

export type FileOutcome = 'created' | 'joined' | 'already';

export interface FileResult {
  outcome: FileOutcome;
  request: ToolRequestRecord;
  /** The requester's place among the requesters (1 = the first). */
  position: number;
}

export interface RequestStore {
  /** Adds `entry` to the open request (or waiting list) with `key`, or starts one. */
  file(input: { key: string; name: string; entry: RequestEntry; toolId?: string }): Promise<FileResult>;
  /** Open requests and waiting lists, in the order they were started. */
  listOpen(): Promise<ToolRequestRecord[]>;
  /** Every stored request, decided ones included. */
  listAll(): Promise<ToolRequestRecord[]>;
  get(id: string): Promise<ToolRequestRecord | undefined>;
  /** Changes a record (undefined = leave it); keeps the open index in step with its status. */
  update(id: string, change: (r: ToolRequestRecord) => ToolRequestRecord | undefined): Promise<ToolRequestRecord | undefined>;
  /** Deletes records for good (the purge). */
  remove(ids: readonly string[]): Promise<void>;
}

const OPEN = 'open';
const ALL = 'all';
const LIVE: ReadonlySet<RequestStatus> = new Set(['open', 'waiting']);

export const isLive = (r: ToolRequestRecord): boolean => LIVE.has(r.status);

export function createRequestStore(records: Namespace<ToolRequestRecord>, index: Namespace<unknown>): RequestStore {
  const mutex = new KeyedMutex(index.locks);
  const openIndex = async () => ((await index.get(OPEN)) as Record<string, string> | undefined) ?? {};
  const allIds = async () => ((await index.get(ALL)) as string[] | undefined) ?? [];
  // One lock for the index: requests are few, and a new one touches both lists.
  const locked = <R>(fn: () => Promise<R>) => mutex.run('index', fn);

  const list = async (ids: readonly string[]) => (await records.getMany(ids)).filter((r): r is ToolRequestRecord => r !== undefined);

  return {
    file: ({ key, name, entry, toolId }) =>
      locked(async () => {
        const open = await openIndex();
        const existingId = open[key];
        const existing = existingId ? await records.get(existingId) : undefined;
        if (existing && isLive(existing)) {
          const at = existing.requesters.findIndex((e) => e.by === entry.by);
          if (at >= 0) return { outcome: 'already', request: existing, position: at + 1 };
          const next: ToolRequestRecord = { ...existing, requesters: [...existing.requesters, entry] };
          await records.set(existing.id, next);
          return { outcome: 'joined', request: next, position: next.requesters.length };
        }
        const id = `r${randomBytes(4).toString('hex')}`;
        const record: ToolRequestRecord = {
          id,
          key,
          name,
          status: toolId ? 'waiting' : 'open',
          ...(toolId ? { toolId } : {}),
          createdAt: entry.at,
          requesters: [entry],
        };
        await records.set(id, record);
        await index.set(OPEN, { ...open, [key]: id });
        await index.set(ALL, [...(await allIds()), id]);
        return { outcome: 'created', request: record, position: 1 };
      }),
    async listOpen() {
      const open = await openIndex();
      return (await list(Object.values(open))).filter(isLive).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async listAll() {
      return (await list(await allIds())).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    get: (id) => records.get(id),
    update: (id, change) =>
      locked(async () => {
        const current = await records.get(id);
        if (!current) return undefined;
        const next = change(current);
        if (!next) return current;
        await records.set(id, next);
        const open = await openIndex();
        const kept = Object.fromEntries(Object.entries(open).filter(([, v]) => v !== id));
        if (isLive(next)) kept[next.key] = id;
        if (JSON.stringify(kept) !== JSON.stringify(open)) await index.set(OPEN, kept);
        return next;
      }),
    remove: (ids) =>
      locked(async () => {
        if (ids.length === 0) return;
        const gone = new Set(ids);
        await records.deleteMany(ids);
        const open = await openIndex();
        const kept = Object.fromEntries(Object.entries(open).filter(([, id]) => !gone.has(id)));
        if (Object.keys(kept).length !== Object.keys(open).length) await index.set(OPEN, kept);
        await index.set(ALL, (await allIds()).filter((id) => !gone.has(id)));
      }),
  };
}
