// How the CLI reports a broken knowledge base: every issue on standard error, exit code 1.
import { KnowledgeBaseError } from '../src/errors.js';
import { formatIssue } from '../src/kb/issues.js';

export function exitOnKnowledgeBaseError(err: unknown): never {
  if (err instanceof KnowledgeBaseError) {
    process.stderr.write(`${err.dir}: ${err.issues.length} error${err.issues.length === 1 ? '' : 's'}\n`);
    for (const issue of err.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.exit(1);
  }
  throw err;
}
