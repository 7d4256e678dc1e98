// The server section: where it listens, the knowledge folder, and the HTTP limits and protections
// (see the README's "Hardening").
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { parseTrustedProxies, type TrustedProxies } from '../http/addresses.js';
import { optional, parseSchema, section, variablesOf, type Env } from './env.js';

/** Limits and protections of the HTTP server. */
export interface HttpConfig {
  /** Questions (POST /api/ask and /web/ask) per client and minute, also the burst; 0 = no limit. RATE_LIMIT_QUESTIONS, default 30. */
  questionsPerMinute: number;
  /** Feedback clicks (POST /web/feedback) per client and minute; 0 = no limit. RATE_LIMIT_FEEDBACK, default 10. */
  feedbackPerMinute: number;
  /** Which peers may name the client in X-Forwarded-For. TRUSTED_PROXIES, default none. */
  trustedProxies: TrustedProxies;
  /** Secret of the pseudonymous client keys; random per process when unset. CLIENT_KEY_SECRET. */
  clientKeySecret?: string;
  /** Bearer token that GET /metrics requires; without METRICS_PORT it is served on the main port, only with it. METRICS_TOKEN. */
  metricsToken?: string;
  /** Bearer token that POST /mcp (the MCP server for AI assistants) requires; unset = no /mcp route. MCP_TOKEN. */
  mcpToken?: string;
  /**
   * The listener of its own that serves /metrics (never the main port without a token).
   * METRICS_PORT (default 9464 unless METRICS_TOKEN is set; `off`: none) / METRICS_HOST (default
   * 127.0.0.1). `required`: METRICS_PORT was set, so a port in use stops the start; the default
   * port in use (a second instance on the host) is only logged.
   */
  metricsListen?: { host: string; port: number; required: boolean };
  /** Largest body accepted on POST /api/messages (Teams), in bytes. TEAMS_MAX_BODY_KB, default 256. */
  teamsMaxBodyBytes: number;
}

export const DEFAULT_HTTP_CONFIG: HttpConfig = {
  questionsPerMinute: 30,
  feedbackPerMinute: 10,
  trustedProxies: { kind: 'none' },
  teamsMaxBodyBytes: 256 * 1024,
};

export interface ServerSettings {
  port: number;
  host: string;
  /** Absolute path of the knowledge folder. */
  knowledgeDir: string;
  http: HttpConfig;
}

export const PortText = z
  .string()
  .regex(/^\d{1,5}$/, { error: 'expected a port number from 0 to 65535' })
  .transform(Number)
  .refine((n) => n <= 65535, { error: 'expected a port number from 0 to 65535' });

const PerMinute = z
  .string()
  .regex(/^\d{1,6}$/, { error: 'expected a number of requests per minute (0 = no limit)' })
  .transform(Number);

const HostText = (example: string) => z.string().regex(/^[A-Za-z0-9.:%-]+$/, { error: `expected a host name or IP address to listen on, e.g. ${example}` });

const ServerEnv = z.object({
  PORT: optional(PortText),
  HOST: optional(HostText('127.0.0.1 or 0.0.0.0')),
  KNOWLEDGE_DIR: optional(z.string()),
  RATE_LIMIT_QUESTIONS: optional(PerMinute),
  RATE_LIMIT_FEEDBACK: optional(PerMinute),
  TRUSTED_PROXIES: optional(z.string()),
  CLIENT_KEY_SECRET: optional(z.string().min(16, { error: 'expected at least 16 characters' })),
  METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{16,}$/, { error: 'expected at least 16 printable characters without spaces' })),
  MCP_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{16,}$/, { error: 'expected at least 16 printable characters without spaces' })),
  METRICS_PORT: optional(z.union([z.literal('off'), PortText], { error: 'expected a port number from 0 to 65535, or off' })),
  METRICS_HOST: optional(HostText('127.0.0.1')),
  TEAMS_MAX_BODY_KB: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: 'expected a size in KB from 1 to 10240' })
      .transform(Number)
      .refine((n) => n >= 1 && n <= 10240, { error: 'expected a size in KB from 1 to 10240' }),
  ),
});

export const SERVER_VARIABLES = variablesOf(ServerEnv);

/** The host the server listens on, as HOST gives it (for the Teams section's loopback check); undefined when malformed. */
export function listenHost(env: Env): string {
  return section([], () => parseSchema(ServerEnv.pick({ HOST: true }), env).HOST) ?? '127.0.0.1';
}

/** The default port of the metrics listener (the one Prometheus exporters of OpenTelemetry use). */
export const DEFAULT_METRICS_PORT = 9464;

/** Where /metrics listens: METRICS_PORT, else the default loopback port unless a token puts it on PORT. */
function metricsListener(port: number | 'off' | undefined, host: string | undefined, token: boolean): HttpConfig['metricsListen'] {
  if (port === 'off') return undefined;
  if (port !== undefined) return { host: host ?? '127.0.0.1', port, required: true };
  return token ? undefined : { host: host ?? '127.0.0.1', port: DEFAULT_METRICS_PORT, required: false };
}

export function parseServer(env: Env, defaultKnowledgeDir: () => string): ServerSettings {
  const e = parseSchema(ServerEnv, env);
  const issues: ConfigIssue[] = [];
  const trustedProxies = section(issues, () => parseTrustedProxies(e.TRUSTED_PROXIES)) ?? { kind: 'none' };
  if (e.METRICS_HOST !== undefined && (e.METRICS_PORT === 'off' || (e.METRICS_PORT === undefined && e.METRICS_TOKEN !== undefined))) {
    issues.push({ variable: 'METRICS_PORT', message: 'METRICS_HOST is set, but there is no metrics listener (METRICS_PORT is off, or METRICS_TOKEN without METRICS_PORT serves /metrics on PORT): set METRICS_PORT' });
  }
  const metricsListen = metricsListener(e.METRICS_PORT, e.METRICS_HOST, e.METRICS_TOKEN !== undefined);
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? '127.0.0.1',
    knowledgeDir: e.KNOWLEDGE_DIR !== undefined ? path.resolve(e.KNOWLEDGE_DIR) : defaultKnowledgeDir(),
    http: {
      questionsPerMinute: e.RATE_LIMIT_QUESTIONS ?? DEFAULT_HTTP_CONFIG.questionsPerMinute,
      feedbackPerMinute: e.RATE_LIMIT_FEEDBACK ?? DEFAULT_HTTP_CONFIG.feedbackPerMinute,
      trustedProxies,
      ...(e.CLIENT_KEY_SECRET !== undefined ? { clientKeySecret: e.CLIENT_KEY_SECRET } : {}),
      ...(e.METRICS_TOKEN !== undefined ? { metricsToken: e.METRICS_TOKEN } : {}),
      ...(e.MCP_TOKEN !== undefined ? { mcpToken: e.MCP_TOKEN } : {}),
      ...(metricsListen ? { metricsListen } : {}),
      teamsMaxBodyBytes: (e.TEAMS_MAX_BODY_KB ?? DEFAULT_HTTP_CONFIG.teamsMaxBodyBytes / 1024) * 1024,
    },
  };
}
