// Follow-ups: "und mit Bürgern?", "what about a confidential call?", "und Jitsi?" take over the tool
// or the situation of the previous question in the same conversation. The rules live here; the
// engine calls applyFollowUp once per question.
//
// - A question that names no tool, category or unknown tool takes over the previous question's
//   tools (or its category, or its unknown tool) and its contexts, when it reads as elliptic: it
//   starts with a follow-up marker ("und", "what about", "auch" …), or is short and has a marker like
//   "auch"/"too" anywhere, or is very short (three words at most) and states a situation ("Mit
//   Bürgern?"); "Ist das erlaubt?" alone takes over nothing. A leftover word that is neither a
//   function word nor a stated context is taken for a tool's name ("und Jitsi?" with Jitsi not in
//   the catalogue): then only the situation is taken over, never the previous tool.
// - A question that names a tool (or category) but states no context takes over the previous
//   contexts only with a follow-up marker ("und Jitsi?", "Zoom auch?"), and when it is not a
//   complete question of its own ("Darf ich Jitsi nutzen?" and "Zoom ok?" inherit nothing).
// - A longer question that names nothing but states a situation takes over the previous tool when a
//   pronoun points back to it ("Wir würden sie gern mitschneiden", "Can we record it for the
//   absent colleague?"; chat-phrases.yaml follow_up_pointers).
// - Contexts the new question negates ("und ohne Bürger?") are not taken over; contexts are only
//   ever added otherwise, so a follow-up can make an answer stricter, never laxer, than the
//   question's own words would.
import type { FollowUpAssumption } from '../model/answer.js';
import { phraseList } from '../text/chat-phrases.js';
import { lexicon as dictionaries } from '../text/lexicon.js';
import { fold, tokenize, type Token } from '../text/normalize.js';
import { isGermanFirstPerson } from '../text/verb-forms.js';
import type { ToolSpan, Understanding } from './understand.js';
import { COORDINATORS } from './words.js';

/** What the previous question of a conversation was about (kept in memory for a few minutes). */
export interface PreviousQuestion {
  toolIds: string[];
  contexts: string[];
  category: string | null;
  /** The tools' names, for the answer's "assumed" line (the ids when left out). */
  toolNames?: string[];
  /** A tool the catalogue does not know that the previous question named ("Whereby?"). */
  unknownTool?: string | null;
  /** The context ids the previous answer asked about (verdict confirm), for a typed yes/no reply. */
  ask?: string[];
}

export interface FollowedUp {
  understanding: Understanding;
  assumed: FollowUpAssumption | null;
}

/** "Very short": a question of at most this many words may be a follow-up without a marker. */
const VERY_SHORT = 3;
/** With a marker like "auch" / "too" anywhere, a question of at most this many words. */
const SHORT = 6;

interface Lexicon {
  markers: string[][];
  anywhere: string[][];
  final: string[][];
  functionWords: Set<string>;
  /** Pronouns that point back to the previous subject from anywhere ("sie", "it"), folded. */
  pointers: ReadonlySet<string>;
  /** Words that ask for other tools of a category ("andere", "alternatives"), folded. */
  otherWords: ReadonlySet<string>;
  /** Modal verbs and subjects of a complete question ("Darf ich …", "Can we …"), folded. */
  modals: ReadonlySet<string>;
  subjects: ReadonlySet<string>;
}

let lexicon: Lexicon | undefined;

function words(): Lexicon {
  if (lexicon) return lexicon;
  const phrases = (list: Parameters<typeof phraseList>[0]) =>
    phraseList(list)
      .map((p) => tokenize(p).map((t) => t.norm))
      .filter((p) => p.length > 0)
      .sort((a, b) => b.length - a.length);
  const markers = phrases('follow_up_markers');
  const anywhere = phrases('follow_up_anywhere');
  const final = phrases('follow_up_final');
  const functionWords = new Set<string>([...markers.flat(), ...anywhere.flat(), ...final.flat(), ...phrases('follow_up_function_words').flat()]);
  const folded = (list: Parameters<typeof phraseList>[0]): ReadonlySet<string> => new Set(phraseList(list).map(fold));
  return (lexicon = {
    markers,
    anywhere,
    final,
    functionWords,
    pointers: folded('follow_up_pointers'),
    otherWords: folded('follow_up_other_words'),
    modals: folded('follow_up_modals'),
    subjects: folded('follow_up_subjects'),
  });
}

const startsWith = (norms: readonly string[], at: number, phrase: readonly string[]) => phrase.every((w, k) => norms[at + k] === w);

interface Shape {
  /** Starts with a follow-up marker ("und", "what about"). */
  marker: boolean;
  /** Has a marker like "auch" / "too" anywhere. */
  anywhere: boolean;
  /** Has a modal verb with its subject: a question of its own ("Darf ich …", "Can we …"). */
  complete: boolean;
  /** Has a lower-case pronoun that points back ("wir würden sie gern mitschneiden"). */
  pointer: boolean;
  wordCount: number;
}

function shapeOf(tokens: readonly Token[]): Shape {
  const lex = words();
  const norms = tokens.map((t) => t.norm);
  const marker = lex.markers.some((m) => startsWith(norms, 0, m));
  // A word pointing back ends the question ("Can we record it?"): as good as "too" anywhere.
  const pointsBack = lex.final.some((m) => norms.length >= m.length && startsWith(norms, norms.length - m.length, m));
  const anywhere = pointsBack || norms.some((_, i) => lex.anywhere.some((m) => startsWith(norms, i, m)));
  let complete = false;
  for (let i = 0; i + 1 < norms.length; i++) {
    const a = norms[i] as string;
    const b = norms[i + 1] as string;
    if ((lex.modals.has(a) && lex.subjects.has(b)) || (lex.subjects.has(a) && lex.modals.has(b))) complete = true;
  }
  // Lower case only: a capitalised "Sie" inside a sentence is the polite "you", not "it" or "them".
  const pointer = tokens.some((t) => lex.pointers.has(t.norm) && /^\p{Ll}/u.test(t.raw));
  return { marker, anywhere, complete, pointer, wordCount: norms.length };
}

const elliptic = (s: Shape) => s.marker || s.wordCount <= VERY_SHORT || (s.anywhere && s.wordCount <= SHORT);

/**
 * The name a short follow-up gives when it is not a function word or a context ("und Jitsi?",
 * "what about Google Meet?"): one or two words next to each other, as written. Null when there is
 * none, or more than that (then the words describe a situation, not a tool).
 */
function leftoverName(question: string, tokens: readonly Token[]): string | null {
  const lex = words();
  const left = tokens.map((t, i) => ({ t, i })).filter(({ t }) => !lex.functionWords.has(t.norm) && !/^\d+$/.test(t.norm));
  if (left.length === 0 || left.length > 2) return null;
  // Ordinary words in lower case name nothing ("ab wann ungefähr?"); "und jitsi?" or "und Signal?" do.
  if (left.every(({ t }) => /^\p{Ll}+$/u.test(t.raw) && (dictionaries().isCommonEither(t.raw) || isGermanFirstPerson(t.raw, dictionaries())))) return null;
  if (left.length === 2 && (left[1] as { i: number }).i !== (left[0] as { i: number }).i + 1) return null;
  const first = (left[0] as { t: Token }).t;
  const last = (left[left.length - 1] as { t: Token }).t;
  return question.slice(first.start, last.start + last.raw.length);
}

export function applyFollowUp(read: Understanding, question: string, previous: PreviousQuestion | undefined): FollowedUp {
  if (!previous || typeof question !== 'string') return { understanding: read, assumed: null };
  // A tool the conversation was about, named again beside a new one, is what the new one is weighed
  // against ("und WhatsApp neben Threema?", "Not Webex but Zoom?"), not asked about again; nor is a
  // tool named after the one a marker opens with ("Und Otter.ai, wenn f4transkript nicht geht?").
  const own = askedTools(read, tokenize(question), previous);
  const none: FollowedUp = { understanding: own, assumed: null };
  // In a conversation, a word that points back ("Darf ich damit …?") is no name of an unknown tool.
  const pointsBack = own.unknownTool !== null && tokenize(own.unknownTool).every((t) => words().functionWords.has(t.norm));
  let u: Understanding = pointsBack ? { ...own, unknownTool: null } : own;
  const hadSubject = previous.toolIds.length > 0 || previous.category !== null || Boolean(previous.unknownTool);
  const tokens = tokenize(question);
  if (tokens.length === 0) return none;
  const shape = shapeOf(tokens);
  const statesSituation = u.contexts.length > 0 || u.negatedContexts.length > 0;
  const activity = categoryAsActivity(u, tokens, shape, previous);
  if (activity !== null) u = { ...u, category: null, ...(activity === 'unsure' ? { previousUnexplained: true } : {}) };
  // "Und wenn ich dort Noten aus Moodle hochlade?": the tools named only aside are not what a question
  // pointing back asks about; the previous tool is.
  // A tool named in a stating sentence before the asking one is what its pronoun points to ("Meine
  // Kollegin nimmt dafür immer Zoom. Geht das auch?"): that tool, in the previous situation, as "und
  // Zoom?" would be. Read as the previous tool, an approved one answered what was not asked.
  if (onlyTold(u) && shape.pointer && !shape.marker && previous.toolIds.length > 0) {
    const carried = previous.contexts.filter((c) => !u.contexts.includes(c) && !u.negatedContexts.includes(c));
    if (carried.length === 0) return none;
    return { understanding: withContexts(u, carried, previous), assumed: { toolIds: [], toolNames: [], contexts: carried, category: null } };
  }
  // "Und für die Klausureinsicht? Die Kollegen machen das mit BigBlueButton.": a follow-up that opens
  // with a marker asks first; a tool only in a stating sentence after it is background, as aside.
  const asideOnly = ((onlyAside(u) && shape.pointer) || (onlyTold(u) && shape.marker)) && previous.toolIds.length > 0;
  if (asideOnly) u = { ...u, toolIds: [] };
  const namesSubject = u.toolIds.length > 0 || u.unknownTool !== null || u.category !== null;
  // A longer question that names no tool but states a situation and points back with a pronoun is
  // about the previous subject ("Wir würden sie gern mitschneiden, damit die Kollegin …").
  const refersBack = shape.pointer && hadSubject && !namesSubject && (statesSituation || asideOnly);
  if (!elliptic(shape) && !refersBack) return none;
  // Previous contexts the new question does not negate and does not state itself.
  const inherited = previous.contexts.filter((c) => !u.contexts.includes(c) && !u.negatedContexts.includes(c));

  if (namesSubject) {
    // "und Jitsi?": the situation of the previous question, when this one states none; for a tool the
    // catalogue lacks also the previous category, so that its allowed alternatives are offered.
    if (statesSituation || (shape.complete && !shape.anywhere)) return none;
    // A short question naming a tool ("Zoom ok?") is a question of its own unless it says it follows
    // on ("und Jitsi?", "Zoom auch?"): piped questions and new topics must not inherit a situation.
    if (!shape.marker && !(shape.anywhere && shape.wordCount <= SHORT)) return none;
    const category = u.toolIds.length === 0 && u.unknownTool !== null && u.category === null ? previous.category : null;
    if (inherited.length === 0 && category === null && !askedBefore(previous)) return none;
    return {
      understanding: { ...withContexts(u, inherited, previous), ...(category !== null ? { category } : {}) },
      assumed: { toolIds: [], toolNames: [], contexts: inherited, category },
    };
  }

  if (!hadSubject || (shape.complete && !shape.marker && !shape.anywhere && !refersBack)) return none;
  // Taking over a tool must be asked for: a marker, or a very short question about a situation
  // ("Mit Bürgern?"). "Ist das erlaubt?" alone stays a question of its own (unclear), never an approval.
  if (!shape.marker && !(shape.anywhere && shape.wordCount <= SHORT) && !statesSituation && !asideOnly) return none;
  // "und Jitsi?" where the catalogue has no Jitsi: a name of its own, so only the situation carries over.
  // The words of a category read as an activity name no tool ("eine Umfrage mache").
  const name = statesSituation || activity !== null ? null : leftoverName(question, tokens);
  if (name !== null) {
    const category = previous.category;
    if (inherited.length === 0 && category === null) return { understanding: { ...u, unknownTool: name }, assumed: null };
    return {
      understanding: { ...withContexts(u, inherited, previous), unknownTool: name, category },
      assumed: { toolIds: [], toolNames: [], contexts: inherited, category },
    };
  }
  // "und mit Bürgern?": the previous tools (or category, or unknown tool) and situation.
  const toolIds = [...previous.toolIds];
  const category = toolIds.length === 0 ? previous.category : null;
  const unknownTool = previous.unknownTool ?? null;
  const understanding: Understanding = { ...withContexts(u, inherited, previous), toolIds, category, unknownTool };
  const toolNames = toolIds.map((id, k) => previous.toolNames?.[k] ?? id);
  const tookOver = toolIds.length > 0 || inherited.length > 0 || category !== null;
  return { understanding, assumed: tookOver ? { toolIds, toolNames, contexts: inherited, category } : null };
}

/**
 * "Auch für die Videokonferenz mit den Prüflingen?" after a question about Zoom: a follow-up that names
 * only the previous tool's category, with a marker, names what the tool is used for, not a wish for
 * an overview; unless it asks for other tools ("und andere Videotools für Prüfungen?"). The overview
 * would show the category's approved tools, read as approval of what the conversation is about.
 * Another category is such an activity when a pronoun points back to the tool ("und wenn ich dabei
 * eine Umfrage mache?"); beside a stated situation only it may be ("und für die Dienstplanung mit
 * Terminabstimmung?"), so the tool is answered but asked about where it would be conditional
 * ('unsure'): answered as sure, it approved where the situation was not read (sealed sets).
 * A category named alone ("Und Whiteboards?") asks for the overview.
 */
function categoryAsActivity(u: Understanding, tokens: readonly Token[], shape: Shape, previous: PreviousQuestion): 'sure' | 'unsure' | null {
  if (u.category === null || u.toolIds.length > 0 || u.unknownTool !== null || previous.toolIds.length === 0) return null;
  if (!(shape.marker || (shape.anywhere && shape.wordCount <= SHORT))) return null;
  if (tokens.some((t) => words().otherWords.has(t.norm))) return null;
  if (u.category === previous.category || shape.pointer) return 'sure';
  return u.contexts.length > 0 ? 'unsure' : null;
}

/** Tools whose names stand next to another's with only a coordinator or a comma between ("Zoom oder Webex"). */
function joinedTools(tokens: readonly Token[], spans: readonly ToolSpan[]): Set<string> {
  const joined = new Set<string>();
  for (let n = 1; n < spans.length; n++) {
    const a = spans[n - 1] as ToolSpan;
    const b = spans[n] as ToolSpan;
    const between = tokens.slice(a.to, b.from);
    if (a.id !== b.id && between.length <= 1 && between.every((t) => COORDINATORS.has(t.norm))) joined.add(a.id).add(b.id);
  }
  return joined;
}

/**
 * The tools a follow-up asks about, of those it names (see applyFollowUp): without the previous
 * question's tools named again beside a new one, and, when it opens with a marker and a tool ("Und
 * Otter.ai, wenn f4transkript nicht geht?", "And Signal, like we do with Threema?"), only that tool
 * (with those joined to it): the rest of an elliptic question is said about it, not asked. A tool
 * joined to another by a coordinator alone is asked about with it ("Zoom oder Webex?").
 */
function askedTools(u: Understanding, tokens: readonly Token[], previous: PreviousQuestion): Understanding {
  const spans = u.toolSpans ?? [];
  if (u.toolIds.length < 2 || spans.length === 0) return u;
  const joined = joinedTools(tokens, spans);
  let keep = u.toolIds.filter((id) => joined.has(id) || !previous.toolIds.includes(id));
  if (keep.length === 0 || keep.length === u.toolIds.length) keep = u.toolIds;
  const lead = leadSpan(tokens, spans);
  if (lead !== null) {
    const group = new Set([lead.id]);
    for (const sp of spans.slice(spans.indexOf(lead) + 1)) {
      const before = spans[spans.indexOf(sp) - 1] as ToolSpan;
      if (!group.has(before.id) || !joinedTools(tokens, [before, sp]).has(sp.id)) break;
      group.add(sp.id);
    }
    keep = keep.filter((id) => group.has(id));
  }
  if (keep.length === u.toolIds.length || keep.length === 0) return u;
  const aside = (u.asideToolIds ?? []).filter((id) => keep.includes(id));
  const { asideToolIds: _aside, ...rest } = u;
  return { ...rest, toolIds: keep, toolSpans: spans.filter((sp) => keep.includes(sp.id)), ...(aside.length > 0 ? { asideToolIds: aside } : {}) };
}

/** The tool named right after an opening follow-up marker, a function word ("mit") at most between. */
function leadSpan(tokens: readonly Token[], spans: readonly ToolSpan[]): ToolSpan | null {
  const lex = words();
  const norms = tokens.map((t) => t.norm);
  const marker = lex.markers.find((m) => startsWith(norms, 0, m));
  const first = spans[0];
  if (!marker || !first) return null;
  const gap = tokens.slice(marker.length, first.from);
  if (gap.length > 1 || gap.some((t) => !lex.functionWords.has(t.norm) || t.breakBefore)) return null;
  return first;
}

const onlyTold = (u: Understanding) => u.toolIds.length > 0 && u.toolIds.every((id) => u.toldToolIds?.includes(id));

const onlyAside = (u: Understanding) => u.toolIds.length > 0 && u.toolIds.every((id) => u.asideToolIds?.includes(id));

/** The previous answer asked about its situation (verdict confirm): the engine did not understand it. */
const askedBefore = (previous: PreviousQuestion) => (previous.ask ?? []).length > 0;

/**
 * Adds contexts taken over from the previous question, marked as such; a situation the previous
 * answer had to ask about stays not understood ("und Teams?" after a confirm is asked about too).
 */
function withContexts(u: Understanding, inherited: readonly string[], previous: PreviousQuestion): Understanding {
  const carried = askedBefore(previous) ? { ...u, previousUnexplained: true } : u;
  if (inherited.length === 0) return carried;
  const contextSources = { ...u.contextSources };
  for (const id of inherited) contextSources[id] = 'previous';
  return { ...carried, contexts: [...u.contexts, ...inherited], contextSources };
}
