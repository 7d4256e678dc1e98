// What the recorder stores per key (see the layout in recorder.ts), shared by the recorder and the
// report builder.
import type { ToolVerdict } from '../model/answer.js';
import type { Platform } from '../model/platform.js';

export interface ToolRecord {
  /** Name as last answered. */
  name: string;
  verdicts: Partial<Record<ToolVerdict, number>>;
  helpful: number;
  notHelpful: number;
}

export interface CategoryRecord {
  name: string;
  answers: number;
}

export interface UnknownRecord {
  /** Display form. */
  name: string;
  /** Sum of `days` (records written before `days` existed: all questions ever). */
  count: number;
  /** ms since the epoch */
  lastAsked: number;
  /** Questions per UTC day ("2025-03-26" -> n); days older than the retention period are dropped. */
  days?: Record<string, number>;
}

// A Record, so adding a platform to the Platform type fails to compile until it is listed here.
const PLATFORM_KEYS: Record<Platform, true> = { slack: true, teams: true, web: true, cli: true, mcp: true };
export const PLATFORMS = Object.keys(PLATFORM_KEYS) as Platform[];

export function isPlatform(p: unknown): p is Platform {
  return typeof p === 'string' && Object.hasOwn(PLATFORM_KEYS, p);
}

export interface WordRecord {
  /** Display form (as written; a capitalised form wins). */
  word: string;
  /** The language the word was found in: a synonym filed for it goes under this language. */
  language: 'de' | 'en';
  /** Sum of `days`. */
  count: number;
  /** ms since the epoch */
  lastAsked: number;
  /** Questions per UTC day; days older than the retention period are dropped. */
  days: Record<string, number>;
}
