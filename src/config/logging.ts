// The logging section: LOG_LEVEL (the server's default: info). src/logger.ts takes its first level
// from here (through src/config.ts) before the whole configuration is loaded: LOG_LEVEL, else
// silent under NODE_ENV=test, else info.
import { ConfigError } from '../errors.js';
import type { SectionEnv } from './env.js';

export const LOGGING_VARIABLES = ['LOG_LEVEL', 'NODE_ENV'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggingSettings {
  /** The level asked for (LOG_LEVEL), or undefined: then each command has its default. */
  requested: LogLevel | undefined;
  /** The server's level: LOG_LEVEL, else info. */
  level: LogLevel;
}

const isLevel = (v: string): v is LogLevel => (LOG_LEVELS as readonly string[]).includes(v);

export function parseLogging(env: SectionEnv<typeof LOGGING_VARIABLES>): LoggingSettings {
  const raw = env.LOG_LEVEL?.trim();
  if (raw && !isLevel(raw)) throw new ConfigError({ variable: 'LOG_LEVEL', message: `expected one of ${LOG_LEVELS.join(', ')} (got "${raw}")` });
  const requested = raw ? (raw as LogLevel) : undefined;
  return { requested, level: requested ?? 'info' };
}

/** The level to start with, never throwing: a malformed LOG_LEVEL is reported by the loader, not here. */
export function initialLogLevel(env: SectionEnv<typeof LOGGING_VARIABLES>): LogLevel {
  const raw = env.LOG_LEVEL?.trim();
  if (raw && isLevel(raw)) return raw;
  return env.NODE_ENV === 'test' ? 'silent' : 'info';
}
