// How the CLI reports a broken knowledge base: every issue on standard error, exit code 1.
import { KnowledgeBaseError } from '../src/errors.js';
import { formatIssue } from '../src/model/file-issue.js';
import { cliLanguage, cliPhrases } from './language.js';

export function exitOnKnowledgeBaseError(err: unknown): never {
  if (err instanceof KnowledgeBaseError) {
    process.stderr.write(`${cliPhrases().kbErrors(err.dir, err.issues.length)}\n`);
    const lang = cliLanguage();
    for (const issue of err.issues) process.stderr.write(`${formatIssue(issue, lang)}\n`);
    process.exit(1);
  }
  throw err;
}
