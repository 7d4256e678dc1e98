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
