// The run log of scripts/run-tests.ts: one JSON object a line, appended by the reporter
// (scripts/list-reporter.mjs: skipped tests, test files whose process failed) and by each test
// file's process (scripts/test-exit-watchdog.mjs: start, exit, and what its watchdog stopped).
// Read back here to list, after node's report, the test files whose results may be incomplete.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

export type RunLogEntry =
  | { kind: 'skipped'; name?: string; file?: string; reason?: string }
  | { kind: 'start'; file: string; pid: number; at: number }
  | { kind: 'exit'; file: string; pid: number; code: number }
  | { kind: 'watchdog'; file: string; pid: number; detail: string }
  | { kind: 'failed'; file?: string; exitCode?: number | null; signal?: string | null };

export function readRunLog(path: string): RunLogEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const entries: RunLogEntry[] = [];
  for (const line of text.split('\n')) {
    // A line being appended while it is read is cut off; it is read again next time.
    try {
      if (line) entries.push(JSON.parse(line) as RunLogEntry);
    } catch {
      /* incomplete line */
    }
  }
  return entries;
}

const shown = (file: string): string => (isAbsolute(file) ? relative(process.cwd(), file) : file);

/**
 * The test files whose process failed, was stopped or never ran, with what happened to each: their
 * tests' reports may be incomplete, whatever node's totals say. `files` are the files the run was
 * given, `stopped` what run-tests.ts itself stopped (file → why).
 */
export function processFailures(
  entries: readonly RunLogEntry[],
  files: readonly string[],
  stopped: ReadonlyMap<string, string> = new Map(),
): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const note = (file: string, problem: string) => problems.set(file, [...(problems.get(file) ?? []), problem]);
  const started = new Set<string>();
  const exited = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'start') started.add(e.file);
    else if (e.kind === 'exit') exited.add(e.file);
    else if (e.kind === 'watchdog') note(e.file, e.detail);
  }
  for (const [file, why] of stopped) note(file, why);
  for (const e of entries) {
    if (e.kind !== 'failed' || !e.file) continue;
    const file = shown(e.file);
    const how = e.signal ? `ended by ${e.signal}` : `exited with code ${e.exitCode ?? '?'}`;
    // The watchdog has said why already; the exit code adds nothing.
    if (!problems.has(file)) note(file, `its process ${how} without a failed test`);
  }
  for (const file of started) {
    if (!exited.has(file) && !problems.has(file)) note(file, 'its process ended without exiting (killed or crashed)');
  }
  for (const file of files) if (!started.has(file) && !problems.has(file)) note(file, 'its process never started');
  return problems;
}

/** The list printed after node's report, or '' when every test file's process ran and exited normally. */
export function formatProcessFailures(problems: ReadonlyMap<string, readonly string[]>): string {
  if (problems.size === 0) return '';
  const lines = [`Test files whose process failed (${problems.size}); their tests' reports may be incomplete:`];
  for (const [file, what] of [...problems].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${file}: ${what.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Test processes still running `limitMs` after they started, not stopped by their own watchdog
 * (whose timers cannot fire while the event loop is blocked) and not yet ended.
 */
export function overdue(entries: readonly RunLogEntry[], now: number, limitMs: number): { file: string; pid: number }[] {
  const running = new Map<number, { file: string; at: number }>();
  const ended = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'start') running.set(e.pid, { file: e.file, at: e.at });
    else if (e.kind === 'exit' || e.kind === 'watchdog') running.delete(e.pid);
    else if (e.kind === 'failed' && e.file) ended.add(shown(e.file));
  }
  return [...running]
    .filter(([, r]) => now - r.at > limitMs && !ended.has(r.file))
    .map(([pid, r]) => ({ file: r.file, pid }));
}
