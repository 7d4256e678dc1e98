// Checks an LLM explanation against the engine's answer before anyone sees it. The engine is the only
// judge: a text that says a tool is allowed when its verdict is not_allowed, pending or unknown (or
// says "not allowed" when it is allowed), names a tool the answer is not about, links somewhere, is in
// the wrong language, or is empty is discarded and the engine's own text is shown instead.
//
// The check reads claims, not meaning: it finds permission words ("erlaubt", "may be used") and
// prohibition words ("verboten", "prohibited"), decides from the few words before them whether they
// are negated ("noch nicht freigegeben") or hypothetical ("ob ... freigegeben wird"), and attributes
// each claim to the tools named in its clause, else in its sentence, else to the answer's tools.
// A prohibition of a conditional tool must be qualified ("for confidential calls"): a bare or
// sweeping one contradicts the verdict. When unsure it rejects: a rejected text costs an explanation,
// an accepted wrong one misleads staff.
import type { Answer, ToolVerdict } from '../model/answer.js';
import { detectLanguage } from '../text/language.js';
import { tokenize } from '../text/normalize.js';
import { answerToolNames, findToolMentions, UNKNOWN_TOOL_ID, type ToolMention, type ToolNames } from './tool-names.js';

export type GuardReason = 'empty' | 'too-long' | 'link' | 'wrong-language' | 'foreign-tool' | 'contradiction' | 'unrestricted';
export type GuardResult = { ok: true } | { ok: false; reason: GuardReason; detail: string };

export const MAX_SUMMARY_CHARS = 1000;

type Judged = ToolVerdict | 'unknown';
type Polarity = 'allow' | 'deny' | 'unrestricted';

/** A regular expression matching any of `alternatives` as whole words (case-insensitive). */
function anyOf(alternatives: string[], flags = 'iu'): RegExp {
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`, flags);
}

// Words that grant or deny permission. Inflected German forms ("freigegebenes") are included.
const DE_ENDING = '(?:e[nrsm]?)?';
const ALLOW = new RegExp(
  [
    'allowed|approved|permitted|authori[sz]ed|cleared|permissible|acceptable|sanctioned|green[- ]?lit|compliant',
    '(?:free|fine|ok|okay|safe) to use',
    'go ahead',
    String.raw`(?:may|can)\b[^.!?;\n]{0,50}?\b(?:use|used)`,
    `(?:erlaubt|freigegeben|zulässig|gestattet|genehmigt|zugelassen|unbedenklich)${DE_ENDING}`,
    'in Ordnung',
    String.raw`(?:darf|dürfen|dürft|darfst|kann|können|könnt|kannst)\b[^.!?;\n]{0,60}?\b` +
      '(?:nutzen|benutzen|verwenden|einsetzen|genutzt|benutzt|verwendet|eingesetzt)',
  ]
    // A hyphen before the word makes another word ("non-compliant").
    .map((p) => String.raw`(?<![\p{L}\p{N}-])(?:${p})(?![\p{L}\p{N}])`)
    .join('|'),
  'giu',
);
const DENY = anyOf(
  [
    'prohibited|forbidden|banned|disallowed|impermissible|ruled out|must ?not|mustn\'t',
    `(?:verboten|untersagt|unzulässig|ausgeschlossen)${DE_ENDING}`,
  ],
  'giu',
);
// "without restrictions" contradicts every verdict but allowed.
const UNRESTRICTED_WORDS = [
  'without (?:any )?(?:restrictions?|conditions?|limitations?|limits?)',
  'unrestricted|unconditionally|for any purpose|for all purposes',
  `uneingeschränkt${DE_ENDING}`,
  String.raw`ohne (?:jede |jegliche )?(?:Einschränkung|Bedingung|Auflage)\p{L}*`,
  String.raw`bedenkenlos|für (?:alle|jeden) Zweck\p{L}*`,
];
const UNRESTRICTED = anyOf(UNRESTRICTED_WORDS, 'giu');

// "nicht nur erlaubt" / "not only approved" affirm; drop them before looking for negations.
const NOT_ONLY = anyOf(['not only|not just|nicht nur|nicht bloß'], 'giu');
const NEGATION = anyOf([
  "not|never|cannot|can't|isn't|aren't|wasn't|weren't|won't|mustn't|shouldn't|doesn't|don't|hasn't|haven't",
  'no longer|neither|nor|yet to be',
  'nicht|nie|niemals|keinesfalls|keineswegs|kein(?:e[nmrs]?)?|weder',
]);
// Whether-clauses state no claim in any case; future and time words only for a pending tool.
const CONDITIONAL = anyOf(['whether|if|unless|ob|falls|sofern|wenn']);
const FUTURE = anyOf([
  'once|until|before|after|will|would|could|might|should',
  'sobald|bis|bevor|nachdem|erst|wird|würde|werden|könnte|sollte|soll',
]);

// Where the few words that can negate a claim end (any clause break).
const PUNCTUATION_BREAK = String.raw`[,;:()\u2013\u2014]|\s-\s`;
const WEAK_BREAK = new RegExp(
  `${PUNCTUATION_BREAK}|${
    anyOf([
      'and|but|however|whereas|while|because|although|though|that|therefore',
      'und|aber|jedoch|sondern|während|weil|denn|obwohl|dass|daher|deshalb',
    ]).source
  }`,
  'giu',
);
// Where the clause a claim is attributed within ends.
const STRONG_BREAK = new RegExp(
  `${PUNCTUATION_BREAK}|${anyOf(['but|however|whereas|while|although|though|instead|aber|jedoch|sondern|während|obwohl|stattdessen']).source}`,
  'giu',
);
// "Instead of Zoom, ..." / "Statt Zoom ...": the tool after these is not the one the claim is about.
const INSTEAD_BEFORE =
  /(?:instead of|rather than|alternative to|statt|anstatt|anstelle von|anstelle|alternativ zu)\s+(?:the\s+|dem\s+|der\s+|des\s+)?$/iu;
const ALTERNATIVE_MARKER = anyOf([
  'instead|alternatively|alternative|rather|in the meantime|meanwhile|until then',
  String.raw`stattdessen|statt|anstatt|anstelle|alternativ\p{L}*|ersatzweise|bis dahin`,
]);
const LINK = /https?:\/\/|www\.|\]\(/i;

const NEGATION_WORDS = 5;
const HYPOTHETICAL_WORDS = 4;

/**
 * Whether `text` may be shown as the explanation of `answer`. `kbTools`: the names and aliases of
 * every tool of the knowledge base (see toolNamesOf).
 */
export function checkSummary(text: string, answer: Answer, kbTools: readonly ToolNames[]): GuardResult {
  const t = text.replace(/[’‘]/g, "'").trim();
  if (t.length === 0) return fail('empty', 'no text');
  if (t.length > MAX_SUMMARY_CHARS) return fail('too-long', `${t.length} characters (at most ${MAX_SUMMARY_CHARS})`);
  if (LINK.test(t)) return fail('link', 'contains a link');

  const verdicts = verdictsOf(answer);
  const [own, short] = answerToolNames(answer);
  const mentions = findToolMentions(t, own, short, kbTools);
  const foreign = mentions.find((m) => !verdicts.has(m.toolId));
  if (foreign) return fail('foreign-tool', `names "${t.slice(foreign.start, foreign.end)}" (${foreign.toolId}), which is not in the answer`);

  if (detectLanguage(tokenize(t), t, answer.language) !== answer.language) {
    return fail('wrong-language', `not written in ${answer.language}`);
  }

  const subject = subjectOf(answer);
  for (const sentence of sentences(t)) {
    const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end && !afterInstead(t, m));
    for (const claim of claimsIn(sentence.text)) {
      const at = sentence.start;
      const clause = bounds(sentence.text, claim.start, claim.end, STRONG_BREAK);
      const inClause = inSentence.filter((m) => m.start >= at + clause.start && m.end <= at + clause.end);
      let about = inClause.length ? inClause.map((m) => m.toolId) : inSentence.length ? inSentence.map((m) => m.toolId) : subject;
      // A claim about an alternative only, in a sentence that does not present it as one ("Die
      // lizenzierte Version von Zoom ist freigegeben" names the alternative Zoom), may well be about
      // the answer's own tool: hold it against both.
      if (about.every((id) => !subject.includes(id)) && !ALTERNATIVE_MARKER.test(sentence.text)) about = [...about, ...subject];
      const judged = about.map((id) => verdicts.get(id)).filter((v): v is Judged => v !== undefined);
      const window = lookback(sentence.text, claim.start, NEGATION_WORDS) + claim.inner;
      const hypoWindow = lookback(sentence.text, claim.start, HYPOTHETICAL_WORDS) + claim.inner;
      if (CONDITIONAL.test(hypoWindow)) continue;
      if (FUTURE.test(hypoWindow) && judged.length > 0 && judged.every((v) => v === 'pending')) continue;
      const negated = NEGATION.test(window.replace(NOT_ONLY, ' '));
      const polarity: Polarity =
        claim.kind === 'unrestricted' ? 'unrestricted' : (claim.kind === 'allow') !== negated ? 'allow' : 'deny';
      if (claim.kind === 'unrestricted' && negated) continue;
      const clauseText = sentence.text.slice(clause.start, clause.end);
      const wrong = judged.find(
        (v) => contradicts(polarity, v) || (polarity === 'deny' && v === 'conditional' && blanketDeny(clauseText)),
      );
      if (wrong !== undefined) {
        return fail(polarity === 'unrestricted' ? 'unrestricted' : 'contradiction', `"${claim.text}" (${polarity}) against verdict ${wrong}`);
      }
    }
  }
  return { ok: true };
}

function fail(reason: GuardReason, detail: string): GuardResult {
  return { ok: false, reason, detail };
}

// A conditional tool is prohibited in some situations only: "nicht für vertrauliche Gespräche" is
// right, a bare or sweeping "Zoom ist verboten" / "generally not allowed" is not.
const QUALIFIER = anyOf([
  'für|mit|bei|in|im|ohne|nur|wenn|sofern|außer',
  'for|with|without|only|if|when|where|unless|except|involving|containing',
]);
const SWEEPING = anyOf([
  'grundsätzlich|generell|immer|völlig|gänzlich|überhaupt',
  'generally|in general|always|completely|entirely|absolutely|at all',
]);

// "nicht uneingeschränkt freigegeben" / "not approved without conditions" is itself a qualification.
const RESTRICTION_NAMED = anyOf(UNRESTRICTED_WORDS);

function blanketDeny(clause: string): boolean {
  return SWEEPING.test(clause) || !(QUALIFIER.test(clause) || RESTRICTION_NAMED.test(clause));
}

function contradicts(polarity: Polarity, verdict: Judged): boolean {
  if (polarity === 'allow') return verdict === 'not_allowed' || verdict === 'pending' || verdict === 'unknown';
  if (polarity === 'deny') return verdict === 'allowed';
  return verdict !== 'allowed';
}

/** The verdict of every tool the answer is about or suggests, and of its unknown tool. */
function verdictsOf(answer: Answer): Map<string, Judged> {
  const v = new Map<string, Judged>();
  for (const a of answer.alternatives ?? []) v.set(a.id, a.verdict);
  for (const t of answer.tools) for (const a of t.alternatives) v.set(a.id, a.verdict);
  for (const t of answer.tools) v.set(t.id, t.verdict);
  if (answer.unknownTool) v.set(UNKNOWN_TOOL_ID, 'unknown');
  return v;
}

/** What a claim that names no tool is about: the answer's tools, or its unknown tool. */
function subjectOf(answer: Answer): string[] {
  const ids = answer.tools.map((t) => t.id);
  if (answer.unknownTool || answer.verdict === 'unknown') ids.push(UNKNOWN_TOOL_ID);
  return ids;
}

interface Claim {
  kind: 'allow' | 'deny' | 'unrestricted';
  start: number;
  end: number;
  text: string;
  /** Words inside a modal phrase ("darf ... nicht genutzt"), which can negate it too. */
  inner: string;
}

function claimsIn(sentence: string): Claim[] {
  const claims: Claim[] = [];
  const collect = (re: RegExp, kind: Claim['kind']) => {
    for (const m of sentence.matchAll(re)) {
      const words = m[0].split(/\s+/);
      claims.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0], inner: ` ${words.slice(1, -1).join(' ')}` });
    }
  };
  collect(ALLOW, 'allow');
  collect(DENY, 'deny');
  collect(UNRESTRICTED, 'unrestricted');
  return claims;
}

/** Up to `words` words before `index`, stopping at a clause break. */
function lookback(sentence: string, index: number, words: number): string {
  const clause = bounds(sentence, index, index, WEAK_BREAK);
  const before = sentence.slice(clause.start, index).trim().split(/\s+/).filter(Boolean);
  return ` ${before.slice(-words).join(' ')} `;
}

/** The span around [start, end) up to the nearest break on each side. */
function bounds(sentence: string, start: number, end: number, breaks: RegExp): { start: number; end: number } {
  let from = 0;
  let to = sentence.length;
  for (const b of sentence.matchAll(breaks)) {
    const bEnd = b.index + b[0].length;
    if (bEnd <= start) from = Math.max(from, bEnd);
    else if (b.index >= end) to = Math.min(to, b.index);
  }
  return { start: from, end: to };
}

/** Sentences: a break is ".", "!", "?" or ";" before white space, or a line break (so "zoom.us" and 22.09.2020 stay whole). */
function sentences(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  const push = (end: number) => {
    if (text.slice(start, end).trim()) out.push({ text: text.slice(start, end), start, end });
    start = end;
  };
  for (const b of text.matchAll(/[.!?;]+(?=\s|$)|\n+/g)) push(b.index + b[0].length);
  push(text.length);
  return out;
}

function afterInstead(text: string, m: ToolMention): boolean {
  return INSTEAD_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start));
}
