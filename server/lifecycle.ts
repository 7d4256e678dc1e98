// The server's life: listening (the public port, and the metrics listener when METRICS_PORT is set),
// closing gracefully (no new requests, requests in flight finish within a bound, then the adapters
// stop and the services close), and exiting on SIGTERM/SIGINT.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { ChatAdapter } from '../adapters/types.js';
import { sendError } from '../adapters/http.js';
import type { HttpConfig } from '../src/config.js';
import { securityHeaders } from '../src/http/security-headers.js';
import { rootLogger, type Logger } from '../src/logger.js';
import { metricsAccess } from './app.js';
import { metricsHandler, type Metrics } from './metrics.js';

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Slow clients may not hold a connection open for long: headers within 15 s, the whole request within 60 s. */
export function createHttpServer(app: Express): http.Server {
  return http.createServer({ headersTimeout: 15_000, requestTimeout: 60_000 }, app);
}

/** Listens and resolves with the address; a port in use or a bad host is named with `setting`. */
export async function listen(server: http.Server, port: number, host: string, setting: string): Promise<AddressInfo> {
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

export function urlOf(address: AddressInfo): string {
  const urlHost = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${address.port}`;
}

/**
 * The separate metrics listener (METRICS_PORT, loopback by default): only GET /metrics. A port set by
 * METRICS_PORT that cannot be had stops the start (throws); the default port taken (another instance
 * on this host) is logged, and there are no metrics.
 */
export async function startMetricsListener(metrics: Metrics, httpConfig: HttpConfig, logger: Logger): Promise<{ server: http.Server; url: string } | undefined> {
  const where = httpConfig.metricsListen;
  if (!where) return undefined;
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.use(securityHeaders());
  metricsApp.get('/metrics', metricsHandler(metrics, metricsAccess(httpConfig)));
  metricsApp.use((_req, res) => sendError(res, 404, 'not_found', 'only GET /metrics is served here'));
  const server = createHttpServer(metricsApp);
  try {
    return { server, url: urlOf(await listen(server, where.port, where.host, 'METRICS_PORT')) };
  } catch (err) {
    if (where.required) throw err;
    logger.warn({ host: where.host, port: where.port, err: { type: (err as Error).name } }, 'the default metrics port is taken: /metrics is not served; set METRICS_PORT (or off)');
    return undefined;
  }
}

export async function closeNow(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface CloseParts {
  server: http.Server;
  metricsServer?: http.Server;
  adapters: readonly ChatAdapter[];
  /** Detaches the metrics and closes the services, last. */
  finish(): Promise<void>;
  shutdownTimeoutMs: number;
  logger: Logger;
}

/** Stops accepting, lets requests in flight finish (bounded), stops the adapters, then the rest. */
export async function closeGracefully(parts: CloseParts): Promise<void> {
  const { server, logger, shutdownTimeoutMs } = parts;
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([drained.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), shutdownTimeoutMs)))]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (timedOut) {
    logger.warn({ timeoutMs: shutdownTimeoutMs }, 'requests still open after the shutdown bound; closing their connections');
    server.closeAllConnections();
    await drained;
  }
  if (parts.metricsServer) await closeNow(parts.metricsServer);
  for (const adapter of [...parts.adapters].reverse()) {
    try {
      await adapter.stop();
    } catch (err) {
      logger.error({ err, adapter: adapter.platform }, 'adapter did not stop cleanly');
    }
  }
  await parts.finish();
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
export function installShutdown(handle: { close(): Promise<void> }, options: ShutdownOptions = {}): () => void {
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
