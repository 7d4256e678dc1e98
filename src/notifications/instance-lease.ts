// PostgreSQL serves one bot instance (the outbox worker does not lease items; two workers on one
// outbox would send every notice twice). This lease makes a second instance on the same store
// refuse to start instead: a row in the store that the running instance renews every few seconds.
//   - free (or expired): taken atomically (setIfAbsent), start.
//   - renewed lately: another instance runs: InstanceLeaseError, naming it and what to do.
//   - not renewed lately (the holder was killed): wait until it expires (at most `ttlMs`), then take
//     it; if it is renewed meanwhile, the holder lives after all: InstanceLeaseError.
// Several instances need Redis (STORAGE_URL=redis://…), whose queues are shared safely.
import { hostname } from 'node:os';
import { InstanceLeaseError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/index.js';

export interface LeaseOptions {
  /** The lease expires this long after its last renewal (default 15 s). */
  ttlMs?: number;
  /** Renewal interval (default 5 s). */
  renewMs?: number;
  logger?: Logger;
}

export interface InstanceLease {
  readonly owner: string;
  release(): Promise<void>;
}

interface LeaseRecord {
  owner: string;
  host: string;
  pid: number;
  renewedAt: number;
}

const KEY = 'notify-worker';
const STORE_NAMES: Record<string, string> = { postgres: 'PostgreSQL', sqlite: 'SQLite', redis: 'Redis' };
const storeName = (kind: string): string => STORE_NAMES[kind] ?? kind;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireInstanceLease(storage: Storage, options: LeaseOptions = {}): Promise<InstanceLease> {
  const ttlMs = options.ttlMs ?? 15_000;
  const renewMs = options.renewMs ?? 5_000;
  const kv = storage.kv<LeaseRecord>('instance-lease');
  const me = { owner: `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, host: hostname(), pid: process.pid };
  const record = (): LeaseRecord => ({ ...me, renewedAt: Date.now() });
  const take = () => kv.setIfAbsent(KEY, record(), ttlMs);

  if (!(await take())) {
    const holder = await kv.get(KEY);
    if (holder && holder.owner !== me.owner) {
      if (Date.now() - holder.renewedAt < 2 * renewMs) throw new InstanceLeaseError(holder, storeName(storage.backend));
      // Not renewed lately: its holder is probably gone (killed). Wait for the lease to run out.
      options.logger?.warn({ holder: { host: holder.host, pid: holder.pid } }, 'the notification lease of a stopped instance is still held; waiting for it to expire');
      for (;;) {
        await sleep(Math.max(50, Math.round(renewMs / 2)));
        if (await take()) break;
        const now = await kv.get(KEY);
        if (now && now.renewedAt !== holder.renewedAt) throw new InstanceLeaseError(now, storeName(storage.backend));
      }
    } else if (!(await take())) {
      throw new InstanceLeaseError(holder ?? me, storeName(storage.backend));
    }
  }

  let released = false;
  const timer = setInterval(() => {
    void (async () => {
      const now = await kv.get(KEY);
      if (released) return;
      if (!now) {
        if (await take()) options.logger?.warn('the notification lease had expired (this instance was too slow to renew it); taken again');
      } else if (now.owner === me.owner) {
        await kv.set(KEY, record(), ttlMs);
      } else {
        options.logger?.error({ holder: { host: now.host, pid: now.pid } }, 'another instance took the notification lease: two instances share this store, notices may go out twice');
      }
    })().catch((err: Error) => options.logger?.warn({ err: { type: err.name, message: err.message } }, 'notification lease not renewed; trying again'));
  }, renewMs);
  timer.unref();

  return {
    owner: me.owner,
    async release() {
      released = true;
      clearInterval(timer);
      const now = await kv.get(KEY).catch(() => undefined);
      if (now?.owner === me.owner) await kv.delete(KEY).catch(() => undefined);
    },
  };
}
