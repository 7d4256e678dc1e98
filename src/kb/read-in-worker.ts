// Loads the knowledge folder in a worker thread, for a running server: whatever a file does to the
// reader (a parse that takes seconds, memory it would eat, a read that would block), the server's
// event loop keeps answering. The worker has a memory cap and a deadline; past either it is
// stopped and the reload is a normal knowledge-base error (the last good base keeps answering).
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KbReadLimits } from '../config.js';
import type { Logger } from '../logger.js';
import { KnowledgeBaseError } from './errors.js';
import { loadKnowledgeBase, readLimits } from './load.js';
import type { KnowledgeBase } from './model.js';
import type { WorkerReply } from './read-worker.js';

/** How long a load may take before the worker is stopped (10,000 tools load in about 2 s). */
export const DEFAULT_WORKER_TIMEOUT_MS = 60_000;

export interface WorkerLoadOptions {
  limits?: KbReadLimits;
  timeoutMs?: number;
  /** Told when the worker cannot start here and the folder is loaded in this thread instead. */
  logger?: Logger;
}

function startWorker(dir: string, limits: KbReadLimits): Worker {
  // Heap for the parsed files: generous for the total limit, bounded so a hostile file cannot
  // take the host's memory with it.
  const maxOldGenerationSizeMb = Math.max(256, Math.ceil(limits.maxTotalBytes / (1024 * 1024)) * 16);
  const options = { workerData: { dir, limits }, resourceLimits: { maxOldGenerationSizeMb } };
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./read-worker.js', self), options);
  // Run from source under tsx (tests, development): a worker does not inherit tsx's loader on
  // Node 20, so the worker registers it before importing the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./read-worker.ts', self).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

const problem = (dir: string, message: string) => new KnowledgeBaseError(dir, [{ file: '.', path: [], message }]);

export async function loadKnowledgeBaseInWorker(dir: string, options: WorkerLoadOptions = {}): Promise<KnowledgeBase> {
  const abs = path.resolve(dir);
  const limits = options.limits ?? readLimits(abs);
  const timeoutMs = options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
  const inThread = (err: unknown) => {
    options.logger?.warn({ err: (err as Error)?.message ?? String(err) }, 'cannot load the knowledge base in a worker thread; loading it in the main thread');
    return loadKnowledgeBase(abs, { limits });
  };
  let worker: Worker;
  try {
    worker = startWorker(abs, limits);
  } catch (err) {
    return inThread(err);
  }
  return new Promise<KnowledgeBase>((resolve, reject) => {
    let started = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(problem(abs, `reading the knowledge folder took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`))),
      timeoutMs,
    );
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'started') started = true;
      else if (m.type === 'loaded') settle(() => resolve(m.kb));
      else if (m.type === 'invalid') settle(() => reject(new KnowledgeBaseError(m.dir, m.issues)));
      else settle(() => reject(problem(abs, `cannot read the knowledge folder: ${m.message}`)));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (!started) return settle(() => inThread(err).then(resolve, reject));
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return settle(() => reject(problem(abs, 'reading the knowledge folder needed too much memory and was stopped: look for a very large or deeply nested file')));
      }
      settle(() => reject(problem(abs, `cannot read the knowledge folder: ${err.message}`)));
    });
    worker.on('exit', (code) => settle(() => reject(problem(abs, `reading the knowledge folder stopped unexpectedly (exit code ${code})`))));
  });
}
