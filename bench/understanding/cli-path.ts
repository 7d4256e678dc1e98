// The CLI contract (`compliance-bot ask --json --kb DIR`, one question per standard-input line) on
// the set's single messages: the path held-out sets are run through must give what the core gives.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageResult } from './evaluate.js';
import { KB_DIRS, type KbName } from './set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliAnswer {
  verdict: string;
  tools: { id: string; verdict: string }[];
  unknownTool: string | null;
  category: string | null;
  contexts: string[];
}

/** One CLI process for all lines; resolves with one parsed answer per line, in order. */
export function askCli(kbDir: string, lines: string[]): Promise<CliAnswer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'ask', '--json', '--kb', kbDir], {
      cwd: root,
      env: { ...process.env, KNOWLEDGE_DIR: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const answers = out.split('\n').filter((l) => l.trim() !== '');
      if (code !== 0 || answers.length !== lines.length) {
        reject(new Error(`CLI exited ${code} with ${answers.length} answers for ${lines.length} lines: ${err.slice(0, 500)}`));
        return;
      }
      resolve(answers.map((l) => JSON.parse(l) as CliAnswer));
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

export interface CliComparison {
  compared: number;
  /** Same verdict and the same tool ids as the core. */
  agree: number;
  /** Correct against the labels, through the CLI. */
  correct: number;
  disagreements: { id: string; text: string; core: string; cli: string }[];
}

const summary = (a: { verdict: string; tools: { id: string }[] }) => `${a.verdict} [${a.tools.map((t) => t.id).sort().join(', ')}]`;

/**
 * Single messages only (a follow-up needs its conversation, which one CLI line does not carry), and
 * only those on one line (the CLI reads one question per line).
 */
export async function compareCliWithCore(results: MessageResult[], isCorrect: (r: MessageResult, a: CliAnswer) => boolean): Promise<CliComparison> {
  const cmp: CliComparison = { compared: 0, agree: 0, correct: 0, disagreements: [] };
  for (const kb of Object.keys(KB_DIRS) as KbName[]) {
    const sample = results.filter((r) => r.message.kb === kb && r.message.dialogue === null && !/[\r\n]/.test(r.message.text));
    if (sample.length === 0) continue;
    const answers = await askCli(KB_DIRS[kb], sample.map((r) => r.message.text));
    sample.forEach((r, i) => {
      const a = answers[i] as CliAnswer;
      cmp.compared++;
      if (isCorrect(r, a)) cmp.correct++;
      if (summary(a) === summary(r.got)) cmp.agree++;
      else cmp.disagreements.push({ id: r.message.id, text: r.message.text, core: summary(r.got), cli: summary(a) });
    });
  }
  return cmp;
}
