// The MCP server through the SDK's own client: `compliance-bot mcp` spawned over stdio, and POST /mcp
// on the real server on 127.0.0.1 with the Streamable HTTP client. The verdicts are compared with
// the engine's for the same knowledge base, never with hard-coded answers.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { toJson } from '../src/layout/answer-json.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { normalizeChat } from '../src/text/chat.js';
import type { ServerHandle } from '../server/index.js';
import { SHIPPED_KB } from './helpers/admin-kb-copy.js';
import { postJson, startTestServer } from './helpers/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ZOOM_QUESTION = 'Darf ich Zoom mit Bürgern nutzen?';
const TOKEN = 'mcp-test-token-0123456789';

let kb: KnowledgeBase;
let core: ComplianceCore;

/** The engine's answer object for `question`, as `ask --json` prints it. */
async function engineJson(question: string): Promise<ReturnType<typeof toJson>> {
  const answer = await core.ask(normalizeChat(question, 'cli'), { platform: 'cli' });
  return toJson({ ...answer, question });
}

before(async () => {
  kb = await loadKnowledgeBase(SHIPPED_KB);
  core = new ComplianceCore(kb);
});

type Structured = Record<string, unknown>;

describe('compliance-bot mcp over stdio', () => {
  let client: Client;

  before(async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'cli/main.ts', 'mcp', '--kb', SHIPPED_KB],
      cwd: ROOT,
      env: { ...env, KNOWLEDGE_DIR: '', LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    client = new Client({ name: 'compliance-bot-test', version: '1.0.0' });
    await client.connect(transport); // initialize + initialized
  });

  after(async () => {
    await client?.close();
  });

  it('initialize names the server, and tools/list gives the four tools with input and output schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'compliance-bot');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['ask', 'get_tool', 'list_pending', 'list_tools']);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.outputSchema?.type, 'object', `${tool.name} has an output schema`);
    }
    const ask = tools.find((t) => t.name === 'ask');
    assert.deepEqual(ask?.inputSchema.required, ['question']);
    assert.ok(ask?.inputSchema.properties && 'language' in ask.inputSchema.properties);
    assert.ok(ask?.outputSchema?.properties && 'verdict' in ask.outputSchema.properties);
  });

  it('tools/call ask gives the engine\'s answer object as structuredContent and its text as content', async () => {
    const expected = await engineJson(ZOOM_QUESTION);
    const result = await client.callTool({ name: 'ask', arguments: { question: ZOOM_QUESTION } });
    assert.notEqual(result.isError, true);
    const structured = result.structuredContent as Structured;
    assert.equal(structured.verdict, expected.verdict);
    assert.deepEqual(structured, JSON.parse(JSON.stringify(expected)));
    const content = result.content as { type: string; text: string }[];
    assert.equal(content[0]?.type, 'text');
    assert.equal(content[0]?.text, expected.text);
  });

  it('ask answers in the requested language', async () => {
    const result = await client.callTool({ name: 'ask', arguments: { question: ZOOM_QUESTION, language: 'en' } });
    const structured = result.structuredContent as Structured;
    assert.equal(structured.language, 'en');
    assert.equal(structured.verdict, (await engineJson(ZOOM_QUESTION)).verdict);
  });

  it('get_tool, list_tools and list_pending read the catalogue', async () => {
    const zoom = kb.tools.get('zoom')!;
    const got = (await client.callTool({ name: 'get_tool', arguments: { tool: zoom.name } })).structuredContent as { found: boolean; tool: Structured };
    assert.equal(got.found, true);
    assert.equal(got.tool.id, 'zoom');
    assert.deepEqual(got.tool.restrictions, JSON.parse(JSON.stringify(zoom.restrictions)));
    const missing = (await client.callTool({ name: 'get_tool', arguments: { tool: 'Quackmail' } })).structuredContent as { found: boolean; tool: unknown };
    assert.deepEqual([missing.found, missing.tool], [false, null]);

    const restricted = (await client.callTool({ name: 'list_tools', arguments: { status: 'restricted' } })).structuredContent as { tools: { id: string }[] };
    const expectedRestricted = [...kb.tools.values()].filter((t) => t.status === 'restricted').map((t) => t.id).sort();
    assert.deepEqual(restricted.tools.map((t) => t.id).sort(), expectedRestricted);
    const all = (await client.callTool({ name: 'list_tools', arguments: {} })).structuredContent as { tools: unknown[] };
    assert.equal(all.tools.length, kb.tools.size);

    const pending = (await client.callTool({ name: 'list_pending', arguments: {} })).structuredContent as { tools: { id: string; decisionExpected: string | null }[] };
    const expectedPending = [...kb.tools.values()].filter((t) => t.status === 'pending');
    assert.deepEqual(pending.tools.map((t) => t.id).sort(), expectedPending.map((t) => t.id).sort());
    for (const t of pending.tools) assert.equal(t.decisionExpected !== null, kb.tools.get(t.id)!.decision_expected !== undefined, t.id);
  });

  it('a bad argument is refused by the input schema', async () => {
    const result = await client.callTool({ name: 'ask', arguments: { question: '' } }).catch((err: Error) => ({ isError: true, content: [{ type: 'text', text: err.message }] }));
    assert.equal(result.isError, true);
  });
});

describe('POST /mcp on the running server', () => {
  let server: ServerHandle;
  let url: URL;

  before(async () => {
    server = await startTestServer({ MCP_TOKEN: TOKEN, RATE_LIMIT_QUESTIONS: '3' });
    url = new URL('/mcp', server.url);
  });
  after(async () => {
    await server?.close();
  });

  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } } };
  const accept = { accept: 'application/json, text/event-stream' };

  it('answers 401 without a token and with a wrong one', async () => {
    const none = await postJson(url.href, initialize, accept);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const wrong = await postJson(url.href, initialize, { ...accept, authorization: `Bearer ${TOKEN}x` });
    assert.equal(wrong.status, 401);
    const notBearer = await postJson(url.href, initialize, { ...accept, authorization: TOKEN });
    assert.equal(notBearer.status, 401);
  });

  it('answers initialize with the right token (plain JSON-RPC over HTTP)', async () => {
    const res = await postJson(url.href, initialize, { ...accept, authorization: `Bearer ${TOKEN}` });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { result?: { serverInfo?: { name: string } } };
    assert.equal(body.result?.serverInfo?.name, 'compliance-bot');
  });

  it('the SDK client initializes, lists the tools and asks; the question rate limit applies', async () => {
    const client = new Client({ name: 'compliance-bot-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 4);
      const expected = await engineJson(ZOOM_QUESTION);
      const result = await client.callTool({ name: 'ask', arguments: { question: ZOOM_QUESTION } });
      assert.equal((result.structuredContent as Structured).verdict, expected.verdict);
      // RATE_LIMIT_QUESTIONS=3: two more questions pass, the fourth is refused.
      for (let i = 0; i < 2; i++) assert.notEqual((await client.callTool({ name: 'ask', arguments: { question: ZOOM_QUESTION } })).isError, true);
      const limited = await client.callTool({ name: 'ask', arguments: { question: ZOOM_QUESTION } });
      assert.equal(limited.isError, true);
      assert.match((limited.content as { text: string }[])[0]?.text ?? '', /3/);
      // Reading the catalogue is not a question.
      assert.notEqual((await client.callTool({ name: 'list_pending', arguments: {} })).isError, true);
    } finally {
      await client.close();
    }
  });
});

describe('POST /mcp without MCP_TOKEN', () => {
  it('is not there (404)', async () => {
    const server = await startTestServer();
    try {
      const res = await postJson(new URL('/mcp', server.url).href, { jsonrpc: '2.0', id: 1, method: 'initialize' });
      assert.equal(res.status, 404);
    } finally {
      await server.close();
    }
  });
});
