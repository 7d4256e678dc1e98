// Opening the store at start. A store that cannot be reached (Redis or PostgreSQL down) leaves
// questions answered; a shared store is tried again every few seconds until it answers, and
// `onOpen` attaches what needs it then. The SQLite file is not tried again.
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { StorageUnavailableError } from '../src/errors.js';
import { openStorage, type Storage } from '../src/storage/index.js';

export interface StoreConnectionOptions {
  config: Config;
  logger: Logger;
  /** Redis or PostgreSQL (tried again), rather than the SQLite file. */
  shared: boolean;
  retryMs: number;
  sweepEveryMs?: number;
  /** Called once, with the store, when it opens. */
  onOpen(storage: Storage): Promise<void>;
}

export interface StoreConnection {
  /**
   * Stops trying. An attempt under way is waited for: a store it opens from now on is closed again,
   * one already opened is attached (`onOpen` has finished), so that whatever closes the attached
   * services afterwards closes it too (a cluster started for it included).
   */
  stop(): Promise<void>;
}

export async function connectStore(options: StoreConnectionOptions): Promise<StoreConnection> {
  const { config, logger, shared, retryMs } = options;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> = Promise.resolve();

  const tryOpen = async (): Promise<boolean> => {
    try {
      const storage = await openStorage({
        url: config.storageUrl,
        logger: logger.child({ component: 'storage' }),
        ...(options.sweepEveryMs !== undefined ? { sweepEveryMs: options.sweepEveryMs } : {}),
      });
      if (stopped) {
        await storage.close();
        return true;
      }
      await options.onOpen(storage);
      return true;
    } catch (err) {
      if (!(err instanceof StorageUnavailableError)) throw err;
      logger.error(
        { err: { type: err.name, message: err.message }, retryInMs: shared ? retryMs : undefined },
        'storage unavailable: questions are answered, subscriptions and admin commands are not',
      );
      return false;
    }
  };

  // A shared store (Redis, PostgreSQL) may come back: try again until it answers.
  const retry = () => {
    retryTimer = setTimeout(() => {
      attempt = tryOpen().then(
        (ok) => {
          if (ok) logger.info('storage reachable: subscriptions, admin commands and notifications are on');
          else if (!stopped) retry();
        },
        (err: Error) => logger.error({ err: { type: err.name, message: err.message } }, 'storage cannot be opened'),
      );
    }, retryMs).unref();
  };
  if (!(await tryOpen()) && shared) retry();

  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await attempt;
    },
  };
}
