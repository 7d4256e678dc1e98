// `npm test` after the type-check: runs the node:test suites (the files given, else test/*.test.ts)
// with node's usual report, then prints the skipped tests again as a list, grouped by reason (for a
// missing service the reason names how to enable it: test/helpers/services.ts), and the test files
// whose process failed as a whole (did not exit after its tests, crashed, was killed), which may
// have lost reports. Node's report is unchanged, its closing summary included; the exit code is
// node's, or 1 if a test file's process failed.
//
// No --test-force-exit: it ends a test file's process as soon as its tests are done, and reports
// still on their way to the runner were lost with it (Node 24 once counted 1,200 of 1,228 tests,
// exit 0). Instead each test file must end on its own, and scripts/test-exit-watchdog.mjs (loaded
// into every test process) fails a file that does not, naming it and what it left open.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProcessFailures, overdue, processFailures, readRunLog, type RunLogEntry } from './test-run-log.js';

/** How long a test file's process may stay alive after its last test (scripts/test-exit-watchdog.mjs). */
const EXIT_GRACE_MS = Number(process.env.TEST_EXIT_GRACE_MS) || 30_000;
/** How long a test file's process may run in all before its own watchdog stops it. */
const FILE_DEADLINE_MS = 15 * 60_000;
/** A process still running this much later has a blocked event loop: run-tests.ts kills it. */
const KILL_AFTER_MS = FILE_DEADLINE_MS + 60_000;

interface Skipped {
  name?: string;
  file?: string;
  reason?: string;
}

/** The skipped tests as text: one block per reason, each test under it with its file. */
export function formatSkipped(skipped: readonly Skipped[]): string {
  if (skipped.length === 0) return 'Skipped: none.\n';
  const byReason = new Map<string, string[]>();
  for (const s of skipped) {
    const reason = s.reason ?? 'skipped (no reason given)';
    // A suite skipped through describeNeeding() is located in the helper, which says nothing.
    const file = s.file ? relative(process.cwd(), s.file) : undefined;
    const where = file && !file.startsWith(join('test', 'helpers')) ? `${file}: ` : '';
    byReason.set(reason, [...(byReason.get(reason) ?? []), `    ${where}${s.name ?? '?'}`]);
  }
  const lines = [`Skipped (${skipped.length}), by reason:`];
  for (const [reason, tests] of byReason) lines.push(`  ${reason}:`, ...tests.sort());
  lines.push('A missing service fails the run instead under REQUIRE_ALL_SUITES=1 (CI); see README, "Tests".');
  return `${lines.join('\n')}\n`;
}

/** Kills the test processes whose event loop is blocked, so that their own watchdog cannot stop them. */
function killOverdue(log: string, stopped: Map<string, string>): void {
  for (const { file, pid } of overdue(readRunLog(log), Date.now(), KILL_AFTER_MS)) {
    if (stopped.has(file)) continue;
    const why = `still running ${KILL_AFTER_MS / 60_000} min after it started, its own watchdog unable to stop it (event loop blocked?): killed`;
    stopped.set(file, why);
    process.stderr.write(`\nrun-tests: ${file}: ${why} (pid ${pid}).\n`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* it has just ended */
    }
  }
}

function main(): void {
  const files = process.argv.slice(2).map((f) => relative(process.cwd(), resolve(f)));
  if (files.length === 0) for (const f of readdirSync('test').sort()) if (f.endsWith('.test.ts')) files.push(join('test', f));
  // Node's default reporter: spec on a terminal, TAP otherwise (spec everywhere from Node 23 on).
  const major = Number(process.versions.node.split('.')[0]);
  const usual = process.stdout.isTTY || major >= 23 ? 'spec' : 'tap';
  const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-tests-'));
  const log = join(dir, 'run.jsonl');
  const reporter = fileURLToPath(new URL('./list-reporter.mjs', import.meta.url));
  const watchdog = new URL('./test-exit-watchdog.mjs', import.meta.url).href;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', watchdog, '--test', `--test-reporter=${usual}`, '--test-reporter-destination=stdout',
      `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', ...files],
    {
      stdio: 'inherit',
      env: { ...process.env, TEST_RUN_LOG: log, TEST_EXIT_GRACE_MS: String(EXIT_GRACE_MS), TEST_FILE_DEADLINE_MS: String(FILE_DEADLINE_MS) },
    },
  );
  const stopped = new Map<string, string>();
  const check = setInterval(() => killOverdue(log, stopped), 10_000).unref();
  // Stopping the runner stops the tests too; the files not run then are no failure of their own.
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      interrupted = true;
      child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    clearInterval(check);
    const entries: RunLogEntry[] = readRunLog(log);
    rmSync(dir, { recursive: true, force: true });
    const skipped = entries.filter((e) => e.kind === 'skipped');
    const failures = processFailures(entries, interrupted ? [] : files, stopped);
    process.stdout.write(`\n${formatSkipped(skipped)}${formatProcessFailures(failures)}`);
    // exitCode, not exit(): a pipe is written asynchronously, and exit() could cut the list off.
    process.exitCode = code || (signal || failures.size > 0 ? 1 : 0);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
