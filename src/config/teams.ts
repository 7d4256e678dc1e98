// The Teams section: on with an App ID (Bot Framework authentication on), or with TEAMS_ENABLED=true
// alone (authentication off, allowed only on a loopback HOST).
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { isLoopbackHost } from '../http/addresses.js';
import { optional, parseSchema, variablesOf, type Env } from './env.js';

export const TEAMS_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: TeamsAppType;
  /** False only with TEAMS_ENABLED=true and no MICROSOFT_APP_ID: every request is accepted (local use). */
  authEnabled: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TeamsEnv = z.object({
  MICROSOFT_APP_ID: optional(z.string().regex(GUID, { error: "expected the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000" })),
  MICROSOFT_APP_PASSWORD: optional(z.string()),
  MICROSOFT_APP_TENANT_ID: optional(z.string().regex(GUID, { error: 'expected the Microsoft Entra tenant ID, a GUID' })),
  MICROSOFT_APP_TYPE: optional(z.enum(TEAMS_APP_TYPES, { error: `expected one of ${TEAMS_APP_TYPES.join(', ')}` })),
  TEAMS_ENABLED: optional(
    z
      .string()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0'], { error: 'expected true or false' }))
      .transform((v) => v === 'true' || v === '1'),
  ),
});

export const TEAMS_VARIABLES = variablesOf(TeamsEnv);

/** The Teams settings, or null when Teams is off. `host` is where the server listens (HOST). */
export function parseTeams(env: Env, host: string): TeamsConfig | null {
  const e = parseSchema(TeamsEnv, env);
  const issues: ConfigIssue[] = [];
  // Single-tenant by default: Azure creates no new multi-tenant bots since 31 July 2025.
  const appType = e.MICROSOFT_APP_TYPE ?? 'SingleTenant';
  let teams: TeamsConfig | null = null;
  if (e.MICROSOFT_APP_ID !== undefined) {
    if (e.TEAMS_ENABLED === false) issues.push({ variable: 'TEAMS_ENABLED', message: 'is false, but MICROSOFT_APP_ID is set: unset one of them' });
    if (appType !== 'UserAssignedMSI' && e.MICROSOFT_APP_PASSWORD === undefined) {
      issues.push({ variable: 'MICROSOFT_APP_PASSWORD', message: `MICROSOFT_APP_ID is set (app type ${appType}), but MICROSOFT_APP_PASSWORD is missing` });
    }
    if (appType !== 'MultiTenant' && e.MICROSOFT_APP_TENANT_ID === undefined) {
      const why = e.MICROSOFT_APP_TYPE === undefined ? ' (the default; a bot registered as multi-tenant before August 2025 sets MICROSOFT_APP_TYPE=MultiTenant)' : '';
      issues.push({ variable: 'MICROSOFT_APP_TENANT_ID', message: `is required for MICROSOFT_APP_TYPE=${appType}${why}` });
    }
    teams = { appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, tenantId: e.MICROSOFT_APP_TENANT_ID, appType, authEnabled: true };
  } else {
    for (const v of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE'] as const) {
      if (e[v] !== undefined) issues.push({ variable: 'MICROSOFT_APP_ID', message: `${v} is set, but MICROSOFT_APP_ID is missing` });
    }
    if (e.TEAMS_ENABLED === true) {
      teams = { appType, authEnabled: false };
      if (!isLoopbackHost(host)) {
        issues.push({
          variable: 'TEAMS_ENABLED',
          message:
            `TEAMS_ENABLED=true without MICROSOFT_APP_ID turns Teams authentication off, which is allowed only on a loopback HOST ` +
            `(127.0.0.1, ::1 or localhost), but HOST is "${host}": set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or HOST=127.0.0.1`,
        });
      }
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return teams;
}
