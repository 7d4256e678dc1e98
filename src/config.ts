// Configuration of the server process, from environment variables (and a `.env` file in the working
// directory, which never overrides a real variable), validated once at start. Every problem is
// reported with the variable's name and what is expected, all at once, and secrets are never echoed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as applyDotenv, parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';
import { isLoopbackHost, parseTrustedProxies, type TrustedProxies } from './http/addresses.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const TEAMS_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

export interface SlackConfig {
  botToken: string;
  /** HTTP events (Events API, slash commands, interactivity) are verified with it. */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Web API base URL ending in `/` (tests point it at a fake). */
  apiUrl?: string;
  socketMode: boolean;
}

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: TeamsAppType;
  /** False only with TEAMS_ENABLED=true and no MICROSOFT_APP_ID: every request is accepted (local use). */
  authEnabled: boolean;
}

/** Limits and protections of the HTTP server (see the README's "HTTP hardening" settings). */
export interface HttpConfig {
  /** Questions (POST /api/ask and /web/ask) per client and minute, also the burst; 0 = no limit. RATE_LIMIT_QUESTIONS, default 30. */
  questionsPerMinute: number;
  /** Feedback clicks (POST /web/feedback) per client and minute; 0 = no limit. RATE_LIMIT_FEEDBACK, default 10. */
  feedbackPerMinute: number;
  /** Which peers may name the client in X-Forwarded-For. TRUSTED_PROXIES, default none. */
  trustedProxies: TrustedProxies;
  /** Secret of the pseudonymous client keys; random per process when unset. CLIENT_KEY_SECRET. */
  clientKeySecret?: string;
  /** Bearer token that GET /metrics requires. METRICS_TOKEN. */
  metricsToken?: string;
  /** A separate listener for /metrics (then not served on the main port). METRICS_PORT / METRICS_HOST (default 127.0.0.1). */
  metricsListen?: { host: string; port: number };
  /** Largest body accepted on POST /api/messages (Teams), in bytes. TEAMS_MAX_BODY_KB, default 256. */
  teamsMaxBodyBytes: number;
}

export const DEFAULT_HTTP_CONFIG: HttpConfig = {
  questionsPerMinute: 30,
  feedbackPerMinute: 10,
  trustedProxies: { kind: 'none' },
  teamsMaxBodyBytes: 256 * 1024,
};

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the knowledge folder. */
  knowledgeDir: string;
  logLevel: LogLevel;
  /** null: Slack is off. */
  slack: SlackConfig | null;
  /** null: Teams is off. */
  teams: TeamsConfig | null;
  /** STORAGE_URL: `redis://…`, `postgres://…`, `sqlite:PATH`; undefined = data/compliance-bot.sqlite. */
  storageUrl: string | undefined;
  /** HTTP limits and protections; DEFAULT_HTTP_CONFIG when absent. */
  http?: HttpConfig;
  /**
   * Every variable as read (process.env plus .env): the settings of optional features (ADMINS,
   * FOUR_EYES, STORE_QUESTIONS, LLM_*) are parsed by their own modules from it.
   */
  env: Readonly<Record<string, string | undefined>>;
}

// Values whose text must never appear in an error message or a log.
const SECRET_VARIABLES = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'STORAGE_URL',
  'METRICS_TOKEN',
  'CLIENT_KEY_SECRET',
]);

// Limits on reading the knowledge folder (see src/kb/read-files.ts): a tool file is a few KB, so
// these leave ample room while keeping a huge file (or /dev/zero behind a link) from eating memory.
export const DEFAULT_KB_MAX_FILE_BYTES = 1024 * 1024; // 1 MiB per file
export const DEFAULT_KB_MAX_TOTAL_BYTES = 64 * 1024 * 1024; // 64 MiB for the whole folder

export interface KbReadLimits {
  /** KB_MAX_FILE_BYTES: a larger file is refused (never read beyond this + 1 byte). */
  maxFileBytes: number;
  /** KB_MAX_TOTAL_BYTES: the folder is refused once its files add up to more. */
  maxTotalBytes: number;
}

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

/**
 * The knowledge-folder read limits from KB_MAX_FILE_BYTES and KB_MAX_TOTAL_BYTES (blank = default).
 * Read where the folder is read (server, CLI, workers), not only by `serve`; throws ConfigError.
 */
export function kbReadLimits(env: Readonly<Record<string, string | undefined>> = process.env): KbReadLimits {
  const issues: ConfigIssue[] = [];
  const read = (variable: 'KB_MAX_FILE_BYTES' | 'KB_MAX_TOTAL_BYTES', fallback: number): number => {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = parseByteSize(raw);
    if (n === undefined) issues.push({ variable, message: `${BYTE_SIZE_HINT} (got "${raw.trim()}")` });
    return n ?? fallback;
  };
  const limits = { maxFileBytes: read('KB_MAX_FILE_BYTES', DEFAULT_KB_MAX_FILE_BYTES), maxTotalBytes: read('KB_MAX_TOTAL_BYTES', DEFAULT_KB_MAX_TOTAL_BYTES) };
  if (issues.length > 0) throw new ConfigError(issues);
  return limits;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// An empty or blank variable (`FOO=` in a compose file) counts as unset.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const PortText = z
  .string()
  .regex(/^\d{1,5}$/, { error: 'expected a port number from 0 to 65535' })
  .transform(Number)
  .refine((n) => n <= 65535, { error: 'expected a port number from 0 to 65535' });

const PerMinute = z
  .string()
  .regex(/^\d{1,6}$/, { error: 'expected a number of requests per minute (0 = no limit)' })
  .transform(Number);

const Env = z.object({
  PORT: optional(PortText),
  HOST: optional(
    z.string().regex(/^[A-Za-z0-9.:%-]+$/, { error: 'expected a host name or IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' }),
  ),
  KNOWLEDGE_DIR: optional(z.string()),
  STORAGE_URL: optional(
    z.string().regex(/^(redis|rediss|postgres|postgresql|sqlite):/, { error: 'expected redis://…, postgres://… or sqlite:PATH (leave it unset for data/compliance-bot.sqlite)' }),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })),
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', { error: 'expected a Slack bot token starting with "xoxb-"' })),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^\S+$/, { error: 'expected the signing secret of the Slack app (no spaces)' })),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', { error: 'expected a Slack app-level token starting with "xapp-"' })),
  SLACK_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL of the Slack Web API, e.g. https://slack.com/api/' })
      .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  ),
  MICROSOFT_APP_ID: optional(z.string().regex(GUID, { error: 'expected the bot\'s Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000' })),
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
  RATE_LIMIT_QUESTIONS: optional(PerMinute),
  RATE_LIMIT_FEEDBACK: optional(PerMinute),
  TRUSTED_PROXIES: optional(z.string()),
  CLIENT_KEY_SECRET: optional(z.string().min(16, { error: 'expected at least 16 characters' })),
  METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{16,}$/, { error: 'expected at least 16 printable characters without spaces' })),
  METRICS_PORT: optional(PortText),
  METRICS_HOST: optional(
    z.string().regex(/^[A-Za-z0-9.:%-]+$/, { error: 'expected a host name or IP address to listen on, e.g. 127.0.0.1' }),
  ),
  TEAMS_MAX_BODY_KB: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: 'expected a size in KB from 1 to 10240' })
      .transform(Number)
      .refine((n) => n >= 1 && n <= 10240, { error: 'expected a size in KB from 1 to 10240' }),
  ),
  // Checked here so that `serve` refuses a malformed value at start; read by kbReadLimits().
  KB_MAX_FILE_BYTES: optional(z.string().refine((v) => parseByteSize(v) !== undefined, { error: BYTE_SIZE_HINT })),
  KB_MAX_TOTAL_BYTES: optional(z.string().refine((v) => parseByteSize(v) !== undefined, { error: BYTE_SIZE_HINT })),
});

export interface LoadConfigOptions {
  /**
   * A dotenv file whose values apply where `env` has none. Default: `.env` in the working directory
   * when `env` is `process.env`; none for any other `env` (tests pass exactly what they mean).
   * `false` reads no file.
   */
  envFile?: string | false;
}

/** Reads and validates the configuration; throws ConfigError naming every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env, options: LoadConfigOptions = {}): Config {
  const envFile = options.envFile ?? (env === process.env ? path.resolve('.env') : false);
  let merged: Record<string, string | undefined>;
  if (env === process.env) {
    // The usual dotenv behaviour: the file fills the gaps in process.env, so every module sees it.
    if (envFile !== false && existsSync(envFile)) applyDotenv({ path: envFile, override: false, quiet: true });
    merged = process.env;
  } else {
    merged = { ...readEnvFile(envFile), ...definedOnly(env) };
  }

  const parsed = Env.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        const raw = merged[variable];
        const got = SECRET_VARIABLES.has(variable) || raw === undefined ? '' : ` (got "${raw.trim()}")`;
        return { variable, message: `${issue.message}${got}` };
      }),
    );
  }
  const e = parsed.data;
  const issues: ConfigIssue[] = [];

  // Slack: a bot token plus a way to receive events (signing secret for HTTP, app token for Socket Mode).
  let slack: SlackConfig | null = null;
  if (e.SLACK_BOT_TOKEN !== undefined) {
    if (e.SLACK_SIGNING_SECRET === undefined && e.SLACK_APP_TOKEN === undefined) {
      issues.push({
        variable: 'SLACK_SIGNING_SECRET',
        message: 'SLACK_BOT_TOKEN is set, but SLACK_SIGNING_SECRET (HTTP events) or SLACK_APP_TOKEN (Socket Mode) is missing',
      });
    } else {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        socketMode: e.SLACK_APP_TOKEN !== undefined,
      };
    }
  } else {
    for (const v of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL'] as const) {
      if (e[v] !== undefined) issues.push({ variable: 'SLACK_BOT_TOKEN', message: `${v} is set, but SLACK_BOT_TOKEN (xoxb-…) is missing` });
    }
  }

  // Teams: on with an App ID (authenticated), or with TEAMS_ENABLED=true alone (authentication off).
  let teams: TeamsConfig | null = null;
  const appType = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (e.MICROSOFT_APP_ID !== undefined) {
    if (e.TEAMS_ENABLED === false) {
      issues.push({ variable: 'TEAMS_ENABLED', message: 'is false, but MICROSOFT_APP_ID is set: unset one of them' });
    }
    if (appType !== 'UserAssignedMSI' && e.MICROSOFT_APP_PASSWORD === undefined) {
      issues.push({ variable: 'MICROSOFT_APP_PASSWORD', message: `MICROSOFT_APP_ID is set (app type ${appType}), but MICROSOFT_APP_PASSWORD is missing` });
    }
    if (appType !== 'MultiTenant' && e.MICROSOFT_APP_TENANT_ID === undefined) {
      issues.push({ variable: 'MICROSOFT_APP_TENANT_ID', message: `is required for MICROSOFT_APP_TYPE=${appType}` });
    }
    teams = {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType,
      authEnabled: true,
    };
  } else {
    for (const v of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE'] as const) {
      if (e[v] !== undefined) issues.push({ variable: 'MICROSOFT_APP_ID', message: `${v} is set, but MICROSOFT_APP_ID is missing` });
    }
    if (e.TEAMS_ENABLED === true) {
      teams = { appType, authEnabled: false };
      const host = e.HOST ?? '127.0.0.1';
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

  let trustedProxies: TrustedProxies = { kind: 'none' };
  try {
    trustedProxies = parseTrustedProxies(e.TRUSTED_PROXIES);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues.push(...err.issues);
  }
  if (e.METRICS_HOST !== undefined && e.METRICS_PORT === undefined) {
    issues.push({ variable: 'METRICS_PORT', message: 'METRICS_HOST is set, but METRICS_PORT is missing (the port of the separate metrics listener)' });
  }
  const http: HttpConfig = {
    questionsPerMinute: e.RATE_LIMIT_QUESTIONS ?? DEFAULT_HTTP_CONFIG.questionsPerMinute,
    feedbackPerMinute: e.RATE_LIMIT_FEEDBACK ?? DEFAULT_HTTP_CONFIG.feedbackPerMinute,
    trustedProxies,
    ...(e.CLIENT_KEY_SECRET !== undefined ? { clientKeySecret: e.CLIENT_KEY_SECRET } : {}),
    ...(e.METRICS_TOKEN !== undefined ? { metricsToken: e.METRICS_TOKEN } : {}),
    ...(e.METRICS_PORT !== undefined ? { metricsListen: { host: e.METRICS_HOST ?? '127.0.0.1', port: e.METRICS_PORT } } : {}),
    teamsMaxBodyBytes: (e.TEAMS_MAX_BODY_KB ?? DEFAULT_HTTP_CONFIG.teamsMaxBodyBytes / 1024) * 1024,
  };

  if (issues.length > 0) throw new ConfigError(issues);
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? '127.0.0.1',
    knowledgeDir: e.KNOWLEDGE_DIR !== undefined ? path.resolve(e.KNOWLEDGE_DIR) : defaultKnowledgeDir(),
    logLevel: e.LOG_LEVEL ?? 'info',
    slack,
    teams,
    storageUrl: e.STORAGE_URL,
    http,
    env: { ...merged },
  };
}

export interface ConfigDescription {
  host: string;
  port: number;
  knowledgeDir: string;
  logLevel: LogLevel;
  /** One entry per adapter that is on, e.g. `slack (Socket Mode)`. */
  adapters: string[];
}

/** What the start-up log shows: where, which knowledge folder and which adapters. Never a secret. */
export function describeConfig(config: Config): ConfigDescription {
  const adapters = ['web'];
  if (config.slack) adapters.push(config.slack.socketMode ? 'slack (Socket Mode)' : 'slack (HTTP events)');
  if (config.teams) adapters.push(config.teams.authEnabled ? `teams (${config.teams.appType})` : 'teams (AUTHENTICATION OFF)');
  return { host: config.host, port: config.port, knowledgeDir: config.knowledgeDir, logLevel: config.logLevel, adapters };
}

/** Parses a `--port` option the way PORT is parsed. */
export function parsePort(text: string): number {
  const r = PortText.safeParse(text.trim());
  if (!r.success) throw new ConfigError([{ variable: 'port', message: `expected a port number from 0 to 65535 (got "${text}")` }]);
  return r.data;
}

/** The folder this package ships (`<package root>/knowledge`), wherever the process was started. */
export function defaultKnowledgeDir(): string {
  return path.join(packageRoot(), 'knowledge');
}

let root: string | undefined;
/** The directory of this package's package.json, found from this module (src/ or dist/src/). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'compliance-bot') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the compliance-bot package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

function readEnvFile(file: string | false): Record<string, string> {
  if (file === false || !existsSync(file)) return {};
  return parseDotenv(readFileSync(file));
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
