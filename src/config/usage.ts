// STORE_QUESTIONS and RETENTION_DAYS: whether the text of questions that stayed unclear is kept for
// the gap queue, and for how long. Privacy by design: off unless an admin turns it on.
// RETENTION_DAYS also bounds the unknown-tool list, whatever STORE_QUESTIONS says.
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { SectionEnv } from './env.js';

export const USAGE_VARIABLES = ['STORE_QUESTIONS', 'RETENTION_DAYS'] as const;

export interface UsageSettings {
  /** Keep the text of unclear questions (with a timestamp) for the gap queue. */
  storeQuestions: boolean;
  /** Stored question texts are deleted this many days after they were asked; unknown-tool names this many days after the last question. */
  retentionDays: number;
}

export const DEFAULT_RETENTION_DAYS = 30;
// A hundred years; larger values overflow date arithmetic and are certainly a typo.
const MAX_RETENTION_DAYS = 36_500;

/** Reads the usage settings from `env`; an empty variable counts as unset. Throws ConfigError. */
export function parseUsageSettings(env: SectionEnv<typeof USAGE_VARIABLES>): UsageSettings {
  const issues: ConfigIssue[] = [];
  let storeQuestions = false;
  let retentionDays = DEFAULT_RETENTION_DAYS;

  const store = env.STORE_QUESTIONS?.trim().toLowerCase();
  if (store === 'true') storeQuestions = true;
  else if (store !== undefined && store !== '' && store !== 'false') {
    issues.push({ variable: 'STORE_QUESTIONS', message: `expected "true" or "false", got "${env.STORE_QUESTIONS}"` });
  }

  const days = env.RETENTION_DAYS?.trim();
  if (days !== undefined && days !== '') {
    const n = /^\d+$/.test(days) ? Number(days) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_RETENTION_DAYS) {
      issues.push({ variable: 'RETENTION_DAYS', message: `expected a whole number of days from 1 to ${MAX_RETENTION_DAYS}, got "${env.RETENTION_DAYS}"` });
    } else {
      retentionDays = n;
    }
  }

  if (issues.length > 0) throw new ConfigError(issues);
  return { storeQuestions, retentionDays };
}
