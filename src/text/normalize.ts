// Turns text into comparable tokens: lower case, umlauts and their two-letter spellings folded to
// one form (Bürger, Buerger -> burger), punctuation dropped. The same folding is applied to the
// question and to every name and synonym, so only equality of folded forms matters.

export interface Token {
  /** Folded form used for matching. */
  norm: string;
  /** The word as written (for naming an unknown tool back). */
  raw: string;
  /** Index of the first character in the question. */
  start: number;
  /** A clause break (.,;:!? or a line break) comes right before this token. */
  breakBefore: boolean;
}

const FOLD: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss', æ: 'ae', œ: 'oe' };

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cases and folds one word; `ue`/`ae`/`oe` are folded too, so "Buerger" equals "Bürger". */
export function fold(word: string): string {
  // Plain ASCII (most words of a question, every generated name) has nothing to normalise, fold or
  // strip: the same result without two Unicode normalisations and a Unicode regex.
  if (ASCII.test(word)) return word.toLowerCase().replace(/([aou])e/g, '$1');
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüßæœ]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/([aou])e/g, '$1');
}

// A word: letters and digits, with inner dots or apostrophes kept (zoom.us, o'reilly).
const WORD = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;
const BREAK = /[.,;:!?\n()]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  // exec on the one regular expression (matchAll would copy it and make an iterator per call).
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const raw = m[0];
    tokens.push({ norm: fold(raw), raw, start, breakBefore: tokens.length > 0 && breakBetween(text, last, start) });
    last = start + raw.length;
  }
  return tokens;
}

function breakBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BREAK.test(text[i] as string)) return true;
  return false;
}

/** Folded tokens of a name or synonym, e.g. "Microsoft Teams" -> ["microsoft", "teams"]. */
export function phrase(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

// Zero-width space/non-joiner/joiner, word joiner and invisible operators, soft hyphen, Mongolian
// vowel separator, bidi marks, embeddings and isolates, byte-order mark: invisible in chat, they
// would split or hide words ("Z\u200boom" is Zoom).
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The text without invisible characters. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The text cut to at most `max` characters at a word boundary (no "Zoo" from "Zoom"); a single word
 * longer than that is cut where it must be.
 */
export function cutAtWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  // The character after the cut tells whether the cut falls between two words.
  if (!/[\p{L}\p{N}]/u.test(text[max] ?? ' ')) return text.slice(0, max);
  for (let i = max - 1; i > 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(text[i] as string)) return text.slice(0, i);
  }
  return text.slice(0, max);
}
