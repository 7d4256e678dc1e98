// A node:test reporter that notes in the run log (the file named by TEST_RUN_LOG, one JSON object a
// line), as each happens, what scripts/run-tests.ts lists after node's own report:
// - each skipped test: its name, file and reason;
// - each test file whose process failed as a whole rather than through a failed test (it crashed,
//   was killed, or was stopped by scripts/test-exit-watchdog.mjs): its exit code or signal.
// Each line is appended at once, so that nothing depends on this reporter's stream being flushed.
// Plain JavaScript: node loads reporters before the tsx hooks of --import are in place.
import { appendFileSync } from 'node:fs';

/**
 * @typedef {{ exitCode?: number | null, signal?: string | null }} ProcessError
 * @param {AsyncIterable<{ type: string, data: { name?: string, file?: string, nesting?: number, skip?: string | boolean, details?: { error?: ProcessError } } }>} source
 */
export default async function* listReporter(source) {
  const log = process.env.TEST_RUN_LOG;
  for await (const event of source) {
    if (!log) continue;
    const { name, file, skip, nesting, details } = event.data;
    // A skipped test is reported as passed, with `skip` set (`true` or the reason).
    if (event.type === 'test:pass' && skip) {
      const reason = typeof skip === 'string' ? skip : undefined;
      appendFileSync(log, `${JSON.stringify({ kind: 'skipped', name, file, reason })}\n`);
    }
    // A test file is reported on its own only when its process failed although no test in it
    // did; node then gives the process's exit code and signal with the error.
    const error = details?.error;
    if (event.type === 'test:fail' && nesting === 0 && error && 'exitCode' in error) {
      appendFileSync(log, `${JSON.stringify({ kind: 'failed', file, exitCode: error.exitCode, signal: error.signal })}\n`);
    }
  }
  yield '';
}
