// Failure paths of the storage: an unreachable or vanishing Redis gives StorageUnavailableError (not
// a silent undefined), bad settings give ConfigError, and the default SQLite file is created.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { ConfigError, StorageUnavailableError } from '../src/errors.js';
import { backendKindOf, DEFAULT_SQLITE_PATH, openStorage } from '../src/storage/index.js';
import { describeNeeding, skipUnless, type Service } from './helpers/services.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storage-errors-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A TCP proxy to Redis that can be cut and restored, to play "Redis went down". */
async function redisProxy(port = 0): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(6379, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const noRedis = await skipUnless('redis');

// Failing, not waiting: the test's own timeout is the hang detector.
test('an unreachable Redis fails openStorage with StorageUnavailableError', { timeout: 10_000 }, async () => {
  await assert.rejects(openStorage({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 800 }), (err: unknown) => {
    assert.ok(err instanceof StorageUnavailableError);
    assert.equal(err.backend, 'redis');
    assert.match(err.message, /127\.0\.0\.1:1/);
    return true;
  });
});

test('an unreachable PostgreSQL fails openStorage with StorageUnavailableError', async () => {
  await assert.rejects(openStorage({ url: 'postgres://postgres@127.0.0.1:1/test', connectTimeoutMs: 1500 }), StorageUnavailableError);
});

test('Redis going away mid-run: operations throw StorageUnavailableError, and work again once it is back', { skip: noRedis }, async () => {
  const proxy = await redisProxy();
  const storage = await openStorage({ url: `redis://127.0.0.1:${proxy.port}`, prefix: `t-${randomUUID().slice(0, 8)}-`, operationTimeoutMs: 2_000 });
  try {
    await storage.subscriptions.subscribe('slack:U1', { kind: 'tool', id: 'zoom' });
    await storage.conversations.remember('slack:U1', { platform: 'slack', conversationId: 'D1' });
    await proxy.cut();
    const t = performance.now();
    // keyv alone would answer `undefined` here (looks like "no conversation"): we must get an error.
    await assert.rejects(storage.conversations.get('slack:U1'), StorageUnavailableError);
    await assert.rejects(storage.subscriptions.subscribe('slack:U2', { kind: 'all' }), StorageUnavailableError);
    await assert.rejects(storage.dedupe.firstSeen('x', 1000), StorageUnavailableError);
    assert.ok(performance.now() - t < 5_000, 'fails fast, without waiting for a reconnect');

    const back = await redisProxy(proxy.port);
    try {
      let record;
      for (let i = 0; i < 50 && record === undefined; i++) {
        record = await storage.conversations.get('slack:U1').catch(() => undefined);
        if (record === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(record?.target.conversationId, 'D1', 'reconnected by itself');
      await storage.clearAll();
      await storage.close();
    } finally {
      await back.cut();
    }
  } finally {
    await storage.close().catch(() => undefined);
  }
});

test('SQLite: when secure_delete cannot be turned on, the store refuses to open and says why', async () => {
  // A file that is not a database makes the connection's first statement, the secure_delete pragma, fail.
  const file = path.join(tmp, 'not-a-database.sqlite');
  writeFileSync(file, 'plain text, not SQLite\n'.repeat(100));
  await assert.rejects(openStorage({ sqlitePath: file, connectTimeoutMs: 5_000 }), (err: unknown) => {
    assert.ok(err instanceof StorageUnavailableError, String(err));
    assert.equal(err.backend, 'sqlite');
    assert.match(err.message, /secure_delete/);
    return true;
  });
});

test('a STORAGE_URL names its backend by scheme (what a failure before the store opened is labelled with)', () => {
  assert.equal(backendKindOf(undefined), 'sqlite');
  assert.equal(backendKindOf('sqlite://data/x.sqlite'), 'sqlite');
  assert.equal(backendKindOf('redis://127.0.0.1:6379'), 'redis');
  assert.equal(backendKindOf('rediss://cache.example.org'), 'redis');
  assert.equal(backendKindOf('postgres://u@127.0.0.1/db'), 'postgres');
  assert.equal(backendKindOf('postgresql://u@127.0.0.1/db'), 'postgres');
  assert.equal(backendKindOf('mysql://127.0.0.1/x'), undefined);
});

test('settings that cannot work give ConfigError', async () => {
  await assert.rejects(openStorage({ url: 'mysql://127.0.0.1/x' }), (err: unknown) => err instanceof ConfigError && err.variable === 'STORAGE_URL');
  await assert.rejects(openStorage({ sqlitePath: path.join(tmp, 'x.sqlite'), prefix: 'bad%prefix' }), ConfigError);
  const storage = await openStorage({ sqlitePath: path.join(tmp, 'ok.sqlite') });
  try {
    assert.throws(() => storage.kv('Not Valid'), ConfigError);
  } finally {
    await storage.close();
  }
});

test('the default SQLite file is created under data/ in the working directory, folder included', async () => {
  assert.equal(DEFAULT_SQLITE_PATH, 'data/compliance-bot.sqlite');
  const cwd = mkdtempSync(path.join(tmp, 'cwd-'));
  const script = `import { openStorage } from ${JSON.stringify(path.join(root, 'src/storage/index.ts'))};
    const s = await openStorage(); await s.kv('x').set('k', 1); await s.close();`;
  // tsx resolved from here: the child runs in a folder without node_modules.
  await promisify(execFile)(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { cwd, timeout: 30_000 });
  assert.ok(existsSync(path.join(cwd, 'data', 'compliance-bot.sqlite')));
});

test('SQLite: sweepExpired deletes rows whose TTL ran out (SQLite only expires on read)', async () => {
  const storage = await openStorage({ sqlitePath: path.join(tmp, 'sweep.sqlite'), prefix: 'sweep-' });
  try {
    await storage.dedupe.firstSeen('old-1', 20);
    await storage.dedupe.firstSeen('old-2', 20);
    await storage.dedupe.firstSeen('fresh', 60_000);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(await storage.sweepExpired(), 2);
    assert.equal(await storage.dedupe.firstSeen('fresh', 60_000), false);
  } finally {
    await storage.close();
  }
});
