// Reloads the knowledge base when its files change by hand: an editor's save (often a write to a
// temporary file and a rename), a `git pull` (many files at once), a Kubernetes ConfigMap update (a
// symlink swap). Events are debounced; a reload that fails keeps the last good base answering and
// is reported once per distinct error; a load equal to the base already answering (e.g. the admin
// service's own write, already swapped in) is not reported again. Each load runs in a worker
// thread (src/kb/read-in-worker.ts), so no file can stall the event loop of the server.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isTemporaryFile } from './atomic-write.js';
import { childLogger, type Logger } from '../logger.js';
import { KnowledgeBaseError } from '../errors.js';
import { said } from './issues.js';
import { formatIssue } from '../model/file-issue.js';
import { loadKnowledgeBaseInWorker } from './read-in-worker.js';
import type { KnowledgeBase } from './model.js';

export interface KbWatchOptions {
  /** A new, valid base; `previous` is the one answering until now. */
  onReload: (kb: KnowledgeBase, previous: KnowledgeBase | undefined) => void | Promise<void>;
  /** The files do not load; called once per distinct error (not on every save of the same broken state). */
  onError: (err: KnowledgeBaseError) => void | Promise<void>;
  /** Quiet time after the last file event before reloading (default 300 ms). */
  debounceMs?: number;
  /**
   * The base answering now (e.g. `() => core.knowledgeBase`). A load with the same `version` is not
   * reported. Without it the watcher loads the folder once at start and tracks its own reloads.
   */
  current?: () => KnowledgeBase | undefined;
  /** Default: the process's root logger. */
  logger?: Logger;
}

export interface KbWatcher {
  /** Resolves once the watcher is set up (and, without `current`, the first load is done). */
  readonly ready: Promise<void>;
  close(): void;
}

const RELEVANT = (name: string | null): boolean =>
  name === null || name === '' || name === 'tools' || name.startsWith('..') || (/\.ya?ml$/.test(name) && !isTemporaryFile(name));

/** A stable key for "the same error": files, fields and messages, not line numbers (which move as lines are added elsewhere). */
function errorKey(err: KnowledgeBaseError): string {
  return JSON.stringify(err.issues.map((i) => [i.file, i.path, i.message]));
}

function asKbError(dir: string, err: unknown): KnowledgeBaseError {
  if (err instanceof KnowledgeBaseError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const detail = `${code ? `(${code}) ` : ''}${(err as Error)?.message ?? err}`;
  return new KnowledgeBaseError(dir, [{ file: '.', path: [], ...said((p) => p.readingFailed(detail)) }]);
}

/** The fs watchers of the folder and of its tools/ (which may appear later or be replaced), re-attached after errors. */
function folderWatchers(abs: string, debounceMs: number, log: Logger, schedule: (delay?: number) => void, isClosed: () => boolean) {
  let rootWatcher: FSWatcher | undefined;
  let toolsWatcher: FSWatcher | undefined;
  let toolsIno: number | undefined;
  const onEvent = (_event: string, name: string | Buffer | null): void => {
    if (RELEVANT(name === null ? null : String(name))) schedule();
  };

  const attachRoot = (): void => {
    if (isClosed() || rootWatcher) return;
    try {
      rootWatcher = watch(abs, onEvent);
      rootWatcher.on('error', () => {
        rootWatcher?.close();
        rootWatcher = undefined;
        schedule(); // the reload reports the missing folder and tries to watch it again
      });
    } catch (err) {
      log.warn({ dir: abs, code: (err as NodeJS.ErrnoException).code }, 'cannot watch the knowledge folder; retrying');
      schedule(Math.max(debounceMs, 2000));
    }
  };

  // tools/ may appear later, or be replaced (git checkout, a ConfigMap's symlink swap): watch
  // whatever folder is there now, by inode.
  const attachTools = async (): Promise<void> => {
    const dirPath = path.join(abs, 'tools');
    const ino = await stat(dirPath).then(
      (s) => (s.isDirectory() ? s.ino : undefined),
      () => undefined,
    );
    if (isClosed() || (ino === toolsIno && toolsWatcher)) return;
    toolsWatcher?.close();
    toolsWatcher = undefined;
    toolsIno = ino;
    if (ino === undefined) return;
    try {
      toolsWatcher = watch(dirPath, onEvent);
      toolsWatcher.on('error', () => {
        toolsWatcher?.close();
        toolsWatcher = undefined;
        toolsIno = undefined;
        schedule();
      });
    } catch {
      toolsIno = undefined;
    }
  };

  return {
    attach: async (): Promise<void> => {
      attachRoot();
      await attachTools();
    },
    attachRoot,
    attachTools,
    close: (): void => {
      rootWatcher?.close();
      toolsWatcher?.close();
      rootWatcher = undefined;
      toolsWatcher = undefined;
    },
  };
}

export function watchKnowledgeBase(dir: string, options: KbWatchOptions): KbWatcher {
  const abs = path.resolve(dir);
  const debounceMs = options.debounceMs ?? 300;
  const log = options.logger ?? childLogger('kb-watch');
  let own: KnowledgeBase | undefined;
  const current = options.current ?? (() => own);

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let dirty = false;
  let reportedKey: string | undefined;
  let pendingKey: string | undefined;

  const schedule = (delay = debounceMs): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), delay);
  };

  const watchers = folderWatchers(abs, debounceMs, log, (delay) => schedule(delay), () => closed);

  const reportError = async (err: KnowledgeBaseError): Promise<void> => {
    const key = errorKey(err);
    if (key === reportedKey) return;
    if (key !== pendingKey) {
      // Seen for the first time: a `git pull` may be half-way. Look again after a quiet period and
      // report only if the folder is still broken the same way.
      pendingKey = key;
      schedule();
      return;
    }
    pendingKey = undefined;
    reportedKey = key;
    // Which files and why (file, line, message: no question text), so the log alone says what to fix.
    log.warn(
      { dir: abs, issues: err.issues.length, problems: err.issues.slice(0, 20).map((i) => formatIssue(i)) },
      'knowledge base reload failed; the last good version keeps answering',
    );
    try {
      await options.onError(err);
    } catch (cbErr) {
      log.error({ err: (cbErr as Error).message }, 'onError callback failed');
    }
  };

  const reload = async (): Promise<void> => {
    await watchers.attach();
    let kb: KnowledgeBase;
    try {
      kb = await loadKnowledgeBaseInWorker(abs, { logger: log });
    } catch (err) {
      await reportError(asKbError(abs, err));
      return;
    }
    reportedKey = undefined;
    pendingKey = undefined;
    const previous = current();
    if (previous?.version === kb.version) return;
    own = kb;
    log.info({ version: kb.version, tools: kb.tools.size }, 'knowledge base reloaded after a file change');
    try {
      await options.onReload(kb, previous);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'onReload callback failed');
    }
  };

  async function run(): Promise<void> {
    timer = undefined;
    if (closed) return;
    if (running) {
      dirty = true;
      return;
    }
    running = true;
    try {
      await reload();
    } finally {
      running = false;
      if (dirty && !closed) {
        dirty = false;
        schedule();
      }
    }
  }

  const ready = (async () => {
    watchers.attachRoot();
    // The reload worker starts with the first reload, not with the watcher: idle, it would hold some
    // 30 MB for a change that may never come (read-in-worker.ts stops it again when idle).
    await watchers.attachTools();
    if (!options.current) {
      try {
        own = await loadKnowledgeBaseInWorker(abs, { logger: log });
      } catch (err) {
        pendingKey = errorKey(asKbError(abs, err)); // a broken start is reported without waiting again
        await reportError(asKbError(abs, err));
      }
    }
  })();

  return {
    ready,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      watchers.close();
    },
  };
}
