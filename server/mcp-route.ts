// POST /mcp: the catalogue's MCP server (src/mcp/) over Streamable HTTP, for assistants that reach
// the running server (Slack's MCP client, a shared VS Code set-up). Off unless MCP_TOKEN is set;
// every request needs `Authorization: Bearer <MCP_TOKEN>` (401 otherwise). Stateless: each POST
// gets its own protocol server and transport and is answered with JSON, so no session (and
// nothing of a question) outlives the request. Questions count against RATE_LIMIT_QUESTIONS per
// client, as on /api/ask.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { packageRoot } from '../src/config.js';
import type { ComplianceCore } from '../src/core.js';
import { addressBucket } from '../src/http/addresses.js';
import { bearerMatches } from '../src/http/bearer.js';
import { createRateLimiter } from '../src/http/rate-limit.js';
import type { Logger } from '../src/logger.js';

export interface McpRouteOptions {
  core: ComplianceCore;
  /** MCP_TOKEN; without it nothing is mounted. */
  token: string | undefined;
  /** Reported in `initialize` (default: package.json's). */
  version?: string;
  questionsPerMinute: number;
  /** Sets res.locals.clientAddress and clientKey (the server's `identify`). */
  identify: RequestHandler;
  logger: Logger;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** The MCP SDK and the catalogue's server, loaded only where /mcp is on (they hold some MBs). */
async function loadMcp() {
  const [{ StreamableHTTPServerTransport }, { createCatalogueMcpServer }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('../src/mcp/catalogue-server.js'),
  ]);
  return { StreamableHTTPServerTransport, createCatalogueMcpServer };
}

/** Largest JSON-RPC message accepted (a question is at most a few KB). */
const MAX_BODY = '64kb';

export function mountMcpRoute(app: Express, options: McpRouteOptions): void {
  const { token, core, logger } = options;
  if (token === undefined) return;
  const limiter = createRateLimiter({ perMinute: options.questionsPerMinute });
  // Loading starts now, so the first request does not wait for it; a failure shows on each request.
  const mcp = loadMcp();
  mcp.catch(() => undefined);
  const authorise: RequestHandler = (req, res, next) => {
    if (bearerMatches(req.get('authorization'), token)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="mcp"').status(401).json({ error: 'unauthorized', message: 'POST /mcp needs Authorization: Bearer <MCP_TOKEN>' });
  };
  app.post('/mcp', authorise, options.identify, express.json({ limit: MAX_BODY }), async (req, res) => {
    const address = typeof res.locals.clientAddress === 'string' ? res.locals.clientAddress : '';
    let loaded: Awaited<typeof mcp>;
    try {
      loaded = await mcp;
    } catch (err) {
      logger.error({ err: { message: (err as Error).message } }, 'mcp: the MCP SDK did not load');
      res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'internal error' }, id: null });
      return;
    }
    const server = loaded.createCatalogueMcpServer({
      core,
      version: options.version ?? packageVersion(),
      perMinute: options.questionsPerMinute,
      clientKey: res.locals.clientKey as string,
      takeQuestion: () => limiter.take(addressBucket(address)),
    });
    const transport = new loaded.StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      logger.error({ err: { message: (err as Error).message } }, 'mcp: the request failed');
      if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'internal error' }, id: null });
    }
  });
  // Stateless: no event stream to open (GET) and no session to end (DELETE).
  const notAllowed: RequestHandler = (_req, res) => {
    res.set('Allow', 'POST').status(405).json({ jsonrpc: '2.0', error: { code: -32000, message: 'method not allowed: this server is stateless, use POST' }, id: null });
  };
  app.get('/mcp', authorise, notAllowed);
  app.delete('/mcp', authorise, notAllowed);
}
