// Writes a file so that a reader (the bot's own watcher, an editor, `git`) sees either the old or
// the new content, never half of it: a temporary file in the same folder, flushed to disk, then
// renamed over the target (rename is atomic within one file system).
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Temporary files start with a dot and end in `.tmp`, so the knowledge loader (`*.yaml`) never reads them. */
export function isTemporaryFile(name: string): boolean {
  return /^\..*\.tmp$/.test(name);
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Keep the permissions of the file being replaced (a new file gets the usual 0666 minus umask).
  const mode = await stat(file).then(
    (s) => s.mode & 0o777,
    () => 0o666,
  );
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  // Persist the rename itself; not every platform lets a folder be opened for this, hence best effort.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // ignored: the data is already on disk; only the directory entry's durability is weaker
  }
}
