// The composition root: loads the knowledge base, creates the core and the services, creates the
// adapters of the configured platforms (server/adapter-registry.ts), serves them in one express app
// (server/app.ts) and closes it all gracefully (server/lifecycle.ts).
import type { ChatAdapter } from '../adapters/types.js';
import { DEFAULT_HTTP_CONFIG, describeConfig, type Config } from '../src/config.js';
import { ComplianceCore } from '../src/core.js';
import { KnowledgeBaseError } from '../src/errors.js';
import { loadKnowledgeBase, useKbReadLimits } from '../src/kb/load.js';
import { useKbCacheDir } from '../src/kb/record-cache.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { rootLogger, type Logger } from '../src/logger.js';
import { isLoopbackHost } from '../src/http/addresses.js';
import { createAdapters, type AdapterModules } from './adapter-registry.js';
import { createApp } from './app.js';
import { closeGracefully, closeNow, createHttpServer, DEFAULT_SHUTDOWN_TIMEOUT_MS, listen, startMetricsListener, urlOf } from './lifecycle.js';
import { createMetrics } from './metrics.js';
import { startServices, type ServiceTimers } from './services.js';

export type { SlackAdapterModule, TeamsAdapterModule, AdapterModules } from './adapter-registry.js';
export { DEFAULT_SHUTDOWN_TIMEOUT_MS, installShutdown, type ShutdownOptions } from './lifecycle.js';

export interface StartOptions {
  /** Default: the process's root logger, set to the configured level. */
  logger?: Logger;
  /** Bound on waiting for requests in flight when closing, in ms (default 10 s). */
  shutdownTimeoutMs?: number;
  /** The clock and intervals of the periodic jobs (review reminder, storage sweep, retries); tests shorten them. */
  timers?: ServiceTimers;
  /** Loaders of the Slack and Teams adapter modules; default: dynamic import, only when configured. */
  adapterModules?: AdapterModules;
}

export interface ServerHandle {
  url: string;
  port: number;
  /** The separate metrics listener's URL, when METRICS_PORT is set. */
  metricsUrl?: string;
  core: ComplianceCore;
  /** Stops accepting, lets requests in flight finish (bounded), then stops the adapters. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<ServerHandle> {
  if (options.logger === undefined) rootLogger.level = config.logLevel;
  // Every later load (watcher, admin edits, the cluster) reads the folder with the configured limits.
  useKbReadLimits(config.kbLimits);
  useKbCacheDir(config.kbCacheDir);
  const base = options.logger ?? rootLogger;
  const logger = base.child({ component: 'server' });
  const httpConfig = config.http ?? DEFAULT_HTTP_CONFIG;
  refuseOpenTeams(config);
  const kb = await loadKb(config, logger);
  const core = new ComplianceCore(kb);
  const metrics = createMetrics(core);
  const services = await startServices(config, core, base.child({ component: 'services' }), options.timers);
  let closing = false;

  const adapters: ChatAdapter[] = await createAdapters({ config, core, services, metrics, logger: base, modules: options.adapterModules ?? {} });
  const app = createApp({ core, adapters, metrics, http: httpConfig, logger, closing: () => closing });
  const server = createHttpServer(app);
  const address = await listen(server, config.port, config.host, 'PORT or --port');
  const url = urlOf(address);
  const finish = async () => {
    metrics.detach();
    await services.close();
  };

  let metricsListener: Awaited<ReturnType<typeof startMetricsListener>>;
  try {
    metricsListener = await startMetricsListener(metrics, httpConfig, logger);
  } catch (err) {
    await closeNow(server);
    await finish();
    throw err;
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing = true;
    return (closed ??= closeGracefully({
      server,
      ...(metricsListener ? { metricsServer: metricsListener.server } : {}),
      adapters,
      finish,
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
      logger,
    }));
  };

  try {
    for (const adapter of adapters) await adapter.start();
    await services.start(adapters);
  } catch (err) {
    logger.error({ err }, 'an adapter failed to start');
    await close();
    throw err;
  }
  logStarted(logger, config, kb, url, address.port, metricsListener?.url);
  return { url, port: address.port, ...(metricsListener ? { metricsUrl: metricsListener.url } : {}), core, close };
}

/** Teams without authentication only on a loopback HOST (loadConfig refuses it already; a configuration built another way must not slip through). */
function refuseOpenTeams(config: Config): void {
  if (config.teams && !config.teams.authEnabled && !isLoopbackHost(config.host)) {
    throw new Error(
      `TEAMS_ENABLED=true without MICROSOFT_APP_ID (Teams authentication off) is allowed only on a loopback HOST, but HOST is "${config.host}": ` +
        'set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or HOST=127.0.0.1',
    );
  }
}

async function loadKb(config: Config, logger: Logger): Promise<KnowledgeBase> {
  try {
    return await loadKnowledgeBase(config.knowledgeDir, { limits: config.kbLimits });
  } catch (err) {
    if (err instanceof KnowledgeBaseError) logger.error({ dir: err.dir, issues: err.issues }, 'the knowledge base has errors; not starting');
    throw err;
  }
}

function logStarted(logger: Logger, config: Config, kb: KnowledgeBase, url: string, port: number, metricsUrl: string | undefined): void {
  const httpConfig = config.http ?? DEFAULT_HTTP_CONFIG;
  const described = describeConfig(config);
  logger.info(
    {
      url,
      port,
      ...(metricsUrl !== undefined ? { metricsUrl } : {}),
      knowledgeBase: { dir: kb.dir, version: kb.version, tools: kb.tools.size },
      adapters: described.adapters,
      // The protections in force (no secret): an operator sees at once what RATE_LIMIT_*, TRUSTED_PROXIES and METRICS_* gave.
      protections: {
        questionsPerMinute: httpConfig.questionsPerMinute,
        feedbackPerMinute: httpConfig.feedbackPerMinute,
        trustedProxies: httpConfig.trustedProxies.kind === 'list' ? httpConfig.trustedProxies.entries : httpConfig.trustedProxies.kind === 'hops' ? `${httpConfig.trustedProxies.count} hop(s)` : 'none',
        metrics: httpConfig.metricsListen ? `own listener${httpConfig.metricsToken ? ' with token' : ''}` : httpConfig.metricsToken ? 'bearer token' : 'off',
      },
    },
    `listening on ${url}: knowledge base ${kb.version} with ${kb.tools.size} tools; adapters: ${described.adapters.join(', ')}`,
  );
  if (config.teams && !config.teams.authEnabled) {
    logger.warn(
      'MICROSOFT TEAMS AUTHENTICATION IS OFF (TEAMS_ENABLED=true without MICROSOFT_APP_ID): anyone who can reach this port can send ' +
        'messages to the bot as any user. Use this only on your own machine; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for any shared deployment.',
    );
  }
}
