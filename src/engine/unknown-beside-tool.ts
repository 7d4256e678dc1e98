// A product the catalogue lacks, named beside a tool it knows: "Can I connect Calendly to our Outlook
// calendar?", "Darf ich Calendly mit Outlook verbinden?", "the Zapier plugin for Jira", "Flonk und
// Slack", "Flonk statt Slack". Answering only about the known tool would approve what the question
// is not about (the link, the add-on, the other product), so the reader names the product too and
// the answer lists both (verdict `list`). Two things must hold, so that ordinary words, people and
// places are not taken for products. The word stands where a question puts a tool beside the known
// one: the other side of a linking verb's preposition, a linking verb's object, where a verb of
// moving data puts it, the owner of an add-on noun or of a product's thing ("Outlook invite"), a
// coordination, a replacement. And it is written like a product (a capital inside it, digits with
// letters, a web ending such as ".ai"), starts with a maker the catalogue knows ("Google Calendar"),
// or is capitalised and no dictionary of either language has it, as a word or as a name; right
// beside the tool also a dictionary word written as a name ("Zotero mit Notion verbinden").
// Abbreviations, shouted words, school classes and people are never products. The cue words are
// lists of lexicon/words.yaml.
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import type { Token } from '../text/normalize.js';
import { germanWord, placedBySemantics } from './semantic-contexts.js';
import {
  ALLOWED_WORDS,
  BESIDE_FILLERS,
  BESIDE_JOINERS,
  COORDINATORS,
  DETERMINERS,
  FILLERS,
  INTEGRATION_NOUNS,
  INTEGRATION_PREPOSITIONS,
  LINK_PARTICLES,
  LINK_PREPOSITIONS,
  LINK_VERBS,
  OR_WORDS,
  PERSON_ROLES,
  PERSON_TITLES,
  PLACE_PREPOSITIONS,
  PRODUCT_DOMAINS,
  PRODUCT_HEADS,
  REPLACED_BEFORE,
  STOPWORDS,
  TIME_WORDS,
  TOOL_NOUNS,
  TRANSFER_VERBS,
  USE_VERBS,
} from './words.js';

export interface BesideInput {
  question: string;
  tokens: readonly Token[];
  /** Words another reading took (tool names, contexts, categories). */
  used: readonly boolean[];
  /** Where the known tools' names stand. */
  toolAt: readonly boolean[];
  /** A person, not a tool (titles, roles, first names, objects of "call"). */
  isPerson: (i: number) => boolean;
  /** Every word of a catalogue name, folded ("google" of "Google Workspace"). */
  nameTokens: ReadonlySet<string>;
  language: Language;
  lx: Lexicon;
}

/** A slot where the question puts a tool, and how sure the place alone is of it. */
interface Slot {
  at: number;
  sure: Sureness;
}

/**
 * How sure the place alone is of a tool: `weak` takes only what is written like a product or no
 * dictionary has; `strong` (next to the known tool itself) also a dictionary word written as a name;
 * `offered` (an alternative to the known tool: "Thunderbird statt Outlook", "Outlook oder
 * Thunderbird") also a name the dictionaries hold, for people and places are not offered so.
 */
type Sureness = 'weak' | 'strong' | 'offered';
const SURENESS: readonly Sureness[] = ['weak', 'strong', 'offered'];
type Add = (k: number, sure?: Sureness) => void;

/** The product named beside a known tool, as written, or null. */
export function unknownBesideTool(input: BesideInput): string | null {
  for (const { at, sure } of slots(input)) {
    if (!productName(input, at, sure)) continue;
    return nameFrom(input, at);
  }
  return null;
}

/** Token positions where a question puts a tool beside a known one, in the order of the question. */
function slots(input: BesideInput): Slot[] {
  const { tokens, toolAt } = input;
  const out = new Map<number, Sureness>();
  const set = (k: number, sure: Sureness) => {
    const had = out.get(k);
    if (had === undefined || SURENESS.indexOf(sure) > SURENESS.indexOf(had)) out.set(k, sure);
  };
  const add: Add = (k, sure = 'strong') => {
    if (k < 0) return;
    set(k, sure);
    // "Typeform-Umfragen in Moodle einbinden": the first part of a hyphenated word names what it is of.
    if (k > 0 && input.question[(tokens[k] as Token).start - 1] === '-' && !(tokens[k] as Token).breakBefore) set(k - 1, sure);
  };
  for (const [from, to] of clauses(tokens)) {
    // The joiners below look for the known tool right beside them; a verb of linking or moving data
    // may have it in an earlier sentence ("We use Outlook. Can I connect Calendly?"), a noun of a
    // product's only in its own clause.
    let tool = false;
    let link = false;
    for (let k = from; k < to; k++) {
      const w = (tokens[k] as Token).norm;
      tool ||= toolAt[k] === true;
      link ||= LINK_VERBS.has(w) || TRANSFER_VERBS.has(w);
    }
    for (let k = from; k < to; k++) {
      const w = (tokens[k] as Token).norm;
      // "connect Calendly to Slack", "Slack mit Calendly verbinden", "integrate Zapier into Jira".
      if (link && LINK_PREPOSITIONS.has(w)) besideJoiner(input, k, k, from, to, add, true);
      // "export the tasks to Asana", "Termine aus Outlook in Calendly übernehmen": where the data goes
      // or comes from. ("with"/"mit" are left out: people are met with as often as tools.)
      // (In German, where the test of a name is that it is no German word, a dictionary word written
      // as a name counts there too: "Mails in Notion ablegen".)
      if (link && PLACE_PREPOSITIONS.has(w)) add(after(tokens, k, to), input.language === 'de' ? 'strong' : 'weak');
      // "connect my Calendly to ...", "move the Trello boards to ...": the object of an (English) verb;
      // a verb of moving data takes things named after places as well ("move the Delft files").
      // "use your Zimbly for the Owlcall meetings": the reader's own anchor skips no possessive.
      if (LINK_VERBS.has(w)) add(after(tokens, LINK_PARTICLES.has(tokens[k + 1]?.norm ?? '') && k + 1 < to ? k + 1 : k, to));
      else if (TRANSFER_VERBS.has(w) || USE_VERBS.has(w)) add(after(tokens, k, to), 'weak');
      // "in BigBlueButton Kahoot-Quizze einbinden": German puts the object right before the verb.
      if (tool && input.language === 'de' && k > from && (LINK_VERBS.has(w) || TRANSFER_VERBS.has(w))) add(before(tokens, k, from), LINK_VERBS.has(w) ? 'strong' : 'weak');
      // "Calendly oder Slack", "Slack and Calendly".
      if (COORDINATORS.has(w)) besideJoiner(input, k, k, from, to, add, false, OR_WORDS.has(w) ? 'offered' : 'strong');
      // "Calendly statt Slack", "Calendly instead of Slack", "Bitwarden zusammen mit KeePassXC".
      const replacedEnd = phraseEnd(REPLACED_BEFORE, tokens, k, to);
      const replaced = Math.max(replacedEnd, phraseEnd(BESIDE_JOINERS, tokens, k, to));
      if (replaced >= 0) besideJoiner(input, k, replaced, from, to, add, false, 'offered');
      // "statt Jitsi auch Google Meet nehmen": what the replaced tool gives way to follows it.
      if (replacedEnd >= 0 && replacedEnd === replaced) add(afterTool(input, replaced, to), 'offered');
      integrationSlots(input, k, from, to, add);
      // "the Teams invite in my Outlook calendar": a name before a noun of what belongs to a product.
      if (tool && k > from && PRODUCT_HEADS.has(w) && !toolAt[k - 1]) add(k - 1);
    }
  }
  return [...out].map(([at, sure]) => ({ at, sure })).sort((a, b) => a.at - b.at);
}

/** The clauses of the question as [from, to) ranges. */
function clauses(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let k = 1; k <= tokens.length; k++) {
    if (k === tokens.length || (tokens[k] as Token).breakBefore) {
      out.push([from, k]);
      from = k;
    }
  }
  return out;
}

/** A word skipped between a joining word and a name ("to our Slack", "mit meinem Slack"). */
function skippable(w: string): boolean {
  return DETERMINERS.has(w) || FILLERS.has(w) || BESIDE_FILLERS.has(w);
}

/** The next word of the clause after k, past determiners; -1 at the clause's end. */
function after(tokens: readonly Token[], k: number, to: number): number {
  let j = k + 1;
  while (j < to && skippable((tokens[j] as Token).norm)) j++;
  return j < to ? j : -1;
}

/** The word of the clause before k, past determiners; -1 at the clause's start. */
function before(tokens: readonly Token[], k: number, from: number): number {
  let j = k - 1;
  while (j >= from && skippable((tokens[j] as Token).norm)) j--;
  return j >= from ? j : -1;
}

/** The word after the known tool that follows k ("statt Jitsi auch X": X), past fillers; -1 if none. */
function afterTool(input: BesideInput, k: number, to: number): number {
  const { tokens, toolAt } = input;
  let j = after(tokens, k, to);
  if (j < 0 || !toolAt[j]) return -1;
  while (j < to && toolAt[j]) j++;
  return j < to ? after(tokens, j - 1, to) : -1;
}

/** Joining words from `first` to `last`: the word on one side is a slot when a known tool is on the other. */
function besideJoiner(input: BesideInput, first: number, last: number, from: number, to: number, add: Add, qualified = false, sure: Sureness = 'strong'): void {
  const { tokens, toolAt } = input;
  const left = before(tokens, first, from);
  const right = after(tokens, last, to);
  if (left < 0 || right < 0) return;
  if (toolAt[right]) add(left, sure);
  // "my Outlook calendar with Google Calendar": the known tool may qualify the word before the joiner.
  if (toolAt[left]) add(right, sure);
  else if (qualified && left > from && toolAt[left - 1] && !toolAt[right]) add(right);
}

/** Where a phrase of `phrases` starting at k ends ("statt", "instead of", "zusammen mit"), or -1. */
function phraseEnd(phrases: ReadonlySet<string>, tokens: readonly Token[], k: number, to: number): number {
  let phrase = '';
  let end = -1;
  // The longest phrase: "as an alternative to", not "an alternative to".
  for (let j = k; j < to && j < k + 4; j++) {
    phrase = phrase === '' ? (tokens[j] as Token).norm : `${phrase} ${(tokens[j] as Token).norm}`;
    if (phrases.has(phrase)) end = j;
  }
  return end;
}

/**
 * "the Calendly plugin for Slack", "die Zapier-Integration für Jira", "the Slack app for Calendly":
 * the name before an add-on noun is a slot, and the name after its preposition when the known tool
 * owns the add-on.
 */
function integrationSlots(input: BesideInput, k: number, from: number, to: number, add: Add): void {
  const { tokens, toolAt } = input;
  const end = integrationNounEnd(tokens, k, to);
  if (end < 0 || k - 1 < from) return;
  const owner = k - 1;
  // "Is there a Calendly plugin?" in a question about a known tool: an add-on is of a product.
  add(owner);
  const prep = end + 1 < to && INTEGRATION_PREPOSITIONS.has((tokens[end + 1] as Token).norm) ? end + 1 : -1;
  const other = prep >= 0 ? after(tokens, prep, to) : -1;
  if (other >= 0 && toolAt[owner]) add(other);
}

/** Where an add-on noun starting at k ends ("plugin", "add-on" written as two words), or -1. */
function integrationNounEnd(tokens: readonly Token[], k: number, to: number): number {
  let phrase = '';
  for (let j = k; j < to && j < k + 2; j++) {
    if (j > k && (tokens[j] as Token).breakBefore) break;
    phrase = phrase === '' ? (tokens[j] as Token).norm : `${phrase} ${(tokens[j] as Token).norm}`;
    if (INTEGRATION_NOUNS.has(phrase)) return j;
  }
  return -1;
}

/** An add-on noun starts at k ("Plugin", "Add-in"). */
export function integrationNounAt(tokens: readonly Token[], k: number): boolean {
  return integrationNounEnd(tokens, k, tokens.length) >= 0;
}

/**
 * Written like a product, and no person: a capital inside the word ("ClickUp"), digits with letters
 * ("Web2Go"), a web ending ("Otter.ai"); or capitalised and in no dictionary of either language, as
 * a word or as a name (places and people are names there: "Berlin", "Meier"). In a strong slot also
 * a dictionary word written as a name ("Zotero mit Notion verbinden", "combine Notion and Moodle").
 */
function productName(input: BesideInput, i: number, sure: Sureness): boolean {
  const { tokens, used, toolAt, lx, question } = input;
  const t = tokens[i] as Token;
  if (used[i] || toolAt[i]) return false;
  const w = t.norm;
  if (w.length < 2 || !/\p{L}/u.test(w) || STOPWORDS.has(w) || FILLERS.has(w) || ALLOWED_WORDS.has(w) || TOOL_NOUNS.has(w) || TIME_WORDS.has(w)) return false;
  // Abbreviations and shouted words ("DSGVO", "WICHTIG", "z.B."), school classes ("7b") are never tools.
  if (/^[\p{Lu}\d]+$/u.test(t.raw) || /^\d{1,2}\p{L}$/u.test(t.raw) || /^\p{L}(\.\p{L})+$/u.test(t.raw)) return false;
  // A possessive ("Okafor's files") is a person's as a rule; parts of an e-mail address are a person's.
  if (/['’]s$/u.test(t.raw) || question[t.start - 1] === '@' || question[t.start + t.raw.length] === '@') return false;
  // Before a noun of a product's ("Outlook invite") the word is its owner, and the noun no verb
  // of contacting whose object would be a person ("invite Kevin").
  const headed = PRODUCT_HEADS.has(tokens[i + 1]?.norm ?? '') && !(tokens[i + 1] as Token).breakBefore;
  const prev = i > 0 && !t.breakBefore ? (tokens[i - 1] as Token).norm : '';
  if (lx.isFirstName(t.raw) || PERSON_TITLES.has(prev) || PERSON_ROLES.has(prev) || (!headed && input.isPerson(i))) return false;
  if (shaped(t.raw, lx) || brandBefore(input, i)) return true;
  const strong = sure !== 'weak';
  if (strong && lowercaseName(input, i)) return true;
  if (!/^\p{Lu}\p{Ll}/u.test(t.raw) || placedBySemantics(t.raw)) return false;
  // "Thunderbird statt Outlook": offered as the tool's alternative, a name the dictionaries hold is a product's.
  if (lx.isNameEither(t.raw)) return sure === 'offered';
  if (germanWord(t.raw)) return false;
  return !lx.isCommonEither(t.raw) || (strong && writtenAsName(input, i));
}

/**
 * "Google Calendar", "Microsoft Bookings": a word of a catalogue name ("Google" of "Google
 * Workspace") before a capitalised word is the maker of another product.
 */
function brandBefore(input: BesideInput, i: number): boolean {
  const { tokens, used, toolAt, nameTokens } = input;
  const t = tokens[i] as Token;
  const next = tokens[i + 1];
  return /^\p{Lu}\p{Ll}/u.test(t.raw) && nameTokens.has(t.norm) && next !== undefined && !next.breakBefore && !used[i + 1] && !toolAt[i + 1] && /^\p{Lu}/u.test(next.raw) && !STOPWORDS.has(next.norm);
}

/** A writer who capitalises nothing ("can i connect calendly to outlook"): a word no dictionary has. */
function lowercaseName(input: BesideInput, i: number): boolean {
  const { tokens, lx } = input;
  const t = tokens[i] as Token;
  if (t.norm.length < 4 || !/^\p{Ll}+$/u.test(t.raw) || tokens.some((x) => x.raw !== 'I' && /\p{Lu}/u.test(x.raw))) return false;
  return !lx.isCommonEither(t.raw) && !lx.isNameEither(t.raw) && !lx.isEnglishCompound(t.raw) && !placedBySemantics(t.raw) && !germanWord(t.raw);
}

/**
 * A dictionary word written as a name: in German, where every noun has a capital, one that is no
 * German word ("Notion", "Typeform"); in English, a capital inside the clause.
 */
function writtenAsName(input: BesideInput, i: number): boolean {
  const t = input.tokens[i] as Token;
  if (!/^\p{Lu}\p{Ll}/u.test(t.raw)) return false;
  if (input.language === 'de') return !input.lx.isCommon(t.raw, 'de');
  return i > 0 && !t.breakBefore;
}

/** An abbreviation with a small letter inside ("PhD", "GmbH", "MdB", "ePA", "KiTa"), see shaped(). */
export function shortAbbreviation(raw: string, lx: Lexicon): boolean {
  const small = (raw.match(/\p{Ll}/gu) ?? []).length;
  const letters = (raw.match(/\p{L}/gu) ?? []).length;
  return small < 2 || (letters <= 4 && (lx.isCommonEither(raw) || lx.isNameEither(raw)));
}

/**
 * A capital after a small letter, or digits beside at least three letters, or a web ending. Short
 * abbreviations with a small letter inside ("PhD", "GmbH", "MdB", "ePA", "KiTa") are none: one small
 * letter, or at most four letters that a dictionary has as a word or a name.
 */
function shaped(raw: string, lx: Lexicon): boolean {
  if (/\p{Ll}\p{Lu}/u.test(raw)) return !shortAbbreviation(raw, lx);
  if (/\d/.test(raw) && (raw.match(/\p{L}/gu) ?? []).length >= 3) return true;
  const dot = raw.lastIndexOf('.');
  return dot > 0 && PRODUCT_DOMAINS.has(raw.slice(dot + 1).toLowerCase());
}

/** The name from token i, with a capitalised word after it that continues it ("Proton Mail"). */
function nameFrom(input: BesideInput, i: number): string {
  const { tokens, used, toolAt, question } = input;
  const first = tokens[i] as Token;
  let last = first;
  const next = tokens[i + 1];
  const w = next?.norm ?? '';
  // After a hyphen comes what the product holds ("Kahoot-Quizze", "Calendly-Termine").
  const hyphen = next !== undefined && question[next.start - 1] === '-';
  const continues = next !== undefined && !hyphen && !next.breakBefore && !used[i + 1] && !toolAt[i + 1] && /^\p{Lu}\p{Ll}/u.test(next.raw);
  // A German noun after the name is what it holds ("Calendly Termine"), not part of it ("Proton Mail").
  const germanNoun = next !== undefined && input.lx.isCommon(next.raw, 'de') && !input.lx.isCommon(next.raw, 'en');
  // A noun of a product's ("Zimbly Calendar") is the product's thing, unless a maker comes first.
  const brand = input.nameTokens.has(first.norm);
  const thing = INTEGRATION_NOUNS.has(w) || PRODUCT_HEADS.has(w) || TOOL_NOUNS.has(w);
  if (continues && (brand || (!germanNoun && !thing)) && !STOPWORDS.has(w) && !LINK_VERBS.has(w)) {
    last = next;
  }
  return question.slice(first.start, last.start + last.raw.length);
}
