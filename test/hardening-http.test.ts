// HTTP hardening of the real server over real HTTP on 127.0.0.1: security headers on every
// response, per-client rate limits with Retry-After (client address through trusted proxies only),
// the pseudonymous client key handed to the core, /metrics protection, and /healthz answering
// while a flood of bad requests arrives.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Answer } from '../src/model/answer.js';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import type { AskMeta } from '../src/core.js';
import { addressBucket, clientAddress, isLoopbackHost, parseTrustedProxies } from '../src/http/addresses.js';
import { createClientKeyer } from '../src/http/client-key.js';
import { createRateLimiter } from '../src/http/rate-limit.js';
import { linkUrl, webUrl } from '../src/http/safe-url.js';
import { type Answer as AnswerValue } from '../src/model/answer.js';
import { toJson } from '../src/layout/answer-json.js';
import { startServer, type ServerHandle } from '../server/index.js';
import { startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';
import { memoryLogger, postJson, startTestServer } from './helpers/server.js';

const QUESTION = { question: 'Darf ich Zoom mit Bürgern nutzen?' };

/** Records the meta of every question the core is asked. */
function recordMeta(server: ServerHandle): AskMeta[] {
  const seen: AskMeta[] = [];
  const real = server.core.ask.bind(server.core);
  server.core.ask = async (question: string, meta: AskMeta, ...rest: unknown[]): Promise<Answer> => {
    seen.push(meta);
    return (real as (q: string, m: AskMeta, ...r: unknown[]) => Promise<Answer>)(question, meta, ...rest);
  };
  return seen;
}

describe('security headers', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const common = (res: Response, what: string) => {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
    assert.equal(res.headers.get('x-powered-by'), null, `${what}: no X-Powered-By`);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, `${what}: CSP forbids framing`);
  };

  it('are on the JSON API, health, metrics, errors and the 404', async () => {
    const responses: [string, Response][] = [
      ['POST /api/ask', await postJson(`${server.url}/api/ask`, QUESTION)],
      ['POST /api/ask (400)', await postJson(`${server.url}/api/ask`, '{"question": ')],
      ['GET /healthz', await fetch(`${server.url}/healthz`)],
      ['GET /metrics', await fetch(`${server.metricsUrl}/metrics`)],
      ['GET /nope', await fetch(`${server.url}/nope`)],
    ];
    for (const [what, res] of responses) {
      common(res, what);
      // Nothing here may load anything.
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/, `${what}: CSP allows nothing`);
      await res.arrayBuffer();
    }
  });

  it('the web page allows only its own origin', async () => {
    const res = await fetch(`${server.url}/`);
    common(res, 'GET /');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    await res.text();
    const ask = await postJson(`${server.url}/web/ask`, QUESTION);
    common(ask, 'POST /web/ask');
    await ask.text();
  });
});

describe('rate limits', () => {
  it('questions: a burst of RATE_LIMIT_QUESTIONS per client, then 429 with Retry-After; /api/ask and /web/ask share it', async () => {
    const server = await startTestServer({ RATE_LIMIT_QUESTIONS: '3' });
    try {
      const statuses: number[] = [];
      for (const path of ['/api/ask', '/web/ask', '/api/ask']) statuses.push((await postJson(`${server.url}${path}`, QUESTION)).status);
      assert.deepEqual(statuses, [200, 200, 200]);
      for (const path of ['/api/ask', '/web/ask']) {
        const res = await postJson(`${server.url}${path}`, QUESTION);
        assert.equal(res.status, 429, path);
        const retryAfter = Number(res.headers.get('retry-after'));
        assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers.get('retry-after')}`);
        const body = (await res.json()) as { error: string; message: string };
        assert.equal(body.error, 'rate_limited');
        assert.match(body.message, /3 per minute/);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      }
      // Health is never limited.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('without TRUSTED_PROXIES a made-up X-Forwarded-For does not give a fresh bucket', async () => {
    const server = await startTestServer({ RATE_LIMIT_QUESTIONS: '2' });
    try {
      const seen = recordMeta(server);
      for (let i = 0; i < 2; i++) assert.equal((await postJson(`${server.url}/api/ask`, QUESTION, { 'x-forwarded-for': `203.0.113.${i}` })).status, 200);
      const res = await postJson(`${server.url}/api/ask`, QUESTION, { 'x-forwarded-for': '198.51.100.77' });
      assert.equal(res.status, 429);
      assert.equal(seen.length, 2);
      assert.equal(seen[0]?.clientKey, seen[1]?.clientKey, 'one client: the socket address counts');
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy each forwarded client has its own bucket and its own client key', async () => {
    const server = await startTestServer({ RATE_LIMIT_QUESTIONS: '1', TRUSTED_PROXIES: '127.0.0.1/32' });
    try {
      const seen = recordMeta(server);
      const ask = (xff: string) => postJson(`${server.url}/api/ask`, QUESTION, { 'x-forwarded-for': xff });
      assert.equal((await ask('203.0.113.10')).status, 200);
      assert.equal((await ask('203.0.113.10')).status, 429, 'the same client again');
      assert.equal((await ask('203.0.113.11')).status, 200, 'another client');
      // A client writing its own X-Forwarded-For in front: the proxy appends the real address.
      assert.equal((await ask('192.0.2.99, 203.0.113.10')).status, 429, 'the spoofed left part is not believed');
      assert.equal(seen.length, 2);
      const [a, b] = seen.map((m) => m.clientKey);
      assert.ok(a && b && a !== b, 'different clients, different keys');
      for (const key of [a, b]) assert.ok(!key.includes('203.0.113'), 'the key is not the address');
      assert.ok(seen.every((m) => m.platform === 'web'));
    } finally {
      await server.close();
    }
  });

  it('feedback: RATE_LIMIT_FEEDBACK per client, then 429', async () => {
    const server = await startTestServer({ RATE_LIMIT_FEEDBACK: '2' });
    try {
      const toolId = [...server.core.knowledgeBase.tools.keys()][0] as string;
      const click = () => postJson(`${server.url}/web/feedback`, { verdict: 'conditional', toolIds: [toolId], helpful: false });
      assert.equal((await click()).status, 204);
      assert.equal((await click()).status, 204);
      const res = await click();
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers.get('retry-after')) >= 1);
      // Questions have their own bucket.
      assert.equal((await postJson(`${server.url}/api/ask`, QUESTION)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('the web chat passes the client key to the core as well', async () => {
    const server = await startTestServer();
    try {
      const seen = recordMeta(server);
      assert.equal((await postJson(`${server.url}/web/ask`, QUESTION)).status, 200);
      assert.equal((await postJson(`${server.url}/api/ask`, QUESTION)).status, 200);
      assert.equal(seen.length, 2);
      assert.match(seen[0]?.clientKey ?? '', /^c:[A-Za-z0-9_-]{22}$/);
      assert.equal(seen[0]?.clientKey, seen[1]?.clientKey);
    } finally {
      await server.close();
    }
  });
});

describe('rate limiter, client addresses and keys (units)', () => {
  it('a token bucket refills at perMinute/60 per second and says when to come back', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 6, now: () => now });
    for (let i = 0; i < 6; i++) assert.equal(limiter.take('a').allowed, true);
    const refused = limiter.take('a');
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 10 });
    now += 9_000;
    assert.equal(limiter.take('a').allowed, false);
    now += 1_000;
    assert.equal(limiter.take('a').allowed, true);
    assert.equal(limiter.take('b').allowed, true, 'another client is not affected');
  });

  it('remembers at most maxClients, forgetting the least recently seen', () => {
    const limiter = createRateLimiter({ perMinute: 1, maxClients: 100, now: () => 0 });
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    assert.equal(limiter.size(), 100);
    assert.equal(limiter.take('client-999').allowed, false, 'a recent client is still remembered');
    assert.equal(limiter.take('client-0').allowed, true, 'the oldest was forgotten');
  });

  it('perMinute 0 turns the limit off', () => {
    const limiter = createRateLimiter({ perMinute: 0 });
    for (let i = 0; i < 100; i++) assert.equal(limiter.take('a').allowed, true);
  });

  it('reads X-Forwarded-For only as far as trusted proxies vouch', () => {
    const none = parseTrustedProxies(undefined);
    assert.equal(clientAddress('::ffff:10.0.0.5', '1.2.3.4', none), '10.0.0.5');
    const list = parseTrustedProxies('10.0.0.0/8, ::1');
    assert.equal(clientAddress('10.0.0.5', '198.51.100.1, 203.0.113.9', list), '203.0.113.9');
    assert.equal(clientAddress('10.0.0.5', '198.51.100.1, 10.1.1.1', list), '198.51.100.1', 'a chain of trusted proxies');
    assert.equal(clientAddress('192.0.2.1', '203.0.113.9', list), '192.0.2.1', 'an untrusted peer cannot name a client');
    assert.equal(clientAddress('10.0.0.5', 'garbage', list), '10.0.0.5', 'not an address: the proxy itself');
    assert.equal(clientAddress('10.0.0.5', '[2001:db8::1]:443', list), '2001:db8::1');
    const hops = parseTrustedProxies('1');
    assert.equal(clientAddress('10.0.0.5', '192.0.2.7, 203.0.113.9', hops), '203.0.113.9');
    assert.equal(clientAddress('10.0.0.5', undefined, hops), '10.0.0.5');
    assert.equal(clientAddress('10.0.0.5', '192.0.2.7, 203.0.113.9', parseTrustedProxies('2')), '192.0.2.7');
    assert.throws(() => parseTrustedProxies('10.0.0.0/33'), ConfigError);
    assert.throws(() => parseTrustedProxies('proxy.local'), ConfigError);
  });

  it('counts an IPv6 client by its /64 and keys it without the address', () => {
    assert.equal(addressBucket('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(addressBucket('2001:db8:1:2:bbbb::9'), '2001:db8:1:2::/64');
    assert.equal(addressBucket('192.0.2.1'), '192.0.2.1');
    const key = createClientKeyer('a-secret-of-sixteen-chars');
    assert.equal(key('2001:db8:1:2::1'), key('2001:db8:1:2::2'));
    assert.notEqual(key('192.0.2.1'), key('192.0.2.2'));
    assert.equal(key('192.0.2.1'), createClientKeyer('a-secret-of-sixteen-chars')('192.0.2.1'), 'stable under one secret');
    assert.notEqual(key('192.0.2.1'), createClientKeyer('another-secret-of-16')('192.0.2.1'));
  });

  it('loopback hosts and web URLs', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'example.org', '128.0.0.1']) assert.equal(isLoopbackHost(h), false, h);
    assert.equal(webUrl('https://example.org/a b'), 'https://example.org/a%20b');
    for (const u of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x', '//evil.example', 'https://']) {
      assert.equal(webUrl(u), undefined, u);
    }
  });

  it('the API returns only http(s) and mailto: links, whatever an answer holds', () => {
    assert.equal(linkUrl('mailto:datenschutz@example.org'), 'mailto:datenschutz@example.org');
    for (const u of ['javascript:alert(1)', 'data:text/html,x', 'mailto:javascript:alert(1)', 'file:///etc/passwd']) assert.equal(linkUrl(u), undefined, u);
    const answer = {
      question: 'q', language: 'de', verdict: 'allowed', tools: [], contexts: [], category: null, unknownTool: null, text: '',
      sources: [
        { title: 'a', date: null, url: 'javascript:alert(1)' },
        { title: 'b', date: null, url: 'https://example.org/x' },
        { title: 'c', date: null, url: 'mailto:dsb@example.org' },
      ],
    } as unknown as AnswerValue;
    assert.deepEqual(toJson(answer).sources, [
      { title: 'a', date: null },
      { title: 'b', date: null, url: 'https://example.org/x' },
      { title: 'c', date: null, url: 'mailto:dsb@example.org' },
    ]);
  });

  it('configuration: defaults, values and errors name the variable', () => {
    const d = loadConfig({}).http;
    assert.equal(d?.questionsPerMinute, 30);
    assert.equal(d?.feedbackPerMinute, 10);
    assert.equal(d?.teamsMaxBodyBytes, 256 * 1024);
    assert.deepEqual(d?.trustedProxies, { kind: 'none' });
    assert.equal(d?.metricsToken, undefined);
    assert.deepEqual(d?.metricsListen, { host: '127.0.0.1', port: 9464, required: false }, 'metrics on a loopback port of their own by default');
    const c = loadConfig({ RATE_LIMIT_QUESTIONS: '0', METRICS_PORT: '9100', TEAMS_MAX_BODY_KB: '64', TRUSTED_PROXIES: '2' }).http;
    assert.equal(c?.questionsPerMinute, 0);
    assert.deepEqual(c?.metricsListen, { host: '127.0.0.1', port: 9100, required: true });
    assert.equal(loadConfig({ METRICS_TOKEN: 'metrics-token-0123456789abcdef' }).http?.metricsListen, undefined, 'a token alone: on PORT, with the token');
    assert.equal(loadConfig({ METRICS_PORT: 'off' }).http?.metricsListen, undefined);
    assert.deepEqual(loadConfig({ METRICS_HOST: '::1' }).http?.metricsListen, { host: '::1', port: 9464, required: false });
    assert.equal(c?.teamsMaxBodyBytes, 64 * 1024);
    assert.deepEqual(c?.trustedProxies, { kind: 'hops', count: 2 });
    for (const [env, pattern] of [
      [{ RATE_LIMIT_QUESTIONS: 'many' }, /RATE_LIMIT_QUESTIONS: expected a number of requests per minute/],
      [{ TRUSTED_PROXIES: 'proxy.local' }, /TRUSTED_PROXIES: "proxy\.local" is not an IP address/],
      [{ METRICS_HOST: '0.0.0.0', METRICS_PORT: 'off' }, /METRICS_PORT: METRICS_HOST is set, but there is no metrics listener/],
      [{ METRICS_PORT: 'on' }, /METRICS_PORT: expected a port number from 0 to 65535, or off/],
      [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: expected at least 16 printable characters/],
      [{ TEAMS_MAX_BODY_KB: '0' }, /TEAMS_MAX_BODY_KB: expected a size in KB/],
    ] as const) {
      assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && pattern.test(err.message));
    }
    // A secret is never echoed.
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short secret' }), (err: unknown) => err instanceof ConfigError && !err.message.includes('short secret'));
  });
});

describe('GET /metrics protection', () => {
  const scrape = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/metrics`, { headers });

  // Every header a proxy on the same machine may or may not add: none of them opens the public port.
  const PROXY_HEADERS: Record<string, string>[] = [
    {},
    { 'x-forwarded-for': '203.0.113.5' },
    { forwarded: 'for=203.0.113.5' },
    { 'x-real-ip': '203.0.113.5' },
    { 'x-client-ip': '203.0.113.5' },
    { 'true-client-ip': '203.0.113.5' },
    { 'cf-connecting-ip': '203.0.113.5' },
    { via: '1.1 nginx' },
  ];

  it('by default is never on the public port, whatever the headers, and is served on a loopback listener of its own', async () => {
    const server = await startTestServer();
    try {
      for (const headers of PROXY_HEADERS) {
        const res = await scrape(server.url, headers);
        assert.equal(res.status, 404, JSON.stringify(headers));
        assert.doesNotMatch(await res.text(), /compliance_bot_/);
      }
      assert.ok(server.metricsUrl, 'the metrics URL is reported');
      assert.match(server.metricsUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await scrape(server.metricsUrl);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /compliance_bot_questions_total/);
    } finally {
      await server.close();
    }
  });

  it('METRICS_PORT=off and no token: no metrics anywhere', async () => {
    const server = await startTestServer({ METRICS_PORT: 'off' });
    try {
      assert.equal(server.metricsUrl, undefined);
      assert.equal((await scrape(server.url)).status, 404);
    } finally {
      await server.close();
    }
  });

  it('the default metrics port taken (a second instance on the host): the server answers without metrics', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const file = path.join(tmpdir(), `cb-metrics-${process.pid}.sqlite`);
    const loaded = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORAGE_URL: `sqlite:${file}` });
    const config = { ...loaded, http: { ...loaded.http!, metricsListen: { host: '127.0.0.1', port, required: false } } };
    const { logger, lines } = memoryLogger();
    const server = await startServer(config, { logger });
    try {
      assert.equal(server.metricsUrl, undefined);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.equal((await scrape(server.url)).status, 404);
      assert.ok(lines.some((l) => /default metrics port is taken/.test(String(l.msg))));
    } finally {
      await server.close();
      await new Promise<void>((resolve) => taken.close(() => resolve()));
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
  });

  it('with METRICS_TOKEN needs the bearer token', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const server = await startTestServer({ METRICS_TOKEN: token });
    try {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: token }, { authorization: `Basic ${token}` }]) {
        const res = await scrape(server.url, headers);
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        assert.doesNotMatch(await res.text(), /compliance_bot_|metrics-token/);
      }
      const ok = await scrape(server.url, { authorization: `Bearer ${token}` });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /compliance_bot_questions_total/);
      // With a token, a proxied scrape with the token is fine; without it, no header helps.
      assert.equal((await scrape(server.url, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.5' })).status, 200);
      for (const headers of PROXY_HEADERS) assert.equal((await scrape(server.url, headers)).status, 401, JSON.stringify(headers));
      assert.equal(server.metricsUrl, undefined, 'no listener of its own with a token alone');
    } finally {
      await server.close();
    }
  });

  it('with METRICS_PORT it has a listener of its own and is gone from the main port', async () => {
    const server = await startTestServer({ METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
    try {
      assert.ok(server.metricsUrl, 'the metrics URL is reported');
      assert.notEqual(server.metricsUrl, server.url);
      assert.equal((await scrape(server.url)).status, 404);
      const res = await scrape(server.metricsUrl);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(await res.text(), /compliance_bot_questions_total/);
      assert.equal((await fetch(`${server.metricsUrl}/healthz`)).status, 404, 'only /metrics there');
    } finally {
      await server.close();
    }
    await assert.rejects(fetch(`${server.metricsUrl}/metrics`), 'the metrics listener closes with the server');
  });

  it('with METRICS_PORT and METRICS_TOKEN the listener of its own needs the token', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const server = await startTestServer({ METRICS_PORT: '0', METRICS_TOKEN: token });
    try {
      assert.equal((await scrape(server.url, { authorization: `Bearer ${token}` })).status, 404);
      assert.equal((await scrape(server.metricsUrl!)).status, 401);
      assert.equal((await scrape(server.metricsUrl!, { authorization: `Bearer ${token}` })).status, 200);
    } finally {
      await server.close();
    }
  });
});

describe('/healthz during a flood of bad requests', () => {
  let slack: FakeSlackApi;
  let server: ServerHandle;
  before(async () => {
    slack = await startFakeSlackApi();
    server = await startTestServer({
      TEAMS_ENABLED: 'true',
      SLACK_BOT_TOKEN: 'xoxb-flood',
      SLACK_SIGNING_SECRET: 'flood-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      RATE_LIMIT_QUESTIONS: '5',
    });
  });
  after(async () => {
    await server.close();
    await slack.close();
  });

  it('keeps answering while hundreds of malformed, oversized, unsigned and limited requests arrive', { timeout: 60_000 }, async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    const bad: (() => Promise<Response>)[] = [
      () => postJson(`${server.url}/api/messages`, '{"type": "message", "text": "max@example.org'),
      () => postJson(`${server.url}/api/messages`, big),
      () => postJson(`${server.url}/api/messages`, { type: 'message', serviceUrl: 'http://203.0.113.1/', text: 'hi' }),
      () => postJson(`${server.url}/api/messages`, '[]'),
      () => postJson(`${server.url}/slack/events`, '{"type":"event_callback","event":null}', { 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': '1e99' }),
      () => postJson(`${server.url}/api/ask`, '{"question": '),
      () => postJson(`${server.url}/api/ask`, QUESTION),
      () => postJson(`${server.url}/web/feedback`, { verdict: 'nope' }),
    ];
    const statuses = new Map<number, number>();
    let healthChecks = 0;
    for (let round = 0; round < 40; round++) {
      const flood = bad.map((send) =>
        send().then(
          async (res) => {
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            await res.arrayBuffer();
          },
          () => statuses.set(0, (statuses.get(0) ?? 0) + 1),
        ),
      );
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200, `healthz during round ${round}`);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      healthChecks++;
      await Promise.all(flood);
    }
    assert.equal(healthChecks, 40);
    assert.equal(statuses.get(500) ?? 0, 0, `no 500 among ${JSON.stringify([...statuses])}`);
    assert.equal(statuses.get(0) ?? 0, 0, 'no connection was dropped');
    for (const expected of [400, 401, 403, 413, 429]) assert.ok((statuses.get(expected) ?? 0) > 0, `some ${expected}`);
    assert.equal(slack.callsOf('chat.postMessage').length, 0, 'nothing reached Slack');
  });
});
