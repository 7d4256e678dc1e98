// A small reader of hunspell dictionaries (.aff + .dic), for one question only: is this word a
// form of a word of the dictionary? It keeps the stems with their flags and strips affixes at
// lookup time (as hunspell does), instead of expanding every form at load: the German dictionary
// expands to millions of forms, its stems are 76,000. Suggestions, compound rules and most options
// of the format are not needed here and not read.

/** One entry of the .dic file, by its lower-cased spelling. */
interface StemEntry {
  /** Affix flags, one character each (the dictionaries read here use the default flag type). */
  flags: string;
  /** An ordinary word (lower-case entry, or a German noun that takes compounds), not a name. */
  common: boolean;
  /** Stands only inside compounds or with an affix ("frage/oh" besides "Frage/N"). */
  bound: boolean;
}

// Entries are kept as one string per spelling, "<c><b><flags>" per entry joined by SEP (c, b: 1/0
// for common and bound): 125,000 strings instead of as many objects and arrays, which keeps the
// heap small and garbage collection short for the whole process.
const SEP = '\u0001';

function encode(e: StemEntry): string {
  return `${e.common ? 1 : 0}${e.bound ? 1 : 0}${e.flags}`;
}

function* decode(packed: string | undefined): Generator<StemEntry> {
  if (packed === undefined) return;
  for (const one of packed.split(SEP)) yield { common: one[0] === '1', bound: one[1] === '1', flags: one.slice(2) };
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

export interface HunspellOptions {
  /** Which capitalised entries are common nouns rather than names (German: those that compound). */
  capitalisedIsCommon: (flags: string) => boolean;
}

export class HunspellDictionary {
  private readonly stems = new Map<string, string>();
  private readonly suffixes = new Map<string, Affix[]>();
  private readonly prefixes = new Map<string, Affix[]>();
  private maxSuffix = 0;
  private maxPrefix = 0;
  private needAffix = '';
  private onlyInCompound = '';
  private forbidden = '';

  constructor(aff: string, dic: string, options: HunspellOptions) {
    this.readAff(aff);
    this.readDic(dic, options);
  }

  private readAff(aff: string): void {
    let longFlags = false;
    // Only single-character flags are read (FLAG long/num/UTF-8 dictionaries are not).
    for (const line of aff.split('\n')) {
      const parts = line.trim().split(/\s+/);
      const kind = parts[0];
      if (kind === 'FLAG') longFlags = parts[1] === 'long';
      else if (kind === 'NEEDAFFIX') this.needAffix = parts[1] ?? '';
      else if (kind === 'ONLYINCOMPOUND') this.onlyInCompound = parts[1] ?? '';
      else if (kind === 'FORBIDDENWORD') this.forbidden = parts[1] ?? '';
      else if ((kind === 'SFX' || kind === 'PFX') && parts.length >= 5) {
        // A rule line: SFX flag strip add[/flags] condition (the header line has 4 fields).
        const [, flag, strip, addField, condition] = parts as [string, string, string, string, string];
        if (longFlags && flag.length !== 2) continue;
        const add = (addField.split('/')[0] ?? '').toLowerCase();
        const affix: Affix = {
          flag,
          cross: true,
          strip: strip === '0' ? '' : strip.toLowerCase(),
          add: add === '0' ? '' : add,
          condition: compileCondition(condition.toLowerCase(), kind === 'SFX'),
        };
        const map = kind === 'SFX' ? this.suffixes : this.prefixes;
        const list = map.get(affix.add);
        if (list) list.push(affix);
        else map.set(affix.add, [affix]);
        if (kind === 'SFX') this.maxSuffix = Math.max(this.maxSuffix, affix.add.length);
        else this.maxPrefix = Math.max(this.maxPrefix, affix.add.length);
      }
    }
  }

  private readDic(dic: string, options: HunspellOptions): void {
    const lines = dic.split('\n');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      // Comment lines of some dictionaries start with a tab or '#'.
      if (line === '' || line.startsWith('\t') || line.startsWith('#')) continue;
      const raw = line.split(/\s/)[0] as string;
      // A slash escaped by a backslash belongs to the word; the first plain slash starts the flags.
      const slash = raw.search(/(?<!\\)\//);
      const word = (slash < 0 ? raw : raw.slice(0, slash)).replace(/\\\//g, '/');
      const flags = slash < 0 ? "" : raw.slice(slash + 1);
      if (word === '' || (this.forbidden && flags.includes(this.forbidden))) continue;
      const lower = word.toLowerCase();
      const entry: StemEntry = {
        flags,
        common: word === lower || options.capitalisedIsCommon(flags),
        bound: this.has(flags, this.needAffix) || this.has(flags, this.onlyInCompound),
      };
      const packed = this.stems.get(lower);
      this.stems.set(lower, packed === undefined ? encode(entry) : `${packed}${SEP}${encode(entry)}`);
    }
  }

  /**
   * What the (lower-case) word is a form of: common if any entry it derives from is a common word;
   * `bound` forms (compound parts) count only when `withBound`.
   */
  lookup(word: string, withBound = false): Found | null {
    let found: Found | null = null;
    const note = (e: StemEntry) => {
      if (e.bound && !withBound) return;
      if (!found) found = { common: e.common, bound: e.bound };
      else {
        found.common ||= e.common;
        found.bound &&= e.bound;
      }
    };
    for (const e of decode(this.stems.get(word))) note(e);
    if (found && (found as Found).common) return found;
    this.stripSuffix(word, null, note);
    if (found && (found as Found).common) return found;
    for (let k = 1; k <= Math.min(this.maxPrefix, word.length - 1); k++) {
      for (const p of this.prefixes.get(word.slice(0, k)) ?? []) {
        const stem = p.strip + word.slice(k);
        if (p.condition && !p.condition.test(stem)) continue;
        for (const e of decode(this.stems.get(stem))) if (e.flags.includes(p.flag)) note({ ...e, bound: false });
        // A prefix and a suffix together ("un-" + "-en").
        if (p.cross) this.stripSuffix(stem, p.flag, note);
      }
    }
    return found;
  }

  /** The (lower-case) word is a form of an entry that is a name (a capitalised entry that is no common noun: Hamburg, Anna). */
  isNameForm(word: string): boolean {
    let name = false;
    const note = (e: StemEntry) => {
      if (!e.common && !e.bound) name = true;
    };
    for (const e of decode(this.stems.get(word))) note(e);
    if (!name) this.stripSuffix(word, null, note);
    return name;
  }

  private has(flags: string, flag: string): boolean {
    return flag !== '' && flags.includes(flag);
  }

  private stripSuffix(word: string, alsoFlag: string | null, note: (e: StemEntry) => void): void {
    for (let k = 1; k <= Math.min(this.maxSuffix, word.length - 1); k++) {
      for (const s of this.suffixes.get(word.slice(word.length - k)) ?? []) {
        const stem = word.slice(0, word.length - k) + s.strip;
        if (s.condition && !s.condition.test(stem)) continue;
        for (const e of decode(this.stems.get(stem))) {
          // With its affix a bound stem is a whole word ("frage" + "n").
          if (e.flags.includes(s.flag) && (alsoFlag === null || e.flags.includes(alsoFlag))) note({ ...e, bound: e.bound && this.has(e.flags, this.onlyInCompound) });
        }
      }
    }
  }
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
