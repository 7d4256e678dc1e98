// The inflected forms of a German headword that a chat message may use, from the forms the Ding
// dictionary lists and the regular endings of its kind. A form that German does not have is
// harmless here: it is only ever looked up, never shown.
import type { DingWord } from './ding.js';

const NOUN_ENDINGS = ['s', 'es', 'n', 'en'];
const ADJECTIVE_ENDINGS = ['e', 'er', 'es', 'en', 'em'];
const VERB_ENDINGS = ['e', 'st', 't', 'en', 'et', 'te', 'test', 'ten', 'tet'];

/** The separable prefix of a verb, read off its past participle ("eingerichtet" of "einrichten" → "ein"). */
export function separablePrefix(infinitive: string, participle: string): string | null {
  for (let k = 2; k < infinitive.length - 3; k++) {
    const prefix = infinitive.slice(0, k);
    if (participle.startsWith(`${prefix}ge`) && !infinitive.startsWith(`${prefix}ge`)) return prefix;
  }
  return null;
}

/**
 * Whether a regular noun ending may follow `base`: after a final e only -s and -n ("Hausgenosse",
 * "Hausgenossen", never "Hausgenosseen"), after a final n not -n ("Bahnen", never "Bahnn").
 */
function nounEndingFits(base: string, ending: string): boolean {
  if (base.endsWith('e')) return ending === 's' || ending === 'n';
  return !(base.endsWith('n') && ending === 'n');
}

function verbForms(w: DingWord): string[] {
  const stemOf = w.word.endsWith('en') ? w.word.slice(0, -2) : w.word.endsWith('n') ? w.word.slice(0, -1) : null;
  if (!stemOf) return [];
  const out = VERB_ENDINGS.map((e) => stemOf + e);
  // The participle the dictionary gives, and its adjective endings ("eingerichtete").
  for (const form of w.forms) out.push(...ADJECTIVE_ENDINGS.map((e) => form + e));
  const prefix = w.forms.map((f) => separablePrefix(w.word, f)).find((p) => p !== null) ?? null;
  // The infinitive with "zu" of a separable verb ("einzurichten").
  out.push(prefix ? `${prefix}zu${w.word.slice(prefix.length)}` : `zu${w.word}`);
  return out;
}

/** Every form of the headword to look up: the headword, the dictionary's forms and the regular endings. */
export function formsOf(w: DingWord): string[] {
  const out = [w.word, ...w.forms];
  if (w.kind === 'noun') {
    out.push(...NOUN_ENDINGS.filter((e) => nounEndingFits(w.word, e)).map((e) => w.word + e));
    // The dictionary's forms of a noun are plurals: only the dative -n follows them ("Kindern"), and not after -n or -s.
    for (const plural of w.forms) if (!/[ns]$/.test(plural)) out.push(`${plural}n`);
  } else if (w.kind === 'adj') {
    out.push(...ADJECTIVE_ENDINGS.map((e) => w.word + e));
  } else if (w.kind === 'verb') {
    out.push(...verbForms(w));
  }
  return [...new Set(out)];
}
