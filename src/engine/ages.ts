// Ages a question states: "eine 15-jährige Bewerberin", "die Azubis sind teils erst 16", "a
// 15-year-old", "unter 18". A person under the adult age is a minor, so the question is about
// particularly vulnerable persons (lexicon/ages.yaml: the context, the adult age and the patterns,
// as data). The context is added only where the knowledge base defines it.
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from '../text/lexicon-data.js';
import { LexiconError } from '../errors.js';
import { lexiconFile } from '../text/lexicon-file.js';
import { fold, tokenize, type Token } from '../text/normalize.js';
import { NEGATORS } from './words.js';

export interface AgeRules {
  context: string;
  adultAge: number;
  negators: ReadonlySet<string>;
  patterns: RegExp[];
}

export function parseAgeRules(text: string, file = 'lexicon/ages.yaml'): AgeRules {
  const data = parse(text) as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null) throw new LexiconError(file, 'expected a mapping');
  const { context, adult_age: adultAge, negators, patterns } = data;
  if (typeof context !== 'string' || context === '') throw new LexiconError(file, '`context` must be a context id');
  if (typeof adultAge !== 'number' || !Number.isInteger(adultAge) || adultAge < 1) throw new LexiconError(file, '`adult_age` must be a positive whole number');
  if (!Array.isArray(patterns) || patterns.length === 0) throw new LexiconError(file, '`patterns` must be a non-empty list');
  const compiled = patterns.map((p, i) => {
    if (typeof p !== 'string') throw new LexiconError(file, `pattern ${i + 1} must be a string`);
    let re: RegExp;
    try {
      re = new RegExp(p, 'gu');
    } catch (e) {
      throw new LexiconError(file, `pattern ${i + 1} is no regular expression: ${(e as Error).message}`);
    }
    if (!/\(\?<(age|below)>/.test(p)) throw new LexiconError(file, `pattern ${i + 1} needs a group named age or below`);
    return re;
  });
  const extra = Array.isArray(negators) ? negators.map((n) => fold(String(n))) : [];
  return { context, adultAge, negators: new Set([...NEGATORS, ...extra]), patterns: compiled };
}

/** lexicon/ages.yaml, read on first use. */
export const ageRules: () => AgeRules = lexiconFile('ages.yaml', parseAgeRules);

export interface StatedMinor {
  context: string;
  /** The words that state the age, as written. */
  words: string[];
  negated: boolean;
}

/** Whether the question states that someone is under the adult age, and with which words. */
export function findMinors(question: string, rules: AgeRules = ageRules()): StatedMinor | null {
  if (!/\d/.test(question)) return null;
  const tokens = tokenize(question);
  // The folded words, one space apart, " | " at clause breaks; where each token starts in it.
  let text = '';
  const at: number[] = [];
  tokens.forEach((t, i) => {
    if (i > 0) text += t.breakBefore ? ' | ' : ' ';
    at.push(text.length);
    text += t.norm;
  });
  const tokenAt = (offset: number) => {
    let k = 0;
    while (k + 1 < at.length && (at[k + 1] as number) <= offset) k++;
    return k;
  };
  const words: string[] = [];
  let anyPlain = false;
  let anyNegated = false;
  for (const re of rules.patterns) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const age = m.groups?.age !== undefined ? Number(m.groups.age) : undefined;
      const below = m.groups?.below !== undefined ? Number(m.groups.below) : undefined;
      const minor = (age !== undefined && age < rules.adultAge) || (below !== undefined && below <= rules.adultAge && below > 0);
      if (!minor) continue;
      const first = tokenAt(m.index);
      const last = tokenAt(m.index + Math.max(m[0].length - 1, 0));
      if (isNegated(tokens, first, rules.negators)) {
        anyNegated = true;
        continue;
      }
      anyPlain = true;
      const end = tokens[last] as Token;
      const written = question.slice((tokens[first] as Token).start, end.start + end.raw.length);
      if (!words.includes(written)) words.push(written);
    }
  }
  if (anyPlain) return { context: rules.context, words, negated: false };
  if (anyNegated) return { context: rules.context, words: [], negated: true };
  return null;
}

function isNegated(tokens: readonly Token[], start: number, negators: ReadonlySet<string>): boolean {
  for (let j = start - 1; j >= 0 && j >= start - 3; j--) {
    if ((tokens[j + 1] as Token).breakBefore) return false;
    if (negators.has((tokens[j] as Token).norm)) return true;
  }
  return false;
}
