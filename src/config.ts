// The configuration, read in one place: this module (with one file per section in src/config/) is
// the only code that reads process.env. It reads the environment once per call, a `.env` file in the
// working directory included (it never overrides a real variable), validates every section, reports
// every problem at once (ConfigError naming each variable, never echoing a secret) and returns one
// frozen Config. Every other module receives its section as a parameter.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { parseAdminSettings, ADMIN_VARIABLES, type AdminSettings } from './config/admin.js';
import { parseCli, CLI_VARIABLES, type CliSettings } from './config/cli.js';
import { parseClusterSettings, CLUSTER_VARIABLES, type ClusterSettings } from './config/cluster.js';
import { section, type Env } from './config/env.js';
import { parseKbReadLimits, KB_LIMIT_VARIABLES, type KbReadLimits } from './config/kb-limits.js';
import { parseKbCacheDir, KB_CACHE_VARIABLES } from './config/kb-cache.js';
import { loadContextHelpSettings, loadLlmConfig, LLM_VARIABLES, type ContextHelpSettings, type LlmConfig } from './config/llm.js';
import { initialLogLevel, parseLogging, LOGGING_VARIABLES, type LoggingSettings, type LogLevel } from './config/logging.js';
import { DEFAULT_HTTP_CONFIG, listenHost, parseServer, PortText, SERVER_VARIABLES, type HttpConfig } from './config/server.js';
import { parseSlack, SLACK_VARIABLES, type SlackConfig } from './config/slack.js';
import { parseStorageUrl, STORAGE_VARIABLES } from './config/storage.js';
import { parseTeams, TEAMS_VARIABLES, type TeamsConfig } from './config/teams.js';
import { USAGE_VARIABLES, parseUsageSettings, type UsageSettings } from './config/usage.js';
import { parseRequestSettings, REQUESTS_VARIABLES, type RequestSettings } from './config/requests.js';
import { ConfigError, type ConfigIssue } from './errors.js';

export type { HttpConfig, LogLevel, SlackConfig, TeamsConfig };
export type { TeamsAppType } from './config/teams.js';

/** Every variable the configuration reads, by section (docs/deployment.md and .env.example list them all). */
export const CONFIG_VARIABLES = {
  server: SERVER_VARIABLES,
  logging: LOGGING_VARIABLES,
  storage: STORAGE_VARIABLES,
  kbLimits: KB_LIMIT_VARIABLES,
  kbCache: KB_CACHE_VARIABLES,
  slack: SLACK_VARIABLES,
  teams: TEAMS_VARIABLES,
  admin: ADMIN_VARIABLES,
  usage: USAGE_VARIABLES,
  requests: REQUESTS_VARIABLES,
  llm: LLM_VARIABLES,
  cluster: CLUSTER_VARIABLES,
  cli: CLI_VARIABLES,
} as const;

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the knowledge folder. */
  knowledgeDir: string;
  logLevel: LogLevel;
  logging: LoggingSettings;
  /** null: Slack is off. */
  slack: SlackConfig | null;
  /** null: Teams is off. */
  teams: TeamsConfig | null;
  /** STORAGE_URL: `redis://…`, `postgres://…`, `sqlite:PATH`; undefined = data/compliance-bot.sqlite. */
  storageUrl: string | undefined;
  /** HTTP limits and protections; DEFAULT_HTTP_CONFIG when absent. */
  http?: HttpConfig;
  /** Limits on reading the knowledge folder. */
  kbLimits: KbReadLimits;
  /** KB_CACHE_DIR: the folder of the knowledge record cache (absolute), null for none. */
  kbCacheDir: string | null;
  admin: AdminSettings;
  usage: UsageSettings;
  /** Where admins hear about requests for an assessment. */
  requests: RequestSettings;
  /** null: no LLM (summaries and context help off). */
  llm: LlmConfig | null;
  /** null when there is no LLM. */
  contextHelp: ContextHelpSettings | null;
  /** Settings of the multi-instance mode (used on Redis only). */
  cluster: ClusterSettings;
  /** Who runs a CLI command and in which language it answers. */
  cli: CliSettings;
}

export interface LoadConfigOptions {
  /**
   * A dotenv file whose values apply where the environment has none. Default: `.env` in the working
   * directory when reading the process environment; none when `env` is given (tests pass exactly
   * what they mean). `false` reads no file.
   */
  envFile?: string | false;
}

/** The process environment with the `.env` file filling its gaps: the one place process.env is read. */
export function readEnvironment(envFile: string | false = path.resolve('.env')): Env {
  return { ...readEnvFile(envFile), ...definedOnly(process.env) };
}

/** The log level to start with, before the configuration is loaded (src/logger.ts, the CLI). */
export function startupLogging(): LoggingSettings {
  const env = readEnvironment();
  // A malformed LOG_LEVEL is reported by loadConfig; until then the default level applies.
  return { requested: section([], () => parseLogging(env).requested), level: initialLogLevel(env) };
}

/** Reads and validates the configuration; throws ConfigError naming every bad or missing variable. */
export function loadConfig(env?: Env, options: LoadConfigOptions = {}): Config {
  const source: Env = env === undefined ? readEnvironment(options.envFile) : { ...readEnvFile(options.envFile ?? false), ...definedOnly(env) };
  const issues: ConfigIssue[] = [];
  const server = section(issues, () => parseServer(source, defaultKnowledgeDir));
  const logging = section(issues, () => parseLogging(source));
  const storageUrl = section(issues, () => parseStorageUrl(source));
  const kbLimits = section(issues, () => parseKbReadLimits(source));
  const kbCacheDir = parseKbCacheDir(source, packageRoot);
  const slack = section(issues, () => parseSlack(source));
  const teams = section(issues, () => parseTeams(source, listenHost(source)));
  const usage = section(issues, () => parseUsageSettings(source));
  // RETENTION_DAYS is read by the usage and the admin section: report a bad value once.
  const admin = section(issues, () => parseAdminSettings({ ...source, RETENTION_DAYS: usage ? source.RETENTION_DAYS : undefined }));
  const requests = section(issues, () => parseRequestSettings(source));
  const llm = section(issues, () => loadLlmConfig(source));
  const contextHelp = llm ? section(issues, () => loadContextHelpSettings(source)) : null;
  const cluster = section(issues, () => parseClusterSettings(source));
  const cli = parseCli(source);

  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze({
    port: server!.port,
    host: server!.host,
    knowledgeDir: server!.knowledgeDir,
    logLevel: logging!.level,
    logging: logging!,
    slack: slack ?? null,
    teams: teams ?? null,
    storageUrl,
    http: server!.http,
    kbLimits: kbLimits!,
    kbCacheDir,
    admin: admin!,
    usage: usage!,
    requests: requests!,
    llm: llm ?? null,
    contextHelp: contextHelp ?? null,
    cluster: cluster!,
    cli,
  });
}

/** A copy of `config` with the command line's overrides (`serve --port`, `--kb`), frozen like the original. */
export function withOverrides(config: Config, overrides: Partial<Pick<Config, 'port' | 'knowledgeDir'>>): Config {
  return deepFreeze({ ...config, ...overrides });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    // A BlockList (TRUSTED_PROXIES) is a class instance: its methods need its internal state, leave it.
    if (Object.getPrototypeOf(value) === Object.prototype || Array.isArray(value)) {
      Object.freeze(value);
      for (const v of Object.values(value)) deepFreeze(v);
    }
  }
  return value;
}

export { DEFAULT_HTTP_CONFIG };

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
