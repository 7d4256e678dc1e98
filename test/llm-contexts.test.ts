// The optional LLM context help, against the fake OpenAI-compatible server on 127.0.0.1 through the
// real `openai` client: a helpful model makes a conditional answer "not allowed" and the answer says
// the context came from the model; garbage, unknown ids, errors and timeouts change nothing; the
// model is not asked when its answer cannot matter; what is sent is redacted; nothing is logged of
// the question.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { renderAnswerHtml } from '../adapters/web/render.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { localize, type KnowledgeBase } from '../src/kb/model.js';
import { ConfigError } from '../src/errors.js';
import { DEFAULT_CONTEXT_TIMEOUT_MS, loadContextHelpSettings } from '../src/config/llm.js';
import { createContextAdvisor, parseContextReply, type LlmContextAdvisor } from '../src/llm/contexts.js';
import { startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest } from './fakes/openai-server.js';
import { memoryLogger, postJson, startTestServer } from './helpers/server.js';

// A situation no vocabulary can know: only the model can say what it is about.
const OPAQUE = 'Darf ich Zoom für das Projekt Blauwal nutzen?';

let kb: KnowledgeBase;
let llm: FakeOpenAiServer;
before(async () => {
  kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
  llm = await startFakeOpenAiServer();
});
after(() => llm.close());

/** The question as it reached the model (between the <question> tags). */
function sentQuestion(r: RecordedRequest | undefined): string {
  const user = r?.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  return /<question>\n([\s\S]*)\n<\/question>/.exec(user)?.[1] ?? '';
}

describe('LLM context help through the core', () => {
  let advisor: LlmContextAdvisor;
  let core: ComplianceCore;
  let log: ReturnType<typeof memoryLogger>;
  beforeEach(() => {
    log = memoryLogger();
    // A generous deadline: the machine may be busy; the timeout case below uses its own short one.
    advisor = createContextAdvisor({ baseURL: llm.baseURL, model: 'fake-model', timeoutMs: 10_000, logger: log.logger });
    core = new ComplianceCore(kb);
    core.setContextAdvisor(advisor);
    llm.requests.length = 0;
  });

  it('without the model the opaque question is conditional (the premise of these tests)', async () => {
    const plain = await new ComplianceCore(kb).ask(OPAQUE, { platform: 'web' });
    assert.equal(plain.verdict, 'conditional');
    assert.deepEqual(plain.contexts, []);
  });

  it('a helpful model turns conditional into not_allowed, and the answer says the context came from the model', async () => {
    llm.reply({ content: '{"contexts": ["confidential"]}' });
    const a = await core.ask(OPAQUE, { platform: 'web' });
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.contexts, ['confidential']);
    assert.deepEqual(a.evidence?.map((e) => [e.id, e.source]), [['confidential', 'model']]);
    assert.match(a.text, /^Vom Sprachmodell ergänzte Situation: vertraulich$/m);
    assert.match(renderAnswerHtml(a), /<p class="note note-model">Vom Sprachmodell ergänzte Situation: vertraulich<\/p>/);
    assert.equal(llm.requests.length, 1);
    assert.equal(llm.requests[0]?.body.model, 'fake-model');
    // It was given the knowledge base's context ids to choose from.
    const user = llm.requests[0]?.body.messages?.find((m) => m.role === 'user')?.content ?? '';
    for (const id of kb.contexts.keys()) assert.match(user, new RegExp(`- ${id}: `));
  });

  it('accepts the JSON inside a code fence; a second identical question costs no request', async () => {
    llm.reply({ content: '```json\n{"contexts": ["vulnerable_persons"]}\n```' });
    assert.equal((await core.ask(OPAQUE, { platform: 'web' })).verdict, 'not_allowed');
    assert.equal((await core.ask(OPAQUE, { platform: 'web' })).verdict, 'not_allowed');
    assert.equal(llm.requests.length, 1);
    assert.equal(advisor.stats().cacheHits, 1);
  });

  for (const [what, reply] of [
    ['prose', { content: 'Sure! This one is confidential.' }],
    ['a wrong JSON shape', { content: '{"contexts": "confidential"}' }],
    ['extra fields (it tries to pick a tool)', { content: '{"contexts": ["confidential"], "tools": ["zoom-licensed"]}' }],
    ['unknown ids and tool ids', { content: '{"contexts": ["top_secret", "zoom", "CONFIDENTIAL"]}' }],
    ['a refusal', { content: "I'm sorry, I can't help with that." }],
    ['an HTTP error', { status: 500 }],
    ['nothing in time', { content: '{"contexts": ["confidential"]}', delayMs: 5_000 }],
  ] as const) {
    it(`a model that answers ${what} changes nothing`, async () => {
      if (what === 'nothing in time') {
        advisor = createContextAdvisor({ baseURL: llm.baseURL, model: 'fake-model', timeoutMs: 200, logger: log.logger });
        core.setContextAdvisor(advisor);
      }
      llm.reply(reply);
      const a = await core.ask(OPAQUE, { platform: 'web' });
      assert.equal(a.verdict, 'conditional');
      assert.deepEqual(a.contexts, []);
      assert.equal(llm.requests.length, 1);
      assert.equal(Object.values(advisor.stats().ignored).reduce((n, k) => n + k, 0) >= 1, true);
    });
  }

  it('only adds: the engine keeps its own contexts when the model finds none', async () => {
    llm.reply({ content: '{"contexts": []}' });
    const a = await core.ask('Darf ich Zoom mit Bürgern im Projekt Blauwal nutzen?', { platform: 'web' });
    assert.deepEqual(a.contexts, ['citizens']);
    assert.equal(a.verdict, 'conditional');
  });

  it('is not asked when the verdict is already not_allowed, pending or unclear', async () => {
    llm.reply({ content: '{"contexts": ["confidential"]}' });
    assert.equal((await core.ask('Darf ich Zoom für vertrauliche Gespräche nutzen?', { platform: 'web' })).verdict, 'not_allowed');
    assert.equal((await core.ask('Darf ich Microsoft 365 nutzen?', { platform: 'web' })).verdict, 'pending');
    assert.equal((await core.ask('Wie wird das Wetter?', { platform: 'web' })).verdict, 'unclear');
    assert.equal(llm.requests.length, 0);
  });

  it('is asked for a list that holds a conditional tool', async () => {
    llm.reply({ content: '{"contexts": ["confidential"]}' });
    const a = await core.ask('Welche Videokonferenzsysteme darf ich im Projekt Blauwal nutzen?', { platform: 'web' });
    assert.equal(a.verdict, 'list');
    assert.equal(llm.requests.length, 1);
    assert.equal(a.tools.find((t) => t.id === 'zoom')?.verdict, 'not_allowed');
  });

  it('sends the question redacted, with tool names masked, and logs nothing of it', async () => {
    llm.reply({ content: 'garbage' });
    await core.ask('Darf ich Zoom mit Frau Meier (anna.meier@example.org, 040 123456) im Projekt Blauwal nutzen?', { platform: 'web' });
    const sent = sentQuestion(llm.requests[0]);
    assert.match(sent, /\[NAME\]/);
    assert.match(sent, /\[E-MAIL\]/);
    assert.match(sent, /\[TOOL\]/);
    assert.doesNotMatch(sent, /Meier|anna|123456|Zoom/);
    assert.ok(log.lines.length > 0);
    assert.doesNotMatch(JSON.stringify(log.lines), /Blauwal|Meier|garbage/);
  });
});

describe('LLM context help through the real server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer({ LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake-model', LLM_CONTEXT_TIMEOUT_MS: '10000' });
  });
  after(() => server.close());

  it('/api/ask: the model adds a context, and the JSON evidence says it came from the model', async () => {
    llm.requests.length = 0;
    llm.reply((r) => ({ content: (r.body.messages ?? []).some((m) => m.content.includes('{"contexts"')) ? '{"contexts": ["vulnerable_persons"]}' : 'Eine Erklärung.' }));
    const a = await (await postJson(`${server.url}/api/ask`, { question: OPAQUE })).json();
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.evidence, [{ id: 'vulnerable_persons', label: localize(kb.contexts.get('vulnerable_persons')?.label, 'de'), words: [], source: 'model' }]);
    assert.equal(llm.requests.length, 1);
  });

  it('LLM_CONTEXT_HELP=false keeps the model out of the verdict', async () => {
    const off = await startTestServer({ LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake-model', LLM_CONTEXT_HELP: 'false' });
    try {
      llm.requests.length = 0;
      llm.reply({ content: '{"contexts": ["vulnerable_persons"]}' });
      const a = await (await postJson(`${off.url}/api/ask`, { question: OPAQUE })).json();
      assert.equal(a.verdict, 'conditional');
      assert.equal(llm.requests.length, 0);
    } finally {
      await off.close();
    }
  });
});

describe('settings and reply parsing', () => {
  it('reads LLM_CONTEXT_HELP and LLM_CONTEXT_TIMEOUT_MS, with errors naming the variable', () => {
    assert.deepEqual(loadContextHelpSettings({}), { enabled: true, timeoutMs: DEFAULT_CONTEXT_TIMEOUT_MS });
    assert.deepEqual(loadContextHelpSettings({ LLM_CONTEXT_HELP: 'off', LLM_CONTEXT_TIMEOUT_MS: '900' }), { enabled: false, timeoutMs: 900 });
    assert.throws(() => loadContextHelpSettings({ LLM_CONTEXT_TIMEOUT_MS: 'soon' }), (e: unknown) => e instanceof ConfigError && e.variable === 'LLM_CONTEXT_TIMEOUT_MS');
    assert.throws(() => loadContextHelpSettings({ LLM_CONTEXT_HELP: 'maybe' }), (e: unknown) => e instanceof ConfigError && e.variable === 'LLM_CONTEXT_HELP');
  });

  it('parses only the JSON asked for', () => {
    assert.deepEqual(parseContextReply('{"contexts": ["a", " b "]}'), ['a', 'b']);
    assert.deepEqual(parseContextReply('Here you go: ["a"]'), ['a']);
    for (const bad of ['', 'none', '{"contexts": [1]}', '{"contexts": ["a"], "x": 1}', '{"contexts": [', '{}']) assert.equal(parseContextReply(bad), null, bad);
  });
});
