// Loads the knowledge folder in a worker thread, for a running server: whatever a file does to the
// reader (a parse that takes long, memory it would eat, a read that would block), the server's
// event loop keeps answering. The worker has a memory cap and each load a deadline; past either
// the worker is stopped (the next load starts a new one) and the load is a normal knowledge-base
// error, so the watcher keeps the last good base answering.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KbReadLimits } from '../config/kb-limits.js';
import type { Logger } from '../logger.js';
import { KnowledgeBaseError } from '../errors.js';
import { loadKnowledgeBase, readLimits } from './load.js';
import { said } from './issues.js';
import { kbCacheDir } from './record-cache.js';
import type { KbPhrases } from '../phrases/kb-types.js';
import type { KnowledgeBase } from './model.js';
import type { WorkerReply, WorkerRequest } from './read-worker.js';

/** How long a load may take before the worker is stopped (10,000 tools load in about 2 s). */
export const DEFAULT_WORKER_TIMEOUT_MS = 60_000;

export interface WorkerLoadOptions {
  limits?: KbReadLimits;
  /** The record cache folder (src/kb/record-cache.ts); default kbCacheDir() of this thread, null for none. */
  cacheDir?: string | null;
  timeoutMs?: number;
  /** Told when the worker cannot start here and the folder is loaded in this thread instead. */
  logger?: Logger;
}

interface Pending {
  abs: string;
  limits: KbReadLimits;
  cacheDir: string | null;
  logger?: Logger;
  resolve(kb: KnowledgeBase): void;
  reject(err: unknown): void;
  timer: NodeJS.Timeout;
}

interface Shared {
  worker: Worker;
  started: boolean;
  /** Resolves when the worker has loaded its modules, or has failed to. */
  ready: Promise<void>;
  pending: Map<number, Pending>;
  /** Stops the worker once it has had nothing to load for IDLE_WORKER_MS. */
  idle?: NodeJS.Timeout;
}

/**
 * An idle worker is a second V8 with the loader's modules (some 30 MB of RSS): it is stopped when
 * it has had nothing to load for this long, and started again by the next load (about 0.3 s, off the
 * answering path: the last good base answers meanwhile).
 */
export const IDLE_WORKER_MS = 60_000;

let shared: Shared | undefined;
let nextId = 0;
/** Set once a worker failed to start: workers cannot run here, loads stay in this thread. */
let unavailable: unknown;

function createWorker(limits: KbReadLimits): Worker {
  // Heap for the parsed files: generous for the total limit, bounded so a hostile file cannot
  // take the host's memory with it.
  const maxOldGenerationSizeMb = Math.max(256, Math.ceil(limits.maxTotalBytes / (1024 * 1024)) * 16);
  const options = { resourceLimits: { maxOldGenerationSizeMb } };
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./read-worker.js', self), options);
  // Run from source under tsx (tests, development): a worker does not inherit tsx's loader on
  // Node 20, so the worker registers it before importing the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./read-worker.ts', self).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

const problem = (dir: string, phrase: (p: KbPhrases) => string) => new KnowledgeBaseError(dir, [{ file: '.', path: [], ...said(phrase) }]);

function inThread(p: Pending, err: unknown): void {
  p.logger?.warn({ err: (err as Error)?.message ?? String(err) }, 'cannot load the knowledge base in a worker thread; loading it in the main thread');
  loadKnowledgeBase(p.abs, { limits: p.limits, cacheDir: p.cacheDir }).then(p.resolve, p.reject);
}

/** Stops the worker; each load still waiting gets `fail` (or, if the worker never started, is loaded here). */
function drop(s: Shared, fail: (p: Pending) => unknown): void {
  if (shared === s) shared = undefined;
  clearTimeout(s.idle);
  void s.worker.terminate();
  for (const p of s.pending.values()) {
    clearTimeout(p.timer);
    if (s.started) p.reject(fail(p));
    else inThread(p, fail(p));
  }
  s.pending.clear();
}

function worker(limits: KbReadLimits): Shared {
  if (shared) return shared;
  let ready!: () => void;
  const s: Shared = { worker: createWorker(limits), started: false, ready: new Promise<void>((resolve) => (ready = resolve)), pending: new Map() };
  s.worker.once('exit', () => ready());
  s.worker.once('error', () => ready());
  s.worker.on('message', (m: WorkerReply) => {
    if (m.type === 'started') {
      s.started = true;
      ready();
      return;
    }
    const p = s.pending.get(m.id);
    if (!p) return;
    s.pending.delete(m.id);
    clearTimeout(p.timer);
    if (s.pending.size === 0) {
      clearTimeout(s.idle);
      s.idle = setTimeout(() => {
        if (s.pending.size === 0) drop(s, (other) => problem(other.abs, (w) => w.readingCancelled));
      }, IDLE_WORKER_MS).unref();
    }
    if (m.type === 'loaded') p.resolve(m.kb);
    else if (m.type === 'invalid') p.reject(new KnowledgeBaseError(m.dir, m.issues));
    else p.reject(problem(p.abs, (w) => w.readingFailed(m.message)));
  });
  s.worker.on('error', (err: Error & { code?: string }) => {
    if (!s.started) unavailable ??= err;
    drop(s, (p) =>
      !s.started
        ? err
        : err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? problem(p.abs, (w) => w.readingTooMuchMemory)
          : problem(p.abs, (w) => w.readingFailed(err.message)),
    );
  });
  s.worker.on('exit', (code) => drop(s, (p) => problem(p.abs, (w) => w.readingStopped(String(code)))));
  // An idle worker does not keep the process alive (after the listeners: adding one refs it again).
  s.worker.unref();
  shared = s;
  return s;
}

/**
 * Starts the worker ahead of the first load (a watcher does, so the first reload after a file
 * change does not wait for the worker's start). Never rejects.
 */
export async function warmUpKnowledgeWorker(limits?: KbReadLimits): Promise<void> {
  try {
    await worker(limits ?? readLimits()).ready;
  } catch {
    // Malformed limits or no worker here: the first load reports or falls back.
  }
}

export async function loadKnowledgeBaseInWorker(dir: string, options: WorkerLoadOptions = {}): Promise<KnowledgeBase> {
  const abs = path.resolve(dir);
  const limits = options.limits ?? readLimits();
  const timeoutMs = options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
  // The worker has its own module state: the folder set in this thread goes with each request.
  const cacheDir = options.cacheDir === undefined ? kbCacheDir() : options.cacheDir;
  return new Promise<KnowledgeBase>((resolve, reject) => {
    const p: Pending = { abs, limits, cacheDir, resolve, reject, timer: setTimeout(() => undefined, 0), ...(options.logger ? { logger: options.logger } : {}) };
    let s: Shared;
    try {
      if (unavailable !== undefined) throw unavailable;
      s = worker(limits);
    } catch (err) {
      clearTimeout(p.timer);
      inThread(p, err);
      return;
    }
    const id = ++nextId;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      s.pending.delete(id);
      reject(problem(abs, (w) => w.readingTooLong(timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`)));
      drop(s, (other) => problem(other.abs, (w) => w.readingCancelled));
    }, timeoutMs);
    clearTimeout(s.idle);
    s.pending.set(id, p);
    s.worker.postMessage({ id, dir: abs, limits, cacheDir } satisfies WorkerRequest);
  });
}
