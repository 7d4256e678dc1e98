// A fake Bot Connector service (the remote end of Teams) on 127.0.0.1: botbuilder posts replies and
// proactive messages to `{serviceUrl}/v3/conversations/{conversationId}/activities[/{replyToId}]`.
// It records every accepted activity and answers 200 `{ id }`; `failNext` makes it answer errors
// (429 with Retry-After, 500, 403 ...) to test what the adapter does when delivery fails.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  /** Conversation id, URL-decoded (Teams ids contain ":" and ";"). */
  conversationId: string;
  /** Present when the activity was posted as a reply (`.../activities/{replyToId}`). */
  replyToId?: string;
  /** The posted Activity, parsed from JSON. */
  body: any;
  /** Lower-cased request headers (authorization, content-type ...). */
  headers: Record<string, string | string[] | undefined>;
  /** The id the fake answered with. */
  id: string;
}

export interface RejectedRequest {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface FakeConnector {
  /** The serviceUrl to put into activities, e.g. `http://127.0.0.1:41234/` (ends with "/"). */
  url: string;
  /** Every activity answered 200, in arrival order. */
  activities: RecordedActivity[];
  /** Every update of a sent activity (PUT …/activities/{id}), in arrival order; `replyToId` is the updated id. */
  updates: RecordedActivity[];
  /** Conversations the bot created (POST /v3/conversations: a personal chat opened from a channel), with the id answered. */
  created: { body: any; id: string }[];
  /** Requests answered with an error (by `failNext`) or to an unknown route (404). */
  rejected: RejectedRequest[];
  /** Resolves with `activities` once at least `n` were accepted; rejects after `timeoutMs` (default 5000). */
  waitFor(n: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  /** The next `count` activity posts get `status` (and `headers`, e.g. `{ 'retry-after': '7' }`) instead of 200. */
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  /** The next `count` conversation creations (POST /v3/conversations) get `status` (e.g. 403: the user cannot be reached). */
  failNextCreate(count: number, status: number): void;
  /** Forgets failures set by `failNext` that were not used up. */
  clearFailures(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const activities: RecordedActivity[] = [];
  const updates: RecordedActivity[] = [];
  const rejected: RejectedRequest[] = [];
  const created: { body: any; id: string }[] = [];
  const createFailures: number[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = parseJson(await readBody(req));
    const update = req.method === 'PUT' ? ROUTE.exec(path) : null;
    if (update?.[2] !== undefined) {
      const id = decodeURIComponent(update[2]);
      updates.push({ conversationId: decodeURIComponent(update[1] as string), replyToId: id, body, headers: req.headers, id });
      send(res, 200, { id });
      for (const wake of waiters) wake();
      return;
    }
    if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
      // Bot Framework REST API, "Create Conversation": answers a ConversationResourceResponse.
      const refusal = createFailures.shift();
      if (refusal !== undefined) {
        rejected.push({ method: 'POST', path, status: refusal, body });
        send(res, refusal, { error: { code: 'FakeFailure', message: `fake connector answered ${refusal}` } });
        return;
      }
      const member = (body as { members?: { id?: string }[] } | undefined)?.members?.[0]?.id ?? 'unknown';
      const id = `a:personal-${member}`;
      created.push({ body, id });
      send(res, 200, { id, activityId: '', serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
      for (const wake of waiters) wake();
      return;
    }
    const match = req.method === 'POST' ? ROUTE.exec(path) : null;
    if (!match) {
      rejected.push({ method: req.method ?? '', path, status: 404, body });
      send(res, 404, { error: { code: 'NotFound', message: `fake connector has no route ${req.method} ${path}` } });
      return;
    }
    const failure = failures.shift();
    if (failure) {
      rejected.push({ method: 'POST', path, status: failure.status, body });
      send(res, failure.status, { error: { code: 'FakeFailure', message: `fake connector answered ${failure.status}` } }, failure.headers);
      return;
    }
    const id = `fake-activity-${nextId++}`;
    activities.push({
      conversationId: decodeURIComponent(match[1] as string),
      ...(match[2] !== undefined ? { replyToId: decodeURIComponent(match[2]) } : {}),
      body,
      headers: req.headers,
      id,
    });
    send(res, 200, { id });
    for (const wake of waiters) wake();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    activities,
    updates,
    created,
    rejected,
    failNextCreate(count, status) {
      for (let i = 0; i < count; i++) createFailures.push(status);
    },
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    clearFailures() {
      failures.length = 0;
    },
    waitFor(n, timeoutMs = 5000) {
      if (activities.length >= n) return Promise.resolve(activities);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (activities.length < n) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(activities);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`fake connector: expected ${n} activities within ${timeoutMs} ms, got ${activities.length}`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
