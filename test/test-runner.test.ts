// scripts/run-tests.ts: the list of skipped tests printed after node's report, grouped by reason.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { formatSkipped } from '../scripts/run-tests.js';

test('skipped tests are listed once per reason, each with its file (a helper location is left out)', () => {
  const redis = 'needs Redis on 127.0.0.1:6379 (start it: redis-server …)';
  const text = formatSkipped([
    { name: 'b test', file: path.resolve('test/cluster-parts.test.ts'), reason: redis },
    { name: 'storage on postgres', file: path.resolve('test/helpers/services.ts'), reason: 'needs PostgreSQL …' },
    { name: 'a test', file: path.resolve('test/cluster-parts.test.ts'), reason: redis },
    { name: 'no reason' },
  ]);
  assert.equal(
    text,
    [
      'Skipped (4), by reason:',
      `  ${redis}:`,
      '    test/cluster-parts.test.ts: a test',
      '    test/cluster-parts.test.ts: b test',
      '  needs PostgreSQL …:',
      '    storage on postgres',
      '  skipped (no reason given):',
      '    no reason',
      'A missing service fails the run instead under REQUIRE_ALL_SUITES=1 (CI); see README, "Tests".',
      '',
    ].join('\n'),
  );
  assert.equal(formatSkipped([]), 'Skipped: none.\n');
});
