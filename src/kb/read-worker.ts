// Worker-thread entry of loadKnowledgeBaseInWorker (src/kb/read-in-worker.ts): loads the folder and
// posts the result (a KnowledgeBase is plain data and Maps, which structured cloning carries).
import { parentPort, workerData } from 'node:worker_threads';
import type { KbReadLimits } from '../config.js';
import { KnowledgeBaseError } from './errors.js';
import { loadKnowledgeBase } from './load.js';

export type WorkerReply =
  | { type: 'started' }
  | { type: 'loaded'; kb: import('./model.js').KnowledgeBase }
  | { type: 'invalid'; dir: string; issues: KnowledgeBaseError['issues'] }
  | { type: 'failed'; message: string };

const { dir, limits } = workerData as { dir: string; limits: KbReadLimits };
const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

// Sent once the imports above have loaded: an error before it means the worker cannot run here
// (the caller then loads in its own thread); an error after it is the folder's.
post({ type: 'started' });
try {
  post({ type: 'loaded', kb: await loadKnowledgeBase(dir, { limits }) });
} catch (err) {
  if (err instanceof KnowledgeBaseError) post({ type: 'invalid', dir: err.dir, issues: err.issues });
  else post({ type: 'failed', message: (err as Error)?.message ?? String(err) });
}
