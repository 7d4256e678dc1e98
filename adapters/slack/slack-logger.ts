// Bolt and the WebClient log through @slack/logger's interface; this forwards to pino. Debug output
// is dropped: at that level the WebClient logs request bodies (answer text) and Bolt can log whole
// event payloads (question text), which must not reach the logs.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { format } from 'node:util';
import type { Logger } from '../../src/logger.js';

export function slackLoggerFrom(logger: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  let log = logger;
  return {
    debug: () => {},
    info: (...msg: unknown[]) => log.info(format(...msg)),
    warn: (...msg: unknown[]) => log.warn(format(...msg)),
    error: (...msg: unknown[]) => log.error(format(...msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (name) => {
      log = logger.child({ slackComponent: name });
    },
  };
}
