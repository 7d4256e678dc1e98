// Deutsche Texte der MCP-Werkzeuge (siehe mcp-types.ts).
import type { McpPhrases } from './mcp-types.js';

export const mcpDe: McpPhrases = {
  rateLimited: (perMinute, seconds) => `Zu viele Fragen: höchstens ${perMinute} pro Minute. Bitte in ${seconds} s erneut versuchen.`,
  toolNotFound: (ref, suggestions) =>
    `„${ref}“ steht nicht im Katalog und ist damit nicht freigegeben.${suggestions !== '' ? ` Meinten Sie: ${suggestions}?` : ''}`,
  toolLine: (name, id, status) => `${name} (${id}): ${status}`,
  toolCount: (n) => (n === 1 ? '1 Tool' : `${n} Tools`),
  pendingCount: (n) => (n === 1 ? '1 Tool in Prüfung' : `${n} Tools in Prüfung`),
  decisionExpected: (when) => `Entscheidung erwartet: ${when}`,
};
