import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Router } from 'express';
import type { MessagingAdapter } from '../adapters/types.js';
import { VERDICTS } from '../src/model/answer.js';
import { KnowledgeBaseError } from '../src/errors.js';
import type { SlackAdapterOptions } from '../adapters/slack/index.js';
import type { TeamsAdapterOptions } from '../adapters/teams/index.js';
import type { ServerHandle } from '../server/index.js';
import { memoryLogger, postJson, startTestServer } from './helpers/server.js';

const CONTRACT_FIELDS = ['category', 'contexts', 'language', 'question', 'sources', 'text', 'tools', 'unknownTool', 'verdict'];

describe('HTTP API', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('listens on 127.0.0.1 and a free port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
  });

  it('POST /api/ask answers with exactly the contract JSON', async () => {
    const res = await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const json = (await res.json()) as Record<string, unknown>;
    // The contract fields exactly, plus only the documented optional ones (evidence, assumed).
    assert.deepEqual(Object.keys(json).filter((k) => k !== 'evidence' && k !== 'assumed').sort(), CONTRACT_FIELDS);
    assert.equal(json.question, 'Darf ich Zoom mit Bürgern nutzen?');
    assert.ok((VERDICTS as readonly unknown[]).includes(json.verdict), `verdict ${String(json.verdict)}`);
    assert.ok(Array.isArray(json.tools) && Array.isArray(json.contexts) && Array.isArray(json.sources));
    assert.equal(typeof json.text, 'string');
    assert.ok(json.language === 'de' || json.language === 'en');
  });

  // Holds once the real engine replaces the stub (which answers "unclear" to everything).
  it('POST /api/ask: "Darf ich Zoom mit Bürgern nutzen?" is conditional for Zoom, in German (needs the real engine)', async () => {
    const res = await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' });
    const json = (await res.json()) as { verdict: string; language: string; contexts: string[]; tools: { id: string; verdict: string; conditions: string[] }[] };
    assert.equal(json.verdict, 'conditional');
    assert.equal(json.language, 'de');
    assert.ok(json.contexts.includes('citizens'));
    assert.equal(json.tools[0]?.id, 'zoom');
    assert.equal(json.tools[0]?.verdict, 'conditional');
    assert.ok((json.tools[0]?.conditions.length ?? 0) > 0);
  });

  for (const [what, body, status, code] of [
    ['a missing question', {}, 400, 'invalid_question'],
    ['a question that is not text', { question: 42 }, 400, 'invalid_question'],
    ['an empty question', { question: '   ' }, 400, 'invalid_question'],
    ['a JSON array', '[]', 400, 'invalid_question'],
    ['invalid JSON', '{"question": ', 400, 'invalid_json'],
    ['a bare JSON string', '"Zoom?"', 400, 'invalid_json'],
  ] as const) {
    it(`POST /api/ask: ${what} gives ${status} with a JSON error`, async () => {
      const res = await postJson(`${server.url}/api/ask`, body);
      assert.equal(res.status, status);
      const json = (await res.json()) as { error: string; message: string };
      assert.equal(json.error, code);
      assert.ok(json.message.length > 0);
    });
  }

  it('POST /api/ask: a body over 200 kB gives 413', async () => {
    const res = await postJson(`${server.url}/api/ask`, { question: 'x'.repeat(250_000) });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: string }).error, 'payload_too_large');
  });

  it('POST /api/ask: a body that is not JSON gives 415', async () => {
    const res = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Zoom?' });
    assert.equal(res.status, 415);
  });

  it('GET /healthz reports the knowledge base', async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    const json = (await res.json()) as { status: string; knowledgeBase: { version: string; tools: number } };
    assert.equal(json.status, 'ok');
    assert.equal(json.knowledgeBase.version, server.core.knowledgeBase.version);
    assert.match(json.knowledgeBase.version, /^[0-9a-f]{16}$/);
    assert.equal(json.knowledgeBase.tools, server.core.knowledgeBase.tools.size);
    assert.ok(json.knowledgeBase.tools >= 3);
  });

  it('unknown routes give a JSON 404', async () => {
    const res = await fetch(`${server.url}/nope`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: string }).error, 'not_found');
  });
});

describe('GET /metrics', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('counts questions by platform and verdict, times them, and never contains the question', async () => {
    const secret = 'Darf ich Geheimwerkzeug-4711 mit Patientendaten nutzen?';
    assert.equal((await postJson(`${server.url}/api/ask`, { question: secret })).status, 200);
    assert.equal((await postJson(`${server.url}/web/ask`, { question: secret })).status, 200);
    const res = await fetch(`${server.metricsUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await res.text();
    const counted = /^compliance_bot_questions_total\{platform="web",verdict="([a-z_]+)"\} (\d+)$/m.exec(text);
    assert.ok(counted, text);
    assert.ok((VERDICTS as readonly string[]).includes(counted[1] as string));
    assert.equal(counted[2], '2');
    assert.match(text, /^compliance_bot_answer_seconds_count\{platform="web"\} 2$/m);
    assert.match(text, /^compliance_bot_answer_seconds_bucket\{le="0\.005",platform="web"\} \d+$/m);
    assert.match(text, /^# TYPE compliance_bot_errors_total counter$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m);
    for (const part of ['Geheimwerkzeug', '4711', 'Patientendaten']) assert.ok(!text.includes(part), `metrics contain "${part}"`);
  });

  it('counts errors by platform', async () => {
    server.core.ask = async () => {
      throw new Error('engine exploded');
    };
    try {
      const res = await postJson(`${server.url}/api/ask`, { question: 'Zoom?' });
      assert.equal(res.status, 500);
      assert.equal(((await res.json()) as { error: string }).error, 'internal_error');
      assert.equal((await postJson(`${server.url}/web/ask`, { question: 'Zoom?' })).status, 500);
    } finally {
      delete (server.core as { ask?: unknown }).ask;
    }
    const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
    assert.match(text, /^compliance_bot_errors_total\{platform="web"\} 2$/m);
  });
});

describe('chat adapters', () => {
  const APP_ID = '0b3c2a1e-5f4d-4c3b-9a8e-7d6c5b4a3f21';

  function fakeAdapter(platform: 'slack' | 'teams', calls: string[], mount: (router: Router) => void, start = async () => {}): MessagingAdapter {
    return {
      platform,
      mount(router) {
        calls.push(`${platform}:mount`);
        mount(router);
      },
      async start() {
        calls.push(`${platform}:start`);
        await start();
      },
      async stop() {
        calls.push(`${platform}:stop`);
      },
      async notify() {},
      async say() {},
    };
  }

  it('loads Slack and Teams only when configured, mounts them before starting them, and stops them on close', async () => {
    const calls: string[] = [];
    let slackOptions: SlackAdapterOptions | undefined;
    let teamsOptions: TeamsAdapterOptions | undefined;
    const server = await startTestServer(
      { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'sign', SLACK_API_URL: 'http://127.0.0.1:1/api/', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'MultiTenant' },
      {
        adapterModules: {
          slack: async () => ({
            createSlackAdapter(o) {
              slackOptions = o;
              // The raw body must reach the Slack route untouched (its signature is over the raw bytes).
              return fakeAdapter('slack', calls, (router) =>
                router.post('/slack/events', (req, res) => {
                  let raw = '';
                  req.setEncoding('utf8');
                  req.on('data', (c: string) => (raw += c));
                  req.on('end', () => res.json({ raw, parsed: req.body !== undefined }));
                }),
              );
            },
          }),
          teams: async () => ({
            createTeamsAdapter(o) {
              teamsOptions = o;
              return fakeAdapter('teams', calls, (router) => router.post('/api/messages', (_req, res) => res.status(202).end()));
            },
          }),
        },
      },
    );
    try {
      assert.deepEqual(calls, ['slack:mount', 'teams:mount', 'slack:start', 'teams:start']);
      assert.equal(slackOptions?.core, server.core);
      assert.equal(slackOptions?.botToken, 'xoxb-test');
      assert.equal(slackOptions?.signingSecret, 'sign');
      assert.equal(slackOptions?.apiUrl, 'http://127.0.0.1:1/api/');
      assert.equal(typeof slackOptions?.logger.info, 'function');
      assert.deepEqual(
        { appId: teamsOptions?.appId, appPassword: teamsOptions?.appPassword, appType: teamsOptions?.appType },
        { appId: APP_ID, appPassword: 'pw', appType: 'MultiTenant' },
      );

      const body = '{"type":"url_verification","challenge":"abc"}';
      const res = await postJson(`${server.url}/slack/events`, body);
      assert.deepEqual(await res.json(), { raw: body, parsed: false });
      assert.equal((await postJson(`${server.url}/api/messages`, {})).status, 202);
    } finally {
      await server.close();
    }
    assert.deepEqual(calls.slice(4).sort(), ['slack:stop', 'teams:stop']);
  });

  it('passes no app id to Teams when TEAMS_ENABLED=true alone (authentication off), and loads no Slack', async () => {
    let teamsOptions: TeamsAdapterOptions | undefined;
    let slackLoaded = false;
    const { logger, lines } = memoryLogger();
    const server = await startTestServer(
      { TEAMS_ENABLED: 'true' },
      {
        logger,
        adapterModules: {
          slack: async () => {
            slackLoaded = true;
            throw new Error('not configured');
          },
          teams: async () => ({
            createTeamsAdapter(o) {
              teamsOptions = o;
              return fakeAdapter('teams', [], () => {});
            },
          }),
        },
      },
    );
    await server.close();
    assert.equal(slackLoaded, false);
    assert.equal(teamsOptions?.appId, undefined);
    assert.ok(lines.some((l) => l.level === 40 && /AUTHENTICATION IS OFF/.test(String(l.msg))), 'a loud warning');
    const started = lines.find((l) => /^listening on/.test(String(l.msg)));
    assert.deepEqual(started?.adapters, ['web', 'teams (AUTHENTICATION OFF)']);
    assert.deepEqual(started?.knowledgeBase && Object.keys(started.knowledgeBase as object).sort(), ['dir', 'tools', 'version']);
  });

  it('an adapter that fails to start stops the start and frees the port', async () => {
    const calls: string[] = [];
    await assert.rejects(
      startTestServer(
        { TEAMS_ENABLED: 'true' },
        {
          adapterModules: {
            teams: async () => ({
              createTeamsAdapter: () =>
                fakeAdapter('teams', calls, () => {}, async () => {
                  throw new Error('cannot reach the Bot Framework');
                }),
            }),
          },
        },
      ),
      /cannot reach the Bot Framework/,
    );
    assert.deepEqual(calls, ['teams:mount', 'teams:start', 'teams:stop']);
  });
});

describe('start-up errors', () => {
  it('a broken knowledge base: logs every issue and rejects with the KnowledgeBaseError', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cb-kb-'));
    mkdirSync(path.join(dir, 'tools'));
    writeFileSync(path.join(dir, 'organization.yaml'), 'name: Test\n');
    writeFileSync(path.join(dir, 'tools', 'zoom.yaml'), 'name: Zoom\nstatus: maybe\nupdated: 2021-03-26\n');
    const { logger, lines } = memoryLogger();
    await assert.rejects(startTestServer({ KNOWLEDGE_DIR: dir }, { logger }), (err: unknown) => {
      assert.ok(err instanceof KnowledgeBaseError);
      assert.match(err.message, /tools\/zoom\.yaml:2:\d+: status: must be one of/);
      return true;
    });
    const logged = lines.find((l) => Array.isArray(l.issues));
    assert.equal((logged?.issues as { file: string }[])[0]?.file, 'tools/zoom.yaml');
  });

  it('a port in use is named', async () => {
    const first = await startTestServer();
    try {
      await assert.rejects(startTestServer({ PORT: String(first.port) }), new RegExp(`port ${first.port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await first.close();
    }
  });
});

describe('close()', () => {
  it('waits for a request in flight, refuses new connections, and is idempotent', async () => {
    const server = await startTestServer();
    const real = server.core.ask.bind(server.core);
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    server.core.ask = async (...args) => {
      entered();
      await new Promise((r) => setTimeout(r, 300));
      return real(...args);
    };
    const inFlight = postJson(`${server.url}/api/ask`, { question: 'Zoom?' });
    await inside;
    const closing = server.close();
    assert.equal(server.close(), closing);
    await assert.rejects(fetch(`${server.url}/healthz`, { headers: { connection: 'close' } }));
    assert.equal((await inFlight).status, 200);
    await closing;
  });

  it('bounds the wait: a hung request is cut off after the shutdown timeout', async () => {
    const server = await startTestServer({}, { shutdownTimeoutMs: 200 });
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    server.core.ask = () => {
      entered();
      return new Promise(() => {});
    };
    const hung = postJson(`${server.url}/api/ask`, { question: 'Zoom?' }).catch((err: unknown) => err);
    await inside;
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 2_000, 'close() returned within the bound');
    assert.ok((await hung) instanceof Error, 'the hung request was cut off');
  });
});
