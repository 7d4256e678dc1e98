// `compliance-bot kb validate [DIR]` and `compliance-bot kb schema`.
import type { Command } from 'commander';
import { jsonSchema, type SchemaName } from '../src/kb/json-schema.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { formatWarning, kbWarnings } from '../src/kb/warnings.js';
import { cliConfig } from './config.js';
import { exitOnKnowledgeBaseError } from './errors.js';
import { knowledgeDir } from './knowledge-dir.js';
import { cliLanguage, cliPhrases } from './language.js';

export function registerKbCommands(program: Command): Command {
  const kb = program.command('kb').description('check and change the knowledge base');
  kb.command('validate')
    .description(
      'check a knowledge folder; prints every error as FILE:LINE:COLUMN: [FIELD:] MESSAGE (refused files too: pipes, devices, links out of the folder, files over KB_MAX_FILE_BYTES, not UTF-8); exit 1 if any',
    )
    .argument('[dir]', 'knowledge folder (default: $KNOWLEDGE_DIR, then the shipped knowledge/)')
    .action(async (dir: string | undefined) => {
      const started = performance.now();
      const base = await loadKnowledgeBase(knowledgeDir(cliConfig(), dir)).catch(exitOnKnowledgeBaseError);
      const ms = Math.round(performance.now() - started);
      for (const w of kbWarnings(base)) process.stdout.write(`${formatWarning(w, cliLanguage())}\n`);
      process.stdout.write(`${cliPhrases().valid(base.dir, base.tools.size, base.categories.size, base.contexts.size, base.version, ms)}\n`);
    });
  kb.command('schema')
    .description('print the JSON Schema of a tool file (for editors)')
    .option('--file <kind>', 'tool | organization | vocabulary', 'tool')
    .action((opts: { file: string }) => {
      const kinds = ['tool', 'organization', 'vocabulary'];
      if (!kinds.includes(opts.file)) {
        process.stderr.write(`${cliPhrases().schemaFile(opts.file, kinds.join(', '))}\n`);
        process.exit(2);
      }
      process.stdout.write(`${JSON.stringify(jsonSchema(opts.file as SchemaName), null, 2)}\n`);
    });
  return kb;
}
