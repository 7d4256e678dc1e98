// The `compliance-bot` command's program (cli/main.ts loads it). Commands that need a chat SDK load
// it lazily, so `ask` starts fast.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { packageRoot, startupLogging } from '../src/config.js';
import { rootLogger } from '../src/logger.js';
import { registerAskCommand } from './ask.js';
import { registerKbCommands } from './kb.js';
import { registerKbAdminCommands } from './kb-admin.js';
import { registerMcpCommand } from './mcp.js';
import { registerKbRequestCommands } from './kb-requests.js';
import { registerReportCommand } from './report.js';
import { registerServeCommand } from './serve.js';
import { registerTeamsCommand } from './teams.js';

// Commands other than `serve` print their results; their logs stay quiet unless LOG_LEVEL asks.
if (process.argv[2] !== 'serve') rootLogger.level = startupLogging().requested ?? 'warn';
// `mcp` speaks the protocol on standard output, where the logs would go: it logs nothing.
if (process.argv[2] === 'mcp') rootLogger.level = 'silent';

const program = new Command()
  .name('compliance-bot')
  .description('Answers whether an IT tool may be used, from an assessed knowledge base.')
  .version(packageVersion(), '-V, --version', 'print the version')
  .showHelpAfterError();

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

registerAskCommand(program);
registerKbRequestCommands(registerKbAdminCommands(registerKbCommands(program)));
registerServeCommand(program);
registerReportCommand(program);
registerTeamsCommand(program);
registerMcpCommand(program, packageVersion());

await program.parseAsync(process.argv);
