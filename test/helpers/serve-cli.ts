// A stand-in for cli/main.ts in tests (the lead wires `serve` into it): a commander program with
// only the serve command, run as a child process.
import { Command } from 'commander';
import { registerServeCommand } from '../../cli/serve.js';

const program = new Command('compliance-bot');
registerServeCommand(program);
await program.parseAsync(process.argv);
