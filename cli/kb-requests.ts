// `compliance-bot kb requests [--json]`, `kb requests start <request> <tool-id> --category <id>
// [--name …] --by <name>`, `kb requests decline <request> --reason <text> --by <name>`: the open
// requests for an assessment and their decisions, from the shell. Starting runs the admin service's
// `add` (validated, audited, four eyes when on); the running server then closes the request when it
// sees the new entry and tells the requesters. A decline is stored here and its notice queued by the
// server within seconds. Exit codes: 0 done, 1 refused or unavailable, 2 usage error.
import type { Command } from 'commander';
import { createAdminService } from '../src/admin/service.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { executeRequestCommand, type RequestCommand } from '../src/requests/commands.js';
import { requestsJson } from '../src/requests/format.js';
import { createRequestService } from '../src/requests/service.js';
import { isStorageUnavailable, openStorage } from '../src/storage/index.js';
import { cliConfig } from './config.js';
import { exitOnKnowledgeBaseError } from './errors.js';
import { knowledgeDir } from './knowledge-dir.js';

interface Options {
  kb?: string;
  by?: string;
  json?: boolean;
}

async function run(cmd: RequestCommand, opts: Options): Promise<void> {
  const config = cliConfig();
  const dir = knowledgeDir(config, opts.kb);
  const kb: KnowledgeBase = await loadKnowledgeBase(dir).catch((err: unknown) => exitOnKnowledgeBaseError(err));
  const name = (opts.by ?? config.cli.user ?? 'cli').trim();
  const actor = { id: `cli:${name}`, language: config.cli.language, surface: 'cli' as const };
  let storage;
  try {
    storage = await openStorage({ url: config.storageUrl });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  try {
    // Only `start` writes through the admin service (built lazily: it moves old audit records at start).
    const admin = cmd.kind !== 'start' ? undefined : createAdminService({
      kbDir: dir,
      admins: [actor.id],
      audit: storage.audit,
      proposals: storage.proposals,
      fourEyes: config.admin.fourEyes,
      proposalTtlMs: config.admin.proposalTtlMs,
      refusedRetentionMs: config.admin.refusedRetentionMs,
    });
    const service = createRequestService({ storage, knowledgeBase: () => kb, retentionDays: config.usage.retentionDays, ...(admin ? { admin } : {}) });
    if (cmd.kind === 'list' && opts.json) {
      process.stdout.write(`${JSON.stringify(requestsJson(await service.list(), new Date()), null, 2)}\n`);
      return;
    }
    const reply = await executeRequestCommand(cmd, actor, service, kb, new Date());
    await admin?.settled();
    (reply.ok ? process.stdout : process.stderr).write(`${reply.text}\n`);
    process.exitCode = reply.ok ? 0 : 1;
  } catch (err) {
    if (!isStorageUnavailable(err)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  } finally {
    await storage.close();
  }
}

export function registerKbRequestCommands(kb: Command): Command {
  const requests = kb
    .command('requests')
    .description('open requests for an assessment (most people first), and their decisions')
    .option('--json', 'print them as JSON: id, name, status, requesters, ageDays, purposes, entries')
    .option('--kb <dir>', 'knowledge folder (default: $KNOWLEDGE_DIR, then the shipped knowledge/)')
    .action(async (opts: Options) => run({ kind: 'list' }, opts));
  requests
    .command('start')
    .description('start an assessment: adds the tool as pending (validated, audited; four eyes when on)')
    .argument('<request>', 'request id (see `kb requests`) or the requested name')
    .argument('<tool-id>', 'id of the new entry = file name (lower-case letters, digits, "-")')
    .requiredOption('--category <id>', '(required) category id, e.g. video-conferencing')
    .option('--name <name>', 'the tool\'s name (default: as requested)')
    .requiredOption('--by <name>', '(required) who decides, recorded as cli:<name>')
    .option('--kb <dir>', 'knowledge folder')
    .action(async (ref: string, toolId: string, opts: Options & { category: string; name?: string }) =>
      run({ kind: 'start', ref, toolId, category: opts.category, ...(opts.name ? { name: opts.name } : {}) }, opts),
    );
  requests
    .command('decline')
    .description('decline a request; the requesters are told the reason')
    .argument('<request>', 'request id (see `kb requests`) or the requested name')
    .requiredOption('--reason <text>', '(required) why; sent to the requesters')
    .requiredOption('--by <name>', '(required) who decides, recorded as cli:<name>')
    .option('--kb <dir>', 'knowledge folder')
    .action(async (ref: string, opts: Options & { reason: string }) => run({ kind: 'decline', ref, reason: opts.reason }, opts));
  return kb;
}
