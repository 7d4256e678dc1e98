// The command line's section: who runs it (USER, the default actor of `kb` commands) and in which
// language it answers (German when the shell's locale is German: LC_ALL, LC_MESSAGES, LANG).
import type { Language } from '../model/language.js';
import type { SectionEnv } from './env.js';

export const CLI_VARIABLES = ['USER', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

export interface CliSettings {
  /** The shell user, when known. */
  user: string | undefined;
  language: Language;
}

export function parseCli(env: SectionEnv<typeof CLI_VARIABLES>): CliSettings {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const user = env.USER?.trim();
  return { user: user ? user : undefined, language: /^de([_.-]|$)/i.test(locale) ? 'de' : 'en' };
}
