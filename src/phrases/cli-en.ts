// What the CLI prints, in English.
import type { CliPhrases } from './cli-types.js';

export const cliEn: CliPhrases = {
  kbErrors: (dir, n) => `${dir}: ${n} error${n === 1 ? '' : 's'}`,
  valid: (dir, tools, categories, contexts, version, ms) => `${dir}: valid – ${tools} tools, ${categories} categories, ${contexts} contexts (version ${version}, ${ms} ms)`,
  schemaFile: (got, kinds) => `--file must be one of ${kinds}, not "${got}"`,
  urlNeedsSource: '--url needs --source <title>',
  byMissing: 'who makes the change? Pass --by <name> or set USER (the default author)',
  byOneWord: (name) => `--by must be one word (a user name), not "${name}"`,
  page: (got) => `--page must be a page number (1, 2, …), not "${got}"`,
  days: (got) => `--days must be a number of days (e.g. 30), not "${got}"`,
  next: (got) => `--next must be a date written YYYY-MM-DD, not "${got}"`,
  reportNoNames: (reason) => `Tool names not available, the knowledge base did not load: ${reason}`,
  wholeNumber: 'expected a whole number of at least 1',
  port: 'expected a port number from 0 to 65535.',
  running: (url, dir, tools) => `compliance-bot is running: open ${url}/ (knowledge base ${dir}, ${tools} tools). Ctrl+C stops it.`,
  cannotStart: (reason) => `Cannot start: ${reason}`,
  teamsNoAppId: 'teams package: no bot id - pass --app-id ID or set MICROSOFT_APP_ID',
  teamsNoHost:
    'teams package: no host name - pass --host HOSTNAME (the public host of this server, e.g. bot.example.org); the manifest needs it for validDomains and the developer URLs',
  teamsPackage: (file, appId, bytes) => `${file}: Teams app package for bot ${appId} (${bytes} bytes)`,
};
