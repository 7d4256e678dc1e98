// Admin settings from the environment: who is an admin (ADMINS), whether four eyes apply
// (FOUR_EYES), how long a proposal waits (PROPOSAL_TTL) and how long a refused attempt is kept
// (RETENTION_DAYS, read by the usage settings' parser: one meaning, one parser). Each bad value
// throws an error naming the variable and the expected form.
import { ConfigError } from '../errors.js';
import { parseUsageSettings } from '../usage/settings.js';


type Env = Record<string, string | undefined>;

const ADMIN_ID = /^(slack|teams):([^\s:,]+)$/i;

/** Normal form of an actor id: platform in lower case; Teams AAD object ids (GUIDs) in lower case too. */
export function normalizeActorId(id: string): string {
  const m = /^([^:]+):(.*)$/.exec(id.trim());
  if (!m) return id.trim();
  const platform = (m[1] as string).toLowerCase();
  const rest = m[2] as string;
  return `${platform}:${platform === 'teams' ? rest.toLowerCase() : rest}`;
}

/** `ADMINS=slack:U012ABC,teams:00000000-0000-0000-0000-000000000001` -> normalised ids. */
export function parseAdmins(env: Env = process.env): string[] {
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

export function parseFourEyes(env: Env = process.env): boolean {
  const raw = env.FOUR_EYES?.trim().toLowerCase();
  if (raw === undefined || raw === '') return false;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError({ variable: 'FOUR_EYES', message: `"${env.FOUR_EYES}" is not a yes/no value: expected true or false` });
}

export const DEFAULT_PROPOSAL_TTL_MS = 72 * 3_600_000;

/** `PROPOSAL_TTL=30m`, `48h`, `7d` (a bare number means hours). Default 72 hours. */
export function parseProposalTtl(env: Env = process.env): number {
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

export function parseAdminSettings(env: Env = process.env): AdminSettings {
  return {
    admins: parseAdmins(env),
    fourEyes: parseFourEyes(env),
    proposalTtlMs: parseProposalTtl(env),
    refusedRetentionMs: parseUsageSettings(env).retentionDays * 86_400_000,
  };
}
