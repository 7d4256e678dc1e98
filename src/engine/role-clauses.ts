// A generic person word with a relative clause of what a role does is that role: "people who
// applied for the solar roof grant" are applicants, "Leute, die einen Antrag gestellt haben"
// Antragsteller, "wer beantragt hat" too. The role nouns are context words already (the semantic
// subset places "applicants", "Antragsteller" under citizens); the clause names them by their verb,
// and left alone its words were unexplained, so a tool that forbids citizens was only asked about.
// The verbs, the phrases ("einen Antrag stellen"), the generic person words and the grammar words
// are generated from WordNet and the Ding dictionary (lexicon/semantic/<lang>-role-verbs.tsv,
// scripts/semantic/role-verbs.ts).
import { LexiconError } from '../errors.js';
import type { Language } from '../model/language.js';
import { lexiconFile } from '../text/lexicon-file.js';
import { fold, type Token } from '../text/normalize.js';
import { isPersonWord } from '../text/semantic-lexicon.js';
import { negationCues } from './negation-cues.js';
import { NEGATORS } from './words.js';

type Kind = 'verb' | 'object' | 'phrase_verb' | 'person' | 'pronoun' | 'free' | 'relative';
const KINDS: ReadonlySet<string> = new Set(['verb', 'object', 'phrase_verb', 'person', 'pronoun', 'free', 'relative']);

interface RoleWords {
  /** Folded form → per kind, the lemmas it is a form of and their contexts. */
  forms: Map<string, { kind: Kind; contexts: string[]; lemma: string }[]>;
}

function parseRoleWords(text: string, file: string): RoleWords {
  const forms = new Map<string, { kind: Kind; contexts: string[]; lemma: string }[]>();
  text.split('\n').forEach((line, n) => {
    if (line === '' || line.startsWith('#')) return;
    const [form, kind, contexts, lemma, ...rest] = line.split('\t');
    if (!form || !kind || !KINDS.has(kind) || !contexts || !lemma || rest.length > 0) {
      throw new LexiconError(`${file}:${n + 1}`, 'expected "form<TAB>kind<TAB>contexts<TAB>lemma": regenerate the file with scripts/semantic/role-verbs.ts');
    }
    const key = fold(form);
    (forms.get(key) ?? forms.set(key, []).get(key)!).push({ kind: kind as Kind, contexts: contexts === '-' ? [] : contexts.split(','), lemma: fold(lemma) });
  });
  return { forms };
}

const FILES: Record<'en' | 'de', () => RoleWords> = {
  en: lexiconFile('semantic/en-role-verbs.tsv', parseRoleWords),
  de: lexiconFile('semantic/de-role-verbs.tsv', parseRoleWords),
};

// How far the role verb may stand from the relative pronoun: English puts it near ("who want to
// apply", "who have not yet applied"); German puts it last in the clause ("die im März einen Antrag
// auf Förderung gestellt haben"), which ends at the next comma.
const REACH: Record<'en' | 'de', number> = { en: 4, de: 10 };

/** A person word with a role clause: where it stands, the tokens it accounts for and the role's contexts. */
export interface RoleClauseHit {
  start: number;
  length: number;
  ids: string[];
  negated: false;
  /** Read whole: a negation inside ("who did not apply") leaves the clause unread instead. */
  roleClause: true;
}

function kindsAt(words: RoleWords, t: Token | undefined, kind: Kind): { contexts: string[]; lemma: string }[] {
  return t ? (words.forms.get(t.norm) ?? []).filter((e) => e.kind === kind) : [];
}

/** The role's contexts and the tokens of the verb (and its phrase's noun) within the clause from `from`, or null. */
function roleIn(tokens: readonly Token[], from: number, lang: 'en' | 'de', words: RoleWords): { ids: string[]; at: number[]; negated: boolean } | null {
  const { negators } = negationCues();
  let negated = false;
  const objects = new Map<string, number>();
  for (let k = from; k < tokens.length && k < from + REACH[lang]; k++) {
    const t = tokens[k] as Token;
    if (k > from && t.breakBefore) return null;
    if (NEGATORS.has(t.norm) || negators.has(t.norm) || /n['’]t$/.test(t.raw)) negated = true;
    for (const o of kindsAt(words, t, 'object')) objects.set(o.lemma, k);
    const verb = kindsAt(words, t, 'verb')[0];
    if (verb) return { ids: verb.contexts, at: [k], negated };
    const phrase = kindsAt(words, t, 'phrase_verb').find((p) => objects.has(p.lemma));
    if (phrase) return { ids: phrase.contexts, at: [objects.get(phrase.lemma) as number, k], negated };
  }
  return null;
}

/** The word at i names people in general: a generic person word, a pronoun for people, or a person word. */
function personAt(tokens: readonly Token[], i: number, lang: 'en' | 'de', words: RoleWords): boolean {
  const t = tokens[i] as Token;
  return kindsAt(words, t, 'person').length > 0 || kindsAt(words, t, 'pronoun').length > 0 || isPersonWord(t.raw, lang);
}

/** The clause of token i ends at a comma (not at the end of the question or a full stop). */
function closedByComma(tokens: readonly Token[], i: number, question: string): boolean {
  for (let k = i + 1; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.breakBefore) return question.slice(0, t.start).trimEnd().endsWith(',');
  }
  return false;
}

// German may put the relative clause after the verb that governs the person word ("Leute
// anschreiben, die …", "mit Leuten zu finden, die …"): at most this many lower-case words between.
const EXTRAPOSED = 3;

/**
 * The relative pronoun of a clause about the people at i, or -1: right after them in English
 * ("people who applied"); in German after a comma, right after them or after a few lower-case words
 * (verbs and particles: a capitalised noun between would be the nearer antecedent).
 */
function relativeAfter(tokens: readonly Token[], i: number, lang: 'en' | 'de', words: RoleWords): number {
  if (lang === 'en') {
    const rel = tokens[i + 1];
    return rel && !rel.breakBefore && kindsAt(words, rel, 'relative').length > 0 ? i + 1 : -1;
  }
  for (let k = i + 1; k < tokens.length && k <= i + 1 + EXTRAPOSED; k++) {
    const t = tokens[k] as Token;
    if (t.breakBefore) return kindsAt(words, t, 'relative').length > 0 ? k : -1;
    if (!/^\p{Ll}+$/u.test(t.raw)) return -1;
  }
  return -1;
}

/**
 * The role clauses of the question as context hits; their person word, relative pronoun and verb are
 * marked used. A negated clause ("people who did not apply", "Leute, die keinen Antrag gestellt
 * haben") says neither that they are the role nor that they are not: it is left unread.
 */
export function roleClauseHits(tokens: readonly Token[], question: string, used: boolean[], language: Language): RoleClauseHit[] {
  if (language !== 'en' && language !== 'de') return [];
  const words = FILES[language]();
  const hits: RoleClauseHit[] = [];
  // Most questions hold no role verb at all: then no person word needs looking up.
  if (!tokens.some((t) => kindsAt(words, t, 'verb').length > 0 || kindsAt(words, t, 'phrase_verb').length > 0)) return hits;
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i] as Token;
    let clause = -1;
    // A free relative is a clause of its own, closed by a comma ("Wer einen Antrag gestellt hat, …");
    // without one it is a question ("Wer darf Doodle kaufen?").
    if (kindsAt(words, t, 'free').length > 0) clause = closedByComma(tokens, i, question) ? i + 1 : -1;
    else if (personAt(tokens, i, language, words)) {
      const r = relativeAfter(tokens, i, language, words);
      if (r >= 0 && !used[r]) clause = r + 1;
    }
    if (clause < 0 || clause >= tokens.length) continue;
    const role = roleIn(tokens, clause, language, words);
    if (!role || role.negated || role.ids.length === 0 || role.at.some((k) => used[k])) continue;
    for (const k of [i, clause - 1, ...role.at]) used[k] = true;
    const end = Math.max(...role.at);
    hits.push({ start: i, length: end - i + 1, ids: role.ids, negated: false, roleClause: true });
    i = end;
  }
  return hits;
}
