// Limits on reading the knowledge folder (see src/kb/read-files.ts): a tool file is a few KB, so
// these leave ample room while keeping a huge file (or /dev/zero behind a link) from eating memory.
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { SectionEnv } from './env.js';

export const KB_LIMIT_VARIABLES = ['KB_MAX_FILE_BYTES', 'KB_MAX_TOTAL_BYTES'] as const;

export interface KbReadLimits {
  /** KB_MAX_FILE_BYTES: a larger file is refused (never read beyond this + 1 byte). */
  maxFileBytes: number;
  /** KB_MAX_TOTAL_BYTES: the folder is refused once its files add up to more. */
  maxTotalBytes: number;
}

export const DEFAULT_KB_READ_LIMITS: Readonly<KbReadLimits> = Object.freeze({
  maxFileBytes: 1024 * 1024, // 1 MiB per file
  maxTotalBytes: 64 * 1024 * 1024, // 64 MiB for the whole folder
});

const BYTE_SIZE_HINT = 'expected a size in bytes from 1, e.g. 1048576, 512KiB, 1MiB or 1GiB';
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `1048576`, `512KiB`, `1 MiB`, `2g` (units are binary: K = 1024) → bytes; undefined when malformed or below 1. */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? BYTE_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const n = Number(m[1]) * unit;
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** The knowledge-folder read limits from KB_MAX_FILE_BYTES and KB_MAX_TOTAL_BYTES (blank = default); throws ConfigError. */
export function parseKbReadLimits(env: SectionEnv<typeof KB_LIMIT_VARIABLES>): KbReadLimits {
  const issues: ConfigIssue[] = [];
  const read = (variable: (typeof KB_LIMIT_VARIABLES)[number], fallback: number): number => {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = parseByteSize(raw);
    if (n === undefined) issues.push({ variable, message: `${BYTE_SIZE_HINT} (got "${raw.trim()}")` });
    return n ?? fallback;
  };
  const limits = { maxFileBytes: read('KB_MAX_FILE_BYTES', DEFAULT_KB_READ_LIMITS.maxFileBytes), maxTotalBytes: read('KB_MAX_TOTAL_BYTES', DEFAULT_KB_READ_LIMITS.maxTotalBytes) };
  if (issues.length > 0) throw new ConfigError(issues);
  return limits;
}
