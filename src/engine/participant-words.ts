// Person words nothing explains ("guests", "partners", "eine Agentur"): they stay unexplained, but on
// their own they can only say who takes part, or, as data about people, that personal data is
// involved (lexicon/participant-words.yaml; the words: lexicon/semantic/<lang>-people.txt, made by
// scripts/semantic/people-words.ts). So such a word keeps a restricted tool from approval (confirm.ts)
// only when an open forbidden context of the tool is one it can speak of, or is one of the knowledge
// base's own contexts, which no rule here knows. Any other unexplained word keeps the old rule.
import { z } from 'zod';
import { LexiconError } from '../errors.js';
import { BUILTIN_CONTEXTS } from '../kb/builtins.js';
import { LANGUAGES, type Language } from '../model/language.js';
import { lexiconData } from '../text/lexicon-file.js';
import type { Lexicon } from '../text/lexicon.js';
import { fold, type Token } from '../text/normalize.js';
import { groupContext, isPersonWord, isPlainThing } from '../text/semantic-lexicon.js';
import { DETERMINERS, NEGATORS, QUANTIFIERS, STOPWORDS } from './words.js';

const Rules = z.strictObject({
  participant_contexts: z.array(z.string().min(1)).min(1),
  data_contexts: z.array(z.string().min(1)),
  participant_cues: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  organisation_heads: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  own_words: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  health_role_cues: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  health_role_owners: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  health_role_contexts: z.array(z.string().min(1)),
  image_nouns: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  image_links: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  who_words: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  listing_words: z.strictObject({ de: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
});

const BUILTIN_IDS: ReadonlySet<string> = new Set(BUILTIN_CONTEXTS.map((c) => c.id));
const NAME = 'participant-words.yaml';
const rawRules = lexiconData(NAME, Rules);

interface ParticipantRules {
  participant: readonly string[];
  data: readonly string[];
  cues: ReadonlySet<string>;
  organisations: ReadonlySet<string>;
  own: ReadonlySet<string>;
  healthCues: ReadonlySet<string>;
  healthOwners: ReadonlySet<string>;
  healthContexts: readonly string[];
}

let rules: ParticipantRules | undefined;

function participantRules(): ParticipantRules {
  if (rules) return rules;
  const r = rawRules();
  const unknown = [...r.participant_contexts, ...r.data_contexts, ...r.health_role_contexts].find((id) => !BUILTIN_IDS.has(id));
  if (unknown) throw new LexiconError(`lexicon/${NAME}`, `"${unknown}" is not a built-in context id (lexicon/contexts.yaml)`);
  const both = (lists: Record<Language, string[]>) => new Set(LANGUAGES.flatMap((l) => lists[l]).map(fold));
  return (rules = { participant: r.participant_contexts, data: r.data_contexts, cues: both(r.participant_cues), organisations: both(r.organisation_heads), healthCues: both(r.health_role_cues), healthOwners: both(r.health_role_owners), healthContexts: r.health_role_contexts, own: both(r.own_words) });
}

/** The cues of meeting together before a health role named as a party, and the words of an owner after it (health-roles.ts). */
export function healthRoleCues(): { cues: ReadonlySet<string>; owners: ReadonlySet<string> } {
  return { cues: participantRules().healthCues, owners: participantRules().healthOwners };
}

/** The nouns of pictures and the words that link them to what they show (image-subjects.ts), folded, both languages. */
export function imageWords(): ImageWords {
  if (images) return images;
  const r = rawRules();
  const both = (lists: Record<Language, string[]>) => new Set(LANGUAGES.flatMap((l) => lists[l]).map(fold));
  return (images = { nouns: both(r.image_nouns), links: both(r.image_links), who: both(r.who_words), listing: both(r.listing_words) });
}

interface ImageWords {
  nouns: ReadonlySet<string>;
  links: ReadonlySet<string>;
  who: ReadonlySet<string>;
  listing: ReadonlySet<string>;
}
// Built once: every question asks for them.
let images: ImageWords | undefined;

/** The contexts a health role's term does not state where it names a party. */
export function healthRoleContexts(): readonly string[] {
  return participantRules().healthContexts;
}

const OTHER: Record<Language, Language> = { de: 'en', en: 'de' };
// Shorter compound parts are left alone, as in semantic-contexts.ts.
const MIN_PART = 4;

/**
 * The token is a person word: of the question's language, of the other one for a word the question's
 * language lacks, or a German compound whose last part is one and whose other parts are person words
 * or plain things ("Kommissionsmitglied").
 */
function personWord(t: Token, language: Language, lx: Lexicon): boolean {
  if (isPersonWord(t.raw, language) || organisationWord(t, lx)) return true;
  if (!lx.isCommon(t.raw, language) && isPersonWord(t.raw, OTHER[language])) return true;
  const parts = t.raw.length >= 2 * MIN_PART ? (lx.compoundParts(t.raw, 'de') ?? []) : [];
  if (parts.length < 2 || parts.some((p) => p.length < MIN_PART)) return false;
  return isPersonWord(parts[parts.length - 1] as string, 'de') && parts.slice(0, -1).every((p) => isPersonWord(p, 'de') || isPlainThing(p, 'de'));
}

/** An office or authority, or a German compound ending in one ("Bezirksämter"). */
function organisationWord(t: Token, lx: Lexicon): boolean {
  const heads = participantRules().organisations;
  if (heads.has(t.norm)) return true;
  const parts = t.raw.length >= 2 * MIN_PART ? (lx.compoundParts(t.raw, 'de') ?? []) : [];
  return parts.length > 1 && heads.has(fold(parts[parts.length - 1] as string));
}

/**
 * A party to the situation: a cue word stands before the word in its clause with only determiners,
 * quantifiers and words something else explained between ("with external workshop participants", "to
 * the ad agency"), and the word ends its noun phrase (no possessive, no noun after it: "with the guest
 * list" is data).
 */
function afterCue(tokens: readonly Token[], i: number, cues: ReadonlySet<string>, unexplained: ReadonlySet<number>): boolean {
  const t = tokens[i] as Token;
  if (/['’]s?$/.test(t.raw)) return false;
  const next = tokens[i + 1];
  if (next && !next.breakBefore && !STOPWORDS.has(next.norm)) return false;
  for (let k = i - 1; k >= 0 && i - k <= 4; k--) {
    if ((tokens[k + 1] as Token).breakBefore) return false;
    const w = (tokens[k] as Token).norm;
    if (cues.has(w)) return true;
    if (!DETERMINERS.has(w) && !QUANTIFIERS.has(w) && unexplained.has(k)) return false;
  }
  return false;
}

/**
 * For each unexplained position that is a person word, the contexts it can speak of, by the word as
 * written (the key of `unexplained`): the participant contexts after a cue, else those and the data
 * contexts; for a group word whose kind stated its context (`told`, readGroupWords), the data
 * contexts alone. A word that occurs twice keeps the wider reading. The positions `parties` (health
 * roles named as parties, health-roles.ts) speak of the participant contexts only.
 */
export function personScopes(tokens: readonly Token[], at: readonly number[], language: Language, lx: Lexicon, parties: ReadonlySet<number> = new Set(), told: ReadonlySet<number> = new Set()): Record<string, string[]> {
  const r = participantRules();
  const out: Record<string, string[]> = {};
  const unexplained = new Set(at);
  for (const i of at) {
    const t = tokens[i] as Token;
    const party = parties.has(i);
    let scope: string[];
    if (told.has(i) && !party) scope = [...r.data];
    else if (!party && !personWord(t, language, lx)) continue;
    else scope = party || afterCue(tokens, i, r.cues, unexplained) ? [...r.participant] : [...r.participant, ...r.data];
    const before = out[t.raw];
    out[t.raw] = before && before.length > scope.length ? before : scope;
  }
  return out;
}

/**
 * The unexplained words keep a tool whose open forbidden contexts are `open` from approval: some word
 * is no person word, some person word can speak of an open context, or some open context is a base's
 * own and some word is not one of `told` (a group word whose kind stated who takes part: only its
 * reading as data about them is open, and no own context is unknown ground for it).
 */
export function unexplainedBear(open: readonly string[], unexplained: readonly string[], scopes: Readonly<Record<string, readonly string[]>> | undefined, told: readonly string[] = []): boolean {
  if (unexplained.length === 0 || open.length === 0) return false;
  const own = open.some((c) => !BUILTIN_IDS.has(c));
  return unexplained.some((w) => {
    const scope = scopes?.[w];
    return scope === undefined || (own && !told.includes(w)) || scope.some((c) => open.includes(c));
  });
}

/** What the group words of a question state (readGroupWords). */
export interface GroupReading {
  /** Context ids stated, each once, in the order of the question. */
  contexts: string[];
  /** For each of those contexts, the words that stated it, as written. */
  words: Record<string, string[]>;
  /** The positions of `at` still unexplained: no group word, or a group word that may be data (`told`). */
  rest: number[];
  /** Group words that stated their context but are no party after a cue: they may still be data about people. */
  told: Set<number>;
}

/**
 * The context a group word tells: of the question's language, of the other one for a word the
 * question's language lacks, or the last part of a German compound ("Partnerinstituten",
 * "Badegäste": the last part names who they are).
 */
function groupOf(t: Token, language: Language, lx: Lexicon): string | undefined {
  const direct = groupContext(t.raw, language) ?? (lx.isCommon(t.raw, language) ? undefined : groupContext(t.raw, OTHER[language]));
  if (direct !== undefined) return direct;
  const parts = t.raw.length >= 2 * MIN_PART ? (lx.compoundParts(t.raw, 'de') ?? []) : [];
  if (parts.length < 2 || parts.some((p) => p.length < MIN_PART)) return undefined;
  return groupContext(parts[parts.length - 1] as string, 'de');
}

/**
 * A word of its phrase before position i (up to three, within the clause) is a negator ("ohne Gäste",
 * "no guests": not stated) or, for an outside organisation, a word of one's own ("unser Institut").
 */
function ruledOut(tokens: readonly Token[], i: number, id: string): boolean {
  const own = participantRules().own;
  for (let k = i - 1; k >= 0 && i - k <= 3; k--) {
    if ((tokens[k + 1] as Token).breakBefore) return false;
    const w = (tokens[k] as Token).norm;
    if (NEGATORS.has(w) || (id === 'external' && own.has(w))) return true;
  }
  return false;
}

/**
 * Group words state the context of who takes part their kind tells (lexicon/semantic/<lang>-groups.tsv:
 * a publisher, an institute is external; guests, alumni are citizens), where the knowledge base
 * defines it and nothing in its phrase rules it out, also before another noun ("the alumni
 * get-together", "die Gästeliste"). A party after a cue ("mit dem Verleger") is then accounted for;
 * any other stays unexplained as possible data about them ("the guest list": personal data).
 */
export function readGroupWords(tokens: readonly Token[], at: readonly number[], language: Language, lx: Lexicon, defined: ReadonlySet<string>): GroupReading {
  const out: GroupReading = { contexts: [], words: {}, rest: [], told: new Set() };
  const unexplained = new Set(at);
  for (const i of at) {
    const t = tokens[i] as Token;
    const id = groupOf(t, language, lx);
    const party = afterCue(tokens, i, participantRules().cues, unexplained);
    if (id === undefined || !defined.has(id) || ruledOut(tokens, i, id)) {
      out.rest.push(i);
      continue;
    }
    if (!out.contexts.includes(id)) out.contexts.push(id);
    const ws = (out.words[id] ??= []);
    if (!ws.includes(t.raw)) ws.push(t.raw);
    if (party) continue;
    out.rest.push(i);
    out.told.add(i);
  }
  return out;
}

/** The unexplained words (positions `rest`), as written, every occurrence of which is a told group word. */
export function toldWords(tokens: readonly Token[], rest: readonly number[], told: ReadonlySet<number>): string[] {
  const raw = (i: number) => (tokens[i] as Token).raw;
  const out = new Set([...told].map(raw));
  for (const i of rest) if (!told.has(i)) out.delete(raw(i));
  return [...out];
}
