// The identity of a knowledge base, under which its audit log and proposals are kept: `kb-` and 16
// hex digits of the SHA-256 of its folder's real path (symlinks resolved). Decided so because the
// folder is the one thing that tells a copy (`--kb ../kb-copy`, same organisation, same tools) from
// the original; the organisation's name is not part of it, so renaming the organisation keeps the
// history. Consequences: moving the folder starts a new history (the old one stays under the old
// identity), and instances that share one store must mount the folder at the same path (as
// containers do). The hash keeps keys short and the path out of the store's keys.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';

export interface KbIdentity {
  /** `kb-0123456789abcdef`. */
  id: string;
  /** The real path it was computed from. */
  path: string;
}

const known = new Map<string, KbIdentity>();

/** The identity of the knowledge folder `dir`. Reads the file system once per folder (realpath). */
export function knowledgeBaseIdentity(dir: string): KbIdentity {
  const abs = path.resolve(dir);
  const cached = known.get(abs);
  if (cached) return cached;
  let real = abs;
  let resolved = false;
  try {
    real = realpathSync(abs);
    resolved = true;
  } catch {
    // A folder that does not exist (yet): its absolute path, not remembered, so it is resolved once it exists.
  }
  const identity = { id: `kb-${createHash('sha256').update(real).digest('hex').slice(0, 16)}`, path: real };
  if (resolved) {
    if (known.size >= 1_000) known.clear();
    known.set(abs, identity);
  }
  return identity;
}
