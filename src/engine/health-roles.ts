// Health roles named as parties (lexicon/participant-words.yaml, `health_role_cues`): a word that names
// a health profession or institution (lexicon/semantic/<lang>-health-roles.txt, made from WordNet and
// the Ding dictionary by scripts/semantic/health-roles.ts) is a person or a place, not anyone's health.
// lexicon/contexts.yaml lists some as health data ("Hausarzt", "hospital"), since seeing a doctor or
// staying in hospital is. As a group (a plural form) after a cue of meeting together the word only
// says who takes part: "ein Webinar mit Hausärzten", "a call with the partner hospitals".
// understand.ts then drops the term's health context and leaves the word to participant-words.ts as
// a party. Every other place keeps the term: "Termin beim Psychotherapeuten", "Überweisung an den
// Facharzt", "mit dem Psychotherapeuten" (one professional: someone's care), "die Hausärzte von Herrn
// Schulz" (an owner), a question naming an individual ("with the hospitals about Mr Smith"); and a
// word about health ("Befund", "patients") states its context whatever stands beside it.
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import type { Token } from '../text/normalize.js';
import { healthRole, isPersonWord, type HealthRole } from '../text/semantic-lexicon.js';
import { healthRoleCues } from './participant-words.js';
import { DETERMINERS, PERSON_TITLES, QUANTIFIERS, STOPWORDS } from './words.js';

// Shorter compound parts are left alone, as in semantic-contexts.ts.
const MIN_PART = 4;
// A cue stands at most this many words before the role.
const MAX_GAP = 4;

/**
 * The health role of the token: as written, or a German compound whose last part is one: the head
 * names what the compound is ("Hausärzte" are doctors, "Partnerkliniken" clinics).
 */
function roleOf(t: Token, language: Language, lx: Lexicon): HealthRole | undefined {
  const direct = healthRole(t.raw, language);
  if (direct || language !== 'de' || t.raw.length < 2 * MIN_PART) return direct;
  const parts = lx.compoundParts(t.raw, 'de') ?? [];
  const head = parts[parts.length - 1];
  return parts.length > 1 && head !== undefined && head.length >= MIN_PART ? healthRole(head, 'de') : undefined;
}

/**
 * A word between the cue and the role that keeps the cue governing it: a determiner, a quantifier, a
 * person word ("partner hospitals") or, in German, where nouns are capitalised, an adjective.
 */
function inPhrase(t: Token, language: Language): boolean {
  if (DETERMINERS.has(t.norm) || QUANTIFIERS.has(t.norm) || isPersonWord(t.raw, language)) return true;
  return language === 'de' && /^[a-zäöüß]+$/.test(t.raw) && !STOPWORDS.has(t.norm);
}

/**
 * The form names a group: plural, and in German without a singular dative article before it (dative
 * singulars end in -em: "mit dem Psychotherapeuten" is one, whose weak form is the plural's).
 */
function plural(role: HealthRole, between: readonly Token[], language: Language): boolean {
  return role.number === 'plural' && !(language === 'de' && between.some((t) => t.norm.endsWith('em')));
}

/** The question names an individual: a title ("Frau", "Mr") or a capitalised first name. */
function namesIndividual(tokens: readonly Token[], lx: Lexicon): boolean {
  return tokens.some((t) => PERSON_TITLES.has(t.norm) || (/^\p{Lu}/u.test(t.raw) && lx.isFirstName(t.raw)));
}

/**
 * The token at i is a health role named as a party: a group after a cue of meeting together, ending
 * its noun phrase with no owner after it, in a question that names no individual.
 */
export function healthPartyAt(tokens: readonly Token[], i: number, language: Language, lx: Lexicon): boolean {
  const t = tokens[i] as Token;
  const role = roleOf(t, language, lx);
  if (!role || /['’]s?$/.test(t.raw)) return false;
  const { cues, owners } = healthRoleCues();
  const next = tokens[i + 1];
  if (next && !next.breakBefore && (!STOPWORDS.has(next.norm) || owners.has(next.norm))) return false;
  for (let k = i - 1; k >= 0 && i - k <= MAX_GAP; k--) {
    if ((tokens[k + 1] as Token).breakBefore) return false;
    const w = tokens[k] as Token;
    if (cues.has(w.norm)) return plural(role, tokens.slice(k + 1, i), language) && !namesIndividual(tokens, lx);
    if (!inPhrase(w, language)) return false;
  }
  return false;
}
