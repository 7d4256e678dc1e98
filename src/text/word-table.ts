// A read-only map from words to small numbers, held in four typed arrays instead of a Map of
// strings: an open-addressing hash table over the words' UTF-16 code units. It is built once (when
// a dictionary is compiled) and then loaded as views on the bytes of a cache file, so loading costs
// no parsing and no string per word, and the garbage collector has nothing in it to trace.

/** The arrays of a table, as written to and read from a compiled file. */
export interface WordTableArrays {
  /** Every word's UTF-16 code units, one after the other. */
  chars: Uint16Array;
  /** Word i is chars[starts[i]] .. chars[starts[i + 1]] (words + 1 entries). */
  starts: Uint32Array;
  /** The number stored for word i. */
  values: Uint32Array;
  /** Hash slots (a power of two, at least twice the words): word index + 1, or 0 for empty. */
  slots: Uint32Array;
}

/** This module (its code is part of a compiled table's sources: compiled-cache.ts codeOf). */
export const WORD_TABLE_MODULE = import.meta.url;

/** FNV-1a over UTF-16 code units. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class WordTable {
  private readonly mask: number;

  private constructor(private readonly a: WordTableArrays) {
    this.mask = a.slots.length - 1;
  }

  /** A table of the words (each once) and their values. */
  static build(entries: ReadonlyMap<string, number>): WordTable {
    let total = 0;
    for (const word of entries.keys()) total += word.length;
    const count = entries.size;
    let size = 16;
    while (size < count * 2) size *= 2;
    const a: WordTableArrays = { chars: new Uint16Array(total), starts: new Uint32Array(count + 1), values: new Uint32Array(count), slots: new Uint32Array(size) };
    let i = 0;
    let at = 0;
    for (const [word, value] of entries) {
      for (let j = 0; j < word.length; j++) a.chars[at + j] = word.charCodeAt(j);
      a.starts[i] = at;
      a.values[i] = value;
      at += word.length;
      let slot = hash(word) & (size - 1);
      while (a.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      a.slots[slot] = i + 1;
      i++;
    }
    a.starts[count] = at;
    return new WordTable(a);
  }

  /**
   * A table over arrays read from a file (its checksum already verified by the cache). Checks that
   * they fit together and throws otherwise; lookups stay in bounds and end whatever the contents,
   * and a value of `valueLimit` or more is the caller's to refuse.
   */
  static fromArrays(a: WordTableArrays): WordTable {
    const count = a.values.length;
    const size = a.slots.length;
    const fail = (why: string) => {
      throw new Error(`word table: ${why}`);
    };
    if (a.starts.length !== count + 1) fail('offsets do not match the words');
    if (size < 2 * count || size < 16 || (size & (size - 1)) !== 0) fail('hash slots of a wrong size');
    if (a.starts[0] !== 0 || a.starts[count] !== a.chars.length) fail('offsets do not cover the characters');
    return new WordTable(a);
  }

  get size(): number {
    return this.a.values.length;
  }

  get arrays(): Readonly<WordTableArrays> {
    return this.a;
  }

  /** The value stored for `word`, or -1. */
  get(word: string): number {
    const { chars, starts, slots } = this.a;
    const n = word.length;
    let slot = hash(word) & this.mask;
    // At most one pass over the slots (a sound table stops at an empty one long before).
    for (let probes = 0; probes <= this.mask; probes++) {
      const s = slots[slot] as number;
      if (s === 0) return -1;
      const start = starts[s - 1] as number;
      if (start !== undefined && (starts[s] as number) - start === n) {
        let j = 0;
        while (j < n && chars[start + j] === word.charCodeAt(j)) j++;
        if (j === n) return this.a.values[s - 1] as number;
      }
      slot = (slot + 1) & this.mask;
    }
    return -1;
  }
}
