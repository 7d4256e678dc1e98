// The composition root: loads the knowledge base, creates the core, and serves one express app on
// one port with the web chat, the JSON API, health and metrics, and the Slack and Teams adapters
// when they are configured. There is no global body parser: the Slack adapter verifies signatures
// over the raw body, so each JSON route parses its own body.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { createWebAdapter } from '../adapters/web/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import { toJson } from '../src/answer.js';
import { DEFAULT_HTTP_CONFIG, describeConfig, type Config, type HttpConfig, type TeamsAppType } from '../src/config.js';
import { ComplianceCore } from '../src/core.js';
import { KnowledgeBaseError } from '../src/errors.js';
import { loadKnowledgeBase, useKbReadLimits } from '../src/kb/load.js';
import { rootLogger, type Logger } from '../src/logger.js';
import { jsonBody, questionFrom, sendError } from '../adapters/http.js';
import { createMetrics, metricsHandler, type Metrics, type MetricsAccess } from './metrics.js';
import { clientAddress, isLoopbackHost } from '../src/http/addresses.js';
import { createClientKeyer } from '../src/http/client-key.js';
import { rateLimit } from '../src/http/rate-limit-middleware.js';
import { securityHeaders } from '../src/http/security-headers.js';
import { conversationKeyOf } from '../src/follow-up-memory.js';
import { normalizeChat } from '../src/text/chat.js';
import { startServices, type ServiceTimers } from './services.js';
import type { ChatUser } from '../src/chat/commands.js';
import { slackDirectMessage } from '../src/conversation.js';
import { normalizeActorId } from '../src/admin/actor-id.js';
import type { UsageReport } from '../src/usage/index.js';

/** The person who clicked "Notify me of changes" in Slack: reached in their DM. */
function slackNotifyUser(req: { userId: string; conversationId: string; language: 'de' | 'en' }): ChatUser {
  return {
    platform: 'slack',
    key: `slack:${req.userId}`,
    adminId: `slack:${req.userId}`,
    personal: slackDirectMessage(req.userId),
    conversation: { platform: 'slack', conversationId: req.conversationId, userId: req.userId },
    language: req.language,
  };
}

// Type-only imports: erased at run time, so the SDKs still load only when configured.
import type { SlackAdapterOptions } from '../adapters/slack/index.js';
import type { TeamsAdapterOptions } from '../adapters/teams/index.js';

export interface SlackAdapterModule {
  createSlackAdapter(options: SlackAdapterOptions): ChatAdapter | Promise<ChatAdapter>;
}
export interface TeamsAdapterModule {
  createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter | Promise<ChatAdapter>;
}

export interface StartOptions {
  /** Default: the process's root logger, set to the configured level. */
  logger?: Logger;
  /** Bound on waiting for requests in flight when closing, in ms (default 10 s). */
  shutdownTimeoutMs?: number;
  /** The clock and intervals of the periodic jobs (review reminder, storage sweep, retries); tests shorten them. */
  timers?: ServiceTimers;
  /** Loaders of the Slack and Teams adapter modules; default: dynamic import, only when configured. */
  adapterModules?: {
    slack?: () => Promise<SlackAdapterModule>;
    teams?: () => Promise<TeamsAdapterModule>;
  };
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

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

// Variables, not literals: TypeScript does not look for these modules, so this file compiles
// without them, and they are only loaded when configured.
const SLACK_MODULE = '../adapters/slack/index.js';
const TEAMS_MODULE = '../adapters/teams/index.js';

async function importAdapter<M>(specifier: string, what: string): Promise<M> {
  try {
    return (await import(specifier)) as M;
  } catch (err) {
    throw new Error(`${what} is configured, but its adapter (${specifier}) could not be loaded: ${(err as Error).message}`, { cause: err });
  }
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<ServerHandle> {
  if (options.logger === undefined) rootLogger.level = config.logLevel;
  // Every later load (watcher, admin edits, the cluster) reads the folder with the configured limits.
  useKbReadLimits(config.kbLimits);
  const base = options.logger ?? rootLogger;
  const logger = base.child({ component: 'server' });
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const httpConfig = config.http ?? DEFAULT_HTTP_CONFIG;
  if (config.teams && !config.teams.authEnabled && !isLoopbackHost(config.host)) {
    // loadConfig refuses this already; a configuration built another way must not slip through.
    throw new Error(
      `TEAMS_ENABLED=true without MICROSOFT_APP_ID (Teams authentication off) is allowed only on a loopback HOST, but HOST is "${config.host}": ` +
        'set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or HOST=127.0.0.1',
    );
  }

  let kb;
  try {
    kb = await loadKnowledgeBase(config.knowledgeDir, { limits: config.kbLimits });
  } catch (err) {
    if (err instanceof KnowledgeBaseError) logger.error({ dir: err.dir, issues: err.issues }, 'the knowledge base has errors; not starting');
    throw err;
  }
  const core = new ComplianceCore(kb);
  const metrics = createMetrics(core);
  const services = await startServices(config, core, base.child({ component: 'services' }), options.timers);
  let closing = false;

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use((_req, res, next) => {
    // While closing, a kept-alive connection is closed after its response, so close() can finish.
    if (closing) res.set('Connection', 'close');
    next();
  });

  // The adapters, created here; their routes are mounted below.
  const web = createWebAdapter({
    core,
    logger: base.child({ component: 'web' }),
    onError: () => metrics.recordError('web'),
    onFeedback: services.feedback('web'),
    ...(services.summarize ? { summarize: services.summarize } : {}),
  });
  const adapters: ChatAdapter[] = [web];
  if (config.slack) {
    const load = options.adapterModules?.slack ?? (() => importAdapter<SlackAdapterModule>(SLACK_MODULE, 'Slack'));
    const { createSlackAdapter } = await load();
    const { botToken, signingSecret, appToken, apiUrl } = config.slack;
    const { eventDedupeFromStore } = await import('../adapters/slack/dedupe.js');
    adapters.push(
      await createSlackAdapter({
        core,
        botToken,
        signingSecret,
        appToken,
        apiUrl,
        logger: base.child({ component: 'slack' }),
        commands: services.commands,
        summarize: services.summarize,
        onFeedback: services.feedback('slack'),
        // Shared dedupe records: a retried event is answered once even after a restart.
        ...(services.sharedDedupe ? { dedupe: eventDedupeFromStore(services.sharedDedupe) } : {}),
        onNotifyRequest: (req) => services.notifyButton(slackNotifyUser(req), req.toolId),
        // App Home: subscriptions from the store, the admin part for ADMINS (read as services read it).
        overview: { storage: () => services.storage, isAdmin: adminCheck(config.admin.admins), ...usageOverview(() => services.usageReport()) },
        answeredStore: () => services.storage?.kv('slack-answered') ?? null,
      }),
    );
  }
  if (config.teams) {
    const load = options.adapterModules?.teams ?? (() => importAdapter<TeamsAdapterModule>(TEAMS_MODULE, 'Microsoft Teams'));
    const { createTeamsAdapter } = await load();
    const { appId, appPassword, tenantId, appType } = config.teams;
    const { activityDedupeFromStore } = await import('../adapters/teams/dedupe.js');
    adapters.push(
      await createTeamsAdapter({
        core,
        appId,
        appPassword,
        tenantId,
        appType,
        maxBodyBytes: httpConfig.teamsMaxBodyBytes,
        logger: base.child({ component: 'teams' }),
        commands: services.commands,
        summarize: services.summarize,
        onFeedback: services.feedback('teams'),
        // Shared dedupe records: a redelivered activity is answered once, on any instance.
        ...(services.sharedDedupe ? { dedupe: activityDedupeFromStore(services.sharedDedupe) } : {}),
        storage: () => services.storage,
        // The search message extension opens on the most-asked tools.
        popularTools: usageOverview(() => services.usageReport()).popularTools,
        onNotifyRequest: (req) =>
          services.notifyButton(
            { platform: 'teams', key: `teams:${req.userId}`, adminId: null, personal: req.target, conversation: req.target, language: req.language },
            req.toolId,
          ),
      }),
    );
  }
  // Chat platforms' webhooks carry the load: their routes sit on the app itself, before every other
  // route, so a Slack event or Teams activity passes the fewest route checks on its way.
  for (const adapter of adapters.filter((a) => a.platform !== 'web')) adapter.mount(app);
  app.get('/healthz', (_req, res) => {
    const current = core.knowledgeBase;
    res.status(closing ? 503 : 200).json({
      status: closing ? 'shutting_down' : 'ok',
      knowledgeBase: { version: current.version, tools: current.tools.size },
    });
  });

  // /metrics: on a listener of its own (loopback by default), or on this port only behind METRICS_TOKEN.
  // Never open on this port: behind a proxy on the same machine every client looks local.
  const metricsAccess = httpConfig.metricsToken !== undefined ? { token: httpConfig.metricsToken } : {};
  if (!httpConfig.metricsListen && metricsAccess.token !== undefined) app.get('/metrics', metricsHandler(metrics, metricsAccess));

  // Who is asking: the client address (through trusted proxies only), as a pseudonymous key for
  // the core and as the rate limits' bucket. Neither is logged.
  const keyOf = createClientKeyer(httpConfig.clientKeySecret);
  const identify: RequestHandler = (req, res, next) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], httpConfig.trustedProxies);
    res.locals.clientAddress = address;
    res.locals.clientKey = keyOf(address);
    next();
  };
  app.post(['/api/ask', '/web/ask', '/web/feedback'], identify);
  app.post(['/api/ask', '/web/ask'], rateLimit({ perMinute: httpConfig.questionsPerMinute, what: 'questions' }));
  app.post('/web/feedback', rateLimit({ perMinute: httpConfig.feedbackPerMinute, what: 'feedback' }));

  app.post('/api/ask', ...jsonBody(), async (req: Request, res: Response) => {
    const question = questionFrom(req.body, res);
    if (question === undefined) return;
    try {
      // An optional "session" groups questions into a conversation for follow-ups (of this client only).
      const conversationKey = conversationKeyOf('api', req.body, res.locals.clientKey as string | undefined);
      const answer = await core.ask(normalizeChat(question, 'web'), {
        platform: 'web',
        clientKey: res.locals.clientKey as string,
        ...(conversationKey ? { conversationKey } : {}),
      });
      // The contract's "question" is the question as sent, not its normalised form.
      // "explain": true adds where to fetch the LLM explanation; the verdict never waits for it.
      const explain = (req.body as { explain?: unknown }).explain === true ? { explanation: web.explainLater(answer) ?? null } : {};
      res.json({ ...toJson({ ...answer, question }), ...explain });
    } catch (err) {
      logger.error({ err }, 'api: answering failed');
      metrics.recordError('web');
      sendError(res, 500, 'internal_error', 'the question could not be answered');
    }
  });

  for (const adapter of adapters.filter((a) => a.platform === 'web')) adapter.mount(app);

  app.use((_req, res) => sendError(res, 404, 'not_found', 'no such route'));
  const failed: ErrorRequestHandler = (err: { name?: string; message?: string; stack?: string; status?: number; type?: string }, _req, res, next) => {
    // A request error (body-parser's carry the body, and JSON.parse quotes it in its message) is
    // logged by its type only; anything else with its message and stack, never its other fields.
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) logger.warn({ status, errorType: err?.type ?? err?.name }, 'request refused');
    else logger.error({ err: { type: err?.name, message: err?.message, stack: err?.stack } }, 'request failed');
    if (res.headersSent) return next(err);
    if (status < 500) return sendError(res, status, 'bad_request', 'the request could not be read');
    sendError(res, 500, 'internal_error', 'internal error');
  };
  app.use(failed);

  // Slow clients may not hold a connection open for long: headers within 15 s, the whole request within 60 s.
  const server = http.createServer({ headersTimeout: 15_000, requestTimeout: 60_000 }, app);
  const address = await listen(server, config.port, config.host, 'PORT or --port');
  const url = urlOf(address);

  let metricsServer: http.Server | undefined;
  let metricsUrl: string | undefined;
  if (httpConfig.metricsListen) {
    try {
      const started = await startMetricsListener(metrics, metricsAccess, httpConfig.metricsListen, logger);
      metricsServer = started?.server;
      metricsUrl = started?.url;
    } catch (err) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      metrics.detach();
      await services.close();
      throw err;
    }
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        drained.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), shutdownTimeoutMs))),
      ]);
      clearTimeout(timer);
      clearInterval(sweep);
      if (timedOut) {
        logger.warn({ timeoutMs: shutdownTimeoutMs }, 'requests still open after the shutdown bound; closing their connections');
        server.closeAllConnections();
        await drained;
      }
      if (metricsServer) {
        const m = metricsServer;
        m.closeAllConnections();
        await new Promise<void>((resolve) => m.close(() => resolve()));
      }
      for (const adapter of [...adapters].reverse()) {
        try {
          await adapter.stop();
        } catch (err) {
          logger.error({ err, adapter: adapter.platform }, 'adapter did not stop cleanly');
        }
      }
      metrics.detach();
      await services.close();
    })());

  try {
    for (const adapter of adapters) await adapter.start();
    await services.start(adapters);
  } catch (err) {
    logger.error({ err }, 'an adapter failed to start');
    await close();
    throw err;
  }

  const described = describeConfig(config);
  logger.info(
    {
      url,
      port: address.port,
      ...(metricsUrl !== undefined ? { metricsUrl } : {}),
      knowledgeBase: { dir: kb.dir, version: kb.version, tools: kb.tools.size },
      adapters: described.adapters,
      // The protections in force (no secret): an operator sees at once what RATE_LIMIT_*, TRUSTED_PROXIES and METRICS_* gave.
      protections: {
        questionsPerMinute: httpConfig.questionsPerMinute,
        feedbackPerMinute: httpConfig.feedbackPerMinute,
        trustedProxies: httpConfig.trustedProxies.kind === 'list' ? httpConfig.trustedProxies.entries : httpConfig.trustedProxies.kind === 'hops' ? `${httpConfig.trustedProxies.count} hop(s)` : 'none',
        metrics: httpConfig.metricsListen ? `own listener${httpConfig.metricsToken ? ' with token' : ''}` : httpConfig.metricsToken ? 'bearer token' : 'this machine only',
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
  return { url, port: address.port, ...(metricsUrl !== undefined ? { metricsUrl } : {}), core, close };
}

/** Listens and resolves with the address; a port in use or a bad host is named with `setting`. */
/**
 * /metrics on a listener of its own. A port set by METRICS_PORT that cannot be had stops the start
 * (throws); the default port taken (another instance on this host) is logged, and there are no metrics.
 */
async function startMetricsListener(
  metrics: Metrics,
  access: MetricsAccess,
  where: NonNullable<HttpConfig['metricsListen']>,
  logger: Logger,
): Promise<{ server: http.Server; url: string } | undefined> {
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.use(securityHeaders());
  metricsApp.get('/metrics', metricsHandler(metrics, access));
  metricsApp.use((_req, res) => sendError(res, 404, 'not_found', 'only GET /metrics is served here'));
  const server = http.createServer({ headersTimeout: 15_000, requestTimeout: 60_000 }, metricsApp);
  try {
    return { server, url: urlOf(await listen(server, where.port, where.host, 'METRICS_PORT')) };
  } catch (err) {
    if (where.required) throw err;
    logger.warn({ host: where.host, port: where.port, err: { type: (err as Error).name } }, 'the default metrics port is taken: /metrics is not served; set METRICS_PORT (or off)');
    return undefined;
  }
}

async function listen(server: http.Server, port: number, host: string, setting: string): Promise<AddressInfo> {
  server.listen({ port, host });
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([err]) => Promise.reject(err))]);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (set ${setting})` : `cannot listen on ${host}:${port}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return server.address() as AddressInfo;
}

function urlOf(address: AddressInfo): string {
  const urlHost = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${address.port}`;
}

export interface ShutdownOptions {
  logger?: Logger;
  /** Default: process.exit. */
  exit?: (code: number) => void;
  /** Exit 1 if closing takes longer than this (default: 15 s, above the server's own bound). */
  hardTimeoutMs?: number;
  signals?: NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: close the server gracefully and exit 0 (1 if closing failed or hung).
 * A second signal exits at once. Returns a function that removes the handlers.
 */
export function installShutdown(handle: Pick<ServerHandle, 'close'>, options: ShutdownOptions = {}): () => void {
  const logger = (options.logger ?? rootLogger).child({ component: 'shutdown' });
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const hardTimeoutMs = options.hardTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS + 5_000;
  let started = false;
  // Logs go out asynchronously: flush them (bounded) before exiting, so the last lines are not lost.
  const finish = (code: number) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      exit(code);
    };
    setTimeout(go, 1_000).unref();
    try {
      logger.flush(() => go());
    } catch {
      go();
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn({ signal }, 'second signal: exiting now');
      finish(1);
      return;
    }
    started = true;
    logger.info({ signal }, 'shutting down: no new requests; finishing the ones in flight');
    const hard = setTimeout(() => {
      logger.error({ timeoutMs: hardTimeoutMs }, 'shutdown hung; exiting');
      finish(1);
    }, hardTimeoutMs);
    hard.unref();
    handle.close().then(
      () => {
        clearTimeout(hard);
        logger.info('stopped');
        finish(0);
      },
      (err: unknown) => {
        clearTimeout(hard);
        logger.error({ err }, 'shutdown failed');
        finish(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}

/** Who is an admin, for the Slack App Home (ADMINS, already normalised by the configuration). */
function adminCheck(adminIds: readonly string[]): (id: string) => boolean {
  const admins = new Set(adminIds);
  return (id) => admins.has(normalizeActorId(id));
}

/**
 * Most-asked tools and the top of the gap report for the Slack App Home and prompts and the Teams search, from
 * the usage report, read at most every ten minutes (it reads many counters).
 */
function usageOverview(read: () => Promise<UsageReport | null>): { popularTools: () => Promise<string[]>; gaps: () => Promise<string[]> } {
  let cached: { at: number; report: Promise<UsageReport | null> } | undefined;
  const report = () => {
    if (!cached || Date.now() - cached.at > 10 * 60_000) {
      const pending = read().catch(() => null);
      cached = { at: Date.now(), report: pending };
    }
    return cached.report;
  };
  return {
    popularTools: async () => (await report())?.tools.items.map((t) => t.id) ?? [],
    gaps: async () => ((await report())?.gaps.unknownTools.items ?? []).slice(0, 5).map((u) => `${u.name} (${u.count})`),
  };
}
