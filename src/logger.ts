// One pino logger for the whole process. Privacy by design: question text is never passed to it
// (callers log ids, verdicts and timings), and secrets are redacted should they ever reach it.
import { pino, type Logger } from 'pino';
import { startupLogging } from './config.js';

export type { Logger };

export const rootLogger: Logger = pino({
  // LOG_LEVEL, else silent under NODE_ENV=test, else info; the server sets its configured level at start.
  level: startupLogging().level,
  base: undefined,
  redact: {
    paths: ['token', 'password', 'secret', '*.token', '*.password', '*.secret', 'headers.authorization', '*.headers.authorization'],
    censor: '[redacted]',
  },
});

export function childLogger(component: string): Logger {
  return rootLogger.child({ component });
}

/** How many ids are named in a log line; a change of 10,000 files logs the count and these first few. */
export const LOGGED_IDS = 5;

/** A list of ids for a log line: how many, and the first few (never all of them). */
export function idSample(ids: Iterable<string>, first = LOGGED_IDS): { count: number; first: string[] } {
  const all = [...ids];
  return { count: all.length, first: all.slice(0, first) };
}
