// Starting a real server on 127.0.0.1 and a free port for tests, and small HTTP helpers.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer, type ServerHandle, type StartOptions } from '../../server/index.js';

export const silentLogger: Logger = pino({ level: 'silent' });
let servers = 0;

/** A logger whose JSON lines are kept in `lines`, to assert on what was logged. */
export function memoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim() !== '') lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Starts the server with the shipped knowledge base (unless env says otherwise) on a free port. */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<ServerHandle> {
  // Each test server gets its own SQLite file, so test files running in parallel never share one.
  const file = path.join(tmpdir(), `compliance-bot-test-${process.pid}-${++servers}.sqlite`);
  // The metrics listener on a free port too (its default port would be shared by every test server).
  const metricsPort = env.METRICS_PORT === undefined && env.METRICS_TOKEN === undefined ? { METRICS_PORT: '0' } : {};
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORAGE_URL: `sqlite:${file}`, ...metricsPort, ...env });
  const handle = await startServer(config, { logger: silentLogger, ...options });
  // The SQLite file (and its -wal/-shm companions) goes with the server.
  let closed: Promise<void> | undefined;
  return {
    ...handle,
    close: () =>
      (closed ??= handle.close().then(() => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      })),
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Resolves when `predicate` holds for the text seen so far on a stream. */
export function waitForOutput(stream: NodeJS.ReadableStream, predicate: (text: string) => RegExpMatchArray | null | boolean, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for output; saw:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (predicate(seen)) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(seen);
      }
    };
    stream.on('data', onData);
  });
}
