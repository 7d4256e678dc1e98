// PostgreSQL serves one instance: a second notification pipeline (and a second bot process) on
// the same PostgreSQL store refuses to start with an error that says what to do, the lease passes on when the first stops,
// and the lease of a killed instance (no longer renewed) is taken over once it runs out.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { InstanceLeaseError } from '../src/errors.js';
import { createOutboxPipeline, needsInstanceLease, pipelineKindFor } from '../src/notifications/index.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { startFakeSlackApi } from './fakes/slack-api.js';
import { skipUnless } from './helpers/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const silent = pino({ level: 'silent' });
const skip = await skipUnless('postgres');
const prefix = `lease-${randomUUID().slice(0, 8)}-`;
const open = () => openStorage({ url: 'postgres://postgres@127.0.0.1:5432/test', prefix });
// @keyv/postgres keeps one pool per process: one close at the end.
let last: Storage | undefined;
after(async () => {
  if (!last) return;
  await last.clearAll();
  await last.close();
});

test('the store decides: PostgreSQL gets the outbox with the single-instance lease, Redis the queues, SQLite the outbox', () => {
  assert.equal(pipelineKindFor('postgres'), 'outbox');
  assert.equal(needsInstanceLease('postgres'), true);
  assert.equal(pipelineKindFor('redis'), 'queue');
  assert.equal(needsInstanceLease('redis'), false);
  assert.equal(pipelineKindFor('sqlite'), 'outbox');
});

test('a second instance on the same PostgreSQL store refuses to start; it may once the first stopped', { skip }, async () => {
  const a = await open();
  const b = await open();
  last = b;
  const first = createOutboxPipeline({ storage: a, logger: silent });
  await first.start([]);
  const second = createOutboxPipeline({ storage: b, logger: silent });
  await assert.rejects(second.start([]), (err: unknown) => {
    assert.ok(err instanceof InstanceLeaseError);
    assert.equal(err.code, 'NOTIFY_SECOND_INSTANCE');
    assert.equal(err.holder.pid, process.pid);
    assert.match(err.message, /serves one instance/);
    assert.match(err.message, /redis:\/\//);
    return true;
  });
  await first.stop();
  await second.start([]);
  await second.stop();
});

test('the lease of a killed instance (no longer renewed) is taken over once it runs out', { skip }, async () => {
  const s = await open();
  last = s;
  // What a killed holder leaves: a lease renewed 1 s ago, expiring 0.5 s from now.
  await s.kv('instance-lease').set('notify-worker', { owner: 'killed', host: 'elsewhere', pid: 1, renewedAt: Date.now() - 1_000 }, 500);
  const p = createOutboxPipeline({ storage: s, logger: silent, lease: { ttlMs: 1_500, renewMs: 300 } });
  await p.start([]);
  const holder = await s.kv<{ owner: string; pid: number }>('instance-lease').get('notify-worker');
  assert.equal(holder?.pid, process.pid, 'this instance holds the lease now');
  // A holder that keeps renewing is alive: another instance still refuses to start.
  const other = createOutboxPipeline({ storage: s, logger: silent, lease: { ttlMs: 1_500, renewMs: 300 } });
  await assert.rejects(other.start([]), InstanceLeaseError);
  await p.stop();
});

test('through the real server: a second bot on the same PostgreSQL exits with the reason; after the first stopped, another starts', { skip }, async () => {
  // The server has no prefix setting for PostgreSQL: this uses the database's default prefix (only
  // the lease row and the bot's own start-up records are written there).
  const slack = await startFakeSlackApi();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    KNOWLEDGE_DIR: path.join(root, 'knowledge'),
    STORAGE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    SLACK_BOT_TOKEN: 'xoxb-lease',
    SLACK_SIGNING_SECRET: 'lease-secret',
    SLACK_API_URL: slack.apiUrl,
  };
  const bots: ChildProcess[] = [];
  const start = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/helpers/cluster-server.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    bots.push(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const outcome = new Promise<{ listening: boolean; code: number | null; stderr: string }>((resolve) => {
      child.stdout?.on('data', () => out.includes('listening') && resolve({ listening: true, code: null, stderr: err }));
      child.on('exit', (code) => resolve({ listening: false, code, stderr: err }));
    });
    return { child, outcome };
  };
  const stop = async (child: ChildProcess) => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const first = start();
    assert.equal((await first.outcome).listening, true, 'the first bot starts');
    const second = await start().outcome;
    assert.equal(second.listening, false, 'the second bot does not start');
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /InstanceLeaseError/);
    assert.match(second.stderr, /PostgreSQL store serves one instance/);
    await stop(first.child);
    const third = start();
    assert.equal((await third.outcome).listening, true, 'once the first stopped (lease released), another starts');
    await stop(third.child);
  } finally {
    for (const b of bots) if (b.exitCode === null) b.kill('SIGKILL');
    await slack.close();
  }
});
