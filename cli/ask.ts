// `compliance-bot ask "QUESTION" [--kb DIR] [--json]`; without QUESTION, one question per line from
// standard input and one answer per line on standard output, in order, in one process. The lines
// of one process form one conversation, so a line like "und mit Bürgern?" follows up the line
// before it (within 10 minutes); an empty line starts a new conversation.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { type Answer } from '../src/model/answer.js';
import { toJson } from '../src/layout/answer-json.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { normalizeChat } from '../src/text/chat.js';
import { cliConfig } from './config.js';
import { exitOnKnowledgeBaseError } from './errors.js';
import { knowledgeDir } from './knowledge-dir.js';

export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('answer a question (or one question per line from standard input)')
    .argument('[question]', 'the question, e.g. "Darf ich Zoom mit Bürgern nutzen?"')
    .option('--kb <dir>', 'knowledge folder (default: $KNOWLEDGE_DIR, then the shipped knowledge/)')
    .option('--json', 'print the answer as one JSON object')
    .action(async (question: string | undefined, opts: { kb?: string; json?: boolean }) => {
      const kb = await loadKnowledgeBase(knowledgeDir(cliConfig(), opts.kb)).catch(exitOnKnowledgeBaseError);
      const core = new ComplianceCore(kb);
      // The contract's "question" is the question as given, not its normalised form.
      const ask = async (text: string, conversationKey?: string) => {
        const answer = await core.ask(normalizeChat(text, 'cli'), { platform: 'cli', ...(conversationKey ? { conversationKey } : {}) });
        return { ...answer, question: text };
      };
      if (question !== undefined) {
        const a = await ask(question);
        process.stdout.write(`${opts.json ? JSON.stringify(toJson(a)) : a.text}\n`);
        return;
      }
      // In line mode a text answer is kept on one line: its line breaks become " | ".
      const format = (a: Answer) => (opts.json ? JSON.stringify(toJson(a)) : a.text.replace(/\n+/g, ' | '));
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let conversation = 1;
      for await (const line of lines) {
        if (line.trim() === '') conversation++;
        if (!process.stdout.write(`${format(await ask(line, `cli:${conversation}`))}\n`)) {
          await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      }
    });
}
