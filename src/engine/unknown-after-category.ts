// A product named right after the category it belongs to: "the password manager Bitwarden", "den
// Passwortmanager Bitwarden", "das Whiteboard Excalidraw". The catalogue does not know it, so the
// answer is `unknown` for it (with the category's allowed alternatives), never the category's list,
// which would present another tool as the answer. A word counts only where it is written like a
// name: capitalised and, in German where every noun is, no German word; or written like a product.
import type { Language } from '../model/language.js';
import type { Lexicon } from '../text/lexicon.js';
import type { Token } from '../text/normalize.js';
import { ALLOWED_WORDS, FILLERS, OR_WORDS, STOPWORDS, TOOL_NOUNS } from './words.js';

/** Written like a product's name: a capital after a small letter, a digit, or all capitals. */
export function productShaped(raw: string): boolean {
  return /\p{Ll}\p{Lu}|\d/u.test(raw) || /^\p{Lu}{2,}$/u.test(raw);
}

function nameShaped(t: Token, language: Language, lx: Lexicon): boolean {
  const w = t.norm;
  if (w.length < 2 || !/\p{L}/u.test(w) || STOPWORDS.has(w) || FILLERS.has(w) || ALLOWED_WORDS.has(w) || TOOL_NOUNS.has(w)) return false;
  if (productShaped(t.raw)) return true;
  if (!/^\p{Lu}/u.test(t.raw)) return false;
  if (lx.isFirstName(t.raw)) return false;
  return language === 'en' ? !lx.isCommon(t.raw, 'en') || !lx.isCommon(t.raw, 'de') : !lx.isCommon(t.raw, 'de');
}

export function unknownAfterCategory(
  question: string,
  tokens: readonly Token[],
  used: readonly boolean[],
  categoryAt: readonly boolean[],
  language: Language,
  lx: Lexicon,
): string | null {
  for (let j = 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (!categoryAt[j - 1] || categoryAt[j] || used[j] || t.breakBefore) continue;
    if (!nameShaped(t, language, lx)) continue;
    let last = t;
    for (let k = j + 1; k < j + 3 && k < tokens.length; k++) {
      const n = tokens[k] as Token;
      if (n.breakBefore || used[k] || !/^\p{Lu}/u.test(n.raw) || !nameShaped(n, language, lx)) break;
      last = n;
    }
    return question.slice(t.start, last.start + last.raw.length);
  }
  return null;
}

/**
 * A product the catalogue lacks, offered as the alternative to a known tool: "Zoom or Whereby",
 * "Jitsi oder Whereby für den Lieferantencall?". The word after "or"/"oder" counts when it is
 * written like a name: capitalised and no word of the question's language (German), capitalised
 * inside an English sentence, or written like a product; never a first name.
 */
export function unknownAfterOr(
  question: string,
  tokens: readonly Token[],
  used: readonly boolean[],
  toolAt: readonly boolean[],
  language: Language,
  lx: Lexicon,
): string | null {
  for (let j = 2; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    const or = tokens[j - 1] as Token;
    if (!toolAt[j - 2] || used[j] || t.breakBefore || or.breakBefore || !OR_WORDS.has(or.norm)) continue;
    if (!/^\p{Lu}/u.test(t.raw) && !productShaped(t.raw)) continue;
    const w = t.norm;
    if (w.length < 2 || STOPWORDS.has(w) || FILLERS.has(w) || ALLOWED_WORDS.has(w) || TOOL_NOUNS.has(w) || lx.isFirstName(t.raw)) continue;
    if (!productShaped(t.raw) && (language === 'de' ? lx.isCommon(t.raw, 'de') : false)) continue;
    return question.slice(t.start, t.start + t.raw.length);
  }
  return null;
}
