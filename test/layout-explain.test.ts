// The optional LLM explanation on the web chat and on POST /api/ask, through the real server and a
// fake OpenAI-compatible model: the answer comes at once, the explanation by a second request, and
// a slow model never delays the verdict.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerHandle } from '../server/index.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fakes/openai-server.js';
import { postJson, startTestServer } from './helpers/server.js';

const EXPLANATION = 'Zoom darf für Gespräche mit Bürgern genutzt werden, solange sie nicht vertraulich sind.';

describe('LLM explanation on the web chat and /api/ask', () => {
  let llm: FakeOpenAiServer;
  let server: ServerHandle;
  before(async () => {
    llm = await startFakeOpenAiServer();
    server = await startTestServer({ LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'test-model', LLM_TIMEOUT_MS: '3000' });
  });
  after(async () => {
    await server.close();
    await llm.close();
  });

  it('web chat: the answer carries a slot; the explanation is fetched with its id, once', async () => {
    // The model takes a while: the answer must come before it.
    llm.reply({ content: EXPLANATION, delayMs: 400 });
    const res = await postJson(`${server.url}/web/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /data-verdict="conditional"/);
    assert.ok(!html.includes(EXPLANATION), 'the answer does not wait for the model');
    const url = /data-explain="([^"]+)"/.exec(html)?.[1];
    assert.ok(url, html);
    assert.match(url, /^web\/explain\/[A-Za-z0-9_-]{22}\?lang=de$/);
    const explained = await fetch(`${server.url}/${url}`);
    assert.equal(explained.status, 200);
    const fragment = await explained.text();
    assert.match(fragment, /<h3>Erläuterung<\/h3><p>Zoom darf für Gespräche mit Bürgern genutzt werden/);
    assert.match(fragment, /maßgeblich ist die Entscheidung oben/);
    assert.equal((await fetch(`${server.url}/${url}`)).status, 404, 'handed out once');
    assert.equal((await fetch(`${server.url}/web/explain/not-an-id`)).status, 404);
  });

  it('the page script fetches the slot after showing the answer', async () => {
    const js = await (await fetch(`${server.url}/web/app.js`)).text();
    assert.match(js, /querySelector\('\.explanation-slot'\)/);
    assert.match(js, /explain\(entry\)/);
  });

  it('POST /api/ask with explain: true gives where to fetch the explanation; without it the contract is unchanged', async () => {
    llm.reply({ content: EXPLANATION, delayMs: 300 });
    const plain = await (await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' })).json();
    assert.equal('explanation' in plain, false);
    const body = await (await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?', explain: true })).json();
    assert.equal(body.verdict, 'conditional');
    assert.match(body.explanation, /^\/api\/explain\/[A-Za-z0-9_-]{22}$/);
    const got = await (await fetch(`${server.url}${body.explanation}`)).json();
    assert.deepEqual(got, { explanation: EXPLANATION });
  });

  it('an explanation the model does not give is null (web: 204), and the answer stands', async () => {
    // (Other questions than above: an explanation already given is cached.)
    llm.reply({ status: 500 });
    const body = await (await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom für vertrauliche Gespräche nutzen?', explain: true })).json();
    assert.equal(body.verdict, 'not_allowed');
    assert.deepEqual(await (await fetch(`${server.url}${body.explanation}`)).json(), { explanation: null });
    const html = await (await postJson(`${server.url}/web/ask`, { question: 'Wann wird über Microsoft 365 entschieden?' })).text();
    const url = /data-explain="([^"]+)"/.exec(html)?.[1];
    assert.equal((await fetch(`${server.url}/${url}`)).status, 204);
  });
});

describe('without an LLM', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('no slot, and explain: true says there is none', async () => {
    const html = await (await postJson(`${server.url}/web/ask`, { question: 'Darf ich Zoom nutzen?' })).text();
    assert.ok(!html.includes('data-explain'));
    const body = await (await postJson(`${server.url}/api/ask`, { question: 'Darf ich Zoom nutzen?', explain: true })).json();
    assert.equal(body.explanation, null);
  });
});
