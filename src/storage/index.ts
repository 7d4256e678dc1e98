// Storage for everything the bot must remember: subscriptions, conversation targets for proactive
// messages, requests for an assessment, the audit log and four-eyes proposals, the notification outbox, dedupe records, and
// small key-value needs of other modules. One SQLite file by default; Redis or PostgreSQL when
// STORAGE_URL says so. Only this folder imports keyv.
//
// Several instances on one store: dedupe is atomic in every backend. The read-modify-write of the
// index keys (subscription buckets, outbox pending list) is serialised per process,
// and on Redis also across processes (a SET NX lock per key, see lock.ts), so several instances may
// share a Redis store. On SQLite and PostgreSQL it is per process only: one bot instance per store.
// The audit log needs no lock: each record claims its own numbered key atomically (see audit.ts).
import { childLogger, type Logger } from '../logger.js';
import { StorageUnavailableError } from '../errors.js';
import { openBackend, type Backend, type BackendKind, type BackendOptions } from './backend.js';
import type { AuditEntry, AuditLog, Proposal, ProposalStore } from '../model/audit.js';
import { createAuditLog, createProposalStore } from './audit.js';
import { createConversationStore, type ConversationRecord, type ConversationStore } from './conversations.js';
import { createDedupeStore, type DedupeStore } from './dedupe.js';
import { createKeyValue, type KeyValue } from './kv.js';
import { createOutboxStore, type OutboxStore } from './outbox.js';
import { createSubscriptionStore, type SubscriptionStore } from './subscriptions.js';
import { createRequestStore, type RequestStore, type ToolRequestRecord } from './requests.js';

export { backendKindOf, DEFAULT_SQLITE_PATH, type BackendKind } from './backend.js';
export { isRedisUrl, splitRedisUrl, type RedisLocation } from './redis-url.js';
export type { ConversationRecord, ConversationStore } from './conversations.js';
export { createMemoryDedupe, createStoredDedupe, DEDUPE_TTL_MS, type Dedupe, type DedupeStore, type MemoryDedupeOptions } from './dedupe.js';
export type { KeyValue } from './kv.js';
export type { DeadLetter, EnqueueResult, ItemState, OutboxBatch, OutboxStore } from './outbox.js';
export { parseTopicKey, topicKey, type SubscriptionStore, type Topic } from './subscriptions.js';
export { isLive, type FileOutcome, type FileResult, type RequestEntry, type RequestStatus, type RequestStore, type ToolRequestRecord } from './requests.js';

export interface Storage {
  readonly backend: BackendKind;
  readonly subscriptions: SubscriptionStore;
  readonly conversations: ConversationStore;
  readonly audit: AuditLog;
  readonly proposals: ProposalStore;
  readonly dedupe: DedupeStore;
  readonly outbox: OutboxStore;
  /** Requests for an assessment and waiting lists (src/requests/). */
  readonly requests: RequestStore;
  /** A typed namespace for other small needs; `name` is lower-case letters, digits and "-". */
  kv<T>(name: string): KeyValue<T>;
  /** Deletes expired dedupe and outbox records (SQLite/PostgreSQL keep them until read). Runs hourly by itself. */
  sweepExpired(): Promise<number>;
  /** Deletes every key this storage (with its prefix) has written. For tests and resets. */
  clearAll(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageOptions extends BackendOptions {
  /** `redis://…`, `postgres://…`; empty or absent = the SQLite file. Usually the configuration's storageUrl (STORAGE_URL). */
  url?: string;
  /** SQLite file when no url is given; default `data/compliance-bot.sqlite` relative to the working directory. */
  sqlitePath?: string;
  /** Put before every namespace and key: isolates tests and instances sharing one store. */
  prefix?: string;
  /** How long a done outbox item (the dedupe record of a delivered notification) is kept; default 30 days. */
  outboxRetentionMs?: number;
  /** How often expired records are swept (default hourly). */
  sweepEveryMs?: number;
  /** Where a failed sweep is logged (default the root logger, component `storage`). */
  logger?: Logger;
}

// Namespaces of this module; kv() names get a `kv-` prefix so they can never collide with these.
const NAMESPACES = [
  'subs-topic',
  'subs-subscriber',
  'conversations',
  'audit-log',
  'audit-head',
  'audit-meta',
  'audit-entries',
  'audit-index',
  'proposals',
  'proposals-index',
  'dedupe',
  'outbox',
  'requests',
  'requests-index',
] as const;

/** Opens (and on first use creates) the store. Throws StorageUnavailableError when it cannot be reached. */
export async function openStorage(options: StorageOptions = {}): Promise<Storage> {
  const backend = await openBackend(options);
  return buildStorage(backend, options);
}

function buildStorage(backend: Backend, options: StorageOptions): Storage {
  const kvNames = new Set<string>();
  const kvs = new Map<string, KeyValue<unknown>>();
  // Expired rows only cost space: a failed sweep is logged and tried again at the next interval.
  // A sweep still waiting for a store that does not answer is not joined by another.
  const sweepEveryMs = options.sweepEveryMs ?? 3600_000;
  let sweeping = false;
  const sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    backend
      .sweepExpired()
      .catch((err: Error) => {
        (options.logger ?? childLogger('storage')).warn({ err: { type: err.name, message: err.message }, retryInMs: sweepEveryMs }, 'sweeping expired records failed; tried again at the next sweep');
      })
      .finally(() => (sweeping = false));
  }, sweepEveryMs);
  sweeper.unref();
  let closed = false;

  return {
    backend: backend.kind,
    subscriptions: createSubscriptionStore(backend.namespace<string[]>('subs-topic'), backend.namespace<string[]>('subs-subscriber')),
    conversations: createConversationStore(backend.namespace<ConversationRecord>('conversations')),
    audit: createAuditLog({
      log: backend.namespace<AuditEntry>('audit-log'),
      head: backend.namespace<number>('audit-head'),
      meta: backend.namespace<{ kb: string; at: string }>('audit-meta'),
      // The layout before the log was kept per knowledge base: read once by the migration, then emptied.
      legacyEntries: backend.namespace<AuditEntry>('audit-entries'),
      legacyIndex: backend.namespace<string[]>('audit-index'),
    }),
    proposals: createProposalStore(backend.namespace<Proposal>('proposals'), backend.namespace<string[]>('proposals-index')),
    dedupe: createDedupeStore(backend.namespace<number>('dedupe')),
    outbox: createOutboxStore(backend.namespace<unknown>('outbox'), options.outboxRetentionMs),
    requests: createRequestStore(backend.namespace<ToolRequestRecord>('requests'), backend.namespace<unknown>('requests-index')),
    kv<T>(name: string) {
      // Asked for per event by some callers (the Slack answered records): one object per name.
      let kv = kvs.get(name);
      if (!kv) {
        kvNames.add(name);
        kvs.set(name, (kv = createKeyValue(backend.namespace<T>(`kv-${name}`))));
      }
      return kv as KeyValue<T>;
    },
    sweepExpired: () => backend.sweepExpired(),
    async clearAll() {
      const names = [...NAMESPACES, 'meta', ...[...kvNames].map((n) => `kv-${n}`)];
      await Promise.all(names.map((n) => backend.namespace(n).clear()));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      await backend.close();
    },
  };
}

/** True for the error callers should answer with "not available for now, please try again later". */
export function isStorageUnavailable(err: unknown): err is StorageUnavailableError {
  return err instanceof StorageUnavailableError;
}
