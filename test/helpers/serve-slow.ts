// Child process for the shutdown test: the real startServer plus installShutdown, with every answer
// slowed down by SLOW_MS so a request is reliably in flight when the test sends SIGTERM.
// Prints `listening <url>` and `ask-started` on stdout; the server's JSON log goes to stderr.
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { installShutdown, startServer } from '../../server/index.js';

const logger = pino({ level: 'info' }, pino.destination({ fd: 2, sync: true }));
const handle = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger });
const ask = handle.core.ask.bind(handle.core);
handle.core.ask = async (...args) => {
  process.stdout.write('ask-started\n');
  await new Promise((r) => setTimeout(r, Number(process.env.SLOW_MS ?? 1000)));
  return ask(...args);
};
installShutdown(handle, { logger });
process.stdout.write(`listening ${handle.url}\n`);
