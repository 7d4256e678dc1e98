// `compliance-bot kb status|restriction|step|add|context add|history|approve|proposals|due|reviewed`: the admin commands of
// chat, from the shell. Each maps to the same grammar (src/admin/parse.ts) and runs through the same
// admin service, so validation, atomic writes, the audit log and four eyes are identical. The CLI is
// trusted (whoever can write the folder is an admin); its actor is `cli:<NAME>` (--by, else USER), and
// FOUR_EYES applies to it too. Exit codes: 0 done, 1 refused or invalid, 2 usage error.
import { Command, CommanderError, Option } from 'commander';
import type { AuditLog, ProposalStore } from '../src/model/audit.js';
import { loadConfig, readEnvironment, type Config } from '../src/config.js';
import { parseAdminCommand, type AdminCommand } from '../src/admin/parse.js';
import { AdminCommandError, ConfigError } from '../src/errors.js';
import { commandNames, formatParseError } from '../src/admin/format.js';
import { createAdminService, type AdminActor, type AdminService } from '../src/admin/service.js';
import { useKbReadLimits } from '../src/kb/load.js';
import { useKbCacheDir } from '../src/kb/record-cache.js';
import { isIsoDate } from '../src/kb/schema.js';
import { phrases } from '../src/phrases/index.js';
import { openStorage } from '../src/storage/index.js';
import { knowledgeDir } from './knowledge-dir.js';
import { registerKbSheetCommands } from './kb-sheets.js';
import { cliLanguage } from './language.js';
import type { CommonOptions, KbAdminDeps, KbAdminStorage } from './kb-admin-types.js';

export type { CommonOptions, KbAdminDeps, KbAdminStorage } from './kb-admin-types.js';
import type { Language } from '../src/model/language.js';

const defaultDeps = (): KbAdminDeps => ({
  openStorage: (config) => openStorage({ url: config.storageUrl }),
  env: readEnvironment(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  exit: (code) => process.exit(code),
});

const quote = (s: string): string => (/\s/.test(s) ? `"${s.replace(/"/g, '')}"` : s);


/** What every command's action uses: the usage error, the options every command has, the parser and the runner. */
interface KbAdminCli {
  deps: KbAdminDeps;
  lang: Language;
  configure: (cmd: Command) => Command;
  /** Options a command cannot run without, checked after its arguments. */
  requireOptions: (cmd: Command, ...longs: string[]) => Command;
  session: (opts: CommonOptions, work: (service: AdminService, actor: AdminActor, kbDir: string) => Promise<boolean>) => Promise<void>;
  withCommon: (cmd: Command, changes: boolean) => Command;
  usageError: (message: string) => never;
  parse: (text: string) => AdminCommand;
  run: (cmd: AdminCommand, opts: CommonOptions) => Promise<void>;
  say: ReturnType<typeof phrases>['cli'];
}

function kbAdminCli(deps: KbAdminDeps): KbAdminCli {
  // Replies in the shell's language, naming the CLI's commands (never the chat's `admin …`).
  const lang = cliLanguage(deps.env);
  const say = phrases(lang).cli;

  const usageError = (message: string): never => {
    deps.stderr(`${message}\n`);
    return deps.exit(2);
  };

  // Commander's own usage errors (missing argument, unknown option) exit with 2 like ours.
  const configure = (cmd: Command): Command =>
    cmd
      .exitOverride((err: CommanderError) => {
        if (err.exitCode === 0) return; // help or version: commander exits with 0 itself
        deps.exit(2);
      })
      .configureOutput({ writeOut: (t) => deps.stdout(t), writeErr: (t) => deps.stderr(t) });

  /**
   * Options a command cannot run without, checked after its arguments (commander checks mandatory
   * options first, so `kb status zoom` would name a missing option instead of the missing status).
   */
  const requireOptions = (cmd: Command, ...longs: string[]): Command =>
    cmd.hook('preAction', (command) => {
      const given = command.opts();
      const missing = command.options.find((o) => o.long !== undefined && longs.includes(o.long) && given[o.attributeName()] === undefined);
      if (missing) command.error(`error: required option '${missing.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
    });

  /** `--kb`, and for commands that change something `--by` (defaulting to USER; one of them is needed). */
  const withCommon = (cmd: Command, changes: boolean): Command => {
    if (changes) {
      cmd.addOption(new Option('--by <name>', 'who makes the change, recorded as cli:<name> (default: $USER)'));
      cmd.hook('preAction', (command) => {
        if (command.opts().by === undefined && !deps.env.USER?.trim()) command.error(say.byMissing, { code: 'commander.missingMandatoryOptionValue' });
      });
    }
    return configure(cmd.option('--kb <dir>', 'knowledge folder (default: $KNOWLEDGE_DIR, then the shipped knowledge/)'));
  };

  const parse = (text: string): AdminCommand => {
    try {
      return parseAdminCommand(text);
    } catch (err) {
      if (err instanceof AdminCommandError) return usageError(formatParseError(err, lang, commandNames('cli', lang)));
      throw err;
    }
  };

  /**
   * Opens the store and the admin service for `opts` (the actor is `cli:<--by>`), runs `work`, and
   * sets the exit code from its result (true = 0, false = 1); a usage error exits with 2.
   */
  async function session(opts: CommonOptions, work: (service: AdminService, actor: AdminActor, kbDir: string) => Promise<boolean>): Promise<void> {
    let config: Config;
    try {
      config = loadConfig(deps.env);
    } catch (err) {
      if (err instanceof ConfigError) return void usageError(err.message);
      throw err;
    }
    useKbReadLimits(config.kbLimits);
    useKbCacheDir(config.kbCacheDir);
    const { fourEyes, proposalTtlMs, refusedRetentionMs } = config.admin;
    const name = (opts.by ?? config.cli.user ?? 'cli').trim();
    if (!/^\S+$/.test(name)) return void usageError(say.byOneWord(name));
    const actor: AdminActor = { id: `cli:${name}`, name, language: config.cli.language, surface: 'cli' };
    let storage: KbAdminStorage;
    try {
      storage = await deps.openStorage(config);
    } catch (err) {
      deps.stderr(`${(err as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    try {
      const kbDir = knowledgeDir(config, opts.kb);
      const service = createAdminService({
        kbDir,
        admins: [actor.id],
        audit: storage.audit,
        proposals: storage.proposals,
        fourEyes,
        proposalTtlMs,
        refusedRetentionMs,
        ...(deps.now ? { now: deps.now } : {}),
      });
      process.exitCode = (await work(service, actor, kbDir)) ? 0 : 1;
      await service.settled();
    } finally {
      await storage.close();
    }
  }

  async function run(cmd: AdminCommand, opts: CommonOptions): Promise<void> {
    await session(opts, async (service, actor) => {
      const reply = await service.executeCommand(cmd, actor);
      (reply.ok ? deps.stdout : deps.stderr)(`${reply.text}\n`);
      return reply.ok;
    });
  }

  return { deps, lang, configure, requireOptions, withCommon, usageError, parse, session, run, say };
}

/** The commands that change the knowledge base (each needs --by, or USER). */
function registerChangeCommands(kb: Command, cli: KbAdminCli): void {
  const { configure, requireOptions, withCommon, usageError, parse, run, say } = cli;

  requireOptions(withCommon(kb.command('status'), true), '--note')
    .description('set a tool\'s status, e.g. `kb status zoom prohibited --by anna --note "Warnung der Aufsichtsbehörde"`')
    .argument('<tool>', 'tool id, name or alias')
    .argument('<status>', 'approved | restricted | pending | prohibited (or freigegeben, eingeschränkt, "in prüfung", untersagt)')
    .option('--note <text>', '(required) why, recorded in the audit log (at most 2,000 characters)')
    .option('--source <title>', 'the source of the decision, added to the entry\'s sources (at most 300 characters)')
    .option('--url <url>', 'an https:// or http:// link to the source (needs --source)')
    .option('--next <date>', 'the next review date, YYYY-MM-DD (default: a year from today; a decision is a review)')
    .action(async (tool: string, status: string, opts: CommonOptions & { note: string; source?: string; url?: string; next?: string }) => {
      const cmd = parse(`status ${quote(tool)} ${status}`);
      if (cmd.kind !== 'status') return;
      if (opts.url && !opts.source) return void usageError(say.urlNeedsSource);
      if (opts.next !== undefined && !isIsoDate(opts.next)) return void usageError(say.next(opts.next));
      const source = opts.source ? { source: { title: opts.source, ...(opts.url ? { url: opts.url } : {}) } } : {};
      await run({ ...cmd, note: opts.note, ...source, ...(opts.next ? { next: opts.next } : {}) }, opts);
    });

  const restriction = configure(kb.command('restriction').description('add or remove a restriction of a tool'));
  requireOptions(withCommon(restriction.command('add'), true), '--text')
    .description('add a restriction, e.g. `kb restriction add zoom no-recording --forbid recording --text "Keine Aufzeichnung." --by anna`')
    .argument('<tool>', 'tool id, name or alias')
    .argument('<restriction-id>', 'id of the restriction (lower-case letters, digits, "-")')
    .option('--text <text>', '(required) the condition, as staff should read it (at most 2,000 characters)')
    .option('--forbid <contexts>', 'comma-separated context ids this restriction rules out (e.g. citizens,confidential)')
    .action(async (tool: string, id: string, opts: CommonOptions & { text: string; forbid?: string }) => {
      const cmd = parse(`restriction add ${quote(tool)} ${id} ${opts.forbid ? `forbid=${opts.forbid.replace(/\s+/g, '')} ` : ''}-`);
      if (cmd.kind !== 'restriction_add') return;
      await run({ ...cmd, text: opts.text }, opts);
    });
  withCommon(restriction.command('remove'), true)
    .description('remove a restriction')
    .argument('<tool>', 'tool id, name or alias')
    .argument('<restriction-id>', 'id of the restriction')
    .action(async (tool: string, id: string, opts: CommonOptions) => {
      await run(parse(`restriction remove ${quote(tool)} ${id}`), opts);
    });

  withCommon(kb.command('step'), true)
    .description('set the state of an assessment step, e.g. `kb step zoom dpia done --by anna`')
    .argument('<tool>', 'tool id, name or alias')
    .argument('<step>', 'protection_needs, risk_analysis, threshold_analysis, dpia, dpo_review, supervisory_authority, …')
    .argument('<state>', 'done | in_progress | planned | open | not_required | concerns')
    .option('--note <text>', 'a note on the step (written to the entry)')
    .action(async (tool: string, step: string, state: string, opts: CommonOptions & { note?: string }) => {
      const cmd = parse(`step ${quote(tool)} ${step} ${state}`);
      if (cmd.kind !== 'step') return;
      await run({ ...cmd, ...(opts.note ? { note: opts.note } : {}) }, opts);
    });

  requireOptions(withCommon(kb.command('add'), true), '--name', '--status', '--category')
    .description('add a tool, e.g. `kb add jitsi --name "Jitsi Meet" --status approved --category video-conferencing --by anna`')
    .argument('<id>', 'tool id = file name (lower-case letters, digits, "-"; at most 64 characters)')
    .option('--name <name>', '(required) the tool\'s name (at most 100 characters)')
    .option('--status <status>', '(required) approved | pending | prohibited (restricted needs restrictions: add as pending first)')
    .option('--category <id>', '(required) category id, e.g. video-conferencing')
    .action(async (id: string, opts: CommonOptions & { name: string; status: string; category: string }) => {
      const cmd = parse(`add ${id} ${opts.status} ${opts.category} -`);
      if (cmd.kind !== 'add') return;
      await run({ ...cmd, name: opts.name }, opts);
    });

  withCommon(kb.command('reviewed'), true)
    .description('mark an entry reviewed: `updated` becomes today, `review_due` the next review date')
    .argument('<tool>', 'tool id, name or alias')
    .option('--next <date>', 'the next review date, YYYY-MM-DD (default: a year from today)')
    .action(async (tool: string, opts: CommonOptions & { next?: string }) => {
      if (opts.next !== undefined && !isIsoDate(opts.next)) return void usageError(say.next(opts.next));
      await run({ kind: 'reviewed', tool, ...(opts.next ? { next: opts.next } : {}) }, opts);
    });

  withCommon(kb.command('approve'), true)
    .description('approve a four-eyes proposal of another admin')
    .argument('<id>', 'proposal id (see `kb proposals`)')
    .action(async (id: string, opts: CommonOptions) => {
      await run(parse(`approve ${id}`), opts);
    });
}

/** `kb context add <context> <word…>`: files a word (the gap report lists those not understood) into contexts.yaml. */
function registerContextCommands(kb: Command, cli: KbAdminCli): void {
  const { configure, withCommon, parse, run } = cli;
  const context = configure(kb.command('context').description('file words into contexts.yaml (the gap report lists those not understood)'));
  withCommon(context.command('add'), true)
    .description('file a word as a synonym of a context, e.g. `kb context add special_categories impfschaden --by anna`')
    .argument('<context>', 'context id (citizens, confidential, special_categories, …)')
    .argument('<word...>', 'the word or short phrase')
    .option('--lang <de|en>', 'the language it is a word of (default: the dictionary it is in, else the CLI language)')
    .action(async (ctx: string, words: string[], opts: CommonOptions & { lang?: string }) => {
      const language = opts.lang?.toLowerCase();
      // A wrong --lang is the parser's usage error (exit 2).
      if (language !== undefined && language !== 'de' && language !== 'en') parse(`context add ${ctx} ${words.join(' ')} lang=${opts.lang}`);
      await run({ kind: 'context_add', context: ctx, word: words.join(' '), ...(language === 'de' || language === 'en' ? { language } : {}) }, opts);
    });
}

/** The commands that only read: history, refused attempts, due reviews, open proposals. */
function registerReadingCommands(kb: Command, cli: KbAdminCli): void {
  const { withCommon, usageError, run, say } = cli;

  withCommon(kb.command('history'), false)
    .description('show the recorded changes of a tool in this knowledge folder, newest first, 25 per page')
    .argument('<tool>', 'tool id, name or alias')
    .option('--page <n>', 'older records: page 2, 3, …', '1')
    .action(async (tool: string, opts: CommonOptions & { page: string }) => {
      const page = /^\d{1,6}$/.test(opts.page) ? Number(opts.page) : 0;
      if (page < 1) return void usageError(say.page(opts.page));
      await run({ kind: 'history', tool, page }, opts);
    });

  withCommon(kb.command('refused'), false)
    .description('show the refused admin attempts of non-admins (who, when, command word), newest first')
    .option('--page <n>', 'older records: page 2, 3, …', '1')
    .action(async (opts: CommonOptions & { page: string }) => {
      const page = /^\d{1,6}$/.test(opts.page) ? Number(opts.page) : 0;
      if (page < 1) return void usageError(say.page(opts.page));
      await run({ kind: 'refused', page }, opts);
    });

  withCommon(kb.command('due'), false)
    .description('list the entries whose review_due has passed or falls within the next days')
    .option('--days <n>', 'how many days ahead', '30')
    .action(async (opts: CommonOptions & { days: string }) => {
      if (!/^\d{1,4}$/.test(opts.days)) return void usageError(say.days(opts.days));
      await run({ kind: 'due', days: Number(opts.days) }, opts);
    });

  withCommon(kb.command('proposals'), false)
    .description('list open four-eyes proposals')
    .action(async (opts: CommonOptions) => {
      await run({ kind: 'proposals' }, opts);
    });
}

export function registerKbAdminCommands(kb: Command, overrides: Partial<KbAdminDeps> = {}): Command {
  const cli = kbAdminCli({ ...defaultDeps(), ...overrides });
  registerChangeCommands(kb, cli);
  registerContextCommands(kb, cli);
  registerReadingCommands(kb, cli);
  const { deps, lang, withCommon, usageError, session } = cli;
  registerKbSheetCommands(kb, { deps, lang, withCommon, usageError, session });
  return kb;
}
