// The nouns WordNet relates to each adjective and adverb sense (wndb(5)): for an adjective, the
// derivationally related forms (`+`: "urgent" → urgency, "weekly" → week), the attribute it is a
// value of (`=`: "short" → length) and, for a relational adjective, the noun it pertains to (`\`:
// "medical" → medicine); for an adverb, the adjective it is derived from (`\` of data.adv:
// "quickly" → quick), which it follows. An adjective or adverb is read with these nouns
// (neutral-en.yaml, `adjectives`): WordNet gives adjectives no hypernyms, so the nouns are what
// places them ("pregnant": pregnancy, under an anchor; "guilty": guilt, a state).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A related noun: its synset, and the lemma the pointer leads to (the synset's first for a pointer between synsets). */
export interface RelatedNoun {
  offset: string;
  lemma: string;
}

/** One data line: offset, lexicographer file number, lemmas (lower-cased, markers such as "(p)" dropped) and pointers. */
interface DataLine {
  offset: string;
  lexFile: number;
  words: string[];
  pointers: { symbol: string; target: string; pos: string; source: number; targetWord: number }[];
}

function parseLine(line: string): DataLine {
  const bar = line.indexOf(' | ');
  const fields = line.slice(0, bar > 0 ? bar : undefined).trim().split(' ');
  const wordCount = parseInt(fields[3] as string, 16);
  const words = Array.from({ length: wordCount }, (_, i) => (fields[4 + 2 * i] as string).replace(/\(.*\)$/, '').toLowerCase());
  let at = 4 + 2 * wordCount;
  const pointerCount = Number(fields[at]);
  at++;
  const pointers: DataLine['pointers'] = [];
  for (let p = 0; p < pointerCount; p++, at += 4) {
    const [symbol, target, pos, st] = fields.slice(at, at + 4) as [string, string, string, string];
    pointers.push({ symbol, target, pos, source: parseInt(st.slice(0, 2), 16), targetWord: parseInt(st.slice(2), 16) });
  }
  return { offset: fields[0] as string, lexFile: Number(fields[1]), words, pointers };
}

function dataLines(dictDir: string, file: string): DataLine[] {
  return readFileSync(path.join(dictDir, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith(' '))
    .map(parseLine);
}

/** The pointers of `line` that belong to its word `i` (1-based): lexical ones from that word, and the synset's own (source 00). */
const ofWord = (line: DataLine, i: number) => line.pointers.filter((p) => p.source === 0 || p.source === i);

/** Noun synset offset → its lexicographer file number (lexnames(5)). */
export function nounFiles(dictDir: string): Map<string, number> {
  return new Map(dataLines(dictDir, 'data.noun').map((l) => [l.offset, l.lexFile]));
}

/**
 * Per adjective sense (`3:offset:lemma`), the noun synsets (and lemmas) WordNet relates to it by
 * the pointer symbols `symbols` (of `+`, `=`, `\\`); per adverb sense (`4:offset:lemma`) that WordNet
 * derives from an adjective (its `\\` pointers), the adjectives' lemmas ("quickly": quick).
 */
export function adjectiveNouns(dictDir: string, symbols: readonly string[]): { nouns: Map<string, RelatedNoun[]>; adverbs: Map<string, string[]> } {
  const nounLines = new Map(dataLines(dictDir, 'data.noun').map((l) => [l.offset, l]));
  const nouns = new Map<string, RelatedNoun[]>();
  const adjectives = dataLines(dictDir, 'data.adj');
  for (const line of adjectives) {
    for (const [i, word] of line.words.entries()) {
      const related = ofWord(line, i + 1)
        .filter((p) => p.pos === 'n' && symbols.includes(p.symbol))
        .map((p) => ({ offset: p.target, lemma: nounLines.get(p.target)?.words[Math.max(p.targetWord, 1) - 1] ?? '' }));
      nouns.set(`3:${line.offset}:${word}`, related);
    }
  }
  const byOffset = new Map(adjectives.map((l) => [l.offset, l]));
  const adverbs = new Map<string, string[]>();
  for (const line of dataLines(dictDir, 'data.adv')) {
    for (const [i, word] of line.words.entries()) {
      const from = ofWord(line, i + 1).filter((p) => p.symbol === '\\' && (p.pos === 'a' || p.pos === 's'));
      const lemmas = from.map((p) => byOffset.get(p.target)?.words[p.targetWord - 1]).filter((w): w is string => w !== undefined);
      if (lemmas.length > 0) adverbs.set(`4:${line.offset}:${word}`, [...new Set(lemmas)]);
    }
  }
  return { nouns, adverbs };
}
