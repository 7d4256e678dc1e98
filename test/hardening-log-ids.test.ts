// A change of 10,000 tool files logs how many and the first few ids, not every id (issue 24): the
// outbox pipeline on a real SQLite file, with the log kept in memory.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { idSample, LOGGED_IDS } from '../src/logger.js';
import type { ToolChange } from '../src/notifications/diff.js';
import { createOutboxPipeline } from '../src/notifications/index.js';
import { openStorage } from '../src/storage/index.js';
import { memoryLogger } from './helpers/server.js';

const change = (i: number): ToolChange => ({
  id: `change-${i}`,
  kind: 'changed',
  toolId: `tool-${String(i).padStart(5, '0')}`,
  toolName: `Tool ${i}`,
  categoryIds: ['video-conferencing'],
  oldStatus: 'pending',
  newStatus: 'prohibited',
  restrictionsAdded: [],
  restrictionsRemoved: [],
  restrictionsChanged: [],
  by: 'file',
  at: '2026-12-07T08:00:00.000Z',
  defaultLanguage: 'de',
});

describe('log lines of large changes', () => {
  it('idSample keeps the count and the first few ids', () => {
    assert.deepEqual(idSample(['a', 'b']), { count: 2, first: ['a', 'b'] });
    assert.deepEqual(idSample(new Set(Array.from({ length: 9 }, (_, i) => `t${i}`))), { count: 9, first: ['t0', 't1', 't2', 't3', 't4'] });
  });

  // 1,000 changes stand for 10,000 here: on SQLite each is a few writes (10,000 take a minute), and
  // the line does not grow with the count.
  it('a change of many files is logged as a count and the first ids, in a short line', async () => {
    const file = path.join(tmpdir(), `cb-log-ids-${process.pid}.sqlite`);
    const storage = await openStorage({ sqlitePath: file });
    const { logger, lines } = memoryLogger();
    try {
      const pipeline = createOutboxPipeline({ storage, logger });
      await pipeline.enqueue(Array.from({ length: 1_000 }, (_, i) => change(i)));
      const line = lines.find((l) => l.msg === 'notifications queued');
      assert.ok(line, JSON.stringify(lines));
      assert.deepEqual(line.changes, { count: 1_000, first: ['tool-00000', 'tool-00001', 'tool-00002', 'tool-00003', 'tool-00004'] });
      assert.equal((line.changes as { first: string[] }).first.length, LOGGED_IDS);
      assert.ok(JSON.stringify(line).length < 1_000, `the line is ${JSON.stringify(line).length} characters`);
    } finally {
      await storage.close();
      await Promise.all([file, `${file}-wal`, `${file}-shm`].map((f) => rm(f, { force: true })));
    }
  });
});
