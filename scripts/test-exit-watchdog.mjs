// Loaded (--import) by scripts/run-tests.ts into node --test, and so into each test file's process.
// In a test file's own process it turns the ways a file's results can go missing into failures that
// name the file, where a run would otherwise hang or pass with reports cut off:
// - the process does not end on its own once its tests and top-level after() hooks are done (a
//   server, socket, client or timer left open): TEST_EXIT_GRACE_MS later it writes the file and the
//   kinds of resource still open to stderr, and exits 1;
// - the file runs longer than TEST_FILE_DEADLINE_MS altogether (a test that never ends): the same;
// - process.exit() with code 0 ends it before node:test has reported everything (reports still on
//   their way to the runner would be lost): the exit code becomes 1.
// It also notes in the run log (TEST_RUN_LOG, one JSON object a line) when the process starts and
// exits, so that run-tests.ts can tell a process that never exited (killed, or its event loop
// blocked so that these timers cannot fire) and stop it.
// Plain JavaScript: it is loaded next to the tsx hooks, not through them.
import { appendFileSync, writeSync } from 'node:fs';
import { relative } from 'node:path';

const entry = process.argv[1];
// Only a test file run by node --test. NODE_TEST_CONTEXT is inherited by the processes a test
// starts too; those are not test files and are left alone.
if (process.env.NODE_TEST_CONTEXT === 'child-v8' && entry && /\.test\.[cm]?[jt]s$/.test(entry)) await watch(entry);

/** @param {Record<string, unknown>} entry */
function log(entry) {
  if (process.env.TEST_RUN_LOG) appendFileSync(process.env.TEST_RUN_LOG, `${JSON.stringify(entry)}\n`);
}

/** The kinds of resource keeping the process alive, without its own stdout and stderr (pipes to the runner). */
function openResources() {
  const open = process.getActiveResourcesInfo();
  for (let stdio = 0; stdio < 2; stdio++) {
    const i = open.indexOf('PipeWrap');
    if (i >= 0) open.splice(i, 1);
  }
  return open.length > 0 ? open.join(', ') : 'nothing that node lists';
}

/** @param {string} entryFile */
async function watch(entryFile) {
  const exitGraceMs = Number(process.env.TEST_EXIT_GRACE_MS) || 30_000;
  const deadlineMs = Number(process.env.TEST_FILE_DEADLINE_MS) || 15 * 60_000;
  const file = relative(process.cwd(), entryFile);
  const { pid } = process;
  let ended = false;
  log({ kind: 'start', file, pid, at: Date.now() });

  /** @param {string} detail */
  const fail = (detail) => {
    ended = true;
    writeSync(2, `\n${file}: ${detail}.\n`);
    log({ kind: 'watchdog', file, pid, detail });
  };

  setTimeout(() => {
    fail(`still running after ${deadlineMs / 1000} s; still open: ${openResources()}`);
    process.exit(1);
  }, deadlineMs).unref();

  const { after } = await import('node:test');
  // Registered before the file's own top-level after() hooks, so it runs first: the grace period
  // covers them too.
  after(() => {
    setTimeout(() => {
      fail(`did not exit within ${exitGraceMs / 1000} s of its last test; still open: ${openResources()}`);
      process.exit(1);
    }, exitGraceMs).unref();
  });

  // A natural end passes through 'beforeExit'; process.exit() does not.
  process.on('beforeExit', () => {
    ended = true;
  });
  process.on('exit', (code) => {
    if (!ended && code === 0) {
      fail('process.exit() was called before node:test had finished (its last reports may be lost)');
      process.exitCode = 1;
    }
    log({ kind: 'exit', file, pid, code: process.exitCode ?? code });
  });
}
