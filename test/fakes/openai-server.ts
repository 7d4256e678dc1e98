// An OpenAI-compatible chat-completions server on 127.0.0.1 for tests and the bench: the test decides
// per request what it answers (text, delay, HTTP error with headers) and reads every request body it
// received, so it can check what left the process.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body as sent. */
  raw: string;
  /** The parsed JSON body (chat.completions parameters). */
  body: { model?: string; messages?: { role: string; content: string }[]; [key: string]: unknown };
}

export interface FakeReply {
  /** Assistant text (default "OK."). */
  content?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** HTTP status (default 200); anything else answers an OpenAI-style error object. */
  status?: number;
  headers?: Record<string, string>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

export type ReplyFn = (request: RecordedRequest, index: number) => FakeReply;

export interface FakeOpenAiServer {
  /** Base URL for the client, ending in /v1. */
  baseURL: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Sets how the following requests are answered. */
  reply(fn: ReplyFn | FakeReply): void;
  close(): Promise<void>;
}

/** A rough token count (4 characters a token), so that usage figures scale with the prompt. */
export function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export async function startFakeOpenAiServer(initial: ReplyFn | FakeReply = {}): Promise<FakeOpenAiServer> {
  let replyFn: ReplyFn = toFn(initial);
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || !/^(?:\/v1)?\/chat\/completions$/.test(path)) {
        send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: RecordedRequest['body'];
      try {
        body = JSON.parse(raw) as RecordedRequest['body'];
      } catch {
        send(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
        return;
      }
      const recorded: RecordedRequest = { path, headers: req.headers, raw, body };
      requests.push(recorded);
      const r = replyFn(recorded, requests.length - 1);
      const answer = () => respond(res, recorded, r);
      if (r.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          answer();
        }, r.delayMs);
        timers.add(t);
      } else {
        answer();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(fn) {
      replyFn = toFn(fn);
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function toFn(r: ReplyFn | FakeReply): ReplyFn {
  return typeof r === 'function' ? r : () => r;
}

function respond(res: ServerResponse, req: RecordedRequest, r: FakeReply): void {
  if (res.destroyed) return;
  const status = r.status ?? 200;
  if (status !== 200) {
    send(res, status, { error: { message: `fake error ${status}`, type: status === 429 ? 'rate_limit_error' : 'server_error' } }, r.headers);
    return;
  }
  const content = r.content ?? 'OK.';
  const promptText = (req.body.messages ?? []).map((m) => m.content).join('\n');
  const usage =
    r.usage === null
      ? undefined
      : (r.usage ?? {
          prompt_tokens: roughTokens(promptText),
          completion_tokens: roughTokens(content),
          total_tokens: roughTokens(promptText) + roughTokens(content),
        });
  send(
    res,
    200,
    {
      id: `chatcmpl-fake-${Date.now()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: req.body.model ?? 'fake',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
      ...(usage ? { usage } : {}),
    },
    r.headers,
  );
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
