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
//
// Three steps per item, each a function of the worker's shared state: claim (processBatch picks the
// due items and notes the ones a crashed run left in doubt), attempt (check, claim, deliver) and
// record (done, retry, dead letter, or a pause of the platform).
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

/** What the worker's steps share: settings, the outbox, counters, and what this run knows of each item. */
interface WorkerState {
  readonly options: DeliveryOptions;
  readonly storage: Storage;
  readonly log: Logger;
  readonly maxAttempts: number;
  readonly backoff: { baseMs: number; maxMs: number };
  readonly pollMs: number;
  readonly deliverTimeoutMs: number;
  readonly run: string;
  readonly stats: DeliveryStats;
  readonly claims: ReturnType<typeof createDeliveryClaims>;
  /** Batches whose claims of earlier runs were read (once per batch and run). */
  readonly claimsRead: Set<string>;
  /** In-doubt items waiting for their check. */
  readonly inDoubt: Map<string, DeliveryClaim>;
  readonly inFlight: Map<string, Promise<void>>;
  readonly pausedUntil: Map<string, number>;
  readonly changes: Map<string, ToolChange | null>;
  readonly notices: Map<string, ChangeNotice>;
  // Outcomes recorded by this worker, fresher than the states a pass read before waiting for a
  // slot: without them an item finishing during that wait would look undelivered and go out twice.
  readonly local: Map<string, { status: 'done' | 'retry' | 'dead'; attempts: number; nextAt?: number }>;
  readonly slots: Semaphore;
  readonly waiter: Waiter;
  running: boolean;
}

/** One item of the outbox, ready to send. */
interface Item {
  noticeId: string;
  subscriber: string;
  target: ConversationTarget;
  notice: ChangeNotice;
  attemptsBefore: number;
}

/** How an attempt ended: delivered (or found delivered by the check), or the error it failed with. */
type AttemptOutcome = { ok: true; confirmed: boolean } | { ok: false; error: unknown };

const itemKey = (noticeId: string, subscriber: string) => `${noticeId}|${subscriber}`;
const paused = (w: WorkerState, platform: string) => (w.pausedUntil.get(platform) ?? 0) > Date.now();

async function changeFor(w: WorkerState, noticeId: string): Promise<ToolChange | null> {
  if (!w.changes.has(noticeId)) w.changes.set(noticeId, ((await w.storage.outbox.payload(noticeId)) as ToolChange | undefined) ?? null);
  return w.changes.get(noticeId) ?? null;
}

function noticeFor(w: WorkerState, change: ToolChange, language: Language | undefined): ChangeNotice {
  const lang = language ?? change.defaultLanguage;
  const key = `${change.id}|${lang}`;
  let notice = w.notices.get(key);
  if (!notice) {
    notice = toNotice(change, lang);
    w.notices.set(key, notice);
  }
  return notice;
}

function backoffMs(w: WorkerState, attempts: number): number {
  const raw = Math.min(w.backoff.maxMs, w.backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.5 + Math.random() * 0.5));
}

// ---------------------------------------------------------------------------------------------
// Claim: which items of a batch are due, and which of them a crashed run left in doubt.

/** Remembers the in-doubt items of a batch: claimed by another run without a recorded outcome. */
async function readClaimsOfEarlierRuns(w: WorkerState, batchId: string, noticeId: string, subscribers: readonly string[], states: ReadonlyArray<{ status: string; attempts: number } | undefined>): Promise<void> {
  if (w.claimsRead.has(batchId)) return;
  const found = await w.claims.read(noticeId, [...subscribers]);
  w.claimsRead.add(batchId);
  found.forEach((claim, i) => {
    const state = states[i];
    if (state?.status === 'done' || state?.status === 'dead') return;
    if (isInDoubt(claim, w.run, state?.attempts ?? 0)) w.inDoubt.set(itemKey(noticeId, subscribers[i] as string), claim);
  });
}

/** An item that cannot be sent at all (its change record or its conversation is gone): straight to the dead letters. */
async function deadLetterUnsendable(w: WorkerState, noticeId: string, subscriber: string, attempts: number, why: string): Promise<void> {
  w.local.set(itemKey(noticeId, subscriber), { status: 'dead', attempts });
  await w.storage.outbox.markDead(noticeId, subscriber, attempts, why);
  w.stats.deadLettered++;
  w.log.warn({ noticeId, subscriber, error: why }, 'notification dead-lettered');
}

/** Starts every due item of one batch; returns true if the batch has items left. */
async function processBatch(w: WorkerState, batchId: string): Promise<boolean> {
  const outbox = w.storage.outbox;
  const batch = await outbox.batch(batchId);
  if (!batch) {
    await outbox.completeBatch(batchId);
    return false;
  }
  const change = await changeFor(w, batch.noticeId);
  const [states, conversations] = await Promise.all([outbox.states(batch.noticeId, batch.subscribers), w.storage.conversations.getMany(batch.subscribers)]);
  await readClaimsOfEarlierRuns(w, batchId, batch.noticeId, batch.subscribers, states);
  let open = 0;
  for (let i = 0; i < batch.subscribers.length && w.running; i++) {
    const subscriber = batch.subscribers[i] as string;
    const key = itemKey(batch.noticeId, subscriber);
    const state = w.local.get(key) ?? states[i];
    if (state?.status === 'done' || state?.status === 'dead') continue;
    open++;
    if (w.inFlight.has(key)) continue;
    const attempts = state?.attempts ?? 0;
    if (state?.status === 'retry' && (state.nextAt ?? 0) > Date.now()) {
      w.waiter.wakeAt(state.nextAt ?? 0);
      continue;
    }
    const conversation = conversations[i];
    if (!change || !conversation) {
      await deadLetterUnsendable(w, batch.noticeId, subscriber, attempts, !change ? 'the change record of this notice is missing' : `no conversation target stored for ${subscriber}`);
      open--;
      continue;
    }
    if (!(await takeSlot(w, conversation.target.platform))) continue;
    launch(w, { noticeId: batch.noticeId, subscriber, target: conversation.target, notice: noticeFor(w, change, conversation.language), attemptsBefore: attempts });
  }
  if (open === 0) {
    await outbox.completeBatch(batchId);
    for (const s of batch.subscribers) w.local.delete(itemKey(batch.noticeId, s));
  }
  return open > 0;
}

/** Waits for a free slot unless the platform is paused; false (and no slot held) when the item must wait. */
async function takeSlot(w: WorkerState, platform: string): Promise<boolean> {
  if (paused(w, platform)) {
    w.waiter.wakeAt(w.pausedUntil.get(platform) ?? 0);
    return false;
  }
  await w.slots.acquire();
  // A 429 may have arrived, or stop() been called, while we waited for a free slot.
  if (!w.running || paused(w, platform)) {
    w.slots.release();
    if (w.running) w.waiter.wakeAt(w.pausedUntil.get(platform) ?? 0);
    return false;
  }
  return true;
}

function launch(w: WorkerState, item: Item): void {
  const key = itemKey(item.noticeId, item.subscriber);
  w.stats.inFlight++;
  const p = attempt(w, item)
    .then((outcome) => record(w, item, outcome))
    .finally(() => {
      w.inFlight.delete(key);
      w.stats.inFlight--;
      w.slots.release();
      if (w.inFlight.size === 0) w.waiter.kick(); // the next pass can now close finished batches
    });
  w.inFlight.set(key, p);
}

// ---------------------------------------------------------------------------------------------
// Attempt: ask about an in-doubt item, write the claim, deliver, within the time limit.

/** One delivery attempt. Never throws: a failure is the outcome's error. */
async function attempt(w: WorkerState, item: Item): Promise<AttemptOutcome> {
  const { noticeId, subscriber, target, notice, attemptsBefore } = item;
  const key = itemKey(noticeId, subscriber);
  let timer: NodeJS.Timeout | undefined;
  const doubt = w.inDoubt.get(key);
  let confirmed = false;
  try {
    await Promise.race([
      (async () => {
        if (doubt) {
          // A crashed run handed this notice over without recording the outcome: ask first.
          const there = w.options.check ? await w.options.check(target, noticeId, doubt.at - READ_BACK_MARGIN_MS) : undefined;
          w.inDoubt.delete(key);
          if (there === true) {
            confirmed = true;
            w.stats.confirmedWithoutResend++;
            w.log.info({ noticeId, subscriber }, 'in-doubt notice found delivered: not sent again');
            return;
          }
          w.stats.inDoubtResent++;
        }
        await w.claims.claim(noticeId, subscriber, attemptsBefore + 1);
        await w.options.deliver(target, notice);
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`deliver did not finish within ${w.deliverTimeoutMs} ms`)), w.deliverTimeoutMs);
        timer.unref();
      }),
    ]);
    return { ok: true, confirmed };
  } catch (error) {
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Record: the outcome in the outbox (done, retry later, dead letter) or a pause of the platform.

/** Records an attempt's outcome. Never throws. */
async function record(w: WorkerState, item: Item, outcome: AttemptOutcome): Promise<void> {
  const { noticeId, subscriber, attemptsBefore } = item;
  const key = itemKey(noticeId, subscriber);
  try {
    if (outcome.ok) {
      w.local.set(key, { status: 'done', attempts: attemptsBefore + 1 });
      await w.storage.outbox.markDone(noticeId, subscriber, attemptsBefore + 1);
      if (!outcome.confirmed) w.stats.delivered++;
      return;
    }
    const retryAfter = retryAfterSecondsOf(outcome.error);
    if (retryAfter !== undefined) {
      pausePlatform(w, item.target.platform, retryAfter);
      return;
    }
    await recordFailure(w, item, outcome.error);
  } catch (err) {
    // The outcome could not be recorded (store unavailable). This worker remembers it (`local`),
    // so it neither resends a delivered item nor skips the backoff; after a restart the store's
    // older state applies and a delivered item may go out twice, which beats losing it.
    w.log.error({ noticeId, subscriber, error: describeError(err) }, 'could not record delivery outcome');
    w.waiter.wakeAt(Date.now() + w.pollMs);
  }
}

/** A "retry after" answer is not the subscriber's fault: pause the platform, keep the item as it is (no attempt counted). */
function pausePlatform(w: WorkerState, platform: string, retryAfterSeconds: number): void {
  const now = Date.now();
  const until = now + Math.max(0.05, retryAfterSeconds) * 1000;
  const previous = w.pausedUntil.get(platform) ?? 0;
  if (until > previous) {
    w.stats.pausedMs += until - Math.max(now, previous);
    w.pausedUntil.set(platform, until);
    w.log.info({ platform, retryAfterSeconds }, 'platform rate limit: pausing deliveries');
  }
  w.stats.rateLimited++;
  w.waiter.wakeAt(until);
}

/** A failed attempt: retried after a backoff, or dead-lettered when permanent or out of attempts. */
async function recordFailure(w: WorkerState, item: Item, error: unknown): Promise<void> {
  const { noticeId, subscriber } = item;
  const key = itemKey(noticeId, subscriber);
  w.stats.failedAttempts++;
  const attempts = item.attemptsBefore + 1;
  const why = describeError(error);
  if (isPermanent(error) || attempts >= w.maxAttempts) {
    w.local.set(key, { status: 'dead', attempts });
    await w.storage.outbox.markDead(noticeId, subscriber, attempts, why);
    w.stats.deadLettered++;
    w.log.warn({ noticeId, subscriber, attempts, error: why }, 'notification dead-lettered');
    return;
  }
  const nextAt = Date.now() + backoffMs(w, attempts);
  w.local.set(key, { status: 'retry', attempts, nextAt });
  await w.storage.outbox.markRetry(noticeId, subscriber, attempts, nextAt, why);
  w.waiter.wakeAt(nextAt);
  w.log.debug({ noticeId, subscriber, attempts, error: why }, 'notification failed, will retry');
}

// ---------------------------------------------------------------------------------------------
// The worker: passes over the pending batches until stopped.

async function pass(w: WorkerState): Promise<boolean> {
  const batchIds = await w.storage.outbox.pendingBatches();
  let anyOpen = false;
  for (const id of batchIds) {
    if (!w.running) return true;
    if (await processBatch(w, id)) anyOpen = true;
  }
  return anyOpen;
}

function workerState(options: DeliveryOptions): WorkerState {
  const run = options.run ?? `outbox-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return {
    options,
    storage: options.storage,
    log: options.logger ?? childLogger('delivery'),
    maxAttempts: Math.max(1, options.maxAttempts ?? 8),
    backoff: { baseMs: options.backoff?.baseMs ?? 2_000, maxMs: options.backoff?.maxMs ?? 600_000 },
    pollMs: options.pollMs ?? 2_000,
    deliverTimeoutMs: options.deliverTimeoutMs ?? 60_000,
    run,
    stats: { delivered: 0, failedAttempts: 0, deadLettered: 0, rateLimited: 0, pausedMs: 0, inFlight: 0, confirmedWithoutResend: 0, inDoubtResent: 0 },
    claims: createDeliveryClaims(options.storage, run),
    claimsRead: new Set(),
    inDoubt: new Map(),
    inFlight: new Map(),
    pausedUntil: new Map(),
    changes: new Map(),
    notices: new Map(),
    local: new Map(),
    slots: new Semaphore(Math.max(1, options.concurrency ?? 16)),
    waiter: new Waiter(),
    running: true,
  };
}

export function startDelivery(options: DeliveryOptions): DeliveryWorker {
  const w = workerState(options);
  // A waiter is answered only by a pass that started after it asked: a pass already under way may
  // have read the outbox before the caller's latest enqueue.
  let idleWaiters: { afterPass: number; resolve: () => void }[] = [];
  let passes = 0;

  const loop = (async () => {
    while (w.running) {
      const thisPass = ++passes;
      let open = true;
      try {
        open = await pass(w);
      } catch (err) {
        w.log.error({ error: describeError(err) }, 'delivery pass failed; retrying');
        w.waiter.wakeAt(Date.now() + w.pollMs);
      }
      if (!open && w.inFlight.size === 0) {
        const ready = idleWaiters.filter((x) => x.afterPass < thisPass);
        idleWaiters = idleWaiters.filter((x) => x.afterPass >= thisPass);
        for (const x of ready) x.resolve();
      }
      if (!w.running) break;
      await w.waiter.wait(w.pollMs);
    }
  })();

  return {
    kick: () => w.waiter.kick(),
    whenIdle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push({ afterPass: passes, resolve });
        w.waiter.kick();
      }),
    stats: () => ({ ...w.stats }),
    async stop() {
      w.running = false;
      w.waiter.kick();
      w.slots.cancelWaiters();
      await loop;
      await Promise.allSettled([...w.inFlight.values()]);
      w.waiter.dispose();
      for (const x of idleWaiters) x.resolve();
      idleWaiters = [];
    },
  };
}
