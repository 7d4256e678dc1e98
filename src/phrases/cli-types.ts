// The CLI section of the phrase book: what `compliance-bot` itself prints (errors, usage hints,
// results), in the shell's language (LANG). Commander's own `--help` texts stay English. Admin
// replies are the admin section's, with the CLI's command names.
export interface CliPhrases {
  /** `kb validate` / `ask`: the heading above the issues of a broken knowledge base. */
  kbErrors: (dir: string, count: number) => string;
  valid: (dir: string, tools: number, categories: number, contexts: number, version: string, ms: number) => string;
  /** `kinds`: the values --file takes, joined. */
  schemaFile: (got: string, kinds: string) => string;
  urlNeedsSource: string;
  /** A changing `kb` command without --by, and USER unset. */
  byMissing: string;
  byOneWord: (name: string) => string;
  page: (got: string) => string;
  days: (got: string) => string;
  next: (got: string) => string;
  reportNoNames: (reason: string) => string;
  wholeNumber: string;
  port: string;
  running: (url: string, dir: string, tools: number) => string;
  cannotStart: (reason: string) => string;
  teamsNoAppId: string;
  teamsNoHost: string;
  teamsPackage: (file: string, appId: string, bytes: number) => string;
}
