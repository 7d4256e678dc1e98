// The admin section: who is an admin (ADMINS), whether four eyes apply (FOUR_EYES), how long a
// proposal waits (PROPOSAL_TTL) and how long a refused attempt is kept (RETENTION_DAYS, read by the
// usage section's parser: one meaning, one parser). Each bad value throws a ConfigError naming the
// variable and the expected form.
import { normalizeActorId } from '../model/actor-id.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { section, type SectionEnv } from './env.js';
import { parseUsageSettings, USAGE_VARIABLES } from './usage.js';

export const ADMIN_VARIABLES = ['ADMINS', 'FOUR_EYES', 'PROPOSAL_TTL', ...USAGE_VARIABLES] as const;


type Env = SectionEnv<typeof ADMIN_VARIABLES>;

const ADMIN_ID = /^(slack|teams):([^\s:,]+)$/i;

/** `ADMINS=slack:U012ABC,teams:00000000-0000-0000-0000-000000000001` -> normalised ids. */
export function parseAdmins(env: Env): string[] {
  const raw = env.ADMINS?.trim();
  if (!raw) return [];
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const id of ids) {
    if (!ADMIN_ID.test(id)) {
      throw new ConfigError({ variable: 'ADMINS', message: `"${id}" is not an admin id: expected a comma-separated list of slack:<user id> (e.g. slack:U012ABCDEF) or teams:<AAD object id>` });
    }
  }
  return [...new Set(ids.map(normalizeActorId))];
}

export function parseFourEyes(env: Env): boolean {
  const raw = env.FOUR_EYES?.trim().toLowerCase();
  if (raw === undefined || raw === '') return false;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError({ variable: 'FOUR_EYES', message: `"${env.FOUR_EYES}" is not a yes/no value: expected true or false` });
}

export const DEFAULT_PROPOSAL_TTL_MS = 72 * 3_600_000;

/** `PROPOSAL_TTL=30m`, `48h`, `7d` (a bare number means hours). Default 72 hours. */
export function parseProposalTtl(env: Env): number {
  const raw = env.PROPOSAL_TTL?.trim();
  if (raw === undefined || raw === '') return DEFAULT_PROPOSAL_TTL_MS;
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)?$/i.exec(raw);
  const unit = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  const ms = m ? Number(m[1]) * unit[((m[2] ?? 'h').toLowerCase() as keyof typeof unit)] : NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new ConfigError({ variable: 'PROPOSAL_TTL', message: `"${raw}" is not a duration: expected e.g. 30m, 48h or 7d (a bare number means hours)` });
  }
  return ms;
}

export interface AdminSettings {
  admins: string[];
  fourEyes: boolean;
  proposalTtlMs: number;
  /** Refused admin attempts (who, when, command word) are forgotten after RETENTION_DAYS. */
  refusedRetentionMs: number;
}

/** The whole admin section; every bad variable is reported at once. */
export function parseAdminSettings(env: Env): AdminSettings {
  const issues: ConfigIssue[] = [];
  const admins = section(issues, () => parseAdmins(env)) ?? [];
  const fourEyes = section(issues, () => parseFourEyes(env)) ?? false;
  const proposalTtlMs = section(issues, () => parseProposalTtl(env)) ?? DEFAULT_PROPOSAL_TTL_MS;
  const retentionDays = section(issues, () => parseUsageSettings(env).retentionDays) ?? 0;
  if (issues.length > 0) throw new ConfigError(issues);
  return { admins, fourEyes, proposalTtlMs, refusedRetentionMs: retentionDays * 86_400_000 };
}
