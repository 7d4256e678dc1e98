// scripts/run-tests.ts: the list of skipped tests printed after node's report, grouped by reason, and
// the test files whose process failed as a whole (did not exit after its tests, was killed, ended
// with process.exit() before its reports were out), which fail the run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { formatSkipped } from '../scripts/run-tests.js';
import { formatProcessFailures, overdue, processFailures, type RunLogEntry } from '../scripts/test-run-log.js';

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

test('a test file whose process did not exit, failed or never ran is listed with what happened; a clean one is not', () => {
  const log: RunLogEntry[] = [
    { kind: 'start', file: 'test/clean.test.ts', pid: 1, at: 0 },
    { kind: 'exit', file: 'test/clean.test.ts', pid: 1, code: 0 },
    { kind: 'start', file: 'test/open.test.ts', pid: 2, at: 0 },
    { kind: 'watchdog', file: 'test/open.test.ts', pid: 2, detail: 'did not exit within 30 s of its last test; still open: TCPServerWrap' },
    { kind: 'exit', file: 'test/open.test.ts', pid: 2, code: 1 },
    { kind: 'failed', file: path.resolve('test/open.test.ts'), exitCode: 1, signal: null },
    { kind: 'start', file: 'test/killed.test.ts', pid: 3, at: 0 },
    { kind: 'failed', file: path.resolve('test/killed.test.ts'), exitCode: null, signal: 'SIGKILL' },
    { kind: 'start', file: 'test/gone.test.ts', pid: 4, at: 0 },
  ];
  const files = ['test/clean.test.ts', 'test/open.test.ts', 'test/killed.test.ts', 'test/gone.test.ts', 'test/never.test.ts'];
  assert.equal(
    formatProcessFailures(processFailures(log, files)),
    [
      "Test files whose process failed (4); their tests' reports may be incomplete:",
      '  test/gone.test.ts: its process ended without exiting (killed or crashed)',
      '  test/killed.test.ts: its process ended by SIGKILL without a failed test',
      '  test/never.test.ts: its process never started',
      '  test/open.test.ts: did not exit within 30 s of its last test; still open: TCPServerWrap',
      '',
    ].join('\n'),
  );
  assert.equal(formatProcessFailures(processFailures(log.slice(0, 2), ['test/clean.test.ts'])), '');
});

test('a test process is overdue once it has run longer than the limit without ending or being stopped', () => {
  const log: RunLogEntry[] = [
    { kind: 'start', file: 'test/a.test.ts', pid: 1, at: 0 },
    { kind: 'start', file: 'test/b.test.ts', pid: 2, at: 0 },
    { kind: 'exit', file: 'test/b.test.ts', pid: 2, code: 0 },
    { kind: 'start', file: 'test/c.test.ts', pid: 3, at: 500 },
    { kind: 'start', file: 'test/d.test.ts', pid: 4, at: 0 },
    { kind: 'failed', file: path.resolve('test/d.test.ts'), exitCode: null, signal: 'SIGKILL' },
  ];
  assert.deepEqual(overdue(log, 1_000, 600), [{ file: 'test/a.test.ts', pid: 1 }]);
});

describe('the runner on test files that do not end cleanly', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-tests-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const fixture = (name: string, body: string) => {
    const file = path.join(dir, `${name}.test.mjs`);
    writeFileSync(file, `import { test } from 'node:test';\n${body}\n`);
    return path.relative(process.cwd(), file);
  };
  const clean = fixture('clean', "test('passes', () => {});");
  const open = fixture(
    'open',
    "import { createServer } from 'node:net';\n" +
      "test('leaves a server open', async () => { const s = createServer(); await new Promise((r) => s.listen(0, '127.0.0.1', r)); });",
  );
  const killed = fixture('killed', "test('is killed', () => { setTimeout(() => process.kill(process.pid, 'SIGKILL'), 10); });\ntest('later', () => new Promise((r) => setTimeout(r, 2_000)));");
  const early = fixture('early', "test('exits', () => { setTimeout(() => process.exit(0), 10); });\ntest('later', () => new Promise((r) => setTimeout(r, 2_000)));");

  /** Runs scripts/run-tests.ts on `files`, as `npm test` does, outside this test's own node:test context. */
  const runTests = (files: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TEST_EXIT_GRACE_MS: '1000' };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-tests.ts', ...files], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });

  test('every file ends on its own: exit 0, nothing listed', async () => {
    const { code, out } = await runTests([clean]);
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /whose process failed/);
  });

  test('a file left open, killed or ended by process.exit(0) fails the run, each named with what happened', async () => {
    const { code, out } = await runTests([clean, open, killed, early]);
    assert.equal(code, 1, out);
    const list = out.slice(out.indexOf('Test files whose process failed (3)'));
    assert.match(list, new RegExp(`${open}: did not exit within 1 s of its last test; still open: TCPServerWrap`));
    assert.match(list, new RegExp(`${killed}: its process ended by SIGKILL without a failed test`));
    assert.match(list, new RegExp(`${early}: process.exit\\(\\) was called before node:test had finished`));
    assert.doesNotMatch(list, new RegExp(clean));
  });
});
