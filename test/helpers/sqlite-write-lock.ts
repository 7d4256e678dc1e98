// Another program holding the write lock of an SQLite file (a `sqlite3` shell left in a transaction,
// a backup tool): the bot's connections still read, but every write waits out SQLite's busy timeout
// and fails, as a store that does not answer. The lock is held by a child process, so the bot's
// waiting writes cannot starve the lock holder of threads.
//
//   const lock = await holdSqliteWriteLock(file);
//   ...
//   await lock.release();
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface SqliteWriteLock {
  /** Ends the transaction and the child process. */
  release(): Promise<void>;
}

const SELF = fileURLToPath(import.meta.url);

export async function holdSqliteWriteLock(file: string): Promise<SqliteWriteLock> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('locked\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock: ${out}`)));
  });
  let released: Promise<void> | undefined;
  return {
    release: () =>
      (released ??= (async () => {
        const exited = once(child, 'exit');
        child.stdin.end('release\n');
        await exited;
      })()),
  };
}

// The child: BEGIN EXCLUSIVE on the file, "locked" on stdout, COMMIT when stdin ends.
if (process.argv[1] === SELF) {
  const { KeyvSqlite } = await import('@keyv/sqlite');
  const store = new KeyvSqlite({ uri: `sqlite://${process.argv[2]}`, table: 'keyv' });
  const query = (store as unknown as { query: (sql: string) => Promise<unknown> }).query;
  await query('BEGIN EXCLUSIVE');
  process.stdout.write('locked\n');
  process.stdin.resume();
  await once(process.stdin, 'end');
  await query('COMMIT');
  await store.disconnect();
}
