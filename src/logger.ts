// One pino logger for the whole process. Privacy by design: question text is never passed to it
// (callers log ids, verdicts and timings), and secrets are redacted should they ever reach it.
import { pino, type Logger } from 'pino';

export type { Logger };

export const rootLogger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  redact: {
    paths: ['token', 'password', 'secret', '*.token', '*.password', '*.secret', 'headers.authorization', '*.headers.authorization'],
    censor: '[redacted]',
  },
});

export function childLogger(component: string): Logger {
  return rootLogger.child({ component });
}
