// Tools a question names in passing, not asks about: a tool's name as the affiliation of a person or
// group ("Frau Weber vom Moodle-Support fragt, ob Slido …", "the Moodle admin asked whether …"), or
// the source data comes out of on its way elsewhere ("die Noten aus Moodle in ChatGPT kopieren").
// Answered beside the tool asked about, an approved one would read as approval of what was asked.
// The reader leaves such a tool out when another tool is asked about, as it does a replaced one.
import type { Token } from '../text/normalize.js';
import { AFFILIATION_HEADS, PERSON_ROLES, SOURCE_PREPOSITIONS, TRANSFER_VERBS } from './words.js';

/** The tool name at tokens [at, at + length) is named in passing, by the cues above. */
export function namedInPassing(tokens: readonly Token[], at: number, length: number): boolean {
  return affiliationAt(tokens, at + length) || sourceAt(tokens, at);
}

/** The word after the name is a person or group it belongs to ("Moodle-Support", "Moodle admin"). */
function affiliationAt(tokens: readonly Token[], after: number): boolean {
  const head = tokens[after];
  return head !== undefined && !head.breakBefore && (AFFILIATION_HEADS.has(head.norm) || PERSON_ROLES.has(head.norm));
}

/** "aus"/"from" stands before the name, and a verb that moves data is in its clause. */
function sourceAt(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at];
  const before = tokens[at - 1];
  if (!t || !before || t.breakBefore || !SOURCE_PREPOSITIONS.has(before.norm)) return false;
  let from = at;
  while (from > 0 && !(tokens[from] as Token).breakBefore) from--;
  for (let k = from; k < tokens.length && (k === from || !(tokens[k] as Token).breakBefore); k++) {
    if (TRANSFER_VERBS.has((tokens[k] as Token).norm)) return true;
  }
  return false;
}
