// A product the catalogue lacks, named where no anchor marks the tool: "Does anyone know whether
// Calendly is allowed?", "Hat jemand Erfahrung mit Mentimeter?", "Grammarly – yes or no?". When a
// question names no known tool and no category, a word written like a product's name is what it asks
// about: no word of either language's dictionaries (nor a compound of them), no name the
// dictionaries hold (places, people), no first name or person; or a word written like a product
// (a capital inside it, a digit). The answer is then `unknown` (how to request an assessment)
// instead of `unclear`; never an approval, so a wrong guess costs a clumsy answer, not a false one.
import type { Lexicon } from '../text/lexicon.js';
import type { Token } from '../text/normalize.js';
import { germanWord, placedBySemantics } from './semantic-contexts.js';
import { productShaped } from './unknown-after-category.js';
import { ALLOWED_WORDS, FILLERS, STOPWORDS, TOOL_NOUNS } from './words.js';

function nameLike(t: Token, lx: Lexicon): boolean {
  const w = t.norm;
  if (w.length < 3 || !/^\p{L}/u.test(w) || STOPWORDS.has(w) || FILLERS.has(w) || ALLOWED_WORDS.has(w) || TOOL_NOUNS.has(w)) return false;
  // Abbreviations and shouted words are never tools ("AU", "DSGVO", "OVERRIDE").
  if (/^\p{Lu}+$/u.test(t.raw)) return false;
  if (productShaped(t.raw)) return true;
  if (!/^\p{Lu}/u.test(t.raw)) return false;
  return !lx.isCommonEither(t.raw) && !lx.isNameEither(t.raw) && !lx.isFirstName(t.raw) && !placedBySemantics(t.raw) && !germanWord(t.raw);
}

/**
 * The one name-like word of a question that names no tool and no category, as written (with a
 * capitalised word right after it: "Proton Mail"); null when there is none or more than one (then
 * it is not clear which is the product).
 */
export function unknownByElimination(question: string, tokens: readonly Token[], used: readonly boolean[], isPerson: (i: number) => boolean, lx: Lexicon): string | null {
  let found: { first: Token; last: Token } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (used[i] || !nameLike(t, lx) || isPerson(i)) continue;
    // An e-mail address or web address is contact data, not a product ("anna@kranich.de").
    if (/[@./]/.test(question[t.start - 1] ?? '') || /[@./]\p{L}/u.test(question.slice(t.start + t.raw.length, t.start + t.raw.length + 2))) continue;
    if (found && found.first !== t) return null;
    let last: Token = t;
    const next: Token | undefined = tokens[i + 1];
    if (next && !next.breakBefore && !used[i + 1] && /^\p{Lu}/u.test(next.raw) && !/^\p{Lu}+$/u.test(next.raw)) {
      last = next;
      i++;
    }
    found = { first: t, last };
  }
  return found ? question.slice(found.first.start, found.last.start + found.last.raw.length) : null;
}
