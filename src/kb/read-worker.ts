// Worker-thread entry of loadKnowledgeBaseInWorker (src/kb/read-in-worker.ts): loads the folders it
// is asked for and posts each result (a KnowledgeBase is plain data and Maps, which structured
// cloning carries). One worker serves many reloads, so its start-up is paid once.
import { parentPort } from 'node:worker_threads';
import type { KbReadLimits } from '../config/kb-limits.js';
import { KnowledgeBaseError } from '../errors.js';
import { loadKnowledgeBase } from './load.js';
import type { KnowledgeBase } from './model.js';

export interface WorkerRequest {
  id: number;
  dir: string;
  limits: KbReadLimits;
  /** The record cache folder of the thread that asks (its KB_CACHE_DIR), null for none. */
  cacheDir: string | null;
}

export type WorkerReply =
  | { type: 'started' }
  | { type: 'loaded'; id: number; kb: KnowledgeBase }
  | { type: 'invalid'; id: number; dir: string; issues: KnowledgeBaseError['issues'] }
  | { type: 'failed'; id: number; message: string };

const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

parentPort?.on('message', (req: WorkerRequest) => {
  loadKnowledgeBase(req.dir, { limits: req.limits, cacheDir: req.cacheDir }).then(
    (kb) => post({ type: 'loaded', id: req.id, kb }),
    (err: unknown) => {
      if (err instanceof KnowledgeBaseError) post({ type: 'invalid', id: req.id, dir: err.dir, issues: err.issues });
      else post({ type: 'failed', id: req.id, message: (err as Error)?.message ?? String(err) });
    },
  );
});

// Sent once the imports above have loaded: an error before it means the worker cannot run here
// (the caller then loads in its own thread); an error after it is the folder's.
post({ type: 'started' });
