// The Slack Web API transport (adapters/slack/transport.ts) under the real WebClient: what Slack
// receives, how Slack's answers (ok, 429, 5xx, headers) reach the WebClient, and its timeout.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { webApi } from '@slack/bolt';
import { messageFields, renderCommandReply } from '../adapters/slack/render.js';
import { createSlackTransport, type SlackTransport } from '../adapters/slack/transport.js';
import { startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A server on 127.0.0.1 whose answer each test sets through `handle`. */
async function startScripted(): Promise<{ url: string; handle: { current: Handler }; server: Server }> {
  const handle: { current: Handler } = { current: (_req, _body, res) => res.end('{"ok":true}') };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle.current(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, handle, server };
}

describe('Slack Web API transport', () => {
  let slack: FakeSlackApi;
  let scripted: Awaited<ReturnType<typeof startScripted>>;
  let transport: SlackTransport;

  before(async () => {
    slack = await startFakeSlackApi();
    scripted = await startScripted();
    transport = createSlackTransport({ timeoutMs: 400 });
  });
  after(async () => {
    await transport.close();
    await slack.close();
    scripted.server.closeAllConnections();
    scripted.server.close();
  });

  it('delivers a message with pre-serialized blocks exactly as Block Kit, and returns Slack’s answer', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, fetch: transport.fetch });
    const message = renderCommandReply('Zoom: eingeschränkt – "nicht vertraulich" & <Bürger>', 'de');
    const result = await client.chat.postMessage({ channel: 'C1', ...messageFields(message) });
    assert.equal(result.ok, true);
    assert.match(String(result.ts), /^\d+\.\d+$/);
    const [call] = await slack.waitFor('chat.postMessage', 1);
    assert.deepEqual(call?.body.blocks, message.blocks);
    assert.equal(call?.body.text, message.text);
    assert.equal(call?.token, 'xoxb-test');
  });

  it('reports a 429 with its Retry-After to the WebClient', async () => {
    slack.rateLimit({ share: 1, retryAfterSeconds: 7, methods: ['chat.postMessage'] });
    try {
      const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, fetch: transport.fetch, rejectRateLimitedCalls: true });
      await assert.rejects(client.chat.postMessage({ channel: 'C1', text: 'hi' }), (err: webApi.WebAPIRateLimitedError) => {
        assert.equal(err.code, webApi.ErrorCode.RateLimitedError);
        assert.equal(err.retryAfter, 7);
        return true;
      });
    } finally {
      slack.rateLimit({ share: 0 });
    }
  });

  it('reports an HTTP error with its status, and reads Slack’s headers case-insensitively', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: scripted.url, fetch: transport.fetch, retryConfig: { retries: 0 } });
    scripted.handle.current = (_req, _body, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
    await assert.rejects(client.chat.postMessage({ channel: 'C1', text: 'hi' }), (err: webApi.WebAPIHTTPError) => {
      assert.equal(err.code, webApi.ErrorCode.HTTPError);
      assert.equal(err.statusCode, 503);
      assert.equal(err.body, 'down for maintenance');
      return true;
    });
    scripted.handle.current = (_req, _body, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-OAuth-Scopes': 'chat:write, im:write' }).end('{"ok":true}');
    const result = await client.apiCall('auth.test');
    assert.deepEqual(result.response_metadata?.scopes, ['chat:write', 'im:write']);
  });

  it('gives up on a Web API that does not answer within the timeout', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: scripted.url, fetch: transport.fetch, retryConfig: { retries: 0 } });
    scripted.handle.current = () => {}; // never answers
    const started = performance.now();
    await assert.rejects(client.chat.postMessage({ channel: 'C1', text: 'hi' }), (err: webApi.WebAPIRequestError) => {
      assert.equal(err.code, webApi.ErrorCode.RequestError);
      return true;
    });
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 300 && elapsed < 5000, `gave up after ${Math.round(elapsed)} ms (timeout 400 ms)`);
  });

  it('hands a multipart body to fetch', async () => {
    let seen = '';
    scripted.handle.current = (req, body, res) => {
      seen = `${req.headers['content-type']}\n${body}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'a.txt');
    const res = await transport.fetch(`${scripted.url}files.upload`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    assert.match(seen, /^multipart\/form-data; boundary=/);
    assert.match(seen, /filename="a.txt"[\s\S]*hello/);
  });

  it('refuses calls once closed', async () => {
    const own = createSlackTransport({ timeoutMs: 1000 });
    const res = await own.fetch(`${slack.apiUrl}auth.test`, { method: 'POST', body: '' });
    assert.equal(res.ok, true);
    assert.equal(((await res.json()) as { ok: boolean }).ok, true);
    await own.close();
    await own.close(); // a second stop() of the adapter closes it again
    await assert.rejects(own.fetch(`${slack.apiUrl}auth.test`, { method: 'POST', body: '' }));
  });
});
