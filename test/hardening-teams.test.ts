// The Teams endpoint under attack, through the real server and the real botbuilder CloudAdapter:
// bad JSON is 400, an oversized body 413, every token problem 401 with a body that names nothing
// internal; nothing of an unauthenticated body reaches the log or the console. Tokens are checked
// against a local OpenID key server (the Bot Framework's role), so a correctly signed token gets
// through and an expired or wrongly addressed one is refused for that reason alone.
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { startServer, type ServerHandle, type TeamsAdapterModule } from '../server/index.js';
import { startFakeConnector, type FakeConnector } from './fakes/bot-connector.js';
import { commandReplyMessage } from '../adapters/teams/render.js';
import { GOOD_URL, HOSTILE_TOOL, writeHostileKb } from './helpers/hostile-kb.js';
import { postJson, startTestServer } from './helpers/server.js';

const APP_ID = '0b3c2a1e-5f4d-4c3b-9a8e-7d6c5b4a3f21';
const ISSUER = 'https://api.botframework.com';
const KID = 'hardening-test-key';
// Marks that must never be seen in a log line or on the console.
const SECRET_MAIL = 'erika.mustermann.secret@example.org';
const SECRET_TEXT = 'Geheimprojekt-Kormoran-4711';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, key?: KeyObject): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (!key) return `${head}.`;
  const signature = createSign('RSA-SHA256').update(head).sign(key);
  return `${head}.${b64url(signature)}`;
}

/** The Bot Framework's key publication, on 127.0.0.1: OpenID metadata and a JWKS with one RSA key. */
async function startKeyServer(publicKey: KeyObject): Promise<{ metadataUrl: string; server: Server }> {
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { metadataUrl: `${base}/v1/.well-known/openidconfiguration`, server };
}

/**
 * Everything written to stderr while `work` runs: console.error and console.warn (botbuilder's way
 * of printing) write there, so this sees what the server prints however it prints it; the console
 * itself is left as the server set it. (stdout carries the test runner's own reports.)
 */
async function captureOutput<T>(work: () => Promise<T>): Promise<{ result: T; output: string[] }> {
  const output: string[] = [];
  const streams = [process.stderr];
  const saved = streams.map((s) => s.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    }) as typeof stream.write;
  }
  try {
    return { result: await work(), output };
  } finally {
    streams.forEach((stream, i) => (stream.write = saved[i] as typeof stream.write));
  }
}

describe('Teams endpoint with authentication on', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  let keys: { metadataUrl: string; server: Server };
  let connector: FakeConnector;
  let server: ServerHandle;
  const logLines: string[] = [];
  let asked = 0;

  const activity = (extra: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:attacker', name: SECRET_MAIL, aadObjectId: '6f1c2a4e-0000-4000-8000-00000000dead' },
    recipient: { id: '28:bot', name: 'Compliance-Bot' },
    conversation: { id: 'a:conv', conversationType: 'personal' },
    text: `${SECRET_TEXT} ${SECRET_MAIL}`,
    ...extra,
  });

  const claims = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: ISSUER, aud: APP_ID, iat: now - 10, nbf: now - 10, exp: now + 600, serviceurl: connector.url, ...extra };
  };
  const signed = (extra: Record<string, unknown> = {}, key: KeyObject = privateKey) => jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims(extra), key);

  const post = (body: unknown, headers: Record<string, string> = {}) => postJson(`${server.url}/api/messages`, body, headers);

  before(async () => {
    keys = await startKeyServer(publicKey);
    connector = await startFakeConnector();
    const logger = pino({ level: 'trace' }, new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(chunk.toString('utf8')), done()) }));
    const realTeams = async (): Promise<TeamsAdapterModule> => {
      const mod = await import('../adapters/teams/index.js');
      // The real adapter, with the signing keys taken from the local key server.
      return { createTeamsAdapter: (o) => mod.createTeamsAdapter({ ...o, openIdMetadataUrl: keys.metadataUrl }) };
    };
    server = await startTestServer(
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'app-password-not-used', MICROSOFT_APP_TYPE: 'MultiTenant', TEAMS_MAX_BODY_KB: '16', LOG_LEVEL: 'trace' },
      { logger, adapterModules: { teams: realTeams } },
    );
    const realAsk = server.core.ask.bind(server.core);
    server.core.ask = (...args) => {
      asked++;
      return realAsk(...args);
    };
  });
  after(async () => {
    await server.close();
    await connector.close();
    keys.server.close();
  });

  it('a correctly signed token for this bot is accepted (the control for the refusals below)', async () => {
    // A typing activity: authenticated and handled, with no reply to send.
    const res = await post(activity({ type: 'typing', text: undefined }), { authorization: `Bearer ${signed()}` });
    assert.equal(res.status, 200, await res.text());
  });

  it('bad JSON is 400, a JSON that is no activity is 400, an oversized body 413: JSON errors quoting nothing', async () => {
    const { output } = await captureOutput(async () => {
      for (const [body, status, error] of [
        [`{"type": "message", "text": "${SECRET_MAIL}`, 400, 'invalid_json'],
        ['{"type": "message",}', 400, 'invalid_json'],
        ['', 400, 'invalid_activity'],
        ['[]', 400, 'invalid_activity'],
        ['"just a string"', 400, 'invalid_json'],
        ['{"text": "no type"}', 400, 'invalid_activity'],
        ['{"type": "message", "from": "me"}', 400, 'invalid_activity'],
        [JSON.stringify(activity({ text: `${SECRET_TEXT} ${'x'.repeat(20 * 1024)}` })), 413, 'payload_too_large'],
      ] as const) {
        const res = await post(body);
        assert.equal(res.status, status, body.slice(0, 60));
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
        const json = (await res.json()) as { error: string; message: string };
        assert.equal(json.error, error);
        assert.doesNotMatch(JSON.stringify(json), new RegExp(`${SECRET_MAIL}|${SECRET_TEXT}|at |Error`));
      }
      // Not JSON at all, with another content type: still a 400, not a 500.
      const form = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `${SECRET_MAIL}` });
      assert.equal(form.status, 400);
    });
    assert.deepEqual(output, [], 'nothing on the console');
  });

  it('every token problem is 401 with a body that leaks nothing; no turn runs, nothing is sent', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string | undefined][] = [
      ['no Authorization header', undefined],
      ['not a bearer token', `Basic ${b64url('user:pass')}`],
      ['a malformed token', 'Bearer not.a.jwt'],
      ['a token of garbage', `Bearer ${'A'.repeat(400)}`],
      ['alg: none', `Bearer ${jwt({ alg: 'none', typ: 'JWT', kid: KID }, claims())}`],
      ['alg: none without a key id', `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims())}`],
      ['HS256 with the public key as secret', `Bearer ${jwt({ alg: 'HS256', typ: 'JWT', kid: KID }, claims())}sig`],
      ['self-signed (another key, same key id)', `Bearer ${signed({}, stranger)}`],
      ['self-signed with an unknown key id', `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: 'who-knows' }, claims(), stranger)}`],
      ['expired', `Bearer ${signed({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 })}`],
      ['not valid yet', `Bearer ${signed({ nbf: now + 3600, iat: now + 3600, exp: now + 7200 })}`],
      ['for another bot (wrong audience)', `Bearer ${signed({ aud: '11111111-2222-4333-8444-555555555555' })}`],
      ['from another issuer', `Bearer ${signed({ iss: 'https://evil.example' })}`],
      ['for another serviceUrl', `Bearer ${signed({ serviceurl: 'http://203.0.113.9/' })}`],
    ];
    const before = { asked, sent: connector.activities.length, rejected: connector.rejected.length };
    const { output } = await captureOutput(async () => {
      for (const [what, authorization] of cases) {
        const res = await post(activity(), authorization ? { authorization } : {});
        assert.equal(res.status, 401, what);
        const body = await res.text();
        assert.deepEqual(JSON.parse(body), { error: 'unauthorized', message: 'a valid Bot Framework token is required' }, what);
      }
    });
    assert.deepEqual(output, [], `no console output (botbuilder prints stack traces there): ${output.join('\n').slice(0, 500)}`);
    assert.equal(asked, before.asked, 'no question reached the core');
    assert.equal(connector.activities.length, before.sent, 'nothing was sent');
    assert.equal(connector.rejected.length, before.rejected, 'the bot made no request to the serviceUrl');
  });

  it('nothing of an unauthenticated body is in the log, at any level', () => {
    const all = logLines.join('');
    assert.ok(all.length > 0, 'the logger did write (trace level)');
    assert.ok(!all.includes(SECRET_MAIL), 'no e-mail address from a body');
    assert.ok(!all.includes(SECRET_TEXT), 'no text from a body');
    assert.ok(!all.includes('eyJ'), 'no token');
    // Refusals are summarised, not one line each.
    const refusals = logLines.filter((l) => /Teams requests refused/.test(l));
    assert.ok(refusals.length <= 2, `refusals are reported at most once a minute (${refusals.length})`);
  });
});

describe('Teams endpoint with authentication off (TEAMS_ENABLED=true)', () => {
  let connector: FakeConnector;
  let server: ServerHandle;
  before(async () => {
    connector = await startFakeConnector();
    server = await startTestServer({ TEAMS_ENABLED: 'true' });
  });
  after(async () => {
    await server.close();
    await connector.close();
  });

  const message = (serviceUrl: string) => ({
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:someone' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:conv', conversationType: 'personal' },
    text: 'Zoom?',
  });

  it('replies only to a Bot Connector on this machine: no requests to other hosts (SSRF)', async () => {
    for (const url of ['http://203.0.113.5/', 'https://evil.example/', 'http://169.254.169.254/latest/', 'file:///etc/passwd', 'not a url']) {
      const res = await postJson(`${server.url}/api/messages`, message(url));
      assert.equal(res.status, 403, url);
      assert.equal(((await res.json()) as { error: string }).error, 'forbidden');
    }
    const ok = await postJson(`${server.url}/api/messages`, message(connector.url));
    assert.equal(ok.status, 200);
    assert.equal((await connector.waitFor(1)).length, 1, 'the local connector got the answer');
  });

  it('is refused at start unless HOST is a loopback address, naming the variables', async () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'bot.example.org']) {
      assert.throws(
        () => loadConfig({ TEAMS_ENABLED: 'true', HOST: host }),
        (err: unknown) =>
          err instanceof ConfigError && /TEAMS_ENABLED/.test(err.message) && /HOST/.test(err.message) && /MICROSOFT_APP_ID/.test(err.message) && err.message.includes(host),
        host,
      );
    }
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) assert.equal(loadConfig({ TEAMS_ENABLED: 'true', HOST: host }).teams?.authEnabled, false, host);
    // With an app id any host is fine.
    assert.equal(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'MultiTenant', HOST: '0.0.0.0' }).teams?.authEnabled, true);
    // A configuration built by hand cannot slip through startServer either.
    const config = { ...loadConfig({ TEAMS_ENABLED: 'true', PORT: '0', LOG_LEVEL: 'silent' }), host: '0.0.0.0' };
    await assert.rejects(startServer(config, { logger: pino({ level: 'silent' }) }), /TEAMS_ENABLED=true without MICROSOFT_APP_ID.*HOST is "0\.0\.0\.0"/);
  });
});

/** Every TextBlock text and FactSet title/value of a card: what Teams reads as markdown. */
function markdownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownTexts);
  if (typeof node !== 'object' || node === null) return [];
  const o = node as Record<string, unknown>;
  const own: string[] = [];
  if (o.type === 'TextBlock' && typeof o.text === 'string') own.push(o.text);
  if (typeof o.title === 'string' && typeof o.value === 'string') own.push(o.title, o.value);
  return [...own, ...Object.values(o).flatMap(markdownTexts)];
}

/** The targets of the markdown links in `text` (a link is "[...](...)" whose brackets are not escaped). */
function linkTargets(text: string): string[] {
  return [...text.matchAll(/(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1] as string);
}

describe('Teams cards: markdown escaped, only web links', () => {
  let connector: FakeConnector;
  let server: ServerHandle;
  let kb: ReturnType<typeof writeHostileKb>;
  let n = 0;
  before(async () => {
    connector = await startFakeConnector();
    kb = writeHostileKb();
    server = await startTestServer({ TEAMS_ENABLED: 'true', KNOWLEDGE_DIR: kb.dir });
  });
  after(async () => {
    await server.close();
    await connector.close();
    kb.cleanup();
  });

  async function ask(text: string): Promise<any> {
    const before = connector.activities.length;
    const res = await postJson(`${server.url}/api/messages`, {
      type: 'message',
      id: `md-${++n}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:asker' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:md', conversationType: 'personal' },
      locale: 'en-US',
      text,
    });
    assert.equal(res.status, 200);
    const [reply] = (await connector.waitFor(before + 1)).slice(before);
    const card = reply?.body.attachments?.[0]?.content;
    assert.ok(card, 'a card');
    return card;
  }

  it('knowledge-base text is shown literally; only web links', async () => {
    const card = await ask(`May I use ${HOSTILE_TOOL}?`);
    const texts = markdownTexts(card);
    const all = texts.join('\n');
    assert.ok(all.includes('Click \\*\\*here\\*\\* \\[to subscribe\\](https://evil.example/phish) \\_now\\_'), 'the summary, escaped');
    assert.ok(texts.some((t) => t.includes('1. only on Mondays')), 'the restriction is shown');
    assert.ok(texts.some((t) => t.includes('- # never \\[on\\](javascript:alert(1)) Sundays')), 'link syntax broken');
    for (const t of texts) assert.doesNotMatch(t, /^\s*(\d+[.)]|[-+*]|#{1,6})\s/m, `no line starts as a list or heading: ${t}`);
    const targets = texts.flatMap(linkTargets);
    assert.ok(targets.includes(GOOD_URL), `the good source is a link (${targets.join(', ')})`);
    for (const t of targets) assert.match(t, /^(https?:|mailto:)/, `only web and mail links: ${t}`);
    assert.ok(texts.some((t) => t.includes('Evil \\[source\\]')), 'the evil source keeps its title, as text');
    assert.doesNotMatch(JSON.stringify(card.actions ?? []), /javascript:/i);
  });

  it('an unknown tool: the request button is left out when the contact URL is not a web URL', async () => {
    const card = await ask('May I use Frobnicator Pro?');
    // (The card's fallbackText is the engine's plain text; links and buttons are what is checked.)
    for (const t of markdownTexts(card)) for (const target of linkTargets(t)) assert.match(target, /^(https?:|mailto:)/, target);
    assert.doesNotMatch(JSON.stringify(card.actions ?? []), /javascript:/i);
    assert.equal((card.actions ?? []).filter((a: { type: string }) => a.type === 'Action.OpenUrl').length, 0);
    assert.ok(markdownTexts(card).some((t) => t.includes('Ask the \\*IT\\* desk')), 'the contact text, escaped');
  });

  it('the user\'s own words echoed back do not become a link', async () => {
    let echoes = 0;
    for (const text of ['subscribe [x](https://evil.example)', 'May I use [x](https://evil.example)?', 'subscribe **Quack_box**']) {
      const card = await ask(text);
      const texts = markdownTexts(card);
      for (const t of texts) assert.deepEqual(linkTargets(t).filter((u) => u.includes('evil.example')), [], `no link in "${t}"`);
      const echoed = texts.filter((t) => t.includes('evil.example') || t.includes('Quack'));
      echoes += echoed.length;
      for (const t of echoed) assert.ok(t.includes('\\[x\\]') || t.includes('\\*\\*Quack\\_box\\*\\*'), `escaped where echoed: ${t}`);
    }
    assert.ok(echoes > 0, 'some reply did echo the user\'s words (else this test proves nothing)');
  });

  it('escapes every markdown construct at the start of a line', () => {
    const reply = commandReplyMessage('- a dash\n1. a number\n## a heading\n+ a plus\n> a quote\n*stars* and _under_ \\ back', 'en');
    const texts = markdownTexts(reply.attachments[0]?.content);
    assert.deepEqual(texts, ['\\- a dash', '1\\. a number', '\\#\\# a heading', '\\+ a plus', '\\> a quote', '\\*stars\\* and \\_under\\_ \\\\ back']);
  });
});
