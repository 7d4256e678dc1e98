// A person who bears a catalogue tool's name ("Frau Miro", "Kollegin Miro möchte wissen, …", "Miro
// from accounting asked whether …"): read as the tool, the person's question would be answered
// about a tool nobody asked about, and an approved one would be approved unasked. The cues: a title
// before the name, or the name as the subject of a verb of asking or wanting (person_verbs of
// lexicon/words.yaml) with a role word before it or an affiliation after it ("aus der Buchhaltung").
import type { Token } from '../text/normalize.js';
import { AFFILIATION_WORDS, PERSON_ROLES, PERSON_TITLES, PERSON_VERBS, USE_VERBS, ALLOWED_WORDS } from './words.js';

/** How far after the name its verb may stand ("Miro aus der Buchhaltung fragt"). */
const VERB_REACH = 6;

/** The capitalised word at `i` is a person's name, by the cues above, whatever else it names. */
export function personNamedLikeTool(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  if (!t || !/^\p{Lu}/u.test(t.raw)) return false;
  // A word that opens a clause has nothing before it in that clause.
  const before = prev && !t.breakBefore ? prev.norm : '';
  if (PERSON_TITLES.has(before)) return true;
  const next = tokens[i + 1];
  const affiliated = next !== undefined && !next.breakBefore && AFFILIATION_WORDS.has(next.norm);
  return (PERSON_ROLES.has(before) || affiliated) && personVerbFollows(tokens, i);
}

/** A verb of asking or wanting follows in the clause before any word that uses or allows a tool. */
function personVerbFollows(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k < tokens.length && k - i <= VERB_REACH; k++) {
    const t = tokens[k] as Token;
    if (t.breakBefore) return false;
    if (PERSON_VERBS.has(t.norm)) return true;
    if (USE_VERBS.has(t.norm) || ALLOWED_WORDS.has(t.norm)) return false;
  }
  return false;
}

/**
 * The capitalised word at `i` is a person's name by the name beside it: a first name before it ("Tom
 * Signal wants to know …") or a surname after it ("Miro Kovac asked whether …"), with a verb of asking
 * or wanting following in the clause. "Darf ich mit Anna Zoom nutzen?" keeps the tool: the verb
 * there uses it.
 */
export function personByNameBeside(tokens: readonly Token[], i: number, isFirstName: (raw: string) => boolean, isSurname: (k: number) => boolean): boolean {
  const t = tokens[i];
  if (!t || !/^\p{Lu}/u.test(t.raw)) return false;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const firstBefore = prev !== undefined && !t.breakBefore && isFirstName(prev.raw);
  const surnameAfter = next !== undefined && !next.breakBefore && isSurname(i + 1);
  if (!firstBefore && !surnameAfter) return false;
  return personVerbFollows(tokens, surnameAfter ? i + 1 : i);
}
