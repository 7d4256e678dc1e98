// `compliance-bot report [--json] [--limit N] [--lang de|en] [--kb DIR]`: the usage report for admins
// (answers per tool and verdict, "not helpful" per tool, the gap queue, open requests for an assessment) from the storage that
// STORAGE_URL names (default: the SQLite file). Question texts appear only if STORE_QUESTIONS=true
// kept them, and expired ones are purged first.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { KnowledgeBase } from '../src/kb/model.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { Language } from '../src/model/language.js';
import { ConfigError } from '../src/errors.js';
import { isStorageUnavailable, openStorage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { formatUsageReport, usageReportJson } from '../src/usage/report.js';
import { reportRequestLines, requestBacklogJson } from '../src/requests/format.js';
import { cliConfig } from './config.js';
import { knowledgeDir } from './knowledge-dir.js';
import { cliLanguage, cliPhrases } from './language.js';

interface ReportOptions {
  json?: boolean;
  limit: number;
  lang?: Language;
  kb?: string;
}

function positiveInteger(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(cliPhrases().wholeNumber);
  return n;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('usage report: answers per tool and verdict, "not helpful" per tool, unknown tools and unclear questions')
    .option('--json', 'print the report as JSON')
    .option('--limit <n>', 'entries per list', positiveInteger, 20)
    .addOption(new Option('--lang <lang>', 'language of the text (default: the shell\'s, from LC_ALL, LC_MESSAGES or LANG, like every command)').choices(['de', 'en']))
    .option('--kb <dir>', 'knowledge folder for tool names (default: $KNOWLEDGE_DIR, then the shipped knowledge/)')
    .action(async (opts: ReportOptions) => {
      const config = cliConfig();
      const settings = config.usage;
      // The report is still useful without names: a broken knowledge base only costs the names.
      const kb = await loadKnowledgeBase(knowledgeDir(config, opts.kb)).catch((err: unknown): KnowledgeBase | undefined => {
        process.stderr.write(`${cliPhrases().reportNoNames(err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err))}\n`);
        return undefined;
      });
      // One rule for the whole command line: the shell's language (cli/language.ts), --lang overrides.
      const lang: Language = opts.lang ?? cliLanguage();

      let storage;
      try {
        storage = await openStorage({ url: config.storageUrl });
      } catch (err) {
        if (!isStorageUnavailable(err) && !(err instanceof ConfigError)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
      }
      try {
        const recorder = createUsageRecorder({ storage, ...settings });
        await recorder.purgeExpired();
        const report = await recorder.report({ limit: opts.limit });
        // Open requests for an assessment: the backlog, most people first, then the oldest.
        const requests = await storage.requests.listOpen();
        const now = new Date();
        if (opts.json) {
          const json = { ...(JSON.parse(usageReportJson(report, kb, lang)) as object), requests: requestBacklogJson(requests, now) };
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          process.stdout.write(`${formatUsageReport(report, lang, kb).trimEnd()}\n\n${reportRequestLines(requests, lang, now).join('\n')}\n`);
        }
      } catch (err) {
        if (!isStorageUnavailable(err)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 1;
      } finally {
        await storage.close();
      }
    });
}
