// Reads the files of a knowledge folder defensively: a `git pull` or a careless admin can put
// anything there (git carries symlinks). Only regular files inside the folder are read: no named
// pipes, sockets, devices or folders named *.yaml, no symbolic links whose real path leaves the
// folder (links inside it are fine: Kubernetes ConfigMaps are made of them). Each file is opened
// non-blocking and checked again on the open descriptor, so a file swapped for a pipe between the
// check and the open cannot block; reads are bounded (limit + 1 byte), so neither a huge file nor
// /dev/zero can eat memory. A refused file is an issue of the knowledge base, never an exception.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { KbReadLimits } from '../config/kb-limits.js';
import type { KbIssue } from './issues.js';
import { decodeKnowledgeText } from './read-text.js';

export interface KnowledgeFolder {
  /** Every readable YAML file, keyed by its path relative to the folder (always with `/`). */
  files: Map<string, string>;
  /** Files that were found but refused (not read), each with the reason. */
  refused: KbIssue[];
  /** Problems of the folder as a whole (missing, unreadable, too large): nothing can be loaded. */
  folder: KbIssue[];
}

const YAML_NAME = /\.ya?ml$/;
// O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
// O_NOFOLLOW: the path was checked as a regular file; if it became a link since, the open fails.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
/** Files read between two turns of the event loop (see readKnowledgeFolder). */
const BATCH = 256;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

interface Candidate {
  /** Relative name, e.g. `tools/zoom.yaml`. */
  rel: string;
  full: string;
  entry: Dirent;
}

type Kind = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'character device' | 'block device' | 'unknown';

function kindOf(x: Dirent | Stats): Kind {
  if (x.isFile()) return 'file';
  if (x.isDirectory()) return 'directory';
  if (x.isSymbolicLink()) return 'symlink';
  if (x.isFIFO()) return 'fifo';
  if (x.isSocket()) return 'socket';
  if (x.isCharacterDevice()) return 'character device';
  if (x.isBlockDevice()) return 'block device';
  return 'unknown';
}

function notAFile(kind: Kind): string {
  switch (kind) {
    case 'directory':
      return 'is a folder, not a file: only regular files are read';
    case 'fifo':
      return 'is a named pipe (FIFO), not a regular file: remove it';
    case 'socket':
      return 'is a socket, not a regular file: remove it';
    case 'character device':
    case 'block device':
      return `is a device (${kind}), not a regular file: remove it`;
    default:
      return 'is not a regular file: remove it';
  }
}

function ioProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'disappeared while being read';
  if (code === 'ELOOP') return 'was replaced by a symbolic link while being read';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'ENXIO') return 'is a socket or device, not a regular file: remove it';
  return `cannot be read (${code ?? (err as Error)?.message ?? String(err)})`;
}

function inside(root: string, target: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
}

/**
 * Where a directory entry really is, if it may be opened: itself, or the real path of a link that
 * stays in the folder. Otherwise the reason it is refused.
 */
function resolveEntry(root: string, full: string, entry: Dirent, want: 'file' | 'directory'): { path: string } | { problem: string } {
  let kind = kindOf(entry);
  if (kind === 'unknown') {
    // Some file systems do not report the type in the listing.
    try {
      kind = kindOf(lstatSync(full));
    } catch (err) {
      return { problem: ioProblem(err) };
    }
  }
  if (kind === 'symlink') {
    let target: string;
    try {
      target = realpathSync(full);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { problem: 'is a symbolic link to a missing file' };
      if (code === 'ELOOP') return { problem: 'is a symbolic link that loops' };
      return { problem: ioProblem(err) };
    }
    if (!inside(root, target)) {
      return { problem: `is a symbolic link to ${target}, outside the knowledge folder: only files inside the folder are read` };
    }
    if (want === 'directory') {
      try {
        kind = kindOf(lstatSync(target));
      } catch (err) {
        return { problem: ioProblem(err) };
      }
      if (kind !== 'directory') return { problem: 'is not a folder: tools/ must be a folder of <id>.yaml files' };
    }
    return { path: target };
  }
  if (kind !== want) return { problem: want === 'directory' ? 'is not a folder: tools/ must be a folder of <id>.yaml files' : notAFile(kind) };
  return { path: full };
}

/**
 * Reads at most `max` + 1 bytes of a regular file. The type and size are taken from the open
 * descriptor, so what is read is what was checked: a path that became a pipe after the listing
 * said "file" is opened without waiting (O_NONBLOCK) and refused.
 */
export function readBounded(file: string, max: number): { bytes: Uint8Array } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (err) {
    return { problem: ioProblem(err) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: notAFile(kindOf(st)) };
    if (st.size > max) return { problem: tooLarge(st.size, max) };
    // The file may grow after fstat: keep reading until the end or until it is over the limit.
    let buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) break;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(buf.length * 2, 4096)));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > max) return { problem: tooLarge(undefined, max) };
    return { bytes: buf.subarray(0, n) };
  } catch (err) {
    return { problem: ioProblem(err) };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number | undefined, max: number): string {
  const is = size === undefined ? 'is larger than' : `is ${formatBytes(size)}, more than`;
  return `${is} the limit of ${formatBytes(max)} per file (KB_MAX_FILE_BYTES): a tool file is a few KB`;
}

async function list(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true });
}

/** Reads every YAML file of the knowledge folder `dir` (absolute), within `limits`. Never throws. */
export async function readKnowledgeFolder(dir: string, limits: KbReadLimits): Promise<KnowledgeFolder> {
  const files = new Map<string, string>();
  const refused: KbIssue[] = [];
  const folder: KbIssue[] = [];
  const result = { files, refused, folder };
  const refuse = (file: string, message: string, at: { line?: number | undefined; column?: number | undefined } = {}) =>
    refused.push({ file, path: [], ...(at.line !== undefined ? { line: at.line } : {}), ...(at.column !== undefined ? { column: at.column } : {}), message });

  let root: string;
  let top: Dirent[];
  try {
    // The folder itself may be a link (a mounted volume, a ConfigMap): its real path is the boundary.
    root = await realpath(dir);
    top = await list(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'the knowledge folder does not exist'
        : code === 'ENOTDIR'
          ? 'the knowledge folder is not a folder'
          : `cannot read the folder (${code ?? (err as Error).message})`;
    folder.push({ file: '.', path: [], message });
    return result;
  }

  const candidates: Candidate[] = top.filter((e) => YAML_NAME.test(e.name)).map((e) => ({ rel: e.name, full: path.join(root, e.name), entry: e }));
  const toolsEntry = top.find((e) => e.name === 'tools');
  if (toolsEntry) {
    const tools = resolveEntry(root, path.join(root, 'tools'), toolsEntry, 'directory');
    if ('problem' in tools) refuse('tools', tools.problem);
    else {
      try {
        for (const e of await list(tools.path)) {
          if (YAML_NAME.test(e.name)) candidates.push({ rel: `tools/${e.name}`, full: path.join(tools.path, e.name), entry: e });
        }
      } catch (err) {
        refuse('tools', ioProblem(err));
      }
    }
  }

  // Synchronous reads, in batches with a turn of the event loop between them: for 10,000 small
  // files fs/promises' readFile took about 1.1 s here (four thread-pool round trips per file), the
  // synchronous calls about 0.2 s. Nothing here can block for long: a regular file is read with a
  // bound, anything else is refused without being read; the pause keeps a running server answering.
  let total = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (i > 0 && i % BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const c = candidates[i] as Candidate;
    if (c.rel.includes('\uFFFD')) {
      // Node decodes a Latin-1 name with replacement characters: the path would not open.
      refuse(c.rel, 'the file name is not UTF-8: rename it (tool ids are lower-case letters, digits, "-", "_" or ".")');
      continue;
    }
    const where = resolveEntry(root, c.full, c.entry, 'file');
    if ('problem' in where) {
      refuse(c.rel, where.problem);
      continue;
    }
    const read = readBounded(where.path, limits.maxFileBytes);
    if ('problem' in read) {
      refuse(c.rel, read.problem);
      continue;
    }
    total += read.bytes.length;
    if (total > limits.maxTotalBytes) {
      folder.push({
        file: '.',
        path: [],
        message: `the YAML files add up to more than the limit of ${formatBytes(limits.maxTotalBytes)} (KB_MAX_TOTAL_BYTES); stopped reading at ${c.rel}`,
      });
      return result;
    }
    const decoded = decodeKnowledgeText(read.bytes);
    if ('problem' in decoded) refuse(c.rel, decoded.problem.message, { line: decoded.problem.line, column: decoded.problem.column });
    else files.set(c.rel, decoded.text);
  }
  return result;
}
