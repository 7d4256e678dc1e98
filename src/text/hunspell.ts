// A small reader of hunspell dictionaries (.aff + .dic), for one question only: is this word a
// form of a word of the dictionary? It keeps the stems with their flags and strips affixes at
// lookup time (as hunspell does), instead of expanding every form at load: the German dictionary
// expands to millions of forms, its stems are 76,000. Suggestions, compound rules and most options
// of the format are not needed here and not read.
//
// The stems live in a WordTable (typed arrays, see word-table.ts) pointing at the distinct sets of
// entries (a few thousand: most stems share their flags with others). A dictionary read once can be
// written as bytes (toCompiled) and loaded from them (fromCompiled) without parsing the .dic again:
// lexicon.ts keeps that form in a cache file (compiled-cache.ts).
import { WORD_TABLE_MODULE, WordTable } from './word-table.js';

/** One entry of the .dic file, by its lower-cased spelling. */
interface StemEntry {
  /** Affix flags, one character each (the dictionaries read here use the default flag type). */
  readonly flags: string;
  /** An ordinary word (lower-case entry, or a German noun that takes compounds), not a name. */
  readonly common: boolean;
  /** Stands only inside compounds or with an affix ("frage/oh" besides "Frage/N"). */
  readonly bound: boolean;
}

// An entry set written as text (in the compiled form and while reading): "<c><b><flags>" per entry
// joined by SEP (c, b: 1/0 for common and bound).
const SEP = '\u0001';

const encodeEntry = (e: StemEntry): string => `${e.common ? 1 : 0}${e.bound ? 1 : 0}${e.flags}`;

function decodeEntries(packed: string): readonly StemEntry[] {
  return Object.freeze(packed.split(SEP).map((one) => Object.freeze({ common: one[0] === '1', bound: one[1] === '1', flags: one.slice(2) })));
}

/** What a word was found as. */
export interface Found {
  common: boolean;
  /** Only as a bound form (inside compounds). */
  bound: boolean;
}

interface Affix {
  flag: string;
  cross: boolean;
  strip: string;
  add: string;
  /** Condition on the stem, anchored at its end (suffix) or start (prefix). */
  condition: RegExp | null;
}

/** An affix rule as stored in the compiled form (the condition as hunspell writes it). */
interface AffixRule {
  suffix: boolean;
  flag: string;
  strip: string;
  add: string;
  condition: string;
}

export interface HunspellOptions {
  /** Which capitalised entries are common nouns rather than names (German: those that compound). */
  capitalisedIsCommon: (flags: string) => boolean;
}

/** Everything a lookup needs, as read from the .aff/.dic or from the compiled bytes. */
interface Tables {
  rules: AffixRule[];
  onlyInCompound: string;
  stems: WordTable;
  entrySets: readonly (readonly StemEntry[])[];
}

/** The modules whose code is part of a compiled dictionary's sources (compiled-cache.ts codeOf). */
export const HUNSPELL_MODULES: readonly string[] = [import.meta.url, WORD_TABLE_MODULE];

const NONE: readonly StemEntry[] = Object.freeze([]);
const MAGIC = 'hunspell-compiled-1';

export class HunspellDictionary {
  private readonly stems: WordTable;
  private readonly entrySets: readonly (readonly StemEntry[])[];
  private readonly rules: AffixRule[];
  private readonly suffixes = new Map<string, Affix[]>();
  private readonly prefixes = new Map<string, Affix[]>();
  private readonly onlyInCompound: string;
  private maxSuffix = 0;
  private maxPrefix = 0;

  /** Reads the dictionary from the text of its .aff and .dic files. */
  constructor(aff: string, dic: string, options: HunspellOptions);
  /** @internal The tables of fromCompiled(). */
  constructor(tables: Tables);
  constructor(aff: string | Tables, dic?: string, options?: HunspellOptions) {
    const t = typeof aff === 'string' ? readTables(aff, dic ?? '', options as HunspellOptions) : aff;
    this.stems = t.stems;
    this.entrySets = t.entrySets;
    this.rules = t.rules;
    this.onlyInCompound = t.onlyInCompound;
    for (const rule of t.rules) this.addRule(rule);
  }

  /** The dictionary from the bytes of toCompiled(); throws when they are damaged or of another format. */
  static fromCompiled(bytes: Uint8Array): HunspellDictionary {
    return new HunspellDictionary(decodeTables(bytes));
  }

  /** This dictionary as bytes that fromCompiled() loads without reading the .dic again. */
  toCompiled(): Uint8Array {
    const header = { magic: MAGIC, rules: this.rules, onlyInCompound: this.onlyInCompound, entrySets: this.entrySets.map((set) => set.map(encodeEntry).join(SEP)) };
    return encodeWithTable(header, this.stems);
  }

  /** How many distinct lower-case stems the dictionary has. */
  get stemCount(): number {
    return this.stems.size;
  }

  private addRule(rule: AffixRule): void {
    const affix: Affix = { flag: rule.flag, cross: true, strip: rule.strip, add: rule.add, condition: compileCondition(rule.condition, rule.suffix) };
    const map = rule.suffix ? this.suffixes : this.prefixes;
    const list = map.get(affix.add);
    if (list) list.push(affix);
    else map.set(affix.add, [affix]);
    if (rule.suffix) this.maxSuffix = Math.max(this.maxSuffix, affix.add.length);
    else this.maxPrefix = Math.max(this.maxPrefix, affix.add.length);
  }

  private entries(stem: string): readonly StemEntry[] {
    const set = this.stems.get(stem);
    return set < 0 ? NONE : (this.entrySets[set] ?? NONE);
  }

  /**
   * What the (lower-case) word is a form of: common if any entry it derives from is a common word;
   * `bound` forms (compound parts) count only when `withBound`.
   */
  lookup(word: string, withBound = false): Found | null {
    let found: Found | null = null;
    const note = (common: boolean, bound: boolean) => {
      if (bound && !withBound) return;
      if (!found) found = { common, bound };
      else {
        found.common ||= common;
        found.bound &&= bound;
      }
    };
    for (const e of this.entries(word)) note(e.common, e.bound);
    if (found && (found as Found).common) return found;
    this.stripSuffix(word, null, note);
    if (found && (found as Found).common) return found;
    for (let k = 1; k <= Math.min(this.maxPrefix, word.length - 1); k++) {
      for (const p of this.prefixes.get(word.slice(0, k)) ?? []) {
        const stem = p.strip + word.slice(k);
        if (p.condition && !p.condition.test(stem)) continue;
        for (const e of this.entries(stem)) if (e.flags.includes(p.flag)) note(e.common, false);
        // A prefix and a suffix together ("un-" + "-en").
        if (p.cross) this.stripSuffix(stem, p.flag, note);
      }
    }
    return found;
  }

  /** The (lower-case) word is a form of an entry that is a name (a capitalised entry that is no common noun: Hamburg, Anna). */
  isNameForm(word: string): boolean {
    let name = false;
    const note = (common: boolean, bound: boolean) => {
      if (!common && !bound) name = true;
    };
    for (const e of this.entries(word)) note(e.common, e.bound);
    if (!name) this.stripSuffix(word, null, note);
    return name;
  }

  private stripSuffix(word: string, alsoFlag: string | null, note: (common: boolean, bound: boolean) => void): void {
    for (let k = 1; k <= Math.min(this.maxSuffix, word.length - 1); k++) {
      const list = this.suffixes.get(word.slice(word.length - k));
      if (!list) continue;
      for (const s of list) {
        const stem = word.slice(0, word.length - k) + s.strip;
        if (s.condition && !s.condition.test(stem)) continue;
        for (const e of this.entries(stem)) {
          // With its affix a bound stem is a whole word ("frage" + "n").
          if (e.flags.includes(s.flag) && (alsoFlag === null || e.flags.includes(alsoFlag))) note(e.common, e.bound && has(e.flags, this.onlyInCompound));
        }
      }
    }
  }
}

function has(flags: string, flag: string): boolean {
  return flag !== '' && flags.includes(flag);
}

/** Reads the .aff rules and the .dic stems. */
function readTables(aff: string, dic: string, options: HunspellOptions): Tables {
  const rules: AffixRule[] = [];
  let longFlags = false;
  let needAffix = '';
  let onlyInCompound = '';
  let forbidden = '';
  // Only single-character flags are read (FLAG long/num/UTF-8 dictionaries are not).
  for (const line of aff.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const kind = parts[0];
    if (kind === 'FLAG') longFlags = parts[1] === 'long';
    else if (kind === 'NEEDAFFIX') needAffix = parts[1] ?? '';
    else if (kind === 'ONLYINCOMPOUND') onlyInCompound = parts[1] ?? '';
    else if (kind === 'FORBIDDENWORD') forbidden = parts[1] ?? '';
    else if ((kind === 'SFX' || kind === 'PFX') && parts.length >= 5) {
      // A rule line: SFX flag strip add[/flags] condition (the header line has 4 fields).
      const [, flag, strip, addField, condition] = parts as [string, string, string, string, string];
      if (longFlags && flag.length !== 2) continue;
      const add = (addField.split('/')[0] ?? '').toLowerCase();
      rules.push({ suffix: kind === 'SFX', flag, strip: strip === '0' ? '' : strip.toLowerCase(), add: add === '0' ? '' : add, condition: condition.toLowerCase() });
    }
  }
  // Each spelling's entries as one string while reading; the distinct strings become the entry sets.
  const packedOf = new Map<string, string>();
  const lines = dic.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    // Comment lines of some dictionaries start with a tab or '#'.
    if (line === '' || line.startsWith('\t') || line.startsWith('#')) continue;
    const raw = line.split(/\s/)[0] as string;
    // A slash escaped by a backslash belongs to the word; the first plain slash starts the flags.
    const slash = raw.search(/(?<!\\)\//);
    const word = (slash < 0 ? raw : raw.slice(0, slash)).replace(/\\\//g, '/');
    const flags = slash < 0 ? '' : raw.slice(slash + 1);
    if (word === '' || has(flags, forbidden)) continue;
    const lower = word.toLowerCase();
    const entry = encodeEntry({ flags, common: word === lower || options.capitalisedIsCommon(flags), bound: has(flags, needAffix) || has(flags, onlyInCompound) });
    const packed = packedOf.get(lower);
    packedOf.set(lower, packed === undefined ? entry : `${packed}${SEP}${entry}`);
  }
  const setIndex = new Map<string, number>();
  const stemSets = new Map<string, number>();
  for (const [stem, packed] of packedOf) {
    let index = setIndex.get(packed);
    if (index === undefined) setIndex.set(packed, (index = setIndex.size));
    stemSets.set(stem, index);
  }
  return { rules, onlyInCompound, stems: WordTable.build(stemSets), entrySets: [...setIndex.keys()].map(decodeEntries) };
}

// The compiled form: a little-endian u32 with the JSON header's length, the header, then the word
// table's arrays, each starting at a multiple of 4 bytes so that they are read as views, not copies.

function encodeWithTable(header: object, table: WordTable): Uint8Array {
  const { chars, starts, values, slots } = table.arrays;
  const json = Buffer.from(JSON.stringify({ ...header, counts: [chars.length, starts.length, values.length, slots.length] }), 'utf8');
  const pad4 = (n: number) => (n + 3) & ~3;
  const parts: [ArrayBufferView, number][] = [];
  let at = pad4(4 + json.length);
  for (const arr of [chars, starts, values, slots]) {
    parts.push([arr, at]);
    at = pad4(at + arr.byteLength);
  }
  const out = new Uint8Array(at);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  for (const [arr, offset] of parts) out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), offset);
  return out;
}

function decodeTables(input: Uint8Array): Tables {
  // Typed-array views need aligned offsets: copy the rare buffer that does not start at one.
  const bytes = input.byteOffset % 4 === 0 ? input : new Uint8Array(input);
  const fail = (why: string): never => {
    throw new Error(`compiled hunspell dictionary: ${why}`);
  };
  if (bytes.length < 4) fail('too short');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  if (4 + jsonLength > bytes.length) fail('header longer than the file');
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 4, jsonLength).toString('utf8')) as {
    magic?: unknown;
    rules: AffixRule[];
    onlyInCompound: string;
    entrySets: string[];
    counts: [number, number, number, number];
  };
  if (header.magic !== MAGIC || !Array.isArray(header.rules) || !Array.isArray(header.entrySets) || !Array.isArray(header.counts)) fail('not this format');
  let at = (4 + jsonLength + 3) & ~3;
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    if (!Number.isInteger(length) || length < 0 || at + length * width > bytes.length) fail('arrays longer than the file');
    const arr = make(bytes.buffer, bytes.byteOffset + at, length);
    at = (at + length * width + 3) & ~3;
    return arr;
  };
  const [nChars, nStarts, nValues, nSlots] = header.counts;
  const chars = take((b, o, n) => new Uint16Array(b, o, n), nChars, 2);
  const starts = take((b, o, n) => new Uint32Array(b, o, n), nStarts, 4);
  const values = take((b, o, n) => new Uint32Array(b, o, n), nValues, 4);
  const slots = take((b, o, n) => new Uint32Array(b, o, n), nSlots, 4);
  if (at !== bytes.length) fail('unexpected bytes at the end');
  return {
    rules: header.rules,
    onlyInCompound: String(header.onlyInCompound ?? ''),
    stems: WordTable.fromArrays({ chars, starts, values, slots }),
    entrySets: header.entrySets.map((s) => decodeEntries(String(s))),
  };
}

/** A hunspell condition ("[^aeiou]y", ".") as a regular expression anchored at the stem's end or start. */
function compileCondition(condition: string, atEnd: boolean): RegExp | null {
  if (condition === '.' || condition === '') return null;
  try {
    return new RegExp(atEnd ? `${condition}$` : `^${condition}`, 'u');
  } catch {
    return null;
  }
}
