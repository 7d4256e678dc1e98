// Membership in a sorted word list file, looked up in its text without splitting it: a list of tens
// of thousands of words costs one file read and no parsing at start (binary search over the lines).
/** A sorted, newline-separated list of words (after a header of `#` lines), as one string. */
export class SortedLines {
  readonly #text: string;
  readonly #start: number;

  constructor(text: string) {
    this.#text = text;
    // The header lines start with "#"; the words follow.
    let start = 0;
    while (text.startsWith('#', start)) {
      const end = text.indexOf('\n', start);
      start = end < 0 ? text.length : end + 1;
    }
    this.#start = start;
  }

  /** The line holding `word` exists. Lines compare as JavaScript compares strings (the generators sort so). */
  has(word: string): boolean {
    const text = this.#text;
    let lo = this.#start;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const lineStart = text.lastIndexOf('\n', mid - 1) + 1;
      const from = Math.max(lineStart, lo);
      const end = text.indexOf('\n', from);
      const lineEnd = end < 0 ? text.length : end;
      const line = text.slice(from, lineEnd);
      if (line === word) return true;
      if (line < word) lo = lineEnd + 1;
      else hi = from;
    }
    return false;
  }
}
