// A delivery process of the kill tests and the fan-out bench (test/helpers/notices-kill.ts): the
// notification pipeline the store calls for (outbox on SQLite, queues on Redis) with the real Slack
// adapter against the fake Slack API. Configured by NOTICES_* variables; runs until it is killed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { openPipeline } from './notices-kill.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = JSON.parse(process.env.NOTICES_OPTIONS ?? '{}');
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' }, pino.destination({ fd: 2, sync: false }));
const opened = await openPipeline({ ...options, root, logger });
await opened.pipeline.start([opened.slack]);
process.stdout.write('delivering\n');
