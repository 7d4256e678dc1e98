// `serve --exit-with-parent` (what `npm start` uses): npm runs the script in a child shell, and
// stopping npm by its PID (kill PID, or kill -9) did not reach the server, which then kept the port.
// The start script `exec`s node, so the server is npm's own child, and the server watches that
// parent: once it is gone (the process is re-parented, so its parent PID changes), it stops itself
// the usual graceful way, by SIGTERM.

const POLL_MS = 500;

/** Sends SIGTERM to this process once its parent process has gone; returns a stop function. */
export function exitWithParent(signal: NodeJS.Signals = 'SIGTERM', pollMs = POLL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    // process.ppid is read afresh each time (getppid).
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, signal);
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
