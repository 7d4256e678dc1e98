// Tools a question names in passing, not asks about: a tool's name as the affiliation of a person or
// group ("Frau Weber vom Moodle-Support fragt, ob Slido …", "the Moodle admin asked whether …"), or
// the source data comes out of on its way elsewhere ("die Noten aus Moodle in ChatGPT kopieren"), or
// the host another tool runs inside ("the Copilot in Outlook").
// Answered beside the tool asked about, an approved one would read as approval of what was asked.
// The reader leaves such a tool out when another tool is asked about, as it does a replaced one.
import { LANGUAGES } from '../model/language.js';
import type { Token } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { OR_WORDS, PLACE_PREPOSITIONS, COMPOUND_HEADS, COORDINATORS, DETERMINERS, INFLECTIONS, PRODUCT_HEADS, AFFILIATION_HEADS, COMPARISON_PARTICLES, COMPARISON_VERB_BEFORE, HOST_PREPOSITIONS, MODALS, TOOL_PREPOSITIONS, PERSON_ROLES, SOURCE_PREPOSITIONS, SWITCH_PREPOSITIONS, SWITCH_VERBS, TRANSFER_VERBS } from './words.js';

let transferStems: ReadonlySet<string> | undefined;

/** A verb that moves data, in any form the stemmer joins ("hochlade", "kopierst", "exported"). */
function movesData(word: string): boolean {
  transferStems ??= new Set([...TRANSFER_VERBS].flatMap((w) => LANGUAGES.map((lang) => stem(w, lang))));
  return TRANSFER_VERBS.has(word) || LANGUAGES.some((lang) => transferStems?.has(stem(word, lang)));
}

/**
 * The tool name at tokens [at, at + length) is named in passing, by the cues above. `isToolName(k)`
 * tells whether the word at k belongs to a catalogue tool's name (for a host: the tool inside it).
 */
export function namedInPassing(tokens: readonly Token[], at: number, length: number, isToolName: (k: number) => boolean, isMatched: (k: number) => boolean = isToolName): boolean {
  return affiliationAt(tokens, at + length) || sourceAt(tokens, at) || hostAt(tokens, at, isToolName, isMatched) || switchedFromAt(tokens, at) || comparedAt(tokens, at);
}

/**
 * "Whereby, like the clinic does with RED connect", "Und Signal, wie bei Threema?": the name stands in
 * its clause after a comparative particle. At the start of a clause the particle counts only right
 * before the name or a preposition ("Wie ist es mit Zoom?" asks); after a subject or an auxiliary
 * "like" is the verb ("we'd like to use Zoom").
 */
function comparedAt(tokens: readonly Token[], at: number): boolean {
  for (let j = at - 1; j >= 0; j--) {
    const t = tokens[j] as Token;
    if (COMPARISON_PARTICLES.has(t.norm)) {
      const next = tokens[j + 1] as Token;
      if (t.breakBefore || j === 0) return j + 1 === at || TOOL_PREPOSITIONS.has(next.norm);
      const before = (tokens[j - 1] as Token).norm;
      return !COMPARISON_VERB_BEFORE.has(before) && !MODALS.has(before);
    }
    if (t.breakBefore) return false;
  }
  return false;
}

/** "von Moodle auf ILIAS umsteigen": the name follows "von"/"from" in a clause with a verb of switching. */
function switchedFromAt(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at];
  const before = tokens[at - 1];
  if (!t || !before || t.breakBefore || !SWITCH_PREPOSITIONS.has(before.norm)) return false;
  return clauseHas(tokens, at, (w) => SWITCH_VERBS.has(w));
}

/**
 * "Copilot in Outlook", "Copilot could take the minutes in Webex": the name follows a host preposition,
 * and another tool's name stands before it in its clause as the thing used (not itself after a
 * preposition of place, nor offered as the other choice: "Zoom oder lieber in Teams").
 */
function hostAt(tokens: readonly Token[], at: number, isToolName: (k: number) => boolean, isMatched: (k: number) => boolean): boolean {
  const t = tokens[at];
  const before = tokens[at - 1];
  if (!t || !before || t.breakBefore || before.breakBefore || !HOST_PREPOSITIONS.has(before.norm)) return false;
  // With a verb that moves data, "in" names where the data goes ("aus Learnhub in Quackpilot kopieren").
  if (at < 2 || clauseMovesData(tokens, at)) return false;
  // The guest is not itself a place or source ("die Ergebnisse aus Miro in Teams teilen").
  if (isToolName(at - 2)) return !placeBefore(tokens, at - 2);
  for (let k = at - 2; k >= 0; k--) {
    const w = (tokens[k] as Token).norm;
    if (OR_WORDS.has(w)) return false;
    // Farther back only a name the reader took for a tool counts ("We plan …" is no name).
    if (isMatched(k) && !isMatched(k + 1)) return !placeBefore(tokens, k);
    if ((tokens[k] as Token).breakBefore) return false;
  }
  return false;
}

/** A preposition of place or host stands right before the word at k, in its clause. */
function placeBefore(tokens: readonly Token[], k: number): boolean {
  const prev = k > 0 && !(tokens[k] as Token).breakBefore ? (tokens[k - 1] as Token).norm : '';
  return PLACE_PREPOSITIONS.has(prev) || HOST_PREPOSITIONS.has(prev);
}

/** The word after the name is a person or group it belongs to ("Moodle-Support", "Moodle admin"). */
function affiliationAt(tokens: readonly Token[], after: number): boolean {
  const head = tokens[after];
  return head !== undefined && !head.breakBefore && (AFFILIATION_HEADS.has(head.norm) || PERSON_ROLES.has(head.norm));
}

/** "aus"/"from" stands right before the name, in its clause ("Dateien aus Sciebo"). */
export function afterSourcePreposition(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at];
  const before = tokens[at - 1];
  return t !== undefined && before !== undefined && !t.breakBefore && SOURCE_PREPOSITIONS.has(before.norm);
}

/** "aus"/"from" stands before the name, and a verb that moves data is in its clause. */
function sourceAt(tokens: readonly Token[], at: number): boolean {
  return afterSourcePreposition(tokens, at) && clauseMovesData(tokens, at);
}

/** A verb that moves data stands in the clause of the word at `at`. */
export function clauseMovesData(tokens: readonly Token[], at: number): boolean {
  return clauseHas(tokens, at, movesData);
}

/** Some word of the clause of the word at `at` passes `test` (given its folded form). */
function clauseHas(tokens: readonly Token[], at: number, test: (word: string) => boolean): boolean {
  let from = at;
  while (from > 0 && !(tokens[from] as Token).breakBefore) from--;
  for (let k = from; k < tokens.length && (k === from || !(tokens[k] as Token).breakBefore); k++) {
    if (test((tokens[k] as Token).norm)) return true;
  }
  return false;
}

/**
 * The name at [at, at + length) qualifies the noun after it: joined by a hyphen ("Webex-Besprechungen",
 * "Teams-Einladung") or before a head of what a tool holds or hosts ("our Teams calls", "the Zoom
 * link", "her Outlook inbox"). Beside a tool asked about, such a name says what that tool works on
 * ("Copilot … minutes of our Teams calls"), not a tool asked about itself — unless coordinated with
 * another ("Zoom-App oder Webex?", "Teams chat and Slack").
 */
export function qualifiesNounAt(question: string, tokens: readonly Token[], at: number, length: number): boolean {
  const last = tokens[at + length - 1] as Token;
  // A name that ends in such a head ("a Teams meeting", where the catalogue knows "Teams meeting").
  if (length > 1 && isHeadNoun(last.norm)) return !coordinatedAt(tokens, at, at + length);
  const head = tokens[at + length];
  if (!head || head.breakBefore) return false;
  const hyphen = question[last.start + last.raw.length] === '-';
  if (!hyphen && !isHeadNoun(head.norm)) return false;
  return !coordinatedAt(tokens, at, at + length + 1);
}

function isHeadNoun(word: string): boolean {
  const heads = (w: string) => COMPOUND_HEADS.has(w) || PRODUCT_HEADS.has(w);
  return heads(word) || INFLECTIONS.some((e) => word.length > e.length + 2 && word.endsWith(e) && heads(word.slice(0, -e.length)));
}

/** A coordinator stands before the phrase [from, to) (past its determiners) or right after it, in its clause. */
function coordinatedAt(tokens: readonly Token[], from: number, to: number): boolean {
  let k = from - 1;
  while (k >= 0 && !(tokens[k + 1] as Token).breakBefore && DETERMINERS.has((tokens[k] as Token).norm)) k--;
  const before = k >= 0 && !(tokens[k + 1] as Token).breakBefore ? (tokens[k] as Token).norm : '';
  const afterToken = tokens[to];
  const after = afterToken && !afterToken.breakBefore ? afterToken.norm : '';
  return COORDINATORS.has(before) || COORDINATORS.has(after);
}

/**
 * Asked tools named only to qualify a noun ("our Teams calls"), against those named as the thing
 * used where no preposition of place makes them a mere place ("in Moodle", "from Moodle"). A tool
 * named only to qualify gives way to one named as the thing used ("Copilot … minutes of our Teams
 * calls"); not to one that is only a place ("join the Zoom call from Moodle").
 */
export class NounRoles {
  private readonly qualifying = new Set<string>();
  private readonly named = new Set<string>();
  private readonly anchored = new Set<string>();

  note(question: string, tokens: readonly Token[], at: number, length: number, toolId: string): void {
    if (qualifiesNounAt(question, tokens, at, length)) {
      this.qualifying.add(toolId);
      return;
    }
    this.named.add(toolId);
    // A place where data goes is asked about too ("den Zoom-Link in Moodle posten").
    if (!placeBefore(tokens, at) || clauseMovesData(tokens, at)) this.anchored.add(toolId);
  }

  /** The tools that give way to another. */
  givingWay(): string[] {
    const only = [...this.qualifying].filter((id) => !this.named.has(id));
    return [...this.anchored].some((id) => !only.includes(id)) ? only : [];
  }
}
