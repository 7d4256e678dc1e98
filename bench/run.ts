// `npm run bench`: every benchmark in turn, each in its own process, printing its own figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['engine', 'memory', 'understanding', 'chat', 'slack-transport', 'slack', 'llm', 'fanout', 'cluster'];
// Names pick benches; flags (`--verbose`) are passed on to each bench run.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
let failed = 0;
for (const name of BENCHES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = path.join(here, `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n=== bench: ${name} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench ${name} failed with exit code ${r.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
