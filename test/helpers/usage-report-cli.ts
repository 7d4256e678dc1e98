// A stand-in for cli/main.ts in tests (the lead wires `report` into it): a commander program with
// only the report command, run as a child process.
import { Command } from 'commander';
import { registerReportCommand } from '../../cli/report.js';

const program = new Command('compliance-bot');
registerReportCommand(program);
await program.parseAsync(process.argv);
