// The catalogue as an MCP server (Model Context Protocol, @modelcontextprotocol/sdk) for AI
// assistants: `ask` gives the engine's answer object (the `ask --json` contract) as structured
// content with the answer text, `get_tool`, `list_tools` and `list_pending` read the catalogue.
// The verdict is always the engine's: no language model is asked, no conversation is kept, and
// nothing of a question is stored (usage counts, as for every surface, carry no question text).
// Transport-neutral: `compliance-bot mcp` connects it to stdio, server/mcp-route.ts to HTTP.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { statusLabel } from '../admin/format.js';
import { toJson } from '../layout/answer-json.js';
import type { ComplianceCore } from '../core.js';
import type { RateDecision } from '../http/rate-limit.js';
import { localize, type KnowledgeBase } from '../kb/model.js';
import { resolveTool, suggestTools } from '../kb/resolve.js';
import type { ToolEntry } from '../kb/schema.js';
import { phrases } from '../phrases/index.js';
import { decisionExpectedText } from '../kb/when.js';
import { normalizeChat } from '../text/chat.js';
import { answerOutput, askInput, getToolInput, getToolOutput, listPendingOutput, listToolsInput, listToolsOutput } from './schemas.js';

export interface CatalogueMcpOptions {
  core: ComplianceCore;
  /** The package version, reported in `initialize`. */
  version: string;
  /** Takes one question from the client's rate limit (RATE_LIMIT_QUESTIONS); absent = no limit. */
  takeQuestion?: () => RateDecision;
  perMinute?: number;
  /** A pseudonymous key of the client, for usage counts (never stored as is). */
  clientKey?: string;
}

const result = (text: string, structured: Record<string, unknown>): CallToolResult => ({ content: [{ type: 'text', text }], structuredContent: structured });

function summaryOf(t: ToolEntry) {
  return { id: t.id, name: t.name, category: t.category ?? null, status: t.status, vendor: t.vendor ?? null };
}

const byName = (a: ToolEntry, b: ToolEntry) => a.name.localeCompare(b.name);

function listTools(kb: KnowledgeBase, category: string | undefined, status: string | undefined): CallToolResult {
  const lang = kb.organization.default_language;
  const tools = [...kb.tools.values()].filter((t) => (category === undefined || t.category === category) && (status === undefined || t.status === status)).sort(byName);
  const lines = [phrases(lang).mcp.toolCount(tools.length), ...tools.map((t) => phrases(lang).mcp.toolLine(t.name, t.id, statusLabel(t.status, lang)))];
  const categories = [...kb.categories.values()].map((c) => ({ id: c.id, label: localize(c.label, lang) }));
  return result(lines.join('\n'), { tools: tools.map(summaryOf), categories });
}

function listPending(kb: KnowledgeBase): CallToolResult {
  const lang = kb.organization.default_language;
  const m = phrases(lang).mcp;
  const tools = [...kb.tools.values()].filter((t) => t.status === 'pending').sort(byName);
  const entries = tools.map((t) => ({
    ...summaryOf(t),
    decisionExpected: t.decision_expected !== undefined ? decisionExpectedText(t.decision_expected, lang) : null,
    steps: Object.entries(t.assessment).map(([step, e]) => ({ step, state: e?.state ?? 'open' })),
  }));
  const lines = [m.pendingCount(tools.length), ...entries.map((e) => `${m.toolLine(e.name, e.id, statusLabel(e.status, lang))}${e.decisionExpected ? `; ${m.decisionExpected(e.decisionExpected)}` : ''}`)];
  return result(lines.join('\n'), { tools: entries });
}

function getTool(kb: KnowledgeBase, ref: string): CallToolResult {
  const lang = kb.organization.default_language;
  const tool = resolveTool(kb, ref);
  if (!tool) {
    const suggestions = suggestTools(kb, ref);
    return result(phrases(lang).mcp.toolNotFound(ref, suggestions.join(', ')), { found: false, tool: null, suggestions });
  }
  const entry = JSON.parse(JSON.stringify(tool)) as Record<string, unknown>;
  return result(phrases(lang).mcp.toolLine(tool.name, tool.id, statusLabel(tool.status, lang)), { found: true, tool: entry, suggestions: [] });
}

export function createCatalogueMcpServer(options: CatalogueMcpOptions): McpServer {
  const { core } = options;
  const server = new McpServer(
    { name: 'compliance-bot', title: 'IT tool catalogue', version: options.version },
    { instructions: 'Ask whether an IT tool may be used, and under which conditions; the verdicts come from the organisation\'s assessed catalogue. Quote the answer\'s conditions and sources.' },
  );
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'ask',
    {
      title: 'Ask the catalogue',
      description: 'Answers a question such as "May I use Zoom with citizens?" from the assessed catalogue: the verdict (allowed, conditional, not_allowed, pending, unknown, unclear, list), the conditions and the sources. The same object as `compliance-bot ask --json`.',
      inputSchema: askInput,
      outputSchema: answerOutput,
      annotations: readOnly,
    },
    async ({ question, language }) => {
      const decision = options.takeQuestion?.() ?? { allowed: true };
      if (!decision.allowed) {
        const lang = language ?? core.knowledgeBase.organization.default_language;
        return { isError: true, content: [{ type: 'text', text: phrases(lang).mcp.rateLimited(options.perMinute ?? 0, decision.retryAfterSeconds) }] };
      }
      const answer = await core.ask(
        normalizeChat(question, 'cli'),
        { platform: 'mcp', withoutModel: true, ...(options.clientKey !== undefined ? { clientKey: options.clientKey } : {}) },
        language ? { language } : undefined,
      );
      const json = toJson({ ...answer, question });
      return result(json.text, json as unknown as Record<string, unknown>);
    },
  );

  server.registerTool(
    'get_tool',
    {
      title: 'Look up a tool',
      description: 'The catalogue entry of one tool by id, name or alias: status, restrictions, assessment steps, sources, review dates.',
      inputSchema: getToolInput,
      outputSchema: getToolOutput,
      annotations: readOnly,
    },
    async ({ tool }) => getTool(core.knowledgeBase, tool),
  );

  server.registerTool(
    'list_tools',
    {
      title: 'List tools',
      description: 'The tools of the catalogue, optionally only one category or one status (approved, restricted, pending, prohibited).',
      inputSchema: listToolsInput,
      outputSchema: listToolsOutput,
      annotations: readOnly,
    },
    async ({ category, status }) => listTools(core.knowledgeBase, category, status),
  );

  server.registerTool(
    'list_pending',
    {
      title: 'List tools under assessment',
      description: 'The tools whose assessment is not finished (status pending), with the expected decision and the steps so far.',
      outputSchema: listPendingOutput,
      annotations: readOnly,
    },
    async () => listPending(core.knowledgeBase),
  );

  return server;
}
