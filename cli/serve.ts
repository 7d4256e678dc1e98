// `compliance-bot serve`: starts the server (web chat, API, metrics, and Slack/Teams when
// configured) and shuts it down gracefully on SIGTERM/SIGINT (and, with --exit-with-parent, when
// its parent ends: cli/parent-watch.ts). Options override the environment.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, parsePort, withOverrides, type Config } from '../src/config.js';
import { ConfigError, KnowledgeBaseError } from '../src/errors.js';
import { cliPhrases } from './language.js';
import { exitWithParent } from './parent-watch.js';
import { releaseYoungGeneration } from './start-up-heap.js';

interface ServeOptions {
  port?: number;
  kb?: string;
  exitWithParent?: boolean;
}

function portOption(value: string): number {
  try {
    return parsePort(value);
  } catch {
    throw new InvalidArgumentError(cliPhrases().port);
  }
}

export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('start the web chat, the JSON API, /healthz and /metrics, and the Slack and Teams adapters when configured')
    .option('--port <port>', 'port to listen on (overrides PORT; default 3000)', portOption)
    .option('--kb <dir>', 'knowledge folder (overrides KNOWLEDGE_DIR; default: the shipped knowledge/)')
    .option('--exit-with-parent', 'stop (gracefully) when the process that started this one ends; `npm start` uses it, so stopping npm frees the port')
    .action(async (opts: ServeOptions) => {
      let config: Config;
      try {
        config = loadConfig();
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exit(2);
      }
      config = withOverrides(config, {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.kb !== undefined ? { knowledgeDir: path.resolve(opts.kb) } : {}),
      });
      try {
        // Loaded here, not at the top: `ask` and `kb` must not pay for express and the metrics.
        const { installShutdown, startServer } = await import('../server/index.js');
        const handle = await startServer(config);
        installShutdown(handle);
        releaseYoungGeneration();
        if (opts.exitWithParent) exitWithParent();
        // One plain line for the person who started it (the JSON log has the details). On stderr, so
        // stdout stays one JSON record per line for log collectors.
        const tools = handle.core.knowledgeBase.tools.size;
        process.stderr.write(`${cliPhrases().running(handle.url, config.knowledgeDir, tools)}\n`);
      } catch (err) {
        // The server has logged the details (each knowledge-base issue with file and line).
        process.stderr.write(`${err instanceof KnowledgeBaseError ? err.message : cliPhrases().cannotStart((err as Error).message)}\n`);
        process.exit(1);
      }
    });
}
