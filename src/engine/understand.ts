// Reads a question: which tools it names (also misspelt, inflected or inside a compound), which
// contexts it states (and which it negates), which category it asks about, and which unknown
// tool it names. Nothing here knows any particular tool: everything comes from the index, the
// closed word lists of lexicon/words.yaml and the dictionaries of text/lexicon.ts.
import type { Language } from '../model/language.js';
import { detectLanguage } from '../text/language.js';
import { LANGUAGE_REGISTRY } from '../text/languages.js';
import { lexicon, type Lexicon } from '../text/lexicon.js';
import { fold, tokenize, type Token } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { isGermanFirstPerson } from '../text/verb-forms.js';
import { correctContextTypos } from './context-typos.js'; // engine2 hook
import { hintsOwnContext, unexplainedAt } from './account.js';
import { ownContextHits } from './own-context-words.js';
import { verbalHits } from './verbal-terms.js';
import { healthRoleContexts, personScopes, readGroupWords, toldWords } from './participant-words.js';
import { healthPartyAt } from './health-roles.js';
import { germanWord, placedBySemantics, readBySemantics } from './semantic-contexts.js';
import { personByNameBeside, personNamedLikeTool } from './person-named-like-tool.js';
import { afterSourcePreposition, namedInPassing, NounRoles } from './incidental-tools.js';
import { backgroundAt } from './background-tools.js';
import { chooseCategory } from './category-choice.js'; // engine2 hook
import { unknownAfterCategory, unknownAfterOr } from './unknown-after-category.js'; // engine2 hook
import { unknownByElimination } from './unknown-by-elimination.js';
import { integrationNounAt, shortAbbreviation, unknownBesideTool } from './unknown-beside-tool.js';
import { correctByNextWord, fullerName } from './name-variants.js'; // engine2 hook
import { nameCue } from './name-cues.js'; // engine2 hook
import { exceptionFollows, negatedByCues, negationAbsorbed, negationCues } from './negation-cues.js'; // engine2 hook
import { listOfWhoAt, pictureOfPeopleAt } from './image-subjects.js';
import { situationHits } from './situation-phrases.js';
import { roleClauseHits } from './role-clauses.js';
import { closedClassWords } from '../text/function-words.js';
import { isTypoTarget, TYPO_MIN_LENGTH, typoCandidates, type KbIndex, type NamePhrase, type VocabIndex, type VocabPhrase } from './kb-index.js';
import { HOST_PREPOSITIONS, APPROVAL_NOUNS, APPROVAL_PREPOSITIONS, SLOT_ADVERBIAL_PREPOSITIONS, ACQUAINTANCE_FILLERS, ALLOWED_WORDS, ALSO_WORDS, COMPANY_WORDS, COORDINATORS, OR_WORDS, COMPOUND_HEADS, QUESTION_OPENERS, REPLACED_BEFORE, CONTACT_VERBS, COPULAS, DETERMINERS, FILLERS, INFLECTIONS, MEANS_WORDS, MODALS, NEGATING_PREFIXES, NEGATION_BREAKERS, NEGATORS, PERSON_ROLES, ACQUAINTANCE_VERBS, PERSON_TITLES, QUANTIFIERS, STOPWORDS, SUBJECTS, TOOL_NOUNS, TOOL_PREPOSITIONS, TIME_WORDS, TOPIC_ANCHORS, UNRELATED_HEADS, USE_VERBS } from './words.js';

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
  /** Set when the question answers the previous question's confirm (confirm-reply.ts). */
  confirmReply?: 'yes' | 'no';
  /** Content words nothing accounts for, as written (account.ts). */
  unexplained?: string[];
  /** Of those, the person words, with the contexts each can speak of (participant-words.ts). */
  unexplainedScopes?: Record<string, string[]>;
  /** Of those, the group words that stated who takes part: only their reading as data is open (participant-words.ts). */
  unexplainedTold?: string[];
  /**
   * A follow-up took over the situation of a question the engine asked about (verdict confirm): that
   * situation is still not understood, whatever tool the follow-up names (follow-up.ts).
   */
  previousUnexplained?: boolean;
  /**
   * Of `toolIds`, the ones named only aside: replaced ("statt Zoom"), in passing ("vom Moodle-Support")
   * or as a source ("aus Moodle"), kept because no other tool is named. A follow-up that points back
   * ("Und wenn ich dort Noten aus Moodle hochlade?") is about the previous tool (follow-up.ts).
   */
  asideToolIds?: string[];
  /**
   * Of `toolIds`, the ones named only in a stating sentence or clause beside an asking one ("Meine
   * Kollegin nimmt dafür Zoom. Geht das auch?"; background-tools.ts): a pronoun of the asking one
   * points to them, not to a previous question's tool (follow-up.ts).
   */
  toldToolIds?: string[];
  /** Where each tool name stands: token indexes [from, to) of the question, in its order (follow-up.ts). */
  toolSpans?: ToolSpan[];
  /** Where a context came from when not from this question (follow-up, model). */
  contextSources?: Record<string, 'question' | 'previous' | 'model'>;
}

interface Match {
  start: number;
  length: number;
}

/** The question with what the reader needs at hand. */
interface Reading {
  index: KbIndex;
  question: string;
  tokens: Token[];
  language: Language;
  lx: Lexicon;
}

export function understand(index: KbIndex, question: string, fallback: Language): Understanding {
  const tokens = tokenize(question);
  // A tool's name says nothing about the language ("Zoom?" is no English).
  const language = detectLanguage(tokens, question, fallback, (t) => index.nameTokens.has(t.norm));
  const lx = lexicon();
  const r: Reading = { index, question, tokens, language, lx };
  // engine2 hook: misspelt context words (context-typos.ts) after misspelt tool names.
  const words = correctContextTypos(index.contextTypos, index.nameTokens, lx, tokens, correctByNextWord(index, tokens.map((t) => correctTypo(r, t))), language);
  const used = new Array<boolean>(tokens.length).fill(false);

  const toolIds: string[] = [];
  // Tools named as the one being replaced ("statt WeTransfer"), and tools named otherwise.
  const replaced = new Set<string>();
  const asked = new Set<string>();
  // Tools asked about by no cue but their own place: neither replaced, in passing nor a source.
  const plainlyAsked = new Set<string>();
  // Tools of a sentence or clause that states, beside one that asks (background-tools.ts).
  const background = backgroundAt(question, tokens);
  const told = new Set<string>();
  const roles = new NounRoles();
  const spans: ToolSpan[] = [];
  for (let i = 0; i < words.length; ) {
    const m = surnameAt(r, i) || personNamedLikeTool(tokens, i) || personByNameBeside(tokens, i, (w) => lx.isFirstName(w), (k) => surnameShaped(r, k)) ? null : matchTool(r, words, i, toolIds.length > 0);
    if (!m || plainWordAfterQuantifier(index, question, tokens, i, m.length)) {
      i++;
      continue;
    }
    // engine2 hook: "the licensed version of Zoom" is the tool named "licensed Zoom" (name-variants.ts).
    const fuller = fullerName(index, tokens, words, used, m);
    if (fuller) for (const k of fuller.extra) used[k] = true;
    const toolId = fuller?.toolId ?? m.toolId;
    // A replaced tool ("statt Zoom") and one named in passing ("vom Moodle-Support") are not asked about.
    if (replacedAt(tokens, i) || namedInPassing(tokens, i, m.length, (k) => used[k] === true || nameWordAt(r, k), (k) => used[k] === true)) replaced.add(toolId);
    else if (background[i]) told.add(toolId);
    else {
      asked.add(toolId);
      roles.note(question, tokens, i, m.length, toolId);
    }
    if (!replaced.has(toolId) && !told.has(toolId) && !afterSourcePreposition(tokens, i)) plainlyAsked.add(toolId);
    if (!toolIds.includes(toolId)) toolIds.push(toolId);
    spans.push({ id: toolId, from: i, to: i + m.length });
    for (let k = i; k < i + m.length; k++) used[k] = true;
    i += m.length;
  }

  // Where the tool names stand, before contexts and categories take their words too.
  const toolAt = [...used];
  const contexts: string[] = [];
  const negatedContexts: string[] = [];
  const contextWords: Record<string, string[]> = {};
  // The distinctive words of the base's own context terms after its terms (own-context-words.ts).
  // A health role named as a party ("mit Hausärzten") is no health data (health-roles.ts).
  const parties = new Set<number>();
  // Where the reader took words for who takes part ("staff", "die Gäste"): people a picture may show.
  const peopleAt: boolean[] = tokens.map(() => false);
  for (const found of [...situationHits(tokens, question, used, (id) => index.kb.contexts.has(id)), ...verbalHits(index.verbalTerms, tokens, words, used), ...matchVocabulary(r, index.contexts, words, used), ...ownContextHits(index.ownContextStems, tokens, words, used, lx), ...roleClauseHits(tokens, question, used, language)]) {
    const hit = partyLess(r, found, used, parties);
    if (hit.ids.length === 0) continue;
    // engine2 hook: colloquial negators and negation over coordinated contexts (negation-cues.ts).
    // "nichts Vertrauliches, außer den Gehaltsdaten": an exception states the context after all.
    // Secrecy sentences (situation-phrases.ts, read whole) and role clauses ("people who applied",
    // role-clauses.ts) settle negation themselves.
    const negated = !('whole' in hit && hit.whole) && !('roleClause' in hit) && (hit.negated || isNegated(tokens, used, hit.start) || negatedByCues(tokens, used.map((u, k) => u && !toolAt[k]), hit.start)) && !negationAbsorbed(tokens, hit.start) && !exceptionFollows(tokens, hit.start + hit.length, question);
    const written = question.slice((tokens[hit.start] as Token).start, endOf(tokens[hit.start + hit.length - 1] as Token));
    if (!negated && hit.ids.some((id) => PEOPLE_CONTEXTS.has(id))) for (let k = hit.start; k < hit.start + hit.length; k++) peopleAt[k] = true;
    for (const id of hit.ids) {
      const list = negated ? negatedContexts : contexts;
      if (!list.includes(id)) list.push(id);
      if (!negated) {
        const ws = (contextWords[id] ??= []);
        if (!ws.includes(written)) ws.push(written);
      }
    }
  }
  readPictureOfPeople(r, (i) => peopleAt[i] === true || parties.has(i), used, contexts, negatedContexts, contextWords);
  // A category may share its words with a context ("screen recordings", "Plagiatsprüfung"): read
  // apart from the contexts, so that neither hides the other.
  const categoryUsed = [...toolAt];
  const categories = matchVocabulary(r, index.categories, words, categoryUsed);
  const categoryAt = categoryUsed.map((u, i) => u && !toolAt[i]);
  categoryAt.forEach((c, i) => {
    if (c) used[i] = true;
  });
  let unknownTool =
    findUnknownTool(r, used, toolAt, categoryAt, toolIds.length > 0) ??
    unknownAfterCategory(question, tokens, used, categoryAt, language, lx) ??
    unknownAfterOr(question, tokens, used, toolAt, language, lx) ?? // engine2 hook (unknown-after-category.ts)
    (toolIds.length > 0 ? unknownBesideTool({ question, tokens, used, toolAt, isPerson: (i) => isPerson(r, i, true), nameTokens: index.nameTokens, language, lx }) : null) ??
    (toolIds.length === 0 && categories.length === 0 ? unknownByElimination(question, tokens, used, (i) => isPerson(r, i, false), lx) : null);
  // "Darf ich Copilot nutzen?" where the catalogue has "Microsoft 365 Copilot": the name the question
  // puts where a tool goes is the distinctive part of a catalogue name, so it is that tool.
  // Beside another tool too ("the Copilot in Outlook"): a distinctive part names its tool wherever it stands.
  const partOf = toolOfNamePart(index, unknownTool);
  if (partOf !== null && !toolIds.includes(partOf)) {
    const named = fold(unknownTool ?? '');
    tokens.forEach((t, k) => {
      if (t.norm === named) used[k] = true;
    });
    toolIds.push(partOf);
    asked.add(partOf);
    plainlyAsked.add(partOf);
    unknownTool = null;
  }
  // "Teams statt Zoom?": the replaced tool is not what the question asks about. Beside a product the
  // catalogue lacks it stays, so the answer shows both ("GoToMeeting statt Zoom").
  // Tools of background sentences give way to those asked about, and replaced ones to either.
  const drop = (ids: Iterable<string>, keep: (id: string) => boolean) => {
    for (const id of ids) if (!keep(id) && toolIds.includes(id)) toolIds.splice(toolIds.indexOf(id), 1);
  };
  for (const id of roles.givingWay()) {
    asked.delete(id);
    plainlyAsked.delete(id);
    replaced.add(id);
  }
  if (toolIds.some((id) => asked.has(id))) drop([...replaced, ...told], (id) => asked.has(id));
  else if (toolIds.some((id) => told.has(id))) drop(replaced, (id) => told.has(id));
  // Words no list accounts for are read through the wordnets; what they cannot place stays unexplained.
  const hinted = (i: number) => hintsOwnContext((tokens[i] as Token).norm, index.ownContextWords, lx);
  const semantic = readBySemantics(tokens, unexplainedAt({ tokens, nameTokens: index.nameTokens, used, lx, unknownTool, question, ownContextWords: index.ownContextWords, language }), language, lx, hinted);
  // Group words the wordnets left say who takes part ("mit dem Verleger", "the alumni"; participant-words.ts).
  const groups = readGroupWords(tokens, semantic.rest.filter((i) => !parties.has(i)), language, lx, new Set(index.kb.contexts.keys()));
  const rest = semantic.rest.filter((i) => parties.has(i) || groups.rest.includes(i));
  for (const reading of [semantic, groups]) {
    for (const id of reading.contexts) {
      if (!contexts.includes(id)) contexts.push(id);
      const ws = (contextWords[id] ??= []);
      for (const w of reading.words[id] ?? []) if (!ws.includes(w)) ws.push(w);
    }
  }
  // A context stated once plainly and once negated ("not confidential ... confidential") counts.
  return {
    unexplained: rest.map((i) => (tokens[i] as Token).raw),
    unexplainedScopes: personScopes(tokens, rest, language, lx, parties, groups.told),
    unexplainedTold: toldWords(tokens, rest, groups.told),
    language,
    toolIds,
    contexts,
    negatedContexts: negatedContexts.filter((c) => !contexts.includes(c)),
    category: chooseCategory(index, categories[0]?.ids ?? []), // engine2 hook (category-choice.ts)
    unknownTool,
    contextWords,
    ...(toolIds.some((id) => !plainlyAsked.has(id)) ? { asideToolIds: toolIds.filter((id) => !plainlyAsked.has(id)) } : {}),
    ...(toolIds.some((id) => told.has(id) && !asked.has(id)) ? { toldToolIds: toolIds.filter((id) => told.has(id) && !asked.has(id)) } : {}),
    ...(spans.length > 0 ? { toolSpans: spans.filter((sp) => toolIds.includes(sp.id)) } : {}),
  };
}

export interface ToolSpan {
  id: string;
  from: number;
  to: number;
}

// Contexts of who takes part: their words name people a picture may show.
const PEOPLE_CONTEXTS: ReadonlySet<string> = new Set(['internal', 'external', 'citizens', 'vulnerable_persons']);

/** "Fotos unserer Mitarbeitenden", "map who is covering which shift": personal data, unless negated or already read (image-subjects.ts). */
function readPictureOfPeople(r: Reading, isPeople: (i: number) => boolean, used: readonly boolean[], contexts: string[], negatedContexts: readonly string[], contextWords: Record<string, string[]>): void {
  const id = 'personal_data';
  if (contexts.includes(id) || negatedContexts.includes(id)) return;
  const picture = pictureOfPeopleAt(r.tokens, r.language, r.lx, isPeople);
  const at = picture >= 0 ? picture : listOfWhoAt(r.tokens, r.question);
  if (at < 0 || isNegated(r.tokens, used, at) || negatedByCues(r.tokens, used, at)) return;
  contexts.push(id);
  (contextWords[id] ??= []).push((r.tokens[at] as Token).raw);
}

/**
 * The hit without the contexts a health role does not state as a party (health-roles.ts); a hit left
 * with none frees its word and records it in `parties`.
 */
function partyLess<H extends { start: number; length: number; ids: string[] }>(r: Reading, hit: H, used: boolean[], parties: Set<number>): H {
  if (hit.length !== 1 || !healthPartyAt(r.tokens, hit.start, r.language, r.lx)) return hit;
  const dropped = healthRoleContexts();
  const ids = hit.ids.filter((id) => !dropped.includes(id));
  if (ids.length === 0) {
    used[hit.start] = false;
    parties.add(hit.start);
  }
  return { ...hit, ids };
}

/** The word at i follows a replacement marker in its clause ("statt", "instead of"). */
function replacedAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  if (i === 0 || t.breakBefore) return false;
  const one = (tokens[i - 1] as Token).norm;
  const two = i >= 2 && !(tokens[i - 1] as Token).breakBefore ? `${(tokens[i - 2] as Token).norm} ${one}` : '';
  const three = i >= 3 && !(tokens[i - 2] as Token).breakBefore ? `${(tokens[i - 3] as Token).norm} ${two}` : '';
  return REPLACED_BEFORE.has(one) || REPLACED_BEFORE.has(two) || REPLACED_BEFORE.has(three);
}

/** The word at k is written like a name and belongs to a catalogue tool's name ("Copilot" of "Microsoft 365 Copilot"). */
function nameWordAt(r: Reading, k: number): boolean {
  const t = r.tokens[k];
  return t !== undefined && /^\p{Lu}/u.test(t.raw) && r.index.nameTokens.has(t.norm);
}

/** The tool whose name has `name` (one word) as its distinctive part, or null. */
function toolOfNamePart(index: KbIndex, name: string | null): string | null {
  if (name === null || /\s/.test(name)) return null;
  return index.names.get(fold(name))?.find((p) => p.part && p.tokens.length === 1)?.toolId ?? null;
}

function endOf(t: Token): number {
  return t.start + t.raw.length;
}

/**
 * Replaces a misspelt word by the one name token it is one edit away from (same first letter). An
 * ordinary word of either language is never corrected: "Frage" is not the product "Frame".
 */
function correctTypo(r: Reading, t: Token): string {
  const word = t.norm;
  const index = r.index;
  if (word.length < TYPO_MIN_LENGTH || index.nameTokens.has(word) || STOPWORDS.has(word) || index.vocabularyTokens.has(word)) {
    return word;
  }
  // Numbers are not misspelt names; a name with digits is, when enough letters carry it ("1pasword").
  if (/\d/.test(word) && !isTypoTarget(word)) return word;
  let best: string | null = null;
  for (const candidate of typoCandidates(index, word)) {
    if (best !== null) return word; // two names equally close: too ambiguous to guess
    best = candidate;
  }
  if (best === null || r.lx.isCommonEither(t.raw)) return word;
  return best;
}

/**
 * A surname: a capitalised word right after a first name or a title that is no tool's name as
 * written. People are never tools, not even by a near spelling or stem ("Hannah Teamsen").
 */
/** The word at k may be a surname: capitalised, then small letters, in no dictionary, no catalogue name ("Kovac"). */
function surnameShaped(r: Reading, k: number): boolean {
  const t = r.tokens[k] as Token;
  return /^\p{Lu}\p{Ll}+$/u.test(t.raw) && !r.lx.isCommonEither(t.raw) && !r.index.nameTokens.has(t.norm);
}

function surnameAt(r: Reading, i: number): boolean {
  const t = r.tokens[i] as Token;
  const prev = r.tokens[i - 1];
  if (!prev || t.breakBefore || !/^\p{Lu}/u.test(t.raw) || r.index.nameTokens.has(t.norm)) return false;
  return r.lx.isFirstName(prev.raw) || PERSON_TITLES.has(prev.norm);
}

/** The longest tool name starting at word i that the sentence uses as a name. */
function matchTool(r: Reading, words: readonly string[], i: number, toolBefore: boolean): (Match & { toolId: string }) | null {
  const index = r.index;
  const word = words[i] as string;
  let best = null as (Match & { toolId: string }) | null;
  const consider = (p: NamePhrase, length: number) => {
    if (best && best.length >= length) return;
    if (length === 1 && p.word !== null) {
      const ordinary = { de: r.lx.isCommon(p.word, 'de'), en: r.lx.isCommon(p.word, 'en') };
      if (p.part && (ordinary.de || ordinary.en)) {
        if (!partWrittenAsName(r, i, p.word, p.sole === true)) return;
      } else if ((ordinary.de || ordinary.en) && !usedAsName(r, i, ordinary, toolBefore)) return;
    }
    best = { start: i, length, toolId: p.toolId };
  };
  for (const { key, whole, head } of anchorKeys(r, word)) {
    // "seine Doodles", "the Signals": a name written with a plural or case ending after a determiner
    // is the ordinary word of that form, when a dictionary has it; a tool's name is not inflected so.
    if (whole && key !== word && INFLECTIONS.includes(word.slice(key.length)) && inflectedOrdinary(r, i)) continue;
    for (const p of index.names.get(key) ?? []) {
      if (best && best.length >= p.tokens.length) break; // lists are sorted longest first
      if (p.tokens.length === 1) {
        // A compound starting with a name that is also a plain word ("Signalgruppe") needs a head
        // that says it is the tool's ("-gruppe", "-konferenz"): "Signalweg" is a plain word.
        if (!whole && p.word !== null && r.lx.isCommonEither(p.word) && !(head !== null && (COMPOUND_HEADS.has(head) || index.vocabularyTokens.has(head)))) continue;
        consider(p, 1);
        continue;
      }
      if (!whole) continue; // a compound ("Zoomkonferenz") can only be a one-word name
      if (i + p.tokens.length > words.length) continue;
      let ok = true;
      for (let j = 1; j < p.tokens.length && ok; j++) ok = sameWord(words[i + j] as string, p.tokens[j] as string);
      if (ok) consider(p, p.tokens.length);
    }
  }
  // "Culture Amp" for a tool named "CultureAmp"; "chat gtp" for "ChatGPT", split and misspelt.
  const next = r.tokens[i + 1];
  if (next && !next.breakBefore && (!best || best.length < 2)) {
    const joined = word + (words[i + 1] as string);
    const splitTypo = best ? null : splitTypoOf(r, joined, next);
    for (const p of index.names.get(splitTypo ?? joined) ?? []) {
      if (p.tokens.length === 1) {
        best = { start: i, length: 2, toolId: p.toolId };
        break;
      }
    }
  }
  return best;
}

/**
 * A distinctive part of a catalogue name that is also an ordinary word ("Copilot" of "Microsoft 365
 * Copilot") names its tool where grammar makes the capitalised word the subject of a modal or copula
 * ("Can Copilot take the minutes", "Darf Copilot …", "Is Copilot …", "Copilot could take the minutes
 * in Webex"), coordinated with another name ("Copilot or ChatGPT"), the guest of a host tool ("Copilot
 * in Outlook"), or, when it is all its name says beside the vendor, anywhere inside its clause.
 * Left to the unknown-product reading, it was lost beside another tool, which was then answered
 * alone. Parts such as "Work" of "Threema Work" are plain words far more often.
 */
function partWrittenAsName(r: Reading, i: number, word: string, sole: boolean): boolean {
  const t = r.tokens[i] as Token;
  // The word itself, not a compound it opens ("Workshop" is no "Threema Work").
  if (t.norm !== fold(word) || !/^\p{Lu}\p{Ll}/u.test(t.raw) || r.question[endOf(t)] === '-') return false;
  // German capitalises every noun: a German word ("Whiteboard darf …") says nothing by its capital.
  if (r.language === 'de' && r.lx.isCommon(word, 'de')) return false;
  const at = (k: number) => (k >= 0 && k < r.tokens.length ? (r.tokens[k] as Token) : undefined);
  const inClause = i > 0 && !t.breakBefore;
  const prev = inClause ? at(i - 1) : undefined;
  const next = at(i + 1);
  const nextWord = next && !next.breakBefore ? next.norm : '';
  const after = nextWord === '' ? undefined : at(i + 2);
  const nameAfter = after !== undefined && !after.breakBefore && r.index.names.has(after.norm);
  if (prev && (MODALS.has(prev.norm) || COPULAS.has(prev.norm))) return true;
  if (MODALS.has(nextWord) || (nameAfter && (COORDINATORS.has(nextWord) || HOST_PREPOSITIONS.has(nextWord)))) return true;
  if (!sole || !prev) return false;
  // In a German question an English word is a name ("ob sie Copilot für ihr Postfach nutzen darf").
  if (r.language === 'de') return !r.lx.isCommon(word, 'de');
  // English capitalises names only; beside another capital inside the clause the word belongs to a
  // title ("the Medical Director"), the clause's first word aside.
  const capital = (k: number) => {
    const x = at(k);
    return x !== undefined && x.raw !== 'I' && /^\p{Lu}/u.test(x.raw) && k > 0 && !x.breakBefore;
  };
  return !capital(i - 1) && !(nextWord !== '' && capital(i + 1));
}

/**
 * The one-word name that two words written apart misspell ("chat gtp": "chatgpt"), or null. The
 * second word must be no ordinary word ("chat group" is no name), nor the whole an ordinary word.
 */
function splitTypoOf(r: Reading, joined: string, second: Token): string | null {
  if (joined.length < TYPO_MIN_LENGTH + 2 || STOPWORDS.has(second.norm) || STOPWORDS.has(joined.slice(0, joined.length - second.norm.length))) return null;
  let found: string | null = null;
  for (const candidate of typoCandidates(r.index, joined)) {
    if (found !== null) return null; // two names equally close: too ambiguous to guess
    found = candidate;
  }
  // The dictionaries last: most pairs are near no name at all.
  return found !== null && !r.lx.isCommonEither(second.raw) && !r.lx.isCommonEither(joined) ? found : null;
}

/** The word at i follows a determiner in its clause and is a word of a dictionary as written. */
function inflectedOrdinary(r: Reading, i: number): boolean {
  const t = r.tokens[i] as Token;
  const prev = r.tokens[i - 1];
  return prev !== undefined && !t.breakBefore && (DETERMINERS.has(prev.norm) || QUANTIFIERS.has(prev.norm)) && r.lx.isCommonEither(t.raw);
}

/**
 * Whether a catalogue name that is also an ordinary word ("Signal", "Slack", "Teams", "Loom") is
 * used as the name here. It is where the sentence treats it as one: capitalised inside an English
 * sentence, after use/nutzen, a preposition (in, mit, via, with ...), "Darf ich", "ist"/"is", "oder"
 * after a tool, before nutzen/erlaubt/ok or a word it qualifies ("Slack-Kanal", "Signal chats"),
 * at the head of a short question ("Teams?", "Zoom für ein Treffen?"). It is not right after an
 * article, possessive or quantifier ("a guide", "in unserem Team") unless it qualifies what follows.
 */
function usedAsName(r: Reading, i: number, ordinary: { de: boolean; en: boolean }, toolBefore: boolean): boolean {
  const { tokens, language, question } = r;
  const t = tokens[i] as Token;
  const ordinaryHere = ordinary[language];
  // In a German question an English word is a name ("Zoom", "Slack"); German words are checked.
  if (!ordinaryHere) return true;
  const cue = nameCue(r.index, r.tokens, i, r.language); // engine2 hook (name-cues.ts)
  if (cue !== null) return cue;
  const norm = (k: number) => (k >= 0 && k < tokens.length ? (tokens[k] as Token).norm : '');
  const hyphenAfter = question[endOf(t)] === '-';
  const next = tokens[i + 1];
  const nextWord = next && !next.breakBefore ? next.norm : '';
  // "the Slack channel", "a Teams invite", "Signal-Gruppen": the name qualifies the word after it.
  const vocabularyWord = r.index.vocabularyTokens.has(nextWord) && !STOPWORDS.has(nextWord) && !DETERMINERS.has(nextWord);
  const qualifies = hyphenAfter || COMPOUND_HEADS.has(nextWord) || TOOL_NOUNS.has(nextWord) || vocabularyWord;
  const prev = t.breakBefore || i === 0 ? '' : norm(i - 1);
  const capital = /^\p{Lu}/u.test(t.raw);
  const clauseStart = i === 0 || t.breakBefore;
  // English capitalises names only: "record a Loom", "Can all students use Signal".
  if (language === 'en' && capital && !clauseStart) return true;
  if (DETERMINERS.has(prev) || QUANTIFIERS.has(prev)) return qualifies;
  if (qualifies) return true;
  if (USE_VERBS.has(prev) || TOOL_PREPOSITIONS.has(prev) || COPULAS.has(prev)) return true;
  if (COORDINATORS.has(prev) && toolBefore) return true;
  if (i >= 2 && language === 'de' && MODALS.has(norm(i - 2)) && SUBJECTS.has(prev)) return true;
  if (i >= 2 && TOPIC_ANCHORS.has(`${norm(i - 2)} ${prev}`)) return true;
  if (USE_VERBS.has(nextWord) || ALLOWED_WORDS.has(nextWord) || OR_WORDS.has(nextWord)) return true;
  if (clauseStart) {
    // The whole question is the name ("Teams?"), or it opens a short question about it
    // ("Zoom für ein Treffen mit dem Gesundheitsamt?"), not a sentence about the plain thing.
    if (nextWord === '') return true;
    if (TOOL_PREPOSITIONS.has(nextWord) && !(language === 'en' && !capital)) return true;
  }
  return false;
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
  return anchorKeys(null, t.norm, index).some((k) => k.whole && index.names.has(k.key));
}

/**
 * Name tokens the word may stand for: itself, itself without an inflection ending ("Zooms"), the
 * host of a web address ("zoom.us"), and the first part of a compound whose rest is a generic,
 * known or ordinary word ("Zoomkonferenz"; "Zoom-Meeting" is two words already). `whole` is false
 * for compounds, whose `head` is the rest.
 */
function anchorKeys(r: Reading | null, word: string, indexArg?: KbIndex): { key: string; whole: boolean; head: string | null }[] {
  const index = (r?.index ?? indexArg) as KbIndex;
  const keys: { key: string; whole: boolean; head: string | null }[] = [{ key: word, whole: true, head: null }];
  for (const suffix of INFLECTIONS) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) keys.push({ key: word.slice(0, -suffix.length), whole: true, head: null });
  }
  if (word.endsWith("'s") || word.endsWith('’s')) keys.push({ key: word.slice(0, -2), whole: true, head: null });
  const dot = word.indexOf('.');
  if (dot >= 3) keys.push({ key: word.slice(0, dot), whole: true, head: null });
  for (let k = 3; k <= word.length - 3; k++) {
    const first = word.slice(0, k);
    if (!index.names.has(first)) continue;
    let rest = word.slice(k);
    if (!isHead(index, rest) && rest.startsWith('s')) rest = rest.slice(1);
    if (isHead(index, rest) || (r !== null && rest.length >= 4 && r.lx.isCommon(rest, 'de'))) keys.push({ key: first, whole: false, head: rest });
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
  ids: string[];
  negated: boolean;
}

/** Context or category synonyms among the words not used yet; marks the words it uses. */
function matchVocabulary(r: Reading, vocab: VocabIndex, words: readonly string[], used: boolean[]): VocabHit[] {
  const hits: VocabHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (used[i]) continue;
    const phraseHit = matchPhrase(vocab, words, used, i);
    // "Gesundheits-Amt", "health department": the context word only names the office's field. It is
    // read (so accounted for), and states nothing.
    if (phraseHit && isUnrelatedHeadAt(r, i + phraseHit.length)) {
      for (let k = i; k < i + phraseHit.length; k++) used[k] = true;
      i += phraseHit.length - 1;
      continue;
    }
    // A word written like a product ("ChatGPT", "Office365") is a name, not a compound ("Chat-GPT").
    // (Shouted words, "GESUNDHEITSDATEN", are still read as compounds.)
    const hit = phraseHit ?? (/\p{Ll}\p{Lu}|\d/u.test((r.tokens[i] as Token).raw) ? null : matchCompound(r, vocab, words[i] as string, i));
    if (!hit) continue;
    hits.push(hit);
    for (let k = i; k < i + hit.length; k++) used[k] = true;
    i += hit.length - 1;
  }
  return hits;
}

function matchPhrase(vocab: VocabIndex, words: readonly string[], used: readonly boolean[], i: number): VocabHit | null {
  const word = words[i] as string;
  let best: VocabPhrase[] = [];
  let bestLength = 0;
  for (const lang of ['de', 'en'] as const) {
    for (const p of vocab.byFirstStem.get(`${lang}:${stem(word, lang)}`) ?? []) {
      if (p.tokens.length < bestLength) break;
      if (i + p.tokens.length > words.length || (p.exact && word !== p.tokens[0])) continue;
      let ok = true;
      for (let j = 1; j < p.tokens.length && ok; j++) {
        const w = words[i + j] as string;
        ok = !used[i + j] && (w === p.tokens[j] || stem(w, p.lang) === p.stems[j]);
      }
      if (!ok) continue;
      if (p.tokens.length > bestLength) best = [];
      bestLength = p.tokens.length;
      best.push(p);
    }
  }
  if (best.length === 0) return null;
  const ids: string[] = [];
  for (const p of best) for (const id of p.ids) if (!ids.includes(id)) ids.push(id);
  return { start: i, length: bestLength, ids, negated: false };
}

/**
 * Synonyms inside a German compound, read by its head (the last part): a synonym that is the head
 * counts ("Klarnamen", "Schwangerenberatung"; "nichtvertraulich" negates it); a synonym in front
 * counts unless the head names an office, form or rule that only concerns the field
 * ("Gesundheitsdaten" and "Bürgersprechstunde" count, "Gesundheitsamt" and "Aufnahmeantrag" do not;
 * lexicon/words.yaml unrelated_heads). Every context found either way counts.
 */
function matchCompound(r: Reading, vocab: VocabIndex, word: string, i: number): VocabHit | null {
  if (vocab.compoundable.size === 0 || word.length < 6) return null;
  const ids: string[] = [];
  let negated = false;
  const addIds = (p: VocabPhrase) => {
    for (const id of p.ids) if (!ids.includes(id)) ids.push(id);
  };
  // The head: a synonym at the end, after a word (or a negating prefix).
  const forms = [word, ...INFLECTIONS.filter((s) => word.endsWith(s) && word.length - s.length >= 6).map((s) => word.slice(0, -s.length))];
  head: for (const form of forms) {
    for (let k = Math.min(vocab.maxCompound, form.length - 2); k >= vocab.minCompound; k--) {
      const p = vocab.compoundable.get(form.slice(form.length - k));
      if (!p) continue;
      const prefix = form.slice(0, form.length - k);
      if (NEGATING_PREFIXES.includes(prefix)) {
        addIds(p);
        negated = true;
        break head;
      }
      if (prefix.length >= 3 && (k >= 7 || isCompoundPart(r, prefix))) {
        addIds(p);
        break head;
      }
    }
  }
  // A modifier: a synonym at the start, unless the head is unrelated. A capitalised word no dictionary
  // has needs a German head: "Mailchimp" is a product's name, no compound of "Mail".
  const raw = (r.tokens[i] as Token).raw;
  const writtenAsName = /^\p{Lu}/u.test(raw) && !r.lx.isCommonEither(raw);
  for (let k = Math.min(vocab.maxCompound, word.length - 3); k >= vocab.minCompound; k--) {
    const p = vocab.compoundable.get(word.slice(0, k));
    // A lent generated word names only a compound's kind ("Lohnsteuer"), not its field ("Steuerung").
    if (!p || vocab.headOnly.has(word.slice(0, k))) continue;
    // The longest synonym in front decides: "Gesundheitsamt" does not fall back to "gesund".
    if (!negated && !unrelatedHead(r, word.slice(k)) && (!writtenAsName || germanHead(r, word.slice(k)))) addIds(p);
    break;
  }
  return ids.length > 0 ? { start: i, length: 1, ids, negated } : null;
}

/** The rest of a compound after a synonym in front is a German word, with or without a linking element ("Mail|verteiler"). */
function germanHead(r: Reading, rest: string): boolean {
  for (const link of ['', ...(LANGUAGE_REGISTRY.de.compoundLinks ?? [])]) {
    if (!rest.startsWith(link) || rest.length - link.length < 3) continue;
    const head = rest.slice(link.length);
    if (r.lx.isCommon(head, 'de') || r.index.vocabularyTokens.has(head) || COMPOUND_HEADS.has(head)) return true;
  }
  return false;
}

/** The first part of a compound, with or without a linking element: a German word. */
function isCompoundPart(r: Reading, prefix: string): boolean {
  for (const link of LANGUAGE_REGISTRY.de.compoundLinks ?? []) {
    if (!prefix.endsWith(link) || prefix.length - link.length < 3) continue;
    if (r.lx.isCommon(prefix.slice(0, prefix.length - link.length), 'de')) return true;
  }
  return false;
}

function isUnrelatedHeadAt(r: Reading, k: number): boolean {
  const t = r.tokens[k];
  if (!t || t.breakBefore) return false;
  if (UNRELATED_HEADS.has(t.norm)) return true;
  return INFLECTIONS.some((s) => t.norm.endsWith(s) && UNRELATED_HEADS.has(t.norm.slice(0, -s.length)));
}

/** The rest of a compound after a context word is an unrelated head ("samt" of Gesundheitsamt, "antrag"). */
function unrelatedHead(r: Reading, rest: string): boolean {
  for (const link of ['', 's', 'es', 'n', 'en']) {
    if (!rest.startsWith(link)) continue;
    const head = rest.slice(link.length);
    if (head.length < 3) continue;
    if (UNRELATED_HEADS.has(head) || INFLECTIONS.some((s) => head.endsWith(s) && UNRELATED_HEADS.has(head.slice(0, -s.length)))) return true;
    // A longer compound ends in its head: "Gesundheitsaufsichtsamt".
    const last = head.length >= 6 ? r.lx.compoundParts(head)?.at(-1) : undefined;
    if (last !== undefined && UNRELATED_HEADS.has(fold(last))) return true;
  }
  return false;
}

/**
 * A negation up to three words before, in the same clause: "nicht vertraulich", "keine
 * Gesundheitsdaten", "nichts Vertrauliches", "not about patients". "nicht nur", "nothing but" do
 * not negate.
 */
function isNegated(tokens: readonly Token[], used: readonly boolean[], start: number): boolean {
  for (let j = start - 1; j >= 0 && j >= start - 3; j--) {
    if ((tokens[j + 1] as Token).breakBefore) return false;
    const w = (tokens[j] as Token).norm;
    // The contracted and colloquial negators too ("we don't ask for names").
    if (NEGATORS.has(w) || negationCues().negators.has(w)) return !NEGATION_BREAKERS.has((tokens[j + 1] as Token).norm);
    // "weder vertraulich noch mit Kindern": "noch" after "weder" negates too.
    if (w === 'noch' && clauseHas(tokens, j, 'weder')) return true;
    if (used[j] || NEGATION_BREAKERS.has(w)) return false;
  }
  return false;
}

/** The clause of token `at` has the word before it. */
function clauseHas(tokens: readonly Token[], at: number, word: string): boolean {
  for (let k = at - 1; k >= 0; k--) {
    if ((tokens[k] as Token).norm === word) return true;
    if ((tokens[k] as Token).breakBefore) return false;
  }
  return false;
}

/**
 * Written the way product names are and common words are not: a capital inside the word (DeepL,
 * WhatsApp, iCloud), a digit (Office365), or all capitals (SAP).
 */
function productShaped(raw: string): boolean {
  return /\p{Ll}\p{Lu}|\d/u.test(raw) || /^\p{Lu}{2,}$/u.test(raw);
}

/** The word at i ends its clause, or only "ok", "erlaubt" … follows ("is whereby ok to use?"). */
function standsAlone(r: Reading, i: number): boolean {
  const next = r.tokens[i + 1];
  return next === undefined || next.breakBefore || ALLOWED_WORDS.has(next.norm);
}

/** The question has no capital letter at all: its writer does not capitalise, so capitals tell nothing. */
function lowerCaseOnly(question: string): boolean {
  return !/\p{Lu}/u.test(question);
}

/** How a word after an anchor must be written to be taken for a name. */
type Needs = 'any' | 'capital' | 'shape';

/**
 * A tool name the catalog does not know, where a question puts one: "Darf ich X nutzen?", "Can we use
 * X?", "Is X allowed?", "X erlaubt?", after "oder"/"or" following such a name, after "per", "via",
 * "mit", "with" when written like a name ("Darf ich Protokolle mit DeepL übersetzen?"), and after a
 * word for a tool ("die Videokonferenz-App Whereby"). Only name-shaped words are named: not an
 * ordinary word of German or English, or written like a product; never a person ("Anna Schmidt",
 * "Herrn Meier", "Kevin" before anrufen). Of several, the first written like a product wins.
 */
function findUnknownTool(r: Reading, used: readonly boolean[], toolAt: readonly boolean[], categoryAt: readonly boolean[], knownTool: boolean): string | null {
  const { tokens, language } = r;
  const n = tokens.length;
  const norm = (i: number) => tokens[i]?.norm ?? '';
  // After "per"/"via": in English a capital marks the name; in German, where every noun has one, a
  // word that is no German word does (the lexicon tells: "per Post" is none, "per Quackmail" is).
  const capitalOrShape: Needs = language === 'en' ? 'capital' : 'any';
  // `opensClause`: the name may open a clause of its own ("Quackmail erlaubt?").
  // `lowerCaseOk`: after a topic anchor, a message written all in lower case may name it so ("was ist mit whereby?").
  const starts: { at: number; needs: Needs; opensClause?: boolean; weak?: boolean; lowerCaseOk?: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const w = norm(i);
    // After "per"/"via" comes the means; after "mit"/"with" people and things as often as tools.
    if (!tokens[i + 1]?.breakBefore) {
      if (MEANS_WORDS.has(w)) starts.push({ at: i + 1, needs: capitalOrShape });
      else if (COMPANY_WORDS.has(w)) starts.push({ at: i + 1, needs: 'shape' });
    }
    // After "Can I" English puts a verb ("Can I share …"), German the object ("Darf ich X …").
    if (MODALS.has(w) && SUBJECTS.has(norm(i + 1))) {
      starts.push({ at: i + 2, needs: language === 'en' ? 'capital' : 'any' });
      // Only where the question opens with the modal: "Welche Tools darf ich im Projekt Blauwal nutzen?"
      // has its object in front, and the name after the adverbial is the project's.
      const past = language === 'de' && (i === 0 || tokens[i]?.breakBefore) ? pastAdverbial(tokens, i + 2) : -1;
      if (past > 0) starts.push({ at: past, needs: 'any' });
    }
    // The indirect question puts the object there too ("…, ob ich X nutzen darf"); English keeps the
    // verb first ("whether I can use X", read from the verb).
    else if (language === 'de' && QUESTION_OPENERS.has(w) && SUBJECTS.has(norm(i + 1)) && !tokens[i + 1]?.breakBefore) starts.push({ at: i + 2, needs: 'any' });
    else if (USE_VERBS.has(w) && i + 1 < n) starts.push({ at: i + 1, needs: 'any' });
    else if (COPULAS.has(w) && restOfClauseHas(tokens, i + 1, ALLOWED_WORDS)) starts.push({ at: i + 1, needs: 'any' });
    // "Kennt jemand X?", "anyone tried X?", "suggested X": only a name-shaped word (a capital, no ordinary word).
    if (ACQUAINTANCE_VERBS.has(w) && !tokens[i + 1]?.breakBefore) {
      const at = SUBJECTS.has(norm(i + 1)) || ACQUAINTANCE_FILLERS.has(norm(i + 1)) ? i + 2 : i + 1;
      starts.push({ at, needs: 'capital', weak: language === 'de' });
    }
    // "What about X?", "Was ist mit X?", "Wie sieht es mit X aus?"
    if (TOPIC_ANCHORS.has(`${norm(i - 1)} ${w}`)) starts.push({ at: i + 1, needs: 'capital', opensClause: true, lowerCaseOk: true });
    // "Quackmail erlaubt?": the name opens the clause that "erlaubt" closes ("with Ms Jones, ok?" is
    // no name), also an indirect question ("ob Quackmail okay ist", "if Quackmail is OK").
    if (ALLOWED_WORDS.has(w) && i > 0 && !tokens[i]?.breakBefore) {
      let j = i - 1;
      while (j > 0 && (COPULAS.has(norm(j)) || FILLERS.has(norm(j)))) j--;
      if (j === 0 || tokens[j]?.breakBefore || COPULAS.has(norm(j - 1)) || QUESTION_OPENERS.has(norm(j - 1))) starts.push({ at: j, needs: 'capital', opensClause: true });
    }
    // "Gibt es eine Freigabe für X?", "Is there an approval for X?": the decision's object is the tool.
    if (APPROVAL_NOUNS.has(w) && APPROVAL_PREPOSITIONS.has(norm(i + 1)) && !tokens[i + 1]?.breakBefore) starts.push({ at: i + 2, needs: 'capital' });
    // "Zoom oder SAP?": a name beside a known one.
    if (COORDINATORS.has(w) && toolAt[i - 1] && !tokens[i]?.breakBefore) starts.push({ at: i + 1, needs: 'capital' });
    // "Quackmail?", "Und GoToMeeting?", "Or Jitsi?": a clause that is nothing but a name.
    if ((i === 0 || tokens[i]?.breakBefore) && onlyName(r, i) >= 0) starts.push({ at: onlyName(r, i), needs: 'capital', opensClause: true });
    // "die Videokonferenz-App Whereby", "das Videotool Whereby", "the app Whereby".
    if (isToolNoun(r, i) && !used[i] && i + 1 < n && !tokens[i + 1]?.breakBefore) starts.push({ at: i + 1, needs: 'capital' });
  }
  let first: string | null = null;
  for (const { at: s, needs, opensClause, weak, lowerCaseOk } of starts) {
    // The name follows its anchor in the same clause ("nutzen? bla" is not "use bla").
    if (s > 0 && tokens[s]?.breakBefore && !opensClause) continue;
    let i = s;
    let apposition = s > 0 && isToolNoun(r, s - 1);
    // Skip "das", "die Videokonferenz-App", "the video tool" between the anchor and the name.
    while (i < n && (i === s || !tokens[i]?.breakBefore)) {
      const w = norm(i);
      if (!used[i] && (FILLERS.has(w) || USE_VERBS.has(w))) i++;
      else if (categoryAt[i] || (!used[i] && isToolNoun(r, i))) {
        if (isToolNoun(r, i) || (categoryAt[i] && r.question[endOf(tokens[i] as Token)] === '-')) apposition = true;
        i++;
      } else break;
    }
    if (i >= n || (i > s && tokens[i]?.breakBefore)) continue;
    // A message written all in lower case tells nothing by its capitals ("was ist mit whereby?").
    if (needs === 'capital' && !apposition && !/^[\p{Lu}\d]/u.test(tokens[i]?.raw ?? '') && !(lowerCaseOk && lowerCaseOnly(r.question))) continue;
    // Follow "Zoom oder X" from a known name to the next one.
    while (i < n && used[i] && !categoryAt[i]) {
      let j = i;
      while (j < n && used[j]) j++;
      if (j < n && COORDINATORS.has(norm(j))) i = j + 1;
      else break;
    }
    const name = unknownNameAt(r, used, toolAt, i, apposition, knownTool, needs !== 'shape' && !weak, categoryAt, lowerCaseOk === true);
    if (!name) continue;
    if (productShaped(name)) return name;
    if (needs !== 'shape' || apposition) first ??= name;
  }
  return first;
}

/**
 * Past a German adverbial between "Darf ich" and the object ("in der Bibliothek", "für unsere Lehre"):
 * a preposition, determiners and one capitalised noun in the same clause; -1 when none stands at `at`.
 */
function pastAdverbial(tokens: readonly Token[], at: number): number {
  if (!SLOT_ADVERBIAL_PREPOSITIONS.has(tokens[at]?.norm ?? '')) return -1;
  let k = at + 1;
  while (k < tokens.length && !tokens[k]?.breakBefore && DETERMINERS.has(tokens[k]?.norm ?? '')) k++;
  const noun = tokens[k];
  if (!noun || noun.breakBefore || !/^\p{Lu}/u.test(noun.raw) || tokens[k + 1]?.breakBefore) return -1;
  return k + 1;
}

/** Where the one word of a clause of one word after conjunctions stands ("Und X?", "Or X?"), else -1. */
function onlyName(r: Reading, i: number): number {
  const { tokens } = r;
  let at = -1;
  for (let k = i; k < tokens.length && (k === i || !(tokens[k] as Token).breakBefore); k++) {
    const w = (tokens[k] as Token).norm;
    if (COORDINATORS.has(w) || ALSO_WORDS.has(w)) continue;
    if (at >= 0) return -1;
    at = k;
  }
  return at;
}

/** A word for "a tool": App, Tool, Software, or a compound ending in one (Videotool, Messengerdienst). */
function isToolNoun(r: Reading, i: number): boolean {
  const t = r.tokens[i];
  if (!t) return false;
  const w = t.norm;
  if (TOOL_NOUNS.has(w)) return true;
  // "WhatsApp" is a name, not an "App" of "Whats": the first part must be an ordinary word.
  if (productShaped(t.raw)) return false;
  for (let k = 3; k <= w.length - 3; k++) if (TOOL_NOUNS.has(w.slice(k)) && isCompoundPart(r, t.raw.slice(0, k).toLowerCase())) return true;
  return false;
}

/** A word that may be a name at all: not a function word, not an ordinary word (unless written like a product). */
function isCandidate(r: Reading, used: readonly boolean[], i: number, apposition: boolean, strong = false, lowerCaseOk = false): boolean {
  const t = r.tokens[i];
  if (!t || used[i]) return false;
  const w = t.norm;
  if (w.length < 2 || !/\p{L}/u.test(w) || STOPWORDS.has(w) || NEGATORS.has(w) || PERSON_TITLES.has(w) || FILLERS.has(w) || ALLOWED_WORDS.has(w) || TOOL_NOUNS.has(w) || TIME_WORDS.has(w)) return false;
  if (productShaped(t.raw)) return true;
  // After "die App", a capitalised word that is no word of the question's language is the name
  // ("die Videokonferenz-App Whereby"); in English any capitalised word there is.
  if (apposition && /^\p{Lu}/u.test(t.raw)) return r.language === 'en' || !r.lx.isCommon(t.raw, 'de');
  // In a German question an English word where the tool stands is its name ("Darf ich Slack
  // nutzen?", "Ist Notion erlaubt?"); German loanwords are in the German dictionary. English
  // capitalises names only: a capital inside the sentence there makes a name ("Can we use Notion?").
  // A word of the closed classes cannot be what a question asks about; standing alone where the tool
  // stands it is a name ("is whereby ok to use?"), unless it points, counts or stands for people or
  // things ("is this ok?", "what about others?", "is everything ok?"); before a noun it is what it
  // is ("Darf ich während der Sitzung …").
  if (strong && closedClassWords().has(w) && standsAlone(r, i) && !/(?:body|one|thing|self|selves)$/.test(w) && !SUBJECTS.has(w) && !DETERMINERS.has(w) && !QUANTIFIERS.has(w) && !COORDINATORS.has(w) && !QUESTION_OPENERS.has(w)) return true;
  if (strong && (/^\p{Lu}/u.test(t.raw) || (lowerCaseOk && r.language === 'de' && lowerCaseOnly(r.question)))) {
    // A German noun of the Ding dictionary the spelling dictionaries lack ("Übernahme") is a word, not
    // a name; one written as in English ("Copilot") is the English word, so a name here.
    if (r.language === 'de') return !r.lx.isCommon(t.raw, 'de') && !placedBySemantics(t.raw) && (!germanWord(t.raw) || r.lx.isCommon(t.raw, 'en'));
    if (i > 0 && !t.breakBefore && !/^\p{Lu}+$/u.test(t.raw)) return true;
  }
  // Two English words written as one and in lower case are an ordinary word too ("timesheets"); a
  // capital makes it a name again ("Dropbox").
  if (/^\p{Ll}+$/u.test(t.raw) && r.lx.isEnglishCompound(t.raw)) return false;
  return !r.lx.isCommonEither(t.raw) && !placedBySemantics(t.raw) && !germanWord(t.raw) && !isGermanFirstPerson(t.raw, r.lx);
}

/**
 * A person, not a tool: a word after a title or role ("Herrn Meier", "Kollegin Weber"), a first name
 * followed by a surname ("Anna Schmidt"), or a first name not asked about as a tool ("Darf ich
 * Kevin anrufen?", "Kevin per Zoom"; but "Darf ich Claude nutzen?" asks about a tool).
 */
function isPerson(r: Reading, i: number, knownTool: boolean): boolean {
  const { tokens } = r;
  const t = tokens[i] as Token;
  // A title's full stop ("Frau Dr. Weber") is no clause break.
  const before = (k: number) => (k >= 0 ? (tokens[k] as Token).norm : '');
  const prev = i > 0 && (!t.breakBefore || PERSON_TITLES.has(before(i - 1))) ? before(i - 1) : '';
  const prev2 = prev !== '' && i > 1 && (!(tokens[i - 1] as Token).breakBefore || PERSON_TITLES.has(before(i - 2))) ? before(i - 2) : '';
  if (PERSON_TITLES.has(prev) || PERSON_ROLES.has(prev) || PERSON_TITLES.has(prev2)) return true;
  // The object of a verb of contacting is a person, first name on the list or not ("Darf ich
  // Jürgen anrufen?", "Can I call Mehmet?"), unless the clause asks about using something.
  if (!MEANS_WORDS.has(prev) && !COMPANY_WORDS.has(prev) && isContactObject(tokens, i, r.language)) return true;
  if (!r.lx.isFirstName(t.raw)) return false;
  const next = tokens[i + 1];
  if (next && !next.breakBefore && /^\p{Lu}/u.test(next.raw) && !r.lx.isCommonEither(next.raw)) return true;
  // Asked about as a tool: "Claude nutzen", "use Claude", "Claude erlaubt?".
  const nextWord = next && !next.breakBefore ? next.norm : '';
  if (USE_VERBS.has(prev) || USE_VERBS.has(nextWord) || ALLOWED_WORDS.has(nextWord)) return knownTool;
  for (let k = i + 1; k < tokens.length && !(tokens[k] as Token).breakBefore; k++) if (USE_VERBS.has((tokens[k] as Token).norm)) return knownTool;
  return true;
}

function isContactObject(tokens: readonly Token[], i: number, language: Language): boolean {
  let from = i;
  while (from > 0 && !(tokens[from] as Token).breakBefore) from--;
  let contact = false;
  for (let k = from; k < tokens.length && (k === from || !(tokens[k] as Token).breakBefore); k++) {
    const w = (tokens[k] as Token).norm;
    if (USE_VERBS.has(w)) return false;
    // German puts the verb after the object, English before it. A capitalised word right after the
    // name continues it ("Google Meet", "Zoho Mail"): no verb.
    if (k === i + 1 && /^\p{Lu}/u.test((tokens[k] as Token).raw)) continue;
    // English puts the object right after the verb ("call Mehmet"): a contact word later in the clause
    // is no verb of this word ("Is Google Meet ok if I send the invite via Outlook?").
    if (CONTACT_VERBS.has(w) && ((k > i && language === 'de') || k === i - 1)) contact = true;
  }
  return contact;
}

function unknownNameAt(r: Reading, used: readonly boolean[], toolAt: readonly boolean[], i: number, apposition: boolean, knownTool: boolean, strong: boolean, categoryAt: readonly boolean[] = [], lowerCaseOk = false): string | null {
  const { tokens } = r;
  if (!isCandidate(r, used, i, apposition, strong, lowerCaseOk)) return null;
  if (neverAName(r, i)) return null;
  // A word right before a known tool's name qualifies it ("die lizenzierte Zoom-Version").
  if (toolAt[i + 1] && !tokens[i + 1]?.breakBefore) return null;
  if (isPerson(r, i, knownTool)) return null;
  // An abbreviation qualifying a word after a hyphen is no tool ("BEM-Gespräche", "DSGVO-konform",
  // "HR-Daten"), unless that word is one for a tool ("SAP-System").
  const t0 = tokens[i] as Token;
  if (/^\p{Lu}{2,5}$/u.test(t0.raw) && r.question[endOf(t0)] === '-' && tokens[i + 1] && !isToolNoun(r, i + 1)) return null;
  const first = tokens[i] as Token;
  let last = first;
  // "Google Meet": further capitalised words continue a capitalised name.
  if (/^\p{Lu}/u.test(first.raw)) {
    for (let k = i + 1; k < i + 3 && k < tokens.length; k++) {
      const t = tokens[k] as Token;
      // "Proton Mail", "Zoho Mail": a capitalised category word after the name and a space is part of
      // it ("Zimbly-Umfragen" are the product's surveys); the category still gives the alternatives.
      if (k === i + 1 && categoryAt[k] && !t.breakBefore && /^\p{Lu}\p{Ll}/u.test(t.raw) && /^\s$/u.test(r.question[endOf(first)] ?? '')) {
        last = t;
        break;
      }
      // "das Grammarly-Add-in", "the Calendly Plugin": an add-on noun ends the name.
      if (t.breakBefore || !/^\p{Lu}/u.test(t.raw) || !isCandidate(r, used, k, false, true) || isToolNoun(r, k) || integrationNounAt(tokens, k)) break;
      last = t;
    }
  }
  return r.question.slice(first.start, endOf(last)).replace(/\s+/g, ' ');
}

/**
 * Words that are never a tool's name (issue 18): a shouted ordinary word ("WICHTIG", "OVERRIDE"), an
 * abbreviation of two capitals ("AU"), a school class ("7b"), and the parts of an e-mail address ("jochen.wegener@…", a person).
 */
function neverAName(r: Reading, i: number): boolean {
  const t = r.tokens[i] as Token;
  if (/^\p{Lu}{4,}$/u.test(t.raw) && r.lx.isCommonEither(t.raw.toLowerCase())) return true;
  // Two capitals are an abbreviation of the office or the matter ("die AU", "der BR", "HR", "QM"), far
  // more often than a product; a catalogue's own short names are matched as names before this.
  if (/^\p{Lu}{1,2}$/u.test(t.raw)) return true;
  if (/^\d{1,2}\p{L}$/u.test(t.raw)) return true;
  // An abbreviation of single letters with dots ("z.B.", "u.a.", "e.g.") or with a small letter
  // inside ("PhD", "GmbH", "KiTa") is no name.
  if (/^\p{L}(\.\p{L})+$/u.test(t.raw)) return true;
  if (/^[\p{L}]+$/u.test(t.raw) && /\p{Ll}\p{Lu}/u.test(t.raw) && shortAbbreviation(t.raw, r.lx)) return true;
  const after = r.question.slice(endOf(t), endOf(t) + 1);
  const before = r.question.slice(Math.max(0, t.start - 1), t.start);
  return after === '@' || before === '@';
}

function restOfClauseHas(tokens: readonly Token[], from: number, words: ReadonlySet<string>): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (i > from && t.breakBefore) return false;
    if (words.has(t.norm)) return true;
  }
  return false;
}
