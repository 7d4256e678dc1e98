// English texts of the MCP tools (see mcp-types.ts).
import type { McpPhrases } from './mcp-types.js';

export const mcpEn: McpPhrases = {
  rateLimited: (perMinute, seconds) => `Too many questions: at most ${perMinute} per minute. Try again in ${seconds} s.`,
  toolNotFound: (ref, suggestions) =>
    `"${ref}" is not in the catalogue, so it is not approved.${suggestions !== '' ? ` Did you mean: ${suggestions}?` : ''}`,
  toolLine: (name, id, status) => `${name} (${id}): ${status}`,
  toolCount: (n) => (n === 1 ? '1 tool' : `${n} tools`),
  pendingCount: (n) => (n === 1 ? '1 tool under assessment' : `${n} tools under assessment`),
  decisionExpected: (when) => `decision expected: ${when}`,
};
