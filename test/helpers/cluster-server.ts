// One bot instance of the multi-instance tests and bench, as a child process: the real startServer
// from the environment (STORAGE_URL=redis://…?prefix=…, the fake Slack API, Teams without auth)
// and a graceful shutdown on SIGTERM. Prints `listening <url> <id>` on stdout; the JSON log goes to stderr.
import { pino } from 'pino';
import { installShutdown, startServer } from '../../server/index.js';
import { loadConfig } from '../../src/config.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { pid: process.pid } }, pino.destination({ fd: 2, sync: false }));
const handle = await startServer(loadConfig({ ...process.env }, { envFile: false }), { logger });
installShutdown(handle, { logger });
process.stdout.write(`listening ${handle.url} pid-${process.pid}\n`);
