// Cues, as data (lexicon/name-cues.yaml), that a catalogue name which is also an ordinary word is
// used as the name ("Teams für Videokonferenzen ...?", "zoom with residents?", "over zoom") or as
// the plain word ("Quick question about teams: can all teams use Jira?"). Asked by understand.ts
// before its own rules; null leaves the decision to them.
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from '../text/lexicon-data.js';
import type { Language } from '../model/language.js';
import { lexiconFile, wordList } from '../text/lexicon-file.js';
import type { Token } from '../text/normalize.js';
import type { KbIndex } from './kb-index.js';
import { DETERMINERS, QUANTIFIERS, STOPWORDS, SUBJECTS, TIME_WORDS, TOOL_PREPOSITIONS, USE_VERBS } from './words.js';

export interface NameCues {
  clauseStartFollowersDe: ReadonlySet<string>;
  clauseStartFollowersEn: ReadonlySet<string>;
  aloneAfter: ReadonlySet<string>;
  questionVerbsDe: ReadonlySet<string>;
  meansBeforeEn: ReadonlySet<string>;
  lowercaseClauseStartFollowers: ReadonlySet<string>;
  lowercasePlainAfter: ReadonlySet<string>;
  infinitiveMarkersEn: ReadonlySet<string>;
  particlesBeforeObjectDe: ReadonlySet<string>;
}

export function parseNameCues(text: string, file = 'lexicon/name-cues.yaml'): NameCues {
  const data = parse(text) as Record<string, unknown> | null;
  const list = (key: string) => wordList(data, file, key);
  return {
    clauseStartFollowersDe: list('clause_start_followers_de'),
    clauseStartFollowersEn: list('clause_start_followers_en'),
    aloneAfter: list('alone_after'),
    questionVerbsDe: list('question_verbs_de'),
    meansBeforeEn: list('means_before_en'),
    lowercaseClauseStartFollowers: list('lowercase_clause_start_followers'),
    lowercasePlainAfter: list('lowercase_plain_after'),
    infinitiveMarkersEn: list('infinitive_markers_en'),
    particlesBeforeObjectDe: list('particles_before_object_de'),
  };
}

/** lexicon/name-cues.yaml, read on first use. */
export const nameCues: () => NameCues = lexiconFile('name-cues.yaml', parseNameCues);

/** Whether the one-word name at token i is the name (true), the plain word (false), or no cue (null). */
export function nameCue(index: KbIndex, tokens: readonly Token[], i: number, language: Language, cues: NameCues = nameCues()): boolean | null {
  const t = tokens[i] as Token;
  const clauseStart = i === 0 || t.breakBefore;
  const prev = clauseStart ? '' : (tokens[i - 1] as Token).norm;
  const next = tokens[i + 1] && !(tokens[i + 1] as Token).breakBefore ? (tokens[i + 1] as Token).norm : '';
  const lower = !/\p{Lu}/u.test(t.raw);
  if (language === 'de' && clauseStart && !lower && cues.clauseStartFollowersDe.has(next)) return true;
  if (language === 'en' && clauseStart && !lower && cues.clauseStartFollowersEn.has(next)) return true;
  if (language === 'en' && cues.meansBeforeEn.has(prev)) return true;
  // "a Loom", "the Slack channel": a capital inside an English sentence, after an article, is a name.
  if (language === 'en' && !clauseStart && !lower && DETERMINERS.has(prev) && !/^\p{Lu}+$/u.test(t.raw)) return true;
  // "und Teams?", "Geht auch Teams?": the name alone closes the clause.
  if (!lower && next === '' && cues.aloneAfter.has(prev)) return true;
  if (language === 'de' && !lower && next === '' && cues.questionVerbsDe.has(prev)) return true;
  // "Teams & Zoom", "Teams oder Zoom": another catalogue name follows.
  if (!lower && next !== '' && index.names.has(next) && !DETERMINERS.has(next)) return true;
  // "ob wir Teams schon nutzen dürfen": after a subject, before a verb of using in the same clause.
  if (language === 'de' && !lower && SUBJECTS.has(prev) && useVerbAhead(tokens, i)) return true;
  // "Das Jugendamt nutzt schon Teams dafür": the object of a finite verb of using, past a particle.
  if (language === 'de' && !lower && !clauseStart && useVerbBefore(tokens, i, cues)) return true;
  // (Also after a leading label the chat left in, "it-help zoom with patients?", but not after an article.)
  if (lower && (clauseStart || !(DETERMINERS.has(prev) || QUANTIFIERS.has(prev))) && cues.lowercaseClauseStartFollowers.has(next)) {
    // Only where the writer uses no capitals at all (a lone "I" aside).
    if (!tokens.some((x) => x.raw !== 'I' && /\p{Lu}/u.test(x.raw))) return true;
  }
  // "to exchange messages", "to signal that": the verb, where the writer capitalises elsewhere.
  if (language === 'en' && lower && cues.infinitiveMarkersEn.has(prev) && takesObject(tokens, i + 1) && writesCapitals(tokens)) return false;
  if (language === 'en' && lower && cues.lowercasePlainAfter.has(prev)) {
    const otherNameCapitalised = tokens.some((x, k) => k !== i && x.norm !== t.norm && /^\p{Lu}/u.test(x.raw) && index.names.has(x.norm));
    if (otherNameCapitalised) return false;
  }
  return null;
}

/** The word at k is an object or a clause a verb takes: a determiner, a pronoun, or an ordinary lower-case word. */
function takesObject(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || t.breakBefore) return false;
  if (DETERMINERS.has(t.norm) || SUBJECTS.has(t.norm) || t.norm === 'that') return true;
  return /^\p{Ll}/u.test(t.raw) && !STOPWORDS.has(t.norm) && !TOOL_PREPOSITIONS.has(t.norm) && !TIME_WORDS.has(t.norm);
}

/** The writer uses capitals somewhere (a lone "I" aside): a name in lower case would stand out. */
const writesCapitals = (tokens: readonly Token[]) => tokens.some((x) => x.raw !== 'I' && /\p{Lu}/u.test(x.raw));

/** How far a German subordinate clause may put its verb after the name ("ob sie Signal für den Austausch mit der Presse nutzen darf"). */
const VERB_FINAL_REACH = 8;

/** A finite form of a German verb of using stands before the word at i, at most one particle apart. */
function useVerbBefore(tokens: readonly Token[], i: number, cues: NameCues): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
    const t = tokens[k] as Token;
    if (germanUseVerbForms().has(t.norm)) return true;
    if (!cues.particlesBeforeObjectDe.has(t.norm) || t.breakBefore) return false;
  }
  return false;
}

let useVerbForms: ReadonlySet<string> | undefined;

/**
 * The present and past participle forms of the German verbs of using, built from their infinitives by
 * the regular endings ("nutzen": "nutzt", "nutzst", "genutzt"; "verwenden": "verwendet").
 */
function germanUseVerbForms(): ReadonlySet<string> {
  if (useVerbForms) return useVerbForms;
  const out = new Set<string>();
  for (const w of USE_VERBS) {
    if (!w.endsWith('en') || w.length < 5) continue;
    const base = w.slice(0, -2);
    const dental = /[dt]$/.test(base);
    for (const ending of dental ? ['et', 'est', 'eten'] : ['t', 'st', 'ten']) out.add(base + ending);
    if (!/^(be|ver|ein|er|ent|zer)/.test(base)) out.add(`ge${base}${dental ? 'et' : 't'}`);
  }
  return (useVerbForms = out);
}

function useVerbAhead(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k < tokens.length && k <= i + VERB_FINAL_REACH; k++) {
    const t = tokens[k] as Token;
    if (t.breakBefore) return false;
    if (USE_VERBS.has(t.norm)) return true;
  }
  return false;
}
