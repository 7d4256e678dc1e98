// The command line of the generators that write an English and a German file from WordNet and the
// Ding dictionary (people-words.ts, group-words.ts, health-roles.ts): run as a script, each writes its
// two files, or with `--explain WORD …` prints why each word is read as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Debian package trans-de-en's dictionary file. */
export const DING_FILE = '/usr/share/trans/de-en';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DingGenerator {
  /** `import.meta.url` of the generator: it runs only when that file is the script. */
  url: string;
  /** The two files, relative to the repository. */
  files: { en: string; de: string };
  generate(ding: string): { en: string; de: string; counts?: unknown };
  explain?(ding: string, words: string[]): string[];
}

/** Runs the generator when its file is the script node was started with; otherwise does nothing. */
export function runDingGenerator(g: DingGenerator): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(g.url)) return;
  if (!existsSync(DING_FILE)) {
    console.error(`${DING_FILE} is missing: install the Debian package trans-de-en (apt-get install trans-de-en).`);
    process.exit(2);
  }
  const ding = readFileSync(DING_FILE, 'utf8');
  const at = process.argv.indexOf('--explain');
  if (at >= 0 && g.explain) {
    console.log(g.explain(ding, process.argv.slice(at + 1)).join('\n'));
    process.exit(0);
  }
  const out = g.generate(ding);
  writeFileSync(path.join(ROOT, g.files.en), out.en);
  writeFileSync(path.join(ROOT, g.files.de), out.de);
  console.log(JSON.stringify(out.counts ?? { en: out.en.split('\n').length, de: out.de.split('\n').length }));
}
