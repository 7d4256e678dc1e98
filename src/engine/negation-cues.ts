// Negations the basic reader (understand.ts isNegated) does not see: colloquial and contracted
// negators ("nix Vertrauliches", "there won't be any children") and a negation carried over
// coordinated contexts ("no payroll or bank details", "without any customer names"). As data in
// lexicon/negation-cues.yaml. Only words that carry a negation are walked over, so "no kids but
// patients" still counts the patients: a wrong negation would make an answer less strict.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { lexiconDir } from '../text/lexicon.js';
import { fold, type Token } from '../text/normalize.js';
import { NEGATION_BREAKERS, NEGATORS } from './words.js';

export interface NegationCues {
  negators: ReadonlySet<string>;
  carriers: ReadonlySet<string>;
  reach: number;
}

export class NegationCuesError extends Error {
  readonly code = 'NEGATION_CUES_INVALID';
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
  }
}

export function parseNegationCues(text: string, file = 'lexicon/negation-cues.yaml'): NegationCues {
  const data = parse(text) as Record<string, unknown> | null;
  const list = (key: string): ReadonlySet<string> => {
    const v = data?.[key];
    if (!Array.isArray(v) || v.length === 0) throw new NegationCuesError(file, `"${key}" must be a non-empty list of words`);
    return new Set(v.map((w) => fold(String(w))));
  };
  const reach = data?.reach;
  if (typeof reach !== 'number' || !Number.isInteger(reach) || reach < 1 || reach > 10) throw new NegationCuesError(file, '"reach" must be a whole number from 1 to 10');
  // Chat apps write the apostrophe straight or curly ("won't", "won’t").
  const negators = [...list('negators')].flatMap((w) => [w, w.replace(/'/g, '’')]);
  return { negators: new Set([...NEGATORS, ...negators]), carriers: list('carriers'), reach };
}

let loaded: NegationCues | undefined;

export function negationCues(): NegationCues {
  if (!loaded) {
    const file = path.join(lexiconDir(), 'negation-cues.yaml');
    loaded = parseNegationCues(readFileSync(file, 'utf8'), file);
  }
  return loaded;
}

/**
 * Whether the context stated at token `start` is negated: a negator before it in the same clause,
 * with only carriers, or words of other stated contexts (`contextAt`), in between.
 */
export function negatedByCues(tokens: readonly Token[], contextAt: readonly boolean[], start: number, cues: NegationCues = negationCues()): boolean {
  for (let j = start - 1; j >= 0 && j >= start - cues.reach; j--) {
    if ((tokens[j + 1] as Token).breakBefore) return false;
    const w = (tokens[j] as Token).norm;
    if (cues.negators.has(w)) return !NEGATION_BREAKERS.has((tokens[j + 1] as Token).norm);
    if (!contextAt[j] && !cues.carriers.has(w)) return false;
  }
  return false;
}
