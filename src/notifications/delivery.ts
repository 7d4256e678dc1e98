// The delivery worker of the outbox pipeline (one instance: SQLite file, PostgreSQL): reads the
// outbox, calls `deliver` for each undelivered item (at most `concurrency` at a time), records the
// outcome, retries failures with exponential backoff and pauses a platform that answered "429,
// retry after N seconds".
//
// Crash safety. An item is marked done only after `deliver` resolved, and the outbox lives in the
// store, so a restarted worker resumes with every item not marked done: nothing is lost. Before
// `deliver`, the worker writes a claim (./in-doubt.ts); an item a crashed run had claimed without a
// recorded outcome is in doubt, and `check` (Slack: the notice id in the message metadata, read
// back) is asked before it is sent again, so it is not sent twice. Without a check (Teams) those
// items, at most `concurrency`, may go out twice. Run one delivery worker per store (the worker does
// not lease items): the pipeline enforces that on PostgreSQL (./instance-lease.ts).
import type { ConversationTarget } from '../model/conversation-target.js';
import type { ChangeNotice } from '../model/change-notice.js';
import type { Language } from '../model/language.js';
import { childLogger, type Logger } from '../logger.js';
import type { Storage } from '../storage/index.js';
import type { ToolChange } from './diff.js';
import { describeError, isPermanent, retryAfterSecondsOf } from './failures.js';
import { createDeliveryClaims, isInDoubt, READ_BACK_MARGIN_MS, type DeliveryCheck, type DeliveryClaim } from './in-doubt.js';
import { toNotice } from './notice.js';
import { Semaphore, Waiter } from './scheduling.js';

export type Deliver = (target: ConversationTarget, notice: ChangeNotice) => Promise<void>;

export interface DeliveryOptions {
  storage: Storage;
  /** Sends one notice; the composition root passes the adapters' `notify`, chosen by target.platform. */
  deliver: Deliver;
  /** Deliveries in flight at once (default 16). */
  concurrency?: number;
  logger?: Logger;
  /** Attempts before an item goes to the dead letters (default 8). Rate-limit answers do not count. */
  maxAttempts?: number;
  /** Backoff after the n-th failure: min(maxMs, baseMs * 2^(n-1)), with jitter (defaults 2 s, 10 min). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** How often to look for work enqueued by another process (default 2 s). */
  pollMs?: number;
  /** A `deliver` call that has not settled by then counts as failed and is retried (default 60 s). */
  deliverTimeoutMs?: number;
  /** Asks the platform whether an in-doubt notice arrived (see ./in-doubt.ts); none = send it again. */
  check?: DeliveryCheck;
  /** This run's id in delivery claims (default: random per worker). */
  run?: string;
}

export interface DeliveryStats {
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
  rateLimited: number;
  /** Total time platforms were paused by "retry after" answers (overlapping pauses counted once). */
  pausedMs: number;
  inFlight: number;
  /** In-doubt items the platform confirmed as delivered: marked done without sending. */
  confirmedWithoutResend: number;
  /** In-doubt items sent again (no check available, or the platform said "not there"). */
  inDoubtResent: number;
}

export interface DeliveryWorker {
  /** Look for new work now (call after enqueueChange; otherwise it is found within pollMs). */
  kick(): void;
  /** Resolves when the outbox is empty (everything delivered or dead-lettered) and nothing is in flight. */
  whenIdle(): Promise<void>;
  stats(): DeliveryStats;
  /** Stops taking items and resolves once the deliveries in flight have finished and been recorded. */
  stop(): Promise<void>;
}

export function startDelivery(options: DeliveryOptions): DeliveryWorker {
  const { storage, deliver } = options;
  const outbox = storage.outbox;
  const log = options.logger ?? childLogger('delivery');
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const baseMs = options.backoff?.baseMs ?? 2_000;
  const maxMs = options.backoff?.maxMs ?? 600_000;
  const pollMs = options.pollMs ?? 2_000;
  const deliverTimeoutMs = options.deliverTimeoutMs ?? 60_000;

  const stats: DeliveryStats = { delivered: 0, failedAttempts: 0, deadLettered: 0, rateLimited: 0, pausedMs: 0, inFlight: 0, confirmedWithoutResend: 0, inDoubtResent: 0 };
  const run = options.run ?? `outbox-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const claims = createDeliveryClaims(storage, run);
  // Claims of earlier runs are read once per batch and run; the in-doubt ones wait here for their check.
  const claimsRead = new Set<string>();
  const inDoubt = new Map<string, DeliveryClaim>();
  const inFlight = new Map<string, Promise<void>>();
  const pausedUntil = new Map<string, number>();
  const changes = new Map<string, ToolChange | null>();
  const notices = new Map<string, ChangeNotice>();
  // Outcomes recorded by this worker, fresher than the states a pass read before waiting for a
  // slot: without them an item finishing during that wait would look undelivered and go out twice.
  const local = new Map<string, { status: 'done' | 'retry' | 'dead'; attempts: number; nextAt?: number }>();
  const slots = new Semaphore(concurrency);
  const waiter = new Waiter();
  // A waiter is answered only by a pass that started after it asked: a pass already under way may
  // have read the outbox before the caller's latest enqueue.
  let idleWaiters: { afterPass: number; resolve: () => void }[] = [];
  let passes = 0;
  let running = true;

  const itemKey = (noticeId: string, subscriber: string) => `${noticeId}|${subscriber}`;
  const paused = (platform: string) => (pausedUntil.get(platform) ?? 0) > Date.now();

  async function changeFor(noticeId: string): Promise<ToolChange | null> {
    if (!changes.has(noticeId)) changes.set(noticeId, ((await outbox.payload(noticeId)) as ToolChange | undefined) ?? null);
    return changes.get(noticeId) ?? null;
  }

  function noticeFor(change: ToolChange, language: Language | undefined): ChangeNotice {
    const lang = language ?? change.defaultLanguage;
    const key = `${change.id}|${lang}`;
    let notice = notices.get(key);
    if (!notice) {
      notice = toNotice(change, lang);
      notices.set(key, notice);
    }
    return notice;
  }

  function backoffMs(attempts: number): number {
    const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(raw * (0.5 + Math.random() * 0.5));
  }

  /** One delivery: deliver, then record the outcome. Never throws. */
  async function attempt(noticeId: string, subscriber: string, target: ConversationTarget, notice: ChangeNotice, attemptsBefore: number): Promise<void> {
    let error: unknown;
    let ok = false;
    const key = itemKey(noticeId, subscriber);
    let timer: NodeJS.Timeout | undefined;
    const doubt = inDoubt.get(key);
    let confirmed = false;
    try {
      await Promise.race([
        (async () => {
          if (doubt) {
            // A crashed run handed this notice over without recording the outcome: ask first.
            const there = options.check ? await options.check(target, noticeId, doubt.at - READ_BACK_MARGIN_MS) : undefined;
            inDoubt.delete(key);
            if (there === true) {
              confirmed = true;
              stats.confirmedWithoutResend++;
              log.info({ noticeId, subscriber }, 'in-doubt notice found delivered: not sent again');
              return;
            }
            stats.inDoubtResent++;
          }
          await claims.claim(noticeId, subscriber, attemptsBefore + 1);
          await deliver(target, notice);
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`deliver did not finish within ${deliverTimeoutMs} ms`)), deliverTimeoutMs);
          timer.unref();
        }),
      ]);
      ok = true;
    } catch (err) {
      error = err;
    } finally {
      clearTimeout(timer);
    }
    try {
      if (ok) {
        local.set(key, { status: 'done', attempts: attemptsBefore + 1 });
        await outbox.markDone(noticeId, subscriber, attemptsBefore + 1);
        if (!confirmed) stats.delivered++;
        return;
      }
      const retryAfter = retryAfterSecondsOf(error);
      if (retryAfter !== undefined) {
        // Not the subscriber's fault: pause the platform, keep the item as it is (no attempt counted).
        const now = Date.now();
        const until = now + Math.max(0.05, retryAfter) * 1000;
        const previous = pausedUntil.get(target.platform) ?? 0;
        if (until > previous) {
          stats.pausedMs += until - Math.max(now, previous);
          pausedUntil.set(target.platform, until);
          log.info({ platform: target.platform, retryAfterSeconds: retryAfter }, 'platform rate limit: pausing deliveries');
        }
        stats.rateLimited++;
        waiter.wakeAt(until);
        return;
      }
      stats.failedAttempts++;
      const attempts = attemptsBefore + 1;
      const why = describeError(error);
      if (isPermanent(error) || attempts >= maxAttempts) {
        local.set(key, { status: 'dead', attempts });
        await outbox.markDead(noticeId, subscriber, attempts, why);
        stats.deadLettered++;
        log.warn({ noticeId, subscriber, attempts, error: why }, 'notification dead-lettered');
      } else {
        const nextAt = Date.now() + backoffMs(attempts);
        local.set(key, { status: 'retry', attempts, nextAt });
        await outbox.markRetry(noticeId, subscriber, attempts, nextAt, why);
        waiter.wakeAt(nextAt);
        log.debug({ noticeId, subscriber, attempts, error: why }, 'notification failed, will retry');
      }
    } catch (err) {
      // The outcome could not be recorded (store unavailable). This worker remembers it (`local`),
      // so it neither resends a delivered item nor skips the backoff; after a restart the store's
      // older state applies and a delivered item may go out twice, which beats losing it.
      log.error({ noticeId, subscriber, error: describeError(err) }, 'could not record delivery outcome');
      waiter.wakeAt(Date.now() + pollMs);
    }
  }

  function launch(noticeId: string, subscriber: string, target: ConversationTarget, notice: ChangeNotice, attemptsBefore: number): void {
    const key = itemKey(noticeId, subscriber);
    stats.inFlight++;
    const p = attempt(noticeId, subscriber, target, notice, attemptsBefore).finally(() => {
      inFlight.delete(key);
      stats.inFlight--;
      slots.release();
      if (inFlight.size === 0) waiter.kick(); // the next pass can now close finished batches
    });
    inFlight.set(key, p);
  }

  /** Starts every due item of one batch; returns true if the batch has items left. */
  async function processBatch(batchId: string): Promise<boolean> {
    const batch = await outbox.batch(batchId);
    if (!batch) {
      await outbox.completeBatch(batchId);
      return false;
    }
    const change = await changeFor(batch.noticeId);
    const [states, conversations] = await Promise.all([
      outbox.states(batch.noticeId, batch.subscribers),
      storage.conversations.getMany(batch.subscribers),
    ]);
    if (!claimsRead.has(batchId)) {
      const found = await claims.read(batch.noticeId, batch.subscribers);
      claimsRead.add(batchId);
      found.forEach((claim, i) => {
        const state = states[i];
        if (state?.status === 'done' || state?.status === 'dead') return;
        if (isInDoubt(claim, run, state?.attempts ?? 0)) inDoubt.set(itemKey(batch.noticeId, batch.subscribers[i] as string), claim);
      });
    }
    let open = 0;
    for (let i = 0; i < batch.subscribers.length && running; i++) {
      const subscriber = batch.subscribers[i] as string;
      const state = local.get(itemKey(batch.noticeId, subscriber)) ?? states[i];
      if (state?.status === 'done' || state?.status === 'dead') continue;
      open++;
      if (inFlight.has(itemKey(batch.noticeId, subscriber))) continue;
      const attempts = state?.attempts ?? 0;
      if (state?.status === 'retry' && (state.nextAt ?? 0) > Date.now()) {
        waiter.wakeAt(state.nextAt ?? 0);
        continue;
      }
      const conversation = conversations[i];
      if (!change || !conversation) {
        const why = !change ? 'the change record of this notice is missing' : `no conversation target stored for ${subscriber}`;
        local.set(itemKey(batch.noticeId, subscriber), { status: 'dead', attempts });
        await outbox.markDead(batch.noticeId, subscriber, attempts, why);
        stats.deadLettered++;
        log.warn({ noticeId: batch.noticeId, subscriber, error: why }, 'notification dead-lettered');
        open--;
        continue;
      }
      const platform = conversation.target.platform;
      if (paused(platform)) {
        waiter.wakeAt(pausedUntil.get(platform) ?? 0);
        continue;
      }
      await slots.acquire();
      // A 429 may have arrived, or stop() been called, while we waited for a free slot.
      if (!running || paused(platform)) {
        slots.release();
        if (running) waiter.wakeAt(pausedUntil.get(platform) ?? 0);
        continue;
      }
      launch(batch.noticeId, subscriber, conversation.target, noticeFor(change, conversation.language), attempts);
    }
    if (open === 0) {
      await outbox.completeBatch(batchId);
      for (const s of batch.subscribers) local.delete(itemKey(batch.noticeId, s));
    }
    return open > 0;
  }

  async function pass(): Promise<boolean> {
    const batchIds = await outbox.pendingBatches();
    let anyOpen = false;
    for (const id of batchIds) {
      if (!running) return true;
      if (await processBatch(id)) anyOpen = true;
    }
    return anyOpen;
  }

  const loop = (async () => {
    while (running) {
      const thisPass = ++passes;
      let open = true;
      try {
        open = await pass();
      } catch (err) {
        log.error({ error: describeError(err) }, 'delivery pass failed; retrying');
        waiter.wakeAt(Date.now() + pollMs);
      }
      if (!open && inFlight.size === 0) {
        const ready = idleWaiters.filter((w) => w.afterPass < thisPass);
        idleWaiters = idleWaiters.filter((w) => w.afterPass >= thisPass);
        for (const w of ready) w.resolve();
      }
      if (!running) break;
      await waiter.wait(pollMs);
    }
  })();

  return {
    kick: () => waiter.kick(),
    whenIdle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push({ afterPass: passes, resolve });
        waiter.kick();
      }),
    stats: () => ({ ...stats }),
    async stop() {
      running = false;
      waiter.kick();
      slots.cancelWaiters();
      await loop;
      await Promise.allSettled([...inFlight.values()]);
      waiter.dispose();
      for (const w of idleWaiters) w.resolve();
      idleWaiters = [];
    },
  };
}
