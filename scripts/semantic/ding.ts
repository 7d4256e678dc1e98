// Reads the German–English dictionary of the Ding project (TU Chemnitz, GPL-2+; Debian package
// trans-de-en installs it as /usr/share/trans/de-en). One line per entry:
//   German | inflected forms | phrases :: English | inflected forms | phrases
// The parts on either side of `::` correspond by position; within a part, `;` separates synonyms.
// In the first part, a German word is followed by its kind in braces: {m} {f} {n} {pl} for nouns,
// {vt} {vi} {vr} for verbs, {adj}, {adv}. For nouns the second part lists the plurals ({pl}); for
// verbs the next four list present participle, past participle, present and past tense, each
// aligned with the synonyms of the first part.

/** What kind of word a German headword is, by its tag. */
export type DingKind = 'noun' | 'verb' | 'adj' | 'adv' | 'other';

/** One German headword of an entry, with the forms the entry gives for it. */
export interface DingWord {
  /** The headword, lower-cased, without annotations ("foto", "einrichten"). */
  word: string;
  kind: DingKind;
  /** Inflected forms the entry lists for it, lower-cased, one word each (plurals, participles, tenses). */
  forms: string[];
}

export interface DingEntry {
  /** The single-word German headwords of the first part. */
  words: DingWord[];
  /** The single-word English translations of the first part, lower-cased, without "to" ("photograph", "arrange"). */
  english: string[];
}

const ANNOTATIONS = /\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|\/[^/]*\//g;
// Placeholders the dictionary writes for an object ("etw. einrichten", "auf etw. zugreifen", "to attend sb.").
const GERMAN_PLACEHOLDERS = /^(?:(?:[a-zäöü]+\s+)?(?:etw\.|jdn\.|jdm\.|jds\.|sich|etw|jdn|jdm)\s+)+|\s+(?:etw\.|jdn\.|jdm\.|sich)$/g;
const ENGLISH_PLACEHOLDERS = /^(?:to\s+)|\s+(?:sth\.|sb\.|sth|sb|oneself|sb\.\/sth\.)$/g;
const GERMAN_WORD = /^[a-zäöüß]+(?:-[a-zäöüß]+)?$/;
const ENGLISH_WORD = /^[a-z]+$/;

function kindOf(item: string): DingKind {
  if (/\{(?:m|f|n|pl)\}/.test(item)) return 'noun';
  if (/\{v[tir]\}/.test(item)) return 'verb';
  if (/\{adj\}/.test(item)) return 'adj';
  if (/\{adv\}/.test(item)) return 'adv';
  return 'other';
}

function bare(item: string, placeholders: RegExp): string {
  let s = item.replace(ANNOTATIONS, ' ').replace(/\s+/g, ' ').trim();
  // Placeholders may stand before and after: strip until nothing changes.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(placeholders, '').trim();
  }
  return s.toLowerCase();
}

const synonyms = (part: string | undefined): string[] => (part ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');

/**
 * The one-word German form of an item of an inflection part; a separable verb keeps its finite verb
 * ("richtet ein" → "richtet"). An item of more than two words is an example sentence the dictionary
 * put where a tense belongs ("Fotos der Gegenstände können angefordert werden." of "anfordern"): none.
 */
function formOf(item: string): string | null {
  const words = bare(item, GERMAN_PLACEHOLDERS).split(' ');
  const s = words[0] ?? '';
  return words.length <= 2 && GERMAN_WORD.test(s) ? s : null;
}

/**
 * A form the dictionary gives that cannot be one of the headword: a plural two or more letters shorter
 * than its singular is a slip ("Fotograf | Foto {pl}"); German plurals are at most one letter shorter
 * ("Visum", "Visa").
 */
function plausibleForm(word: string, form: string, kind: DingKind): boolean {
  return kind !== 'noun' || form.length >= word.length - 1;
}

/** The inflection parts of an entry for its headwords: aligned with the first part, synonym by synonym. */
function inflectionParts(german: readonly string[], english: readonly string[], kind: DingKind, count: number): string[][] {
  const out: string[][] = [];
  const last = kind === 'verb' ? 4 : kind === 'noun' ? 1 : 0;
  for (let p = 1; p <= last && p < german.length; p++) {
    const items = synonyms(german[p]);
    if (items.length !== count) break;
    // A noun's second part is its plurals; a verb's next parts are participles and tenses, whose English side inflects too.
    if (kind === 'noun' && !items.every((i) => i.includes('{pl}'))) break;
    if (kind === 'verb' && p === 1 && !/ing\b/.test(english[p] ?? '')) break;
    out.push(items);
  }
  return out;
}

/** Parses one line of the dictionary; null for comments and lines without a one-word headword (the translations may be none). */
export function parseDingLine(line: string): DingEntry | null {
  if (line.startsWith('#')) return null;
  const [de, en] = line.split(' :: ');
  if (!de || !en) return null;
  const german = de.split(' | ');
  const englishParts = en.split(' | ');
  const items = synonyms(german[0]);
  const english = [...new Set(synonyms(englishParts[0]).map((i) => bare(i, ENGLISH_PLACEHOLDERS)).filter((w) => ENGLISH_WORD.test(w)))];
  const kind = items.map(kindOf).find((k) => k !== 'other') ?? 'other';
  const inflections = inflectionParts(german, englishParts, kind, items.length);
  const words: DingWord[] = [];
  items.forEach((item, i) => {
    const word = bare(item, GERMAN_PLACEHOLDERS);
    if (!GERMAN_WORD.test(word)) return;
    const wordKind = kindOf(item) === 'other' ? kind : kindOf(item);
    const forms = inflections.map((part) => formOf(part[i] ?? '')).filter((f): f is string => f !== null && f !== word && plausibleForm(word, f, wordKind));
    words.push({ word, kind: wordKind, forms: [...new Set(forms)] });
  });
  return words.length > 0 ? { words, english } : null;
}

/** Every entry of the dictionary's text that has a one-word headword. */
export function parseDing(text: string): DingEntry[] {
  const out: DingEntry[] = [];
  for (const line of text.split('\n')) {
    const entry = parseDingLine(line);
    if (entry) out.push(entry);
  }
  return out;
}
