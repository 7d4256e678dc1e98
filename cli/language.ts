// The CLI's language: German when the shell's locale is German, else English. Everything the CLI
// prints itself comes from the phrase book's `cli` section (and `admin` for admin replies).
import type { Language } from '../src/kb/schema.js';
import { phrases } from '../src/phrases/index.js';
import type { CliPhrases } from '../src/phrases/cli-types.js';

export function cliLanguage(env: Record<string, string | undefined> = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^de([_.-]|$)/i.test(locale) ? 'de' : 'en';
}

/** The CLI's own phrases in the shell's language. */
export function cliPhrases(env: Record<string, string | undefined> = process.env): CliPhrases {
  return phrases(cliLanguage(env)).cli;
}
