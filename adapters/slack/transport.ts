// The HTTP transport under the Slack WebClient and Bolt's respond(): undici's request() on one
// keep-alive pool, handed to them through their documented `fetch` option. Node's own fetch builds
// WHATWG Request/Response objects, web streams and, with a timeout, an AbortSignal timer for every
// call. On this project's 2-core machine a 4 KB form POST on loopback cost about 670–900 µs of CPU
// through fetch and about 320–380 µs through this transport, client and server together
// (`npm run bench -- slack-transport`); every answer, notification and update is one such POST.
//
// Only what the WebClient and respond() send goes through request(): string bodies, no redirect
// following. Anything else (multipart uploads, redirect: 'follow') is handed to fetch unchanged.
import { STATUS_CODES } from 'node:http';
import type { webApi } from '@slack/bolt';
import { Agent, request, type Dispatcher } from 'undici';

type FetchFunction = webApi.FetchFunction;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export interface SlackTransport {
  /** A fetch for `WebClientOptions.fetch` / `clientOptions.fetch`. */
  fetch: FetchFunction;
  /** Closes the kept-alive connections (after the calls in flight); later calls are refused. Idempotent. */
  close(): Promise<void>;
}

export interface SlackTransportOptions {
  /**
   * Longest wait for connecting, for the response headers, and between two chunks of the body.
   * It replaces the WebClient's own `timeout`, which costs an AbortSignal timer per call.
   */
  timeoutMs: number;
}

type HeaderValue = string | string[] | undefined;

function responseHeaders(raw: Record<string, HeaderValue>): FetchResponse['headers'] {
  const single = (value: HeaderValue): string | null => (value === undefined ? null : Array.isArray(value) ? value.join(', ') : value);
  return {
    get: (name) => single(raw[name.toLowerCase()]),
    *entries() {
      for (const [name, value] of Object.entries(raw)) {
        const v = single(value);
        if (v !== null) yield [name, v];
      }
    },
  };
}

function responseOf(url: string, status: number, headers: Record<string, HeaderValue>, body: Buffer): FetchResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    headers: responseHeaders(headers),
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
}

export function createSlackTransport(options: SlackTransportOptions): SlackTransport {
  const { timeoutMs } = options;
  const dispatcher = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const fetchFn: FetchFunction = async (input, init = {}) => {
    if ((init.body !== undefined && typeof init.body !== 'string') || init.redirect === 'follow') {
      return globalThis.fetch(input, init as RequestInit);
    }
    const url = String(input);
    const res = await request(url, {
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      dispatcher,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    return responseOf(url, res.statusCode, res.headers, body);
  };
  let closed: Promise<void> | undefined;
  return { fetch: fetchFn, close: () => (closed ??= dispatcher.close()) };
}
