// `npm test` after the type-check: runs the node:test suites (the files given, else test/*.test.ts)
// with node's usual report, then prints the skipped tests again as a list, grouped by reason (for a
// missing service the reason names how to enable it: test/helpers/services.ts), and exits with
// node's own exit code. Node's report is unchanged, its closing summary included.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function readSkipped(file: string): Skipped[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Skipped);
  } catch {
    return [];
  }
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) for (const f of readdirSync('test').sort()) if (f.endsWith('.test.ts')) files.push(join('test', f));
  // Node's default reporter: spec on a terminal, TAP otherwise (spec everywhere from Node 23 on).
  const major = Number(process.versions.node.split('.')[0]);
  const usual = process.stdout.isTTY || major >= 23 ? 'spec' : 'tap';
  const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-tests-'));
  const list = join(dir, 'skipped.jsonl');
  const reporter = fileURLToPath(new URL('./skipped-reporter.mjs', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-force-exit', `--test-reporter=${usual}`, '--test-reporter-destination=stdout',
      `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', ...files],
    { stdio: 'inherit', env: { ...process.env, SKIPPED_LIST_FILE: list } },
  );
  // Stopping the runner stops the tests too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    const skipped = readSkipped(list);
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`\n${formatSkipped(skipped)}`);
    // exitCode, not exit(): a pipe is written asynchronously, and exit() could cut the list off.
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
