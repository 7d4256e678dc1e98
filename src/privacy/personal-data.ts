// Finds personal data in free text: e-mail addresses, URLs with a path, chat mentions, IBANs, tax
// ids, file numbers (Aktenzeichen), dates of birth, postal addresses, phone numbers and people's
// names (after a title or role word, first name + surname, a first name or common surname alone).
// One module for both users: the LLM redaction replaces what it finds (src/llm/redact.ts), and the
// usage recorder refuses an unknown-tool name that lies inside any of it (src/usage/tool-name-filter.ts).
//
// Each detector returns the spans of the personal part only: a title, a label ("Az.", "geb.",
// "Steuer-ID") or a role word stays, so the text still reads ("mit Frau [NAME]", "Az. [FILE-NO]").
import { isFirstName, isNotAName, isRoleWord, isSurname, isTitle } from './names.js';

export type PersonalKind =
  | 'email'
  | 'url'
  | 'mention'
  | 'iban'
  | 'tax-id'
  | 'file-number'
  | 'birth-date'
  | 'address'
  | 'phone'
  | 'name';

export interface PersonalSpan {
  kind: PersonalKind;
  /** First character of the personal part. */
  start: number;
  /** One past its last character. */
  end: number;
}

export interface DetectOptions {
  /** Words never taken for a person's name (tool names: "Frau Zoom" is not a person), tested as written. */
  keep?: (word: string) => boolean;
}

export interface Detector {
  kind: PersonalKind;
  /** Spans in `text`, in order, not overlapping one another. */
  find(text: string, keep: (word: string) => boolean): PersonalSpan[];
}

const NB = String.raw`(?<![\p{L}\p{N}])`; // no letter or digit right before
const NA = String.raw`(?![\p{L}\p{N}])`; // no letter or digit right after
const SP = String.raw`[ \t\u00A0]`;

/** All matches of global `re` in `text` as spans of `kind`, with an optional check on the match. */
function spansOf(re: RegExp, text: string, kind: PersonalKind, accept: (m: RegExpExecArray) => [number, number] | null = (m) => [m.index, m.index + m[0].length]): PersonalSpan[] {
  const out: PersonalSpan[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const span = accept(m);
    if (span && span[1] > span[0]) out.push({ kind, start: span[0], end: span[1] });
  }
  return out;
}

/**
 * A label ("Az.", "geb.", "Steuer-ID") followed by a value: the value is the span. `value` is a
 * sticky expression tried right after the label and an optional ":", "#", "=", "ist", "is", "lautet".
 */
function labelled(label: RegExp, value: RegExp, kind: PersonalKind, check: (v: string) => boolean = () => true) {
  return (text: string): PersonalSpan[] => {
    const out: PersonalSpan[] = [];
    label.lastIndex = 0;
    for (let m = label.exec(text); m !== null; m = label.exec(text)) {
      let at = m.index + m[0].length;
      const sep = /[ \t\u00A0]*(?:[:#=][ \t\u00A0]*|(?:ist|is|lautet|lautend auf|was|war|of|vom|am|on)[ \t\u00A0]+)?/y;
      sep.lastIndex = at;
      const s = sep.exec(text);
      if (s) at += s[0].length;
      value.lastIndex = at;
      const v = value.exec(text);
      if (!v || v[0] === '') continue;
      const raw = v[0].replace(/[.:/-]+$/, '');
      if (raw !== '' && check(raw)) out.push({ kind, start: at, end: at + raw.length });
      label.lastIndex = Math.max(label.lastIndex, at + v[0].length);
    }
    return out;
  };
}

// ---- e-mail, URL, mentions -------------------------------------------------------------------

// Starts only where a run of address characters starts: linear, not quadratic, on long runs.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// With a scheme or "www.", or a bare domain followed by a path. Only URLs with a path, query or
// user part count: "https://zoom.us" names a product, "https://x.example/users/max.mustermann" a person.
const URL_LIKE = new RegExp(
  String.raw`${NB}(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'|\[\]]+|(?<![\p{L}\p{N}@.\/-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\/[^\s<>"'|\[\]]*`,
  'giu',
);

function urlSpan(m: RegExpExecArray): [number, number] | null {
  const url = m[0].replace(/[.,;:!?)\]}'"]+$/, '');
  const rest = url.replace(/^(?:(?:https?|ftp):\/\/)?/i, '');
  const host = /^[^/?#]*/.exec(rest)?.[0] ?? '';
  const after = rest.slice(host.length);
  const personal = host.includes('@') || /[^/]/.test(after);
  return personal ? [m.index, m.index + url.length] : null;
}

// Slack <@U123|label>, <!subteam^S1|@team>, Teams <at>Name</at>, and a plain @name (not an e-mail).
const MENTION = /<[@!][^>\s]{1,120}>|<at>[^<]{0,200}<\/at>|(?<![\p{L}\p{N}._%+@-])@[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}/gu;

// ---- bank and tax ----------------------------------------------------------------------------

// Country code, two check digits, then blocks of four letters or digits (optionally separated by one
// space) and a shorter last block: DE89 3704 0044 0532 0130 00, DE89370400440532013000, gb29 nwbk ....
// After the first block only capitals and digits count, so a following word ("Zoom") is not eaten.
const IBAN =
  /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}[ \u00A0]?[A-Za-z0-9]{4}(?:[ \u00A0]?[A-Z0-9]{4}){1,6}(?:[ \u00A0]?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

function ibanSpan(m: RegExpExecArray): [number, number] | null {
  const compact = m[0].replace(/[ \u00A0]/g, '');
  // A real IBAN is 15 to 34 characters with at least ten digits; this spares product codes.
  if (compact.length < 15 || compact.length > 34 || compact.replace(/\D/g, '').length < 10) return null;
  return [m.index, m.index + m[0].length];
}

const TAX_LABEL =
  /(?<![\p{L}\p{N}])(?:steuer-?id(?:entifikationsnummer)?|steueridentifikationsnummer|identifikationsnummer|id-?nr\.?|tax[ -]?id(?:entification number)?|tin|steuer-?nummer|steuer-?nr\.?|st\.?-?nr\.?|ust-?id(?:-?nr\.?)?|vat[ -]?(?:id|number|no\.?)|sozialversicherungs-?nummer|sv-?nummer|sv-?nr\.?|rentenversicherungs-?nummer|social security (?:number|no\.?)|ssn)(?![\p{L}\p{N}])/giu;
// Digits with inner spaces, slashes, dots or dashes, optionally a country prefix (USt-IdNr DE123456789)
// or a letter inside (Sozialversicherungsnummer 12 150180 M 123).
const TAX_VALUE = /(?:[A-Z]{2}[ \u00A0]?)?\d(?:[\d/.-]|[ \u00A0](?=\d))*\d(?:[ \u00A0]?[A-Z](?:[ \u00A0]?\d+)?)?(?![\p{L}\p{N}])/uy;
const digitsIn = (s: string) => s.replace(/\D/g, '').length;

/** The German tax identification number's check digit (ISO 7064, MOD 11,10). */
export function isTaxIdChecksumValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[10]);
}

// Unlabelled: eleven digits that pass the Steuer-ID check, and the Steuernummer shape 12/345/67890.
const TAX_ID_BARE = /(?<![\p{L}\p{N}+\/.-])\d{2}[ \u00A0]?\d{3}[ \u00A0]?\d{3}[ \u00A0]?\d{3}(?![\p{L}\p{N}]|[.\/-]\d)/gu;
const STEUERNUMMER = /(?<![\p{L}\p{N}\/.-])\d{2,3}\/\d{3,4}\/\d{4,5}(?![\p{L}\p{N}\/])/gu;

// ---- file numbers, dates of birth ------------------------------------------------------------

const FILE_LABEL =
  /(?<![\p{L}\p{N}])(?:az\.?|aktenzeichen|akten-?nr\.?|akten-?nummer|geschäftszeichen|geschaeftszeichen|gz\.?|gesch\.-?z\.?|(?:vorgangs|fall|kunden|personal|versicherten|mitglieds|antrags|ticket|kassen|bearbeitungs)-?(?:nummer|nr\.?)|case (?:no\.?|number|id|#)|case-?no\.?|file (?:no\.?|number|ref(?:erence)?)|reference (?:no\.?|number)|ref\.|our ref\.?|docket(?: no\.?| number)?)(?![\p{L}\p{N}])/giu;
// Groups with at least one digit, separated by spaces, with short capitalised court or office
// codes between them: "123/45-6", "4 O 123/20", "VG 12 K 345/20", "2021-CV-1234".
const FILE_VALUE = /(?:\p{Lu}\p{L}{0,4}\.?[ \u00A0]+)*\d[\p{L}\p{N}\/.:-]*(?:[ \u00A0]+(?:\p{Lu}\p{L}{0,4}\.?[ \u00A0]+)*\d[\p{L}\p{N}\/.:-]*)*/uy;

const MONTH =
  String.raw`(?:jan(?:uar|uary)?|j[aä]nner|feb(?:r(?:uar|uary)?)?|m[aä]r(?:z|ch)?|mrz|apr(?:il)?|ma[iy]|jun[ei]?|jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\.?`;
const BIRTH_LABEL =
  /(?<![\p{L}\p{N}])(?:geb\.|geboren(?: am| im jahr| in)?|geburtsdatum|geb\.?-?datum|geburtstag|born(?: on| in)?|date of birth|d\.o\.b\.?|dob|birth ?date|birthday|jahrgang)(?![\p{L}\p{N}])|(?<=^|[\s(,;])\*(?=[ \t\u00A0]?\d)/giu;
const BIRTH_VALUE = new RegExp(
  String.raw`(?:\d{1,2}\.[ \u00A0]?\d{1,2}\.[ \u00A0]?\d{2,4}|\d{1,2}[\/-]\d{1,2}[\/-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?:\.|st|nd|rd|th)?[ \u00A0]+${MONTH},?[ \u00A0]+\d{4}|${MONTH}[ \u00A0]+\d{1,2}(?:st|nd|rd|th)?,?[ \u00A0]+\d{4}|(?:19|20)\d{2})${NA}`,
  'iuy',
);

// ---- postal addresses ------------------------------------------------------------------------

// Lower case inside a compound ("Hauptstraße"), capitalised after a hyphen ("Max-Brauer-Allee").
const STREET_SUFFIX = String.raw`(?:[Ss]traße|[Ss]trasse|[Ss]tr\.|[Ww]eg|[Gg]asse|[Aa]llee|[Pp]latz|[Rr]ing|[Dd]amm|[Cc]haussee|[Uu]fer|[Ss]tieg|[Ss]teig|[Pp]fad|[Kk]amp|[Tt]wiete|[Dd]eich|[Gg]raben|[Mm]arkt|[Bb]rücke)`;
const STREET_WORD = String.raw`(?:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Chaussee|Ufer|Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Boulevard|Blvd\.|Way)`;
const CAP_WORD = String.raw`\p{Lu}[\p{L}-]*`;
const STREET_NAME = String.raw`(?:(?:(?:Große|Grosse|Kleine|Alte|Neue|Lange|Hohe|Obere|Untere|Breite|Kurze|Sankt|St\.)${SP})?${CAP_WORD}${STREET_SUFFIX}|(?:${CAP_WORD}${SP}){1,3}${STREET_WORD}|(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Zum|Zur|Hinter der|Hinter dem|Unter den|Vor dem|Beim)${SP}${CAP_WORD})`;
const HOUSE_NUMBER = String.raw`\d{1,4}(?:${SP}?[a-zA-Z])?(?:${SP}?[-–\/]${SP}?\d{1,4}(?:${SP}?[a-zA-Z])?)?(?![\p{L}\p{N}]|[.,:]\d)`;
const POSTCODE_CITY = String.raw`(?:D-|DE-)?\d{5}${SP}+${CAP_WORD}(?:${SP}(?:a\.${SP}?d\.|am|an der|im|in der|bei|ob der)${SP}${CAP_WORD})?`;
const ADDRESS = new RegExp(
  [
    // Street and number, optionally with postcode and city: "Hauptstraße 5", "Am Markt 3, 20095 Hamburg".
    // (Starting only where a word starts, not after a hyphen: linear on long hyphenated runs.)
    String.raw`(?<![\p{L}\p{N}-])${STREET_NAME}${SP}+${HOUSE_NUMBER}(?:,?${SP}*${POSTCODE_CITY})?`,
    // Number first (English): "221b Baker Street".
    String.raw`(?<![\p{L}\p{N}-])\d{1,5}[a-zA-Z]?${SP}(?:${CAP_WORD}${SP}){1,3}${STREET_WORD}(?![\p{L}])`,
    // Postcode and city where an address is written: after a comma or "in"/"PLZ", or with "D-".
    String.raw`(?<=(?:^|[,;:(\n]|(?<![\p{L}])(?:in|nach|aus|PLZ|Postleitzahl|wohnhaft))${SP}*)${POSTCODE_CITY}`,
    String.raw`${NB}(?:D|DE)-\d{5}${SP}+${CAP_WORD}`,
  ].join('|'),
  'gu',
);

// ---- phone numbers ---------------------------------------------------------------------------

// Starts with +<country>, a bracketed area code, or a leading 0 (German trunk prefix), then digit
// groups separated by spaces, "/" or "-". A 0 right after a letter, a digit or a date separator does
// not start a number (2021-03-26, Win10), and a group followed by ".<digit>" or ":<digit>" is a date
// or a time, not part of the number.
const PHONE =
  /(?:(?<!\d)\+\d{1,3}|(?<![\p{L}\p{N}])\(\+?\d{1,5}\)|(?<![\p{L}\p{N}])(?<!\d[-/.])0\d(?!\d*[.:]\d))(?:[ \u00A0/-]{0,2}(?:\(\d{1,5}\)|\d+(?!\d)(?![.:]\d)))*/gu;
const DATE_LIKE = /^\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?$/;

function phoneSpan(m: RegExpExecArray): [number, number] | null {
  const digits = digitsIn(m[0]);
  if (digits < 6 || digits > 17 || DATE_LIKE.test(m[0])) return null;
  return [m.index, m.index + m[0].length];
}

// ---- people's names --------------------------------------------------------------------------

interface Word {
  text: string; // without a trailing dot
  start: number;
  end: number; // without the trailing dot
  dotted: boolean;
  /** Only spaces between this word and the previous one. */
  joined: boolean;
}

const WORD = /\p{L}[\p{L}\p{M}'’-]*(\.)?/gu;

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const dotted = m[1] !== undefined;
    const raw = dotted ? m[0].slice(0, -1) : m[0];
    const between = text.slice(last, m.index);
    words.push({ text: raw, start: m.index, end: m.index + raw.length, dotted, joined: words.length > 0 && /^[ \t\u00A0]+$/.test(between) });
    last = m.index + m[0].length;
  }
  return words;
}

/** Written like a name: a capital first, not all capitals (acronyms, [NAME]), or a single initial. */
function capitalised(w: string): boolean {
  return /^\p{Lu}/u.test(w) && (w.length === 1 || /\p{Ll}/u.test(w));
}

function kept(w: string, keep: (word: string) => boolean): boolean {
  if (keep(w)) return true;
  const first = w.split(/[-']/)[0];
  return first !== undefined && first !== w && first !== '' && keep(first);
}

/** Could `w` be (part of) a person's name after a title or role word? */
function nameWord(w: Word | undefined, keep: (word: string) => boolean): w is Word {
  return w !== undefined && w.joined && capitalised(w.text) && !isTitle(w.text) && !kept(w.text, keep) && !isNotAName(w.text) && !isRoleWord(w.text);
}

const CAPACITY_BEFORE = new Set(['als', 'as', 'a', 'an', 'ein', 'eine', 'einer', 'einen', 'einem', 'jede', 'jeder', 'jeden', 'jedem', 'every', 'any', 'each']);

function findNames(text: string, keep: (word: string) => boolean): PersonalSpan[] {
  const words = wordsOf(text);
  const out: PersonalSpan[] = [];
  const push = (a: Word, b: Word) => out.push({ kind: 'name', start: a.start, end: b.end });
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const titled = isTitle(w.text) && (capitalised(w.text) || w.dotted || /^(?:geb|geborene|née)$/i.test(w.text));
    // "als Mitarbeiterin Quackmail nutzen", "as a manager": a capacity, not a person named next.
    const role = !titled && isRoleWord(w.text) && !CAPACITY_BEFORE.has(words[i - 1]?.text.toLowerCase() ?? '');
    if (titled || role) {
      // A chain of titles ("Frau Prof. Dr."), then one or two name words.
      let j = i + 1;
      while (titled && words[j] && words[j]!.joined && isTitle(words[j]!.text) && capitalised(words[j]!.text)) j++;
      const first = words[j];
      if (!nameWord(first, keep)) {
        i = j - 1;
        continue;
      }
      const second = words[j + 1];
      // After a title any second capitalised word belongs to the name; after a role word only when
      // the first was a first name ("Kollegin Anna Weber", not "Kollegin Weber Dokumente").
      const two = nameWord(second, keep) && (titled || isFirstName(first.text));
      push(first, two ? second : first);
      i = two ? j + 1 : j;
      continue;
    }
    if (!capitalised(w.text) || w.text.length < 2 || kept(w.text, keep)) continue;
    if (isFirstName(w.text)) {
      // First name(s) and a surname: "Anna Schmidt", "Anna-Lena Maria Weber".
      let j = i;
      while (j + 1 < words.length && j - i < 2 && nameWord(words[j + 1], keep) && isFirstName(words[j + 1]!.text)) j++;
      const next = words[j + 1];
      const ambiguous = !isFirstName(w.text, true);
      if (nameWord(next, keep) && next.text.length > 1 && (!ambiguous || isSurname(next.text) || j > i)) {
        push(w, next);
        i = j + 1;
        continue;
      }
      if (j > i || !ambiguous) {
        // A first name alone ("Kevin"), unless a number follows (a month: "Jan 5").
        if (!/^[ \t\u00A0]*\d/.test(text.slice(words[j]!.end + (words[j]!.dotted ? 1 : 0)))) push(w, words[j]!);
        i = j;
      }
      continue;
    }
    if (isSurname(w.text, true)) push(w, w);
  }
  return out;
}

// ---- the detectors, in the order redaction applies them ---------------------------------------

export const DETECTORS: readonly Detector[] = [
  { kind: 'email', find: (t) => spansOf(EMAIL, t, 'email') },
  { kind: 'url', find: (t) => spansOf(URL_LIKE, t, 'url', urlSpan) },
  { kind: 'mention', find: (t) => spansOf(MENTION, t, 'mention') },
  { kind: 'iban', find: (t) => spansOf(IBAN, t, 'iban', ibanSpan) },
  {
    kind: 'tax-id',
    find: (t) =>
      merge([
        ...labelled(TAX_LABEL, TAX_VALUE, 'tax-id', (v) => digitsIn(v) >= 6)(t),
        ...spansOf(TAX_ID_BARE, t, 'tax-id', (m) => (isTaxIdChecksumValid(m[0].replace(/\D/g, '')) ? [m.index, m.index + m[0].length] : null)),
        ...spansOf(STEUERNUMMER, t, 'tax-id'),
      ]),
  },
  { kind: 'file-number', find: (t) => labelled(FILE_LABEL, FILE_VALUE, 'file-number')(t) },
  { kind: 'birth-date', find: (t) => labelled(BIRTH_LABEL, BIRTH_VALUE, 'birth-date')(t) },
  { kind: 'address', find: (t) => spansOf(ADDRESS, t, 'address', (m) => [m.index, m.index + m[0].replace(/[,\s]+$/, '').length]) },
  { kind: 'phone', find: (t) => spansOf(PHONE, t, 'phone', phoneSpan) },
  { kind: 'name', find: (t, keep) => findNames(t, keep) },
];

/** Sorted by start; overlapping or touching spans of one kind joined. */
function merge(spans: PersonalSpan[]): PersonalSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PersonalSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const NOTHING_KEPT = () => false;

/** Every piece of personal data in `text`, by start (spans of different kinds may overlap). */
export function findPersonalData(text: string, options: DetectOptions = {}): PersonalSpan[] {
  const keep = options.keep ?? NOTHING_KEPT;
  return DETECTORS.flatMap((d) => d.find(text, keep)).sort((a, b) => a.start - b.start || a.end - b.end);
}
