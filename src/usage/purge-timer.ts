// Runs the recorder's purge of expired question texts and unknown-tool names at start and then
// hourly, for the server.
import { childLogger } from '../logger.js';
import type { UsageRecorder } from './recorder.js';

const log = childLogger('usage');

/** Starts purging; returns the function that stops it. Failures are logged (counts only) and retried next time. */
export function startUsagePurge(recorder: Pick<UsageRecorder, 'purgeExpired'>, intervalMs = 3_600_000): () => void {
  const run = () =>
    void recorder.purgeExpired().then(
      (deleted) => {
        if (deleted > 0) log.info({ deleted }, 'expired question texts and unknown-tool names deleted');
      },
      (err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'purging expired usage data failed'),
    );
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
