// `compliance-bot mcp [--kb DIR]`: the catalogue as an MCP server on standard input and output, for
// desktop assistants (Claude Desktop, VS Code) that start it as a process (docs/mcp.md). Standard
// output carries only the protocol, so this command logs nothing. The question rate limit
// (RATE_LIMIT_QUESTIONS) applies to the process as one client.
import type { Command } from 'commander';
import { DEFAULT_HTTP_CONFIG } from '../src/config.js';
import { ComplianceCore } from '../src/core.js';
import { createRateLimiter } from '../src/http/rate-limit.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { cliConfig } from './config.js';
import { exitOnKnowledgeBaseError } from './errors.js';
import { knowledgeDir } from './knowledge-dir.js';

export function registerMcpCommand(program: Command, version: string): void {
  program
    .command('mcp')
    .description('serve the catalogue to AI assistants over MCP on standard input/output (tools: ask, get_tool, list_tools, list_pending)')
    .option('--kb <dir>', 'knowledge folder (default: $KNOWLEDGE_DIR, then the shipped knowledge/)')
    .action(async (opts: { kb?: string }) => {
      // The MCP SDK loads here, not with the other commands (cli/main.ts imports every command).
      const [{ StdioServerTransport }, { createCatalogueMcpServer }] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/stdio.js'),
        import('../src/mcp/catalogue-server.js'),
      ]);
      const config = cliConfig();
      const kb = await loadKnowledgeBase(knowledgeDir(config, opts.kb)).catch(exitOnKnowledgeBaseError);
      const core = new ComplianceCore(kb);
      const perMinute = config.http?.questionsPerMinute ?? DEFAULT_HTTP_CONFIG.questionsPerMinute;
      const limiter = createRateLimiter({ perMinute });
      const server = createCatalogueMcpServer({ core, version, perMinute, takeQuestion: () => limiter.take('stdio') });
      const transport = new StdioServerTransport();
      transport.onclose = () => process.exit(0);
      process.stdin.once('end', () => process.exit(0));
      await server.connect(transport);
    });
}
