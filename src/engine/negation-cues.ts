// Negations the basic reader (understand.ts isNegated) does not see: colloquial and contracted
// negators ("nix Vertrauliches", "there won't be any children") and a negation carried over
// coordinated contexts ("no payroll or bank details", "without any customer names"). As data in
// lexicon/negation-cues.yaml. Only words that carry a negation are walked over, so "no kids but
// patients" still counts the patients: a wrong negation would make an answer less strict.
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from '../text/lexicon-data.js';
import { LexiconError } from '../errors.js';
import { lexiconFile, wordList } from '../text/lexicon-file.js';
import type { Token } from '../text/normalize.js';
import { ALLOWED_WORDS, COORDINATORS, MODALS, NEGATION_BREAKERS, NEGATORS, USE_VERBS } from './words.js';

export interface NegationCues {
  negators: ReadonlySet<string>;
  carriers: ReadonlySet<string>;
  reach: number;
  afterNegators: ReadonlySet<string>;
  afterFillers: ReadonlySet<string>;
  afterExclusives: ReadonlySet<string>;
  exceptions: ReadonlySet<string>;
  absorbers: ReadonlySet<string>;
}

export function parseNegationCues(text: string, file = 'lexicon/negation-cues.yaml'): NegationCues {
  const data = parse(text) as Record<string, unknown> | null;
  const list = (key: string) => wordList(data, file, key);
  const reach = data?.reach;
  if (typeof reach !== 'number' || !Number.isInteger(reach) || reach < 1 || reach > 10) throw new LexiconError(file, '"reach" must be a whole number from 1 to 10');
  // Chat apps write the apostrophe straight or curly ("won't", "won’t").
  const negators = [...list('negators')].flatMap((w) => [w, w.replace(/'/g, '’')]);
  return { negators: new Set([...NEGATORS, ...negators]), carriers: list('carriers'), reach, afterNegators: list('after_negators'), afterFillers: list('after_fillers'), afterExclusives: list('after_exclusives'), exceptions: list('exceptions'), absorbers: list('absorbers') };
}

/** lexicon/negation-cues.yaml, read on first use. */
export const negationCues: () => NegationCues = lexiconFile('negation-cues.yaml', parseNegationCues);

/**
 * Whether the context stated at token `start` is negated: a negator before it in the same clause,
 * with only carriers, or words of other stated contexts (`contextAt`), in between.
 */
export function negatedByCues(tokens: readonly Token[], contextAt: readonly boolean[], start: number, cues: NegationCues = negationCues()): boolean {
  if (negatedAfter(tokens, contextAt, start, cues)) return true;
  for (let j = start - 1; j >= 0 && j >= start - cues.reach; j--) {
    if ((tokens[j + 1] as Token).breakBefore) return false;
    const w = (tokens[j] as Token).norm;
    if (cues.negators.has(w)) return !NEGATION_BREAKERS.has((tokens[j + 1] as Token).norm);
    if (!contextAt[j] && !cues.carriers.has(w)) return false;
  }
  return false;
}

/**
 * "Vertraulich ist da nichts", "Aufgezeichnet wird nix", "Namen sammeln wir nicht", "Patienten sind
 * da nicht beteiligt": a negator after the context's words, with only fillers and at most one verb
 * between, and after it nothing but fillers and at most one closing verb. A word that asks about
 * the tool ("nicht erlaubt", "not allowed", "nicht nutzen") is no such verb: "Ist Zoom mit Kindern
 * nicht erlaubt?" keeps the children.
 */
function negatedAfter(tokens: readonly Token[], contextAt: readonly boolean[], start: number, cues: NegationCues): boolean {
  let k = start;
  while (k + 1 < tokens.length && contextAt[k + 1] && !(tokens[k + 1] as Token).breakBefore) k++;
  let verbs = 0;
  for (let j = k + 1; j < tokens.length && j <= k + 5; j++) {
    const t = tokens[j] as Token;
    if (t.breakBefore) return false;
    // "nichts" closing the clause, or "keine" before nothing but fillers ("sind keine dabei").
    if (cues.afterNegators.has(t.norm)) {
      let closing = 0;
      for (let m = j + 1; m < tokens.length && !(tokens[m] as Token).breakBefore; m++) {
        const w = tokens[m] as Token;
        // "nichts anderes", "nothing else": the context is all there is.
        if (cues.afterExclusives.has(w.norm)) return false;
        // "… nothing and there's …": a new conjunct; the negation ends here.
        if (COORDINATORS.has(w.norm)) break;
        if (cues.afterFillers.has(w.norm)) continue;
        // "Patienten werden nicht aufgezeichnet": the negation is the recording's, not the patients'.
        if (contextAt[m] || NEGATION_BREAKERS.has(w.norm) || !isPlainVerb(w) || ++closing > 1) return false;
      }
      return true;
    }
    if (cues.afterFillers.has(t.norm)) continue;
    // "Gesundheitsdaten und nichts weiter": the negator after a coordinator is a conjunct of its own.
    if (COORDINATORS.has(t.norm) || contextAt[j] || !isPlainVerb(t) || ++verbs > 1) return false;
  }
  return false;
}

/** A lower-case word that asks nothing about the tool: in German, where nouns have capitals, a verb or participle. */
function isPlainVerb(t: Token): boolean {
  return /^\p{Ll}+$/u.test(t.raw) && !ALLOWED_WORDS.has(t.norm) && !USE_VERBS.has(t.norm) && !MODALS.has(t.norm) && !NEGATORS.has(t.norm);
}

/**
 * Whether the negator before the context at `start` negates something else: "kein Problem mit
 * Patienten" is no negation of the patients. The engine then counts the context.
 */
export function negationAbsorbed(tokens: readonly Token[], start: number, cues: NegationCues = negationCues()): boolean {
  let absorbed = false;
  for (let j = start - 1; j >= 0 && j >= start - cues.reach; j--) {
    if ((tokens[j + 1] as Token).breakBefore) return false;
    const w = (tokens[j] as Token).norm;
    if (cues.negators.has(w)) return absorbed;
    if (cues.absorbers.has(w)) absorbed = true;
  }
  return false;
}

// How many words may stand between a negated context and the word of exception after it.
const EXCEPTION_REACH = 3;

/**
 * A word of exception follows the negated context that ends before token `end` ("nichts
 * Vertrauliches, außer den Gehaltsdaten"): the negation then does not hold for the context. Only a
 * comma or a dash may stand between, no other clause break.
 */
export function exceptionFollows(tokens: readonly Token[], end: number, question: string, cues: NegationCues = negationCues()): boolean {
  for (let j = end; j < tokens.length && j < end + EXCEPTION_REACH; j++) {
    const t = tokens[j] as Token;
    const before = question.slice(0, t.start).trimEnd().slice(-1);
    if (t.breakBefore && before !== ',' && before !== '–' && before !== '-') return false;
    if (cues.exceptions.has(t.norm)) return true;
  }
  return false;
}
