// The express app of the server: one app on one port with the chat platforms' webhooks first (they
// carry the load), health, metrics (protected), the JSON API and the web chat. There is no global
// body parser: the Slack adapter verifies signatures over the raw body, so each JSON route parses
// its own body.
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { ChatAdapter } from '../adapters/types.js';
import { jsonBody, questionFrom, sendError } from '../adapters/http.js';
import { toJson } from '../src/layout/answer-json.js';
import type { HttpConfig } from '../src/config.js';
import type { ComplianceCore } from '../src/core.js';
import { conversationKeyOf } from '../src/follow-up-memory.js';
import { clientAddress } from '../src/http/addresses.js';
import { createClientKeyer } from '../src/http/client-key.js';
import { rateLimit } from '../src/http/rate-limit-middleware.js';
import { securityHeaders } from '../src/http/security-headers.js';
import type { Logger } from '../src/logger.js';
import { normalizeChat } from '../src/text/chat.js';
import { isWebAdapter } from './adapter-registry.js';
import { mountMcpRoute } from './mcp-route.js';
import { metricsHandler, type Metrics, type MetricsAccess } from './metrics.js';

export interface AppOptions {
  core: ComplianceCore;
  adapters: readonly ChatAdapter[];
  metrics: Metrics;
  http: HttpConfig;
  logger: Logger;
  /** True once the server is closing: /healthz says so, kept-alive connections are closed. */
  closing(): boolean;
}

/** Who may read /metrics: the bearer token when METRICS_TOKEN is set (else whoever reaches its own listener). */
export function metricsAccess(http: HttpConfig): MetricsAccess {
  return http.metricsToken !== undefined ? { token: http.metricsToken } : {};
}

export function createApp(options: AppOptions): Express {
  const { core, adapters, metrics, http, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use((_req, res, next) => {
    // While closing, a kept-alive connection is closed after its response, so close() can finish.
    if (options.closing()) res.set('Connection', 'close');
    next();
  });

  // Chat platforms' webhooks carry the load: their routes sit on the app itself, before every other
  // route, so a Slack event or Teams activity passes the fewest route checks on its way.
  for (const adapter of adapters.filter((a) => a.platform !== 'web')) adapter.mount(app);
  app.get('/healthz', (_req, res) => {
    const current = core.knowledgeBase;
    const closing = options.closing();
    res.status(closing ? 503 : 200).json({
      status: closing ? 'shutting_down' : 'ok',
      knowledgeBase: { version: current.version, tools: current.tools.size },
    });
  });
  // /metrics: on a listener of its own (loopback by default), or on this port only behind METRICS_TOKEN.
  // Never open on this port: behind a proxy on the same machine every client looks local.
  if (!http.metricsListen && http.metricsToken !== undefined) app.get('/metrics', metricsHandler(metrics, metricsAccess(http)));

  // Who is asking: the client address (through trusted proxies only), as a pseudonymous key for
  // the core and as the rate limits' bucket. Neither is logged.
  const keyOf = createClientKeyer(http.clientKeySecret);
  const identify: RequestHandler = (req, res, next) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], http.trustedProxies);
    res.locals.clientAddress = address;
    res.locals.clientKey = keyOf(address);
    next();
  };
  app.post(['/api/ask', '/web/ask', '/web/feedback', '/web/request'], identify);
  app.post(['/api/ask', '/web/ask'], rateLimit({ perMinute: http.questionsPerMinute, what: 'questions' }));
  app.post('/web/feedback', rateLimit({ perMinute: http.feedbackPerMinute, what: 'feedback' }));
  // POST /mcp for AI assistants, when MCP_TOKEN is set (server/mcp-route.ts).
  mountMcpRoute(app, { core, token: http.mcpToken, questionsPerMinute: http.questionsPerMinute, identify, logger: logger.child({ component: 'mcp' }) });
  // A request for an assessment is stored and tells the admins: limited like feedback.
  app.post('/web/request', rateLimit({ perMinute: http.feedbackPerMinute, what: 'requests' }));
  app.post('/api/ask', ...jsonBody(), apiAsk(options));

  for (const adapter of adapters.filter((a) => a.platform === 'web')) adapter.mount(app);
  app.use((_req, res) => sendError(res, 404, 'not_found', 'no such route'));
  app.use(requestFailed(logger));
  return app;
}

/** POST /api/ask: the answer as the JSON contract (docs/api.md). */
function apiAsk({ core, adapters, metrics, logger }: AppOptions): RequestHandler {
  const web = adapters.find(isWebAdapter);
  return async (req: Request, res: Response) => {
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
      const explain = (req.body as { explain?: unknown }).explain === true ? { explanation: web?.explainLater(answer) ?? null } : {};
      res.json({ ...toJson({ ...answer, question }), ...explain });
    } catch (err) {
      logger.error({ err }, 'api: answering failed');
      metrics.recordError('web');
      sendError(res, 500, 'internal_error', 'the question could not be answered');
    }
  };
}

function requestFailed(logger: Logger): ErrorRequestHandler {
  return (err: { name?: string; message?: string; stack?: string; status?: number; type?: string }, _req, res, next) => {
    // A request error (body-parser's carry the body, and JSON.parse quotes it in its message) is
    // logged by its type only; anything else with its message and stack, never its other fields.
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) logger.warn({ status, errorType: err?.type ?? err?.name }, 'request refused');
    else logger.error({ err: { type: err?.name, message: err?.message, stack: err?.stack } }, 'request failed');
    if (res.headersSent) return next(err);
    if (status < 500) return sendError(res, status, 'bad_request', 'the request could not be read');
    sendError(res, 500, 'internal_error', 'internal error');
  };
}
