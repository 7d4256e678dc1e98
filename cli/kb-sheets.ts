// `compliance-bot kb export --format csv|xlsx [--out FILE]` and `kb import FILE [--dry-run] --by WHO
// --note TEXT`: the catalogue as a spreadsheet and back (docs/spreadsheets.md). An import applies
// its rows through the admin service of the other `kb` commands, so validation, audit and four
// eyes are the same. Exit codes: 0 done (or nothing to change), 1 refused, 2 usage error.
import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { AdminActor, AdminService } from '../src/admin/service.js';
import { loadConfig } from '../src/config.js';
import { ConfigError, SheetImportError } from '../src/errors.js';
import { loadKnowledgeBase, useKbReadLimits } from '../src/kb/load.js';
import { useKbCacheDir } from '../src/kb/record-cache.js';
import type { Language } from '../src/model/language.js';
import { phrases } from '../src/phrases/index.js';
import { exitOnKnowledgeBaseError } from './errors.js';
import type { CommonOptions, KbAdminDeps } from './kb-admin-types.js';
import { knowledgeDir } from './knowledge-dir.js';

// The spreadsheet code loads exceljs (some 150 modules): only these two commands load it, so that
// `serve` and the other commands, which share cli/program.ts's imports, do not hold it in memory.
const loadSheetWriter = () => import('../src/sheets/write.js');
const loadSheetImport = () => import('../src/sheets/import.js');

export interface KbSheetHelpers {
  deps: KbAdminDeps;
  lang: Language;
  withCommon: (cmd: Command, changes: boolean) => Command;
  usageError: (message: string) => never;
  session: (opts: CommonOptions, work: (service: AdminService, actor: AdminActor, kbDir: string) => Promise<boolean>) => Promise<void>;
}

export function registerKbSheetCommands(kb: Command, { deps, lang, withCommon, usageError, session }: KbSheetHelpers): void {
  const s = phrases(lang).sheets;

  const kbDirOf = (opts: CommonOptions): string => {
    try {
      const config = loadConfig(deps.env);
      useKbReadLimits(config.kbLimits);
      useKbCacheDir(config.kbCacheDir);
      return knowledgeDir(config, opts.kb);
    } catch (err) {
      if (err instanceof ConfigError) return usageError(err.message);
      throw err;
    }
  };

  withCommon(kb.command('export'), false)
    .description('write the catalogue as a spreadsheet, one row per tool (docs/spreadsheets.md); CSV goes to standard output without --out')
    .addOption(new Option('--format <format>', 'csv (RFC 4180, UTF-8 with BOM) or xlsx (a workbook)').default('csv'))
    .option('--out <file>', 'write to this file')
    .action(async (opts: CommonOptions & { format: string; out?: string }) => {
      const format = opts.format.toLowerCase();
      if (format !== 'csv' && format !== 'xlsx') return void usageError(s.format(opts.format));
      if (format === 'xlsx' && !opts.out) return void usageError(s.xlsxNeedsOut);
      const base = await loadKnowledgeBase(kbDirOf(opts)).catch(exitOnKnowledgeBaseError);
      const { catalogueCsv, catalogueXlsx } = await loadSheetWriter();
      const content = format === 'csv' ? catalogueCsv(base) : await catalogueXlsx(base, lang);
      if (!opts.out) return void deps.stdout(content as string);
      await writeFile(opts.out, content);
      deps.stderr(`${s.exported(opts.out, base.tools.size)}\n`);
    });

  withCommon(kb.command('import'), true)
    .description('change the catalogue from a spreadsheet (CSV or XLSX, recognised by content): all rows or none; empty cells leave a field unchanged, "-" clears it')
    .argument('<file>', 'the spreadsheet (as `kb export` writes it; columns may be left out)')
    .option('--dry-run', 'print what would change and write nothing')
    .requiredOption('--note <text>', '(required) why, recorded in the audit record of every tool changed')
    .action(async (file: string, opts: CommonOptions & { note: string; dryRun?: boolean }) => {
      const { describeSheetIssues, importSheet } = await loadSheetImport();
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (err) {
        deps.stderr(`${s.cannotRead(file, (err as NodeJS.ErrnoException).code ?? (err as Error).message)}\n`);
        process.exitCode = 1;
        return;
      }
      const attempt = async (run: () => Promise<{ ok: boolean; lines: string[] }>): Promise<boolean> => {
        try {
          const outcome = await run();
          (outcome.ok ? deps.stdout : deps.stderr)(`${outcome.lines.join('\n')}\n`);
          return outcome.ok;
        } catch (err) {
          if (err instanceof SheetImportError) {
            deps.stderr(`${describeSheetIssues(file, err, lang).join('\n')}\n`);
            return false;
          }
          return exitOnKnowledgeBaseError(err);
        }
      };
      const common = { lang, note: opts.note, ...(deps.now ? { now: deps.now } : {}) };
      if (opts.dryRun) {
        // A dry run writes nothing, so it needs no store.
        const kbDir = kbDirOf(opts);
        process.exitCode = (await attempt(() => importSheet(bytes, { ...common, kbDir, dryRun: true }))) ? 0 : 1;
        return;
      }
      await session(opts, (service, actor, kbDir) => attempt(() => importSheet(bytes, { ...common, kbDir, dryRun: false, service, actor })));
    });
}
