// The real `compliance-bot` CLI as a child process (cli/main.ts through tsx), with the shipped
// knowledge folder unless --kb says otherwise and the locale the caller gives: what it printed, both
// streams together.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function cliOutput(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: '', LC_ALL: '', LC_MESSAGES: '', ...env }, timeout: 60_000 },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`.trim()),
    );
  });
}
