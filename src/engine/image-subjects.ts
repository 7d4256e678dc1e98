// Pictures of people, and lists of who is what, are personal data: "a poster with photos of our
// staff", "Fotos der Gäste", "Teilnehmerfotos", "map who is covering which shift". Without this they
// read as nothing, and a tool that forbids personal data was approved (lexicon/participant-words.yaml:
// image_nouns, image_links, who_words, listing_words).
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import { fold, type Token } from '../text/normalize.js';
import { isPersonWord } from '../text/semantic-lexicon.js';
import { imageWords } from './participant-words.js';
import { DETERMINERS, QUANTIFIERS } from './words.js';

// At most this many words between the link and the people ("photos of last year's new interns").
const MAX_BETWEEN = 3;

/** A German compound of people and a picture: its last part is a picture noun, the rest a person word ("Teilnehmerfotos"). */
function peopleCompound(t: Token, lx: Lexicon): boolean {
  const parts = lx.compoundParts(t.raw, 'de');
  if (!parts || parts.length < 2) return false;
  const head = fold(parts[parts.length - 1] as string);
  if (!imageWords().nouns.has(head)) return false;
  const front = parts.slice(0, -1).join('');
  // "Teilnehmer" as a part is a person word; a linking "s" or "n" may stand after it.
  return [front, front.replace(/[sn]$/, '')].some((w) => isPersonWord(w, 'de'));
}

/**
 * The position of the first picture of people in the question, or -1: a picture noun, a link, at
 * most a few small words, then a word naming people (`isPeople`: a person word, or a word the reader
 * took for who takes part).
 */
export function pictureOfPeopleAt(tokens: readonly Token[], language: Language, lx: Lexicon, isPeople: (i: number) => boolean): number {
  const { nouns, links } = imageWords();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (language === 'de' && t.raw.length >= 8 && peopleCompound(t, lx)) return i;
    if (!nouns.has(t.norm)) continue;
    const link = tokens[i + 1];
    if (!link || link.breakBefore || !links.has(link.norm)) continue;
    for (let k = i + 2; k < tokens.length && k <= i + 2 + MAX_BETWEEN; k++) {
      const w = tokens[k] as Token;
      if (w.breakBefore) break;
      if (isPeople(k) || isPersonWord(w.raw, language)) return i;
      // Only small words may stand between: determiners, possessives, quantifiers, lower-case modifiers.
      const small = DETERMINERS.has(w.norm) || QUANTIFIERS.has(w.norm) || /['’]s$/.test(w.raw) || (language === 'en' && /^\p{Ll}+$/u.test(w.raw)) || (language === 'de' && /^\p{Ll}+$/u.test(w.raw));
      if (!small) break;
    }
  }
  return -1;
}

/**
 * The position of a word asking about people right after a word of listing or recording ("map who
 * is covering which shift", "die Liste, wer mitfährt"), or -1. A comma may stand between.
 */
export function listOfWhoAt(tokens: readonly Token[], question: string): number {
  const { who, listing } = imageWords();
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!who.has(t.norm) || !listing.has((tokens[i - 1] as Token).norm)) continue;
    if (t.breakBefore && question.slice(0, t.start).trimEnd().slice(-1) !== ',') continue;
    return i;
  }
  return -1;
}
