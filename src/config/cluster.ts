// Settings of the multi-instance mode (STORAGE_URL=redis://…), from environment variables. Every
// one has a default that suits a production deployment; tests shorten the times. A bad value throws
// ConfigError naming the variable and what is expected.
import { ConfigError } from '../errors.js';
import type { SectionEnv } from './env.js';

export interface ClusterSettings {
  /** Notifications in flight at once, per instance and platform (CLUSTER_NOTIFY_CONCURRENCY, default 16). */
  concurrency: number;
  /**
   * Notifications per second per platform, for the whole cluster (CLUSTER_NOTIFY_PER_SECOND,
   * default 50). BullMQ's limiter holds it across instances; a 429 from the platform pauses the
   * platform's queue for its Retry-After on top.
   */
  perSecond: number;
  /** Attempts per notification before it is dead-lettered (CLUSTER_NOTIFY_ATTEMPTS, default 8). Rate limits do not count. */
  attempts: number;
  /** First retry delay; doubles per attempt (CLUSTER_NOTIFY_BACKOFF_MS, default 2000). */
  backoffMs: number;
  /**
   * How long a job stays with an instance that stopped answering (CLUSTER_JOB_LOCK_MS, default
   * 30000): after a crash, the others take its jobs over within about twice this time.
   */
  lockMs: number;
  /** How often an instance compares its knowledge base with the cluster's (CLUSTER_VERSION_CHECK_MS, default 10000). */
  versionCheckMs: number;
  /** A delivery that has not finished by then counts as failed and is retried (CLUSTER_DELIVER_TIMEOUT_MS, default 60000). */
  deliverTimeoutMs: number;
}

export const DEFAULT_CLUSTER_SETTINGS: Readonly<ClusterSettings> = {
  concurrency: 16,
  perSecond: 50,
  attempts: 8,
  backoffMs: 2_000,
  lockMs: 30_000,
  versionCheckMs: 10_000,
  deliverTimeoutMs: 60_000,
};

export const CLUSTER_VARIABLES = [
  'CLUSTER_NOTIFY_CONCURRENCY',
  'CLUSTER_NOTIFY_PER_SECOND',
  'CLUSTER_NOTIFY_ATTEMPTS',
  'CLUSTER_NOTIFY_BACKOFF_MS',
  'CLUSTER_JOB_LOCK_MS',
  'CLUSTER_VERSION_CHECK_MS',
  'CLUSTER_DELIVER_TIMEOUT_MS',
] as const;

type Env = SectionEnv<typeof CLUSTER_VARIABLES>;

const VARIABLES: Record<keyof ClusterSettings, { name: (typeof CLUSTER_VARIABLES)[number]; min: number; max: number }> = {
  concurrency: { name: 'CLUSTER_NOTIFY_CONCURRENCY', min: 1, max: 1_000 },
  perSecond: { name: 'CLUSTER_NOTIFY_PER_SECOND', min: 1, max: 100_000 },
  attempts: { name: 'CLUSTER_NOTIFY_ATTEMPTS', min: 1, max: 100 },
  backoffMs: { name: 'CLUSTER_NOTIFY_BACKOFF_MS', min: 10, max: 3_600_000 },
  lockMs: { name: 'CLUSTER_JOB_LOCK_MS', min: 500, max: 600_000 },
  versionCheckMs: { name: 'CLUSTER_VERSION_CHECK_MS', min: 100, max: 3_600_000 },
  deliverTimeoutMs: { name: 'CLUSTER_DELIVER_TIMEOUT_MS', min: 100, max: 600_000 },
};

export function parseClusterSettings(env: Env): ClusterSettings {
  const settings: ClusterSettings = { ...DEFAULT_CLUSTER_SETTINGS };
  for (const key of Object.keys(VARIABLES) as (keyof ClusterSettings)[]) {
    const { name, min, max } = VARIABLES[key];
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d+$/.test(raw)) throw new ConfigError({ variable: name, message: `expected a whole number from ${min} to ${max} (got "${raw}")` });
    const value = Number(raw);
    if (value < min || value > max) throw new ConfigError({ variable: name, message: `expected a whole number from ${min} to ${max} (got ${value})` });
    settings[key] = value;
  }
  return settings;
}
