// The CLI's language: German when the shell's locale is German, else English (the configuration's
// `cli` section decides). Everything the CLI prints itself comes from the phrase book's `cli`
// section (and `admin` for admin replies).
import { readEnvironment } from '../src/config.js';
import { parseCli } from '../src/config/cli.js';
import type { Language } from '../src/model/language.js';
import { phrases } from '../src/phrases/index.js';
import type { CliPhrases } from '../src/phrases/cli-types.js';

export function cliLanguage(env: Record<string, string | undefined> = readEnvironment()): Language {
  return parseCli(env).language;
}

/** The CLI's own phrases in the shell's language. */
export function cliPhrases(env?: Record<string, string | undefined>): CliPhrases {
  return phrases(cliLanguage(env)).cli;
}
