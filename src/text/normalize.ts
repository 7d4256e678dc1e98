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

/** Lower-cases and folds one word; `ue`/`ae`/`oe` are folded too, so "Buerger" equals "Bürger". */
export function fold(word: string): string {
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
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const between = text.slice(last, start);
    tokens.push({ norm: fold(m[0]), raw: m[0], start, breakBefore: tokens.length > 0 && BREAK.test(between) });
    last = start + m[0].length;
  }
  return tokens;
}

/** Folded tokens of a name or synonym, e.g. "Microsoft Teams" -> ["microsoft", "teams"]. */
export function phrase(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}
