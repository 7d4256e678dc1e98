// Reads a question: which tools it names (also misspelt, inflected or inside a compound), which
// contexts it states (and which it negates), which category it asks about, and which unknown
// tool it names. Nothing here knows any particular tool: everything comes from the index.
import type { Language } from '../kb/schema.js';
import { withinOneEdit } from '../text/edit-distance.js';
import { detectLanguage } from '../text/language.js';
import { tokenize, type Token } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { TYPO_MIN_LENGTH, deletions, type KbIndex, type VocabIndex, type VocabPhrase } from './kb-index.js';
import {
  ALLOWED_WORDS,
  COMPANY_WORDS,
  COMPOUND_HEADS,
  COPULAS,
  FILLERS,
  GENERIC_NOUNS,
  INFLECTIONS,
  MEANS_WORDS,
  MODALS,
  NEGATING_PREFIXES,
  NEGATORS,
  QUANTIFIERS,
  STOPWORDS,
  SUBJECTS,
  TOPIC_ANCHORS,
  USE_VERBS,
} from './words.js';

export interface Understanding {
  language: Language;
  /** Ids of the tools named, in the order of the question, each once. */
  toolIds: string[];
  /** Context ids stated and not negated, each once. */
  contexts: string[];
  negatedContexts: string[];
  /** First category named, if any. */
  category: string | null;
  /** A tool name the catalog does not know, as written. */
  unknownTool: string | null;
  /** For each stated context, the words of the question that stated it, as written. */
  contextWords?: Record<string, string[]>;
  /** Where a context came from when not from this question (follow-up, model). */
  contextSources?: Record<string, 'question' | 'previous' | 'model'>;
}

interface Match {
  start: number;
  length: number;
}

export function understand(index: KbIndex, question: string, fallback: Language): Understanding {
  const tokens = tokenize(question);
  const language = detectLanguage(tokens, question, fallback);
  const words = tokens.map((t) => correctTypo(index, t.norm));
  const used = new Array<boolean>(tokens.length).fill(false);

  const toolIds: string[] = [];
  for (let i = 0; i < words.length; ) {
    const m = matchTool(index, words, i);
    if (!m || plainWordAfterQuantifier(index, question, tokens, i, m.length)) {
      i++;
      continue;
    }
    if (!toolIds.includes(m.toolId)) toolIds.push(m.toolId);
    for (let k = i; k < i + m.length; k++) used[k] = true;
    i += m.length;
  }

  // Where the tool names stand, before contexts and categories take their words too.
  const toolAt = [...used];
  const contexts: string[] = [];
  const negatedContexts: string[] = [];
  for (const hit of matchVocabulary(index.contexts, words, used)) {
    const negated = hit.negated || isNegated(tokens, used, hit.start);
    const list = negated ? negatedContexts : contexts;
    if (!list.includes(hit.id)) list.push(hit.id);
  }
  // A context stated once plainly and once negated ("not confidential ... confidential") counts.
  const stated = contexts;
  const categories = matchVocabulary(index.categories, words, used);
  const unknownTool = findUnknownTool(tokens, used, toolAt, language);
  return {
    language,
    toolIds,
    contexts: stated,
    negatedContexts: negatedContexts.filter((c) => !stated.includes(c)),
    category: categories[0]?.id ?? null,
    unknownTool,
  };
}

/** Replaces a misspelt word by the one name token it is one edit away from (same first letter). */
function correctTypo(index: KbIndex, word: string): string {
  if (word.length < TYPO_MIN_LENGTH || index.nameTokens.has(word) || STOPWORDS.has(word) || index.vocabularyTokens.has(word)) {
    return word;
  }
  if (/\d/.test(word)) return word;
  let best: string | null = null;
  for (const d of deletions(word)) {
    for (const candidate of index.typoDeletes.get(d) ?? []) {
      if (candidate === best || candidate[0] !== word[0]) continue;
      if (!withinOneEdit(word, candidate)) continue;
      if (best !== null) return word; // two names equally close: too ambiguous to guess
      best = candidate;
    }
  }
  return best ?? word;
}

/** The longest tool name starting at word i. */
function matchTool(index: KbIndex, words: readonly string[], i: number): (Match & { toolId: string }) | null {
  const word = words[i] as string;
  let best: (Match & { toolId: string }) | null = null;
  for (const { key, whole } of anchorKeys(index, word)) {
    for (const p of index.names.get(key) ?? []) {
      if (best && best.length >= p.tokens.length) break; // lists are sorted longest first
      if (p.tokens.length === 1) {
        best = { start: i, length: 1, toolId: p.toolId };
        break;
      }
      if (!whole) continue; // a compound ("Zoomkonferenz") can only be a one-word name
      if (i + p.tokens.length > words.length) continue;
      let ok = true;
      for (let j = 1; j < p.tokens.length && ok; j++) ok = sameWord(words[i + j] as string, p.tokens[j] as string);
      if (ok) best = { start: i, length: p.tokens.length, toolId: p.toolId };
    }
  }
  return best;
}

/**
 * "mit anderen Teams", "all teams": after a quantifier a one-word name standing alone is the plain
 * word it also is. It stays a name where it qualifies what follows: "alle Teams-Besprechungen",
 * "all Teams meetings", "alle Teamsbesprechungen".
 */
function plainWordAfterQuantifier(index: KbIndex, question: string, tokens: readonly Token[], i: number, length: number): boolean {
  const t = tokens[i] as Token;
  if (i === 0 || length !== 1 || t.breakBefore || !QUANTIFIERS.has((tokens[i - 1] as Token).norm)) return false;
  if (question[t.start + t.raw.length] === '-') return false;
  const next = tokens[i + 1];
  if (next && !next.breakBefore && isHead(index, next.norm)) return false;
  // A compound ("Teamsbesprechungen") is the name qualifying its head.
  return anchorKeys(index, t.norm).some((k) => k.whole && index.names.has(k.key));
}

/**
 * Name tokens the word may stand for: itself, itself without an inflection ending ("Zooms"), and the
 * first part of a compound whose rest is a generic or known word ("Zoomkonferenz", "Zoom-Meeting" is
 * two words already). `whole` is false for compounds.
 */
function anchorKeys(index: KbIndex, word: string): { key: string; whole: boolean }[] {
  const keys: { key: string; whole: boolean }[] = [{ key: word, whole: true }];
  for (const suffix of INFLECTIONS) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) keys.push({ key: word.slice(0, -suffix.length), whole: true });
  }
  if (word.endsWith("'s") || word.endsWith('’s')) keys.push({ key: word.slice(0, -2), whole: true });
  for (let k = 3; k <= word.length - 3; k++) {
    const head = word.slice(0, k);
    if (!index.names.has(head)) continue;
    let rest = word.slice(k);
    if (!isHead(index, rest) && rest.startsWith('s')) rest = rest.slice(1);
    if (isHead(index, rest)) keys.push({ key: head, whole: false });
  }
  return keys;
}

function isHead(index: KbIndex, rest: string): boolean {
  return rest.length >= 3 && (COMPOUND_HEADS.has(rest) || index.vocabularyTokens.has(rest));
}

/** Two words are the same for a name: equal, one inflected from the other, or of equal stem. */
function sameWord(word: string, nameToken: string): boolean {
  if (word === nameToken) return true;
  if (word.startsWith(nameToken) && INFLECTIONS.includes(word.slice(nameToken.length))) return true;
  return stem(word, 'de') === stem(nameToken, 'de') || stem(word, 'en') === stem(nameToken, 'en');
}

interface VocabHit extends Match {
  id: string;
  negated: boolean;
}

/** Context or category synonyms among the words not used yet; marks the words it uses. */
function matchVocabulary(vocab: VocabIndex, words: readonly string[], used: boolean[]): VocabHit[] {
  const hits: VocabHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (used[i]) continue;
    const hit = matchPhrase(vocab, words, used, i) ?? matchCompound(vocab, words[i] as string, i);
    if (!hit) continue;
    hits.push(hit);
    for (let k = i; k < i + hit.length; k++) used[k] = true;
    i += hit.length - 1;
  }
  return hits;
}

function matchPhrase(vocab: VocabIndex, words: readonly string[], used: readonly boolean[], i: number): VocabHit | null {
  const word = words[i] as string;
  let best: VocabPhrase | null = null;
  for (const lang of ['de', 'en'] as const) {
    for (const p of vocab.byFirstStem.get(`${lang}:${stem(word, lang)}`) ?? []) {
      if (best && best.tokens.length >= p.tokens.length) break;
      if (i + p.tokens.length > words.length) continue;
      let ok = true;
      for (let j = 1; j < p.tokens.length && ok; j++) {
        const w = words[i + j] as string;
        ok = !used[i + j] && (w === p.tokens[j] || stem(w, p.lang) === p.stems[j]);
      }
      if (ok) best = p;
    }
  }
  return best ? { start: i, length: best.tokens.length, id: best.id, negated: false } : null;
}

/** A synonym at the start ("Bürgergespräch") or end ("nichtvertraulich") of a German compound. */
function matchCompound(vocab: VocabIndex, word: string, i: number): VocabHit | null {
  if (vocab.compoundable.size === 0) return null;
  for (let k = Math.min(vocab.maxCompound, word.length - 3); k >= vocab.minCompound; k--) {
    const p = vocab.compoundable.get(word.slice(0, k));
    if (p) return { start: i, length: 1, id: p.id, negated: false };
  }
  const forms = [word, ...INFLECTIONS.filter((s) => word.endsWith(s)).map((s) => word.slice(0, -s.length))];
  for (const form of forms) {
    for (let k = Math.min(vocab.maxCompound, form.length - 2); k >= vocab.minCompound; k--) {
      const p = vocab.compoundable.get(form.slice(form.length - k));
      if (!p) continue;
      const prefix = form.slice(0, form.length - k);
      if ((NEGATING_PREFIXES as readonly string[]).includes(prefix)) return { start: i, length: 1, id: p.id, negated: true };
      if (prefix.length >= 3 && k >= 7) return { start: i, length: 1, id: p.id, negated: false };
    }
  }
  return null;
}

/** A negation up to three words before, in the same clause: "nicht vertraulich", "keine Gesundheitsdaten". */
function isNegated(tokens: readonly Token[], used: readonly boolean[], start: number): boolean {
  for (let j = start - 1; j >= 0 && j >= start - 3; j--) {
    if ((tokens[j + 1] as Token).breakBefore) return false;
    const w = (tokens[j] as Token).norm;
    if (NEGATORS.has(w)) return true;
    if (used[j]) return false;
  }
  return false;
}

/**
 * Written the way product names are and common words are not: a capital inside the word (DeepL,
 * WhatsApp, iCloud), a digit (Office365), or all capitals (SAP). German capitalises every noun, so
 * a capital first letter alone says nothing.
 */
function nameShaped(raw: string): boolean {
  return /\p{Ll}\p{Lu}|\d/u.test(raw) || /^\p{Lu}{2,}$/u.test(raw);
}

/** How a word after an anchor must be written to be taken for a name. */
type Needs = 'any' | 'capital' | 'shape';

/**
 * A tool name the catalog does not know, where a question puts one: "Darf ich X nutzen?", "Can we use
 * X?", "Is X allowed?", "X erlaubt?", after "oder"/"or" following such a name, and after "per",
 * "via", "mit", "with" when written like a name ("Darf ich Protokolle mit DeepL übersetzen?").
 * Of several, the first written like a product name wins, else the first found.
 */
function findUnknownTool(tokens: readonly Token[], used: readonly boolean[], toolAt: readonly boolean[], language: Language): string | null {
  const n = tokens.length;
  const norm = (i: number) => tokens[i]?.norm ?? '';
  // German capitalises every noun, so there a capital says nothing and only a product-name shape does.
  const capitalOrShape: Needs = language === 'en' ? 'capital' : 'shape';
  // `opensClause`: the name may open a clause of its own ("Quackmail erlaubt?").
  const starts: { at: number; needs: Needs; opensClause?: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const w = norm(i);
    // After "per"/"via" comes the means; after "mit"/"with" people and things as often as tools.
    if (!tokens[i + 1]?.breakBefore) {
      if (MEANS_WORDS.has(w)) starts.push({ at: i + 1, needs: capitalOrShape });
      else if (COMPANY_WORDS.has(w)) starts.push({ at: i + 1, needs: 'shape' });
    }
    // After "Can I" English puts a verb ("Can I share …"), German the object ("Darf ich X …").
    if (MODALS.has(w) && SUBJECTS.has(norm(i + 1))) starts.push({ at: i + 2, needs: language === 'en' ? 'capital' : 'any' });
    else if (USE_VERBS.has(w) && i + 1 < n) starts.push({ at: i + 1, needs: 'any' });
    else if (COPULAS.has(w) && restOfClauseHas(tokens, i + 1, ALLOWED_WORDS)) starts.push({ at: i + 1, needs: 'any' });
    // "What about X?", "Was ist mit X?", "Wie sieht es mit X aus?"
    if (TOPIC_ANCHORS.has(`${norm(i - 1)} ${w}`)) starts.push({ at: i + 1, needs: 'capital', opensClause: true });
    // "Quackmail erlaubt?": the name opens the clause that "erlaubt" closes ("with Ms Jones, ok?" is no name).
    if (ALLOWED_WORDS.has(w) && i > 0 && !tokens[i]?.breakBefore) {
      let j = i - 1;
      while (j > 0 && (COPULAS.has(norm(j)) || FILLERS.has(norm(j)))) j--;
      if (j === 0 || tokens[j]?.breakBefore || COPULAS.has(norm(j - 1))) starts.push({ at: j, needs: 'capital', opensClause: true });
    }
  }
  let first: string | null = null;
  for (const { at: s, needs, opensClause } of starts) {
    // The name follows its anchor in the same clause ("nutzen? bla" is not "use bla").
    if (s > 0 && tokens[s]?.breakBefore && !opensClause) continue;
    if (needs === 'capital' && !/^[\p{Lu}\d]/u.test(tokens[s]?.raw ?? '')) continue;
    let i = s;
    while (i < n && (FILLERS.has(norm(i)) || USE_VERBS.has(norm(i))) && !used[i]) i++;
    // Follow "Zoom oder X" from a known name to the next one.
    while (i < n && used[i]) {
      let j = i;
      while (j < n && used[j]) j++;
      if (j < n && ['oder', 'or', 'und', 'and', 'bzw', 'vs'].includes(norm(j))) i = j + 1;
      else break;
    }
    const name = unknownNameAt(tokens, used, toolAt, i);
    if (!name) continue;
    if (nameShaped(name)) return name;
    if (needs !== 'shape') first ??= name;
  }
  return first;
}

function isCandidate(tokens: readonly Token[], used: readonly boolean[], i: number): boolean {
  const t = tokens[i];
  if (!t || used[i]) return false;
  const w = t.norm;
  return (
    w.length >= 2 &&
    /\p{L}/u.test(w) &&
    !STOPWORDS.has(w) &&
    !GENERIC_NOUNS.has(w) &&
    !NEGATORS.has(w) &&
    !FILLERS.has(w) &&
    !ALLOWED_WORDS.has(w)
  );
}

function unknownNameAt(tokens: readonly Token[], used: readonly boolean[], toolAt: readonly boolean[], i: number): string | null {
  if (!isCandidate(tokens, used, i)) return null;
  // A word right before a known tool's name qualifies it ("die lizenzierte Zoom-Version").
  if (toolAt[i + 1] && !tokens[i + 1]?.breakBefore) return null;
  const first = tokens[i] as Token;
  let last = first;
  // "Google Meet": further capitalised words continue a capitalised name.
  if (/^\p{Lu}/u.test(first.raw)) {
    for (let k = i + 1; k < i + 3 && k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.breakBefore || !/^\p{Lu}/u.test(t.raw) || !isCandidate(tokens, used, k)) break;
      last = t;
    }
  }
  return `${last === first ? first.raw : `${first.raw}${rawBetween(tokens, first, last)}`}`;
}

function rawBetween(tokens: readonly Token[], first: Token, last: Token): string {
  const parts: string[] = [];
  for (let k = tokens.indexOf(first) + 1; k <= tokens.indexOf(last); k++) parts.push((tokens[k] as Token).raw);
  return ` ${parts.join(' ')}`;
}

function restOfClauseHas(tokens: readonly Token[], from: number, words: ReadonlySet<string>): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (i > from && t.breakBefore) return false;
    if (words.has(t.norm)) return true;
  }
  return false;
}
