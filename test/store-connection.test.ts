// server/store-connection.ts: a shared store that could not be opened at start is tried again; a
// stop() while an attempt is attaching the store waits for it, so that closing the server afterwards
// closes what it attached (a cluster started for Redis kept its workers and connections running).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, test } from 'node:test';
import pino from 'pino';
import { connectStore } from '../server/store-connection.js';
import { loadConfig } from '../src/config.js';
import type { Storage } from '../src/storage/index.js';

test('stop() during an attempt that is attaching the store returns once it is attached', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'store-connection-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // A file where the store's folder should be: unavailable until it is removed.
  const blocker = path.join(dir, 'store');
  writeFileSync(blocker, '');
  const config = loadConfig({ STORAGE_URL: `sqlite:${path.join(blocker, 'bot.sqlite')}`, LOG_LEVEL: 'silent' });
  let attaching: (() => void) | undefined;
  const attachStarted = new Promise<void>((resolve) => (attaching = resolve));
  let attached: Storage | undefined;
  const connection = await connectStore({
    config,
    logger: pino({ level: 'silent' }),
    shared: true,
    retryMs: 20,
    async onOpen(storage) {
      attaching?.();
      await delay(300);
      attached = storage;
    },
  });
  rmSync(blocker);
  // The retry timer does not hold the process open (unref); this does, while the test waits.
  const keepAlive = setInterval(() => undefined, 1_000);
  try {
    await attachStarted;
    await connection.stop();
  } finally {
    clearInterval(keepAlive);
  }
  assert.ok(attached, 'stop() returned before the store being opened was attached');
  await attached.close();
});
