// PostgreSQL serves one instance: a second notification pipeline on the same PostgreSQL store
// refuses to start with an error that says what to do, the lease passes on when the first stops,
// and the lease of a killed instance (no longer renewed) is taken over once it runs out.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { createOutboxPipeline, InstanceLeaseError, needsInstanceLease, pipelineKindFor } from '../src/notifications/index.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { skipUnless } from './helpers/services.js';

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
