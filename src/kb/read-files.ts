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
import type { KbPhrases } from '../phrases/kb-types.js';
import { KB_PHRASES, said, type KbSaid } from './issues.js';
import { type KbIssue } from '../model/file-issue.js';
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

/** A size as people read it: 2 MiB, 1.5 KiB, 300 bytes (1,5 KiB and 300 Bytes with the German phrases). */
export function formatBytes(n: number, p: KbPhrases = KB_PHRASES.en): string {
  const decimal = (x: number) => x.toFixed(1).replace('.', p.decimalSeparator);
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${decimal(n / (1024 * 1024))} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  if (n >= 1024) return `${decimal(n / 1024)} KiB`;
  return p.bytes(String(n));
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

function notAFile(kind: Kind): KbSaid {
  switch (kind) {
    case 'directory':
      return said((p) => p.isFolder);
    case 'fifo':
      return said((p) => p.isPipe);
    case 'socket':
      return said((p) => p.isSocket);
    case 'character device':
    case 'block device':
      return said((p) => p.isDevice);
    default:
      return said((p) => p.notRegularFile);
  }
}

function ioProblem(err: unknown): KbSaid {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return said((p) => p.disappeared);
  if (code === 'ELOOP') return said((p) => p.becameLink);
  if (code === 'EACCES' || code === 'EPERM') return said((p) => p.permissionDenied);
  if (code === 'ENXIO') return said((p) => p.socketOrDevice);
  const detail = code ?? (err as Error)?.message ?? String(err);
  return said((p) => p.cannotRead(detail));
}

function inside(root: string, target: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
}

/**
 * Where a directory entry really is, if it may be opened: itself, or the real path of a link that
 * stays in the folder. Otherwise the reason it is refused.
 */
function resolveEntry(root: string, full: string, entry: Dirent, want: 'file' | 'directory'): { path: string } | { problem: KbSaid } {
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
      if (code === 'ENOENT') return { problem: said((p) => p.linkToMissing) };
      if (code === 'ELOOP') return { problem: said((p) => p.linkLoops) };
      return { problem: ioProblem(err) };
    }
    if (!inside(root, target)) {
      return { problem: said((p) => p.linkOutside(target)) };
    }
    if (want === 'directory') {
      try {
        kind = kindOf(lstatSync(target));
      } catch (err) {
        return { problem: ioProblem(err) };
      }
      if (kind !== 'directory') return { problem: said((p) => p.toolsNotFolder) };
    }
    return { path: target };
  }
  if (kind !== want) return { problem: want === 'directory' ? said((p) => p.toolsNotFolder) : notAFile(kind) };
  return { path: full };
}

/**
 * Reads at most `max` + 1 bytes of a regular file. The type and size are taken from the open
 * descriptor, so what is read is what was checked: a path that became a pipe after the listing
 * said "file" is opened without waiting (O_NONBLOCK) and refused.
 */
export function readBounded(file: string, max: number): { bytes: Uint8Array } | { problem: KbSaid } {
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

function tooLarge(size: number | undefined, max: number): KbSaid {
  return said((p) => (size === undefined ? p.grewTooLarge(formatBytes(max, p)) : p.tooLarge(formatBytes(size, p), formatBytes(max, p))));
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
  const refuse = (file: string, problem: KbSaid, at: { line?: number | undefined; column?: number | undefined } = {}) =>
    refused.push({ file, path: [], ...(at.line !== undefined ? { line: at.line } : {}), ...(at.column !== undefined ? { column: at.column } : {}), message: problem.message, text: problem.text });

  let root: string;
  let top: Dirent[];
  try {
    // The folder itself may be a link (a mounted volume, a ConfigMap): its real path is the boundary.
    root = await realpath(dir);
    top = await list(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const detail = code ?? (err as Error).message;
    const problem = said((p) => (code === 'ENOENT' ? p.folderMissing : code === 'ENOTDIR' ? p.folderNotFolder : p.folderUnreadable(detail)));
    folder.push({ file: '.', path: [], ...problem });
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
      refuse(c.rel, said((p) => p.nameNotUtf8));
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
      folder.push({ file: '.', path: [], ...said((p) => p.totalTooLarge(formatBytes(limits.maxTotalBytes, p), c.rel)) });
      return result;
    }
    const decoded = decodeKnowledgeText(read.bytes);
    if ('problem' in decoded) refuse(c.rel, decoded.problem, { line: decoded.problem.line, column: decoded.problem.column });
    else files.set(c.rel, decoded.text);
  }
  return result;
}
