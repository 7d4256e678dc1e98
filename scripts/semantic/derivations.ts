// The nouns WordNet relates to each verb sense by derivation (the `+` pointers of data.verb, wndb(5)):
// "accuse" (charge%2) → accusation, "baptize" → baptism, "pay" → payment. A verb is then read with
// what its nouns descend from (neutral-en.yaml, `derived_nouns`).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Per verb sense, keyed `offset:lemma` (synset offset in data.verb, lower-cased lemma), the offsets
 * of the noun synsets its derivation pointers lead to: those of that lemma (source word number)
 * and those of the whole synset (source 00).
 */
export function derivedNouns(dictDir: string): Map<string, string[]> {
  const people = personSynsets(dictDir);
  const out = new Map<string, string[]>();
  for (const line of readFileSync(path.join(dictDir, 'data.verb'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.slice(0, line.indexOf(' | ') > 0 ? line.indexOf(' | ') : undefined).trim().split(' ');
    const offset = fields[0] as string;
    const wordCount = parseInt(fields[3] as string, 16);
    const words = Array.from({ length: wordCount }, (_, i) => (fields[4 + 2 * i] as string).toLowerCase());
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(fields[at]);
    at++;
    for (let p = 0; p < pointerCount; p++, at += 4) {
      const [symbol, target, pos, sourceTarget] = fields.slice(at, at + 4) as [string, string, string, string];
      // An agent noun says who does it, not what is done: "build" is not kept out by "builder", a contractor.
      if (symbol !== '+' || pos !== 'n' || people.has(target)) continue;
      const source = parseInt(sourceTarget.slice(0, 2), 16);
      for (const [i, word] of words.entries()) {
        if (source !== 0 && source !== i + 1) continue;
        const key = `${offset}:${word}`;
        (out.get(key) ?? out.set(key, []).get(key))?.push(target);
      }
    }
  }
  return out;
}

/** The noun synsets of noun.person (lexicographer file 18, lexnames(5)). */
function personSynsets(dictDir: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(path.join(dictDir, 'data.noun'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    if (line.slice(9, 11) === '18') out.add(line.slice(0, 8));
  }
  return out;
}
