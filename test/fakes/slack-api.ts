// A fake Slack on 127.0.0.1, for tests and the bench: the Web API (auth.test, chat.postMessage,
// chat.postEphemeral, chat.update, chat.startStream, apps.connections.open, conversations.open,
// conversations.history over the messages posted, with their metadata; and `ok: true` for any other
// method, e.g. chat.appendStream/stopStream,
// views.publish and assistant.threads.setStatus/setTitle/setSuggestedPrompts, all recorded), a
// receiver for response_url posts, a minimal Socket Mode WebSocket endpoint, and the signing of
// requests the way Slack signs them (v0 HMAC-SHA256), so a test can play Slack's part towards a
// real Bolt receiver.
//
//   const slack = await startFakeSlackApi();
//   createSlackAdapter({ apiUrl: slack.apiUrl, ... });
//   await postSigned(serverUrl + '/slack/events', SIGNING_SECRET, eventBody(...));
//   const [post] = await slack.waitFor('chat.postMessage', 1);
import { createHash, createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export const FAKE_BOT_USER_ID = 'U0BOT';
export const FAKE_BOT_ID = 'B0BOT';
export const FAKE_TEAM_ID = 'T0TEAM';

export interface SlackApiCall {
  /** Web API method, e.g. "chat.postMessage". */
  method: string;
  /** Form or JSON body; form values holding JSON (blocks) are parsed. */
  body: Record<string, any>;
  /** Bearer token from the Authorization header (or the form's `token`). */
  token?: string;
  /** The fake answered 429 to this call. */
  rateLimited: boolean;
  /** What the fake answered (e.g. the `ts` of a posted message); absent for 429s. */
  response?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  /** Name given to responseUrl(name). */
  name: string;
  body: Record<string, any>;
}

export interface RateLimitOptions {
  /** Share of matching calls answered 429, 0..1 (deterministic: 0.5 = every second call). */
  share: number;
  retryAfterSeconds?: number;
  /** Only these methods; all but auth.test by default. */
  methods?: string[];
}

export interface FakeSlackApi {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Web API base for `slackApiUrl` / the adapter's `apiUrl` (ends with "/api/"). */
  apiUrl: string;
  /** Every Web API call, in arrival order (429s included, flagged). */
  calls: SlackApiCall[];
  /** Every post to a response_url. */
  responses: ResponseUrlPost[];
  /** A response_url served by this fake; posts to it land in `responses`. */
  responseUrl(name?: string): string;
  /** Successful calls of `method` once there are at least `n`; rejects after `timeoutMs` (default 5000). */
  waitFor(method: string, n: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  /** Response-url posts once there are at least `n`. */
  waitForResponses(n: number, timeoutMs?: number): Promise<ResponseUrlPost[]>;
  /** Successful (not rate-limited) calls of `method`. */
  callsOf(method: string): SlackApiCall[];
  /** Number of successful calls of `method`; counted even with `record: false`. */
  countOf(method: string): number;
  /** Answer a share of calls with 429 + Retry-After; `rateLimit({ share: 0 })` turns it off. */
  rateLimit(options: RateLimitOptions): void;
  /**
   * Answer calls of these methods only `ms` after they were accepted (recorded, and a posted message
   * stored): a client killed meanwhile never learns that its message arrived. `latency(0)` ends it.
   */
  latency(ms: number, methods?: string[]): void;
  /** The next `count` calls of `method` answer `{ ok: false, error }` (e.g. "invalid_blocks"). */
  failNext(method: string, error: string, count?: number): void;
  /**
   * Messages posted to a conversation, oldest first, as conversations.history serves them. A post to
   * a user id (`U…`) lands in that user's DM, `D<user id>` (what conversations.open answers).
   */
  history(channel: string): PostedMessage[];
  /**
   * Forget recorded calls, responses and posted messages (rate limits stay): what comes next runs
   * as against a fresh fake (the bench resets between its targets).
   */
  reset(): void;
  /** Socket Mode: apps.connections.open hands out this fake's WebSocket URL. */
  socketMode: FakeSocketMode;
  close(): Promise<void>;
}

export interface PostedMessage {
  ts: string;
  text?: string;
  /** The message metadata (`{ event_type, event_payload }`) the poster sent, if any. */
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
}

/** The DM the fake opens for a user id, as conversations.open answers it. */
export const fakeDmOf = (userId: string): string => `D${userId}`;
const conversationOf = (channel: string): string => (/^[UW]/.test(channel) ? fakeDmOf(channel) : channel);

export interface FakeSocketMode {
  /** Open Socket Mode connections. */
  connections(): number;
  /** Sends an Events API request body (appMentionEvent() ...) as an events_api envelope; returns its envelope_id. */
  sendEvent(request: SlackRequest, retryAttempt?: number): string;
  /** Messages the client sent over the socket (acks are `{ envelope_id }`). */
  received: Record<string, any>[];
  /** Resolves once the client acknowledged `envelopeId`. */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): Record<string, any> {
  if (text === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(text) as Record<string, any>;
    } catch {
      return { _raw: text };
    }
  }
  const body: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // The WebClient sends objects (blocks, attachments) as JSON strings inside the form.
    if (/^[[{]/.test(value)) {
      try {
        body[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    body[key] = value;
  }
  return body;
}

/** The `channel` field of a form or JSON body, without decoding the rest. */
function channelOf(text: string): string | undefined {
  const m = /(?:^|&)channel=([^&]*)|"channel":"([^"]*)"/.exec(text);
  if (!m) return undefined;
  return m[1] !== undefined ? decodeURIComponent(m[1]) : m[2];
}

let tsCounter = 0;
function nextTs(): string {
  tsCounter++;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
}

export interface FakeSlackApiOptions {
  /** Keep every call in `calls` (default). The bench turns this off: it only counts. */
  record?: boolean;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const record = options.record ?? true;
  const calls: SlackApiCall[] = [];
  const counts = new Map<string, number>();
  const responses: ResponseUrlPost[] = [];
  const changed = new EventEmitter();
  changed.setMaxListeners(0);
  let limit: Required<RateLimitOptions> = { share: 0, retryAfterSeconds: 1, methods: [] };
  let limitCredit = 0;
  const failures = new Map<string, { error: string; count: number }>();
  const posted = new Map<string, PostedMessage[]>();
  let lag = { ms: 0, methods: ['chat.postMessage'] };

  const shouldLimit = (method: string): boolean => {
    if (limit.share <= 0) return false;
    if (limit.methods.length > 0 ? !limit.methods.includes(method) : method === 'auth.test') return false;
    limitCredit += limit.share;
    if (limitCredit >= 1 - 1e-9) {
      limitCredit -= 1;
      return true;
    }
    return false;
  };

  const answer = (method: string, body: Record<string, any>): Record<string, unknown> => {
    const failure = failures.get(method);
    if (failure && failure.count > 0) {
      failure.count--;
      return { ok: false, error: failure.error };
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'compliance-bot', team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID };
      case 'chat.postMessage': {
        const channel = conversationOf(String(body.channel));
        const message: PostedMessage = { ts: nextTs(), ...(typeof body.text === 'string' ? { text: body.text } : {}) };
        if (body.metadata && typeof body.metadata === 'object') message.metadata = body.metadata;
        // Appended in place: copying the list per post would make every post cost more than the last.
        let messages = posted.get(channel);
        if (!messages) posted.set(channel, (messages = []));
        messages.push(message);
        return { ok: true, channel, ts: message.ts, message: { text: body.text, bot_id: FAKE_BOT_ID } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: fakeDmOf(String(body.users ?? '').split(',')[0] ?? '') } };
      case 'conversations.history': {
        // Newest first, from `oldest` on, `limit` per page; metadata only with include_all_metadata.
        const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
        const oldest = Number(body.oldest ?? 0);
        const limit = Math.max(1, Math.min(1000, Number(body.limit ?? 100)));
        const offset = Number(body.cursor ?? 0) || 0;
        const all = (posted.get(String(body.channel)) ?? []).filter((m) => Number(m.ts) > oldest).reverse();
        const page = all.slice(offset, offset + limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.text ?? '',
          bot_id: FAKE_BOT_ID,
          ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
        }));
        const more = offset + limit < all.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
      }
      case 'chat.startStream':
        // A streamed message is a message: it has a ts the appends and the stop name.
        return { ok: true, channel: body.channel, ts: nextTs() };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/socket-mode` };
      default:
        return { ok: true };
    }
  };

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    // Not recording (the bench), only the channel is parsed: decoding every Block Kit payload
    // would load the thread that plays Slack more for a bigger answer than for a small one.
    // chat.postMessage is always parsed: its metadata is kept for conversations.history.
    const full = record || req.url?.includes('chat.postMessage') || req.url?.includes('conversations.');
    const body = full ? parseBody(text, req.headers['content-type']) : { channel: channelOf(text) };
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path.startsWith('/response/')) {
      responses.push({ name: decodeURIComponent(path.slice('/response/'.length)), body });
      changed.emit('change');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const m = /^\/api\/([\w.]+)$/.exec(path);
    if (req.method !== 'POST' || !m) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const method = m[1] as string;
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof body.token === 'string' ? body.token : undefined;
    const rateLimited = shouldLimit(method);
    if (!rateLimited) counts.set(method, (counts.get(method) ?? 0) + 1);
    const response = rateLimited ? undefined : answer(method, body);
    if (record) {
      calls.push({ method, body, token, rateLimited, ...(response ? { response } : {}) });
      changed.emit('change');
    }
    if (rateLimited || !response) {
      res.writeHead(429, { 'retry-after': String(limit.retryAfterSeconds), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const answered = JSON.stringify(response);
    if (lag.ms > 0 && lag.methods.includes(method)) await new Promise((resolve) => setTimeout(resolve, lag.ms));
    res.writeHead(200, { 'content-type': 'application/json' }).end(answered);
  });
  // Keep Node's default keepAliveTimeout (5 s): undici subtracts 1 s from the server's hint, so a
  // 1 s timeout would make fetch open a new connection for every call. close() ends idle sockets.
  const sockets = new Set<Duplex>();
  const received: Record<string, any>[] = [];
  server.on('upgrade', (req, socket) => {
    if (!req.url?.startsWith('/socket-mode')) {
      socket.destroy();
      return;
    }
    acceptWebSocket(req, socket, (message) => {
      received.push(message);
      changed.emit('change');
    });
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let envelopeCounter = 0;
  const socketMode: FakeSocketMode = {
    connections: () => sockets.size,
    received,
    sendEvent(request, retryAttempt = 0) {
      const socket = [...sockets].at(-1);
      if (!socket) throw new Error('fake Slack: no Socket Mode connection is open');
      const envelopeId = `env-${++envelopeCounter}`;
      const envelope = {
        envelope_id: envelopeId,
        type: 'events_api',
        payload: JSON.parse(request.body),
        accepts_response_payload: false,
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt > 0 ? 'timeout' : '',
      };
      socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify(envelope))));
      return envelopeId;
    },
    waitForAck(envelopeId, timeoutMs = 5000) {
      return waitUntil(
        () => (received.some((m) => m.envelope_id === envelopeId) ? true : undefined),
        timeoutMs,
        () => `the ack of ${envelopeId}`,
      ).then(() => undefined);
    },
  };
  const url = `http://127.0.0.1:${port}`;

  const callsOf = (method: string) => calls.filter((c) => c.method === method && !c.rateLimited);

  function waitUntil<T>(get: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = get();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        changed.off('change', check);
      };
      changed.on('change', check);
      check();
    });
  }

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    responseUrl: (name = 'default') => `${url}/response/${encodeURIComponent(name)}`,
    callsOf,
    history: (channel) => [...(posted.get(channel) ?? [])],
    latency(ms, methods = ['chat.postMessage']) {
      lag = { ms, methods };
    },
    countOf: (method) => counts.get(method) ?? 0,
    waitFor(method, n, timeoutMs = 5000) {
      return waitUntil(
        () => {
          const found = callsOf(method);
          return found.length >= n ? found : undefined;
        },
        timeoutMs,
        () => `${n} × ${method} (have ${callsOf(method).length}; all calls: ${calls.map((c) => c.method).join(', ') || 'none'})`,
      );
    },
    waitForResponses(n, timeoutMs = 5000) {
      return waitUntil(
        () => (responses.length >= n ? responses : undefined),
        timeoutMs,
        () => `${n} response_url posts (have ${responses.length})`,
      );
    },
    rateLimit(options) {
      limit = { share: options.share, retryAfterSeconds: options.retryAfterSeconds ?? 1, methods: options.methods ?? [] };
      limitCredit = 0;
    },
    failNext(method, error, count = 1) {
      failures.set(method, { error, count });
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      counts.clear();
      posted.clear();
    },
    socketMode,
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

// ---- Socket Mode: just enough of RFC 6455 for one client (no fragmentation, no extensions) ----

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (len < 126) head[1] = len;
  else if (len < 65536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

/** One frame from the start of `buf`, or undefined while it is incomplete. Client frames are masked. */
function decodeFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = (buf[0] as number) & 0x0f;
  const masked = ((buf[1] as number) & 0x80) !== 0;
  let len = (buf[1] as number) & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const mask = masked ? buf.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buf.length < offset + len) return undefined;
  const payload = Buffer.from(buf.subarray(offset, offset + len));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return { opcode, payload, size: offset + len };
}

/** Completes the WebSocket handshake, says hello like Slack, answers pings and the close handshake. */
function acceptWebSocket(req: IncomingMessage, socket: Duplex, onMessage: (message: Record<string, any>) => void): void {
  const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
  socket.on('error', () => {});
  socket.write(
    ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'),
  );
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let frame = decodeFrame(pending); frame; frame = decodeFrame(pending)) {
      pending = pending.subarray(frame.size);
      if (frame.opcode === 0x1) {
        try {
          onMessage(JSON.parse(frame.payload.toString('utf8')) as Record<string, any>);
        } catch {
          onMessage({ _raw: frame.payload.toString('utf8') });
        }
      } else if (frame.opcode === 0x9) socket.write(encodeFrame(0xa, frame.payload));
      else if (frame.opcode === 0x8) {
        socket.end(encodeFrame(0x8, frame.payload.subarray(0, 2)));
        return;
      }
    }
  });
  const hello = { type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' }, debug_info: { host: 'fake-slack' } };
  socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify(hello))));
}

// ---- Playing Slack's part: signed requests ----

/** Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface SignedRequestOptions {
  /** Seconds since the epoch; now by default (6 minutes old is rejected by Bolt). */
  timestamp?: number;
  /** Sign with this secret instead (to test a wrong signature). */
  signWith?: string;
  /** Extra headers, e.g. { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }. */
  headers?: Record<string, string>;
}

export interface SlackRequest {
  body: string;
  contentType: string;
}

/** Headers Slack sends with `request`, signed with `signingSecret`. */
export function signedHeaders(signingSecret: string, request: SlackRequest, options: SignedRequestOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.signWith ?? signingSecret, timestamp, request.body),
    ...options.headers,
  };
}

/** POSTs `request` to `url` signed like Slack; resolves with the HTTP status and body text. */
export async function postSigned(
  url: string,
  signingSecret: string,
  request: SlackRequest,
  options: SignedRequestOptions = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: signedHeaders(signingSecret, request, options), body: request.body });
  return { status: res.status, text: await res.text() };
}

let eventCounter = 0;
let triggerCounter = 0;

export interface MessageEventInput {
  text: string;
  channel?: string;
  user?: string;
  ts?: string;
  thread_ts?: string;
  event_id?: string;
  /** Extra event fields (bot_id, subtype ...). */
  extra?: Record<string, unknown>;
}

function eventCallback(event: Record<string, unknown>, eventId?: string): SlackRequest {
  eventCounter++;
  const body = {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId ?? `Ev${Date.now()}${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    event,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** Any Events API event in the event_callback envelope (Slack API docs, "Events API": outer event). */
export function eventRequest(event: Record<string, unknown>, eventId?: string): SlackRequest {
  return eventCallback(event, eventId);
}

/** An Events API app_mention (text should contain `<@U0BOT>`). */
export function appMentionEvent(input: MessageEventInput): SlackRequest {
  const ts = input.ts ?? nextTs();
  return eventCallback(
    {
      type: 'app_mention',
      user: input.user ?? 'U0ASKER',
      text: input.text,
      ts,
      event_ts: ts,
      channel: input.channel ?? 'C0GENERAL',
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
      ...input.extra,
    },
    input.event_id,
  );
}

/** An Events API message.im (a direct message to the bot). */
export function directMessageEvent(input: MessageEventInput): SlackRequest {
  const ts = input.ts ?? nextTs();
  return eventCallback(
    {
      type: 'message',
      channel_type: 'im',
      user: input.user ?? 'U0ASKER',
      text: input.text,
      ts,
      event_ts: ts,
      channel: input.channel ?? 'D0DM',
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
      ...input.extra,
    },
    input.event_id,
  );
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommand(input: { text: string; responseUrl: string; command?: string; channel?: string; user?: string }): SlackRequest {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    team_domain: 'fake',
    channel_id: input.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: input.user ?? 'U0ASKER',
    user_name: 'asker',
    command: input.command ?? '/compliance',
    text: input.text,
    api_app_id: 'A0APP',
    response_url: input.responseUrl,
    // Unique like Slack's: the bot handles one trigger_id once.
    trigger_id: `trigger.${Date.now()}.${++triggerCounter}`,
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** A block_actions payload for a button click (form field `payload` holding JSON). */
export function buttonClick(input: {
  actionId: string;
  value: string;
  blockId: string;
  responseUrl?: string;
  channel?: string;
  user?: string;
}): SlackRequest {
  const payload = {
    type: 'block_actions',
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    user: { id: input.user ?? 'U0ASKER', username: 'asker', team_id: FAKE_TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1.000001', channel_id: input.channel ?? 'C0GENERAL', is_ephemeral: false },
    trigger_id: `trigger.${Date.now()}.${++triggerCounter}`,
    channel: { id: input.channel ?? 'C0GENERAL', name: 'general' },
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId,
        value: input.value,
        text: { type: 'plain_text', text: 'Notify me of changes' },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}
