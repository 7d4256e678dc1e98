// Tools a message names as background, not as what it asks about: a tool named only in a sentence that
// states something while another sentence asks ("Wir nutzen Moodle für die Kurse. Darf ich Padlet
// einbinden?"), or in a clause opened by its subject before the asking clause ("Ich habe die Folien in
// Moodle, darf ich sie mit DeepL übersetzen?"). Answered beside the tool asked about, an approved
// background tool would read as approval of what was asked; understand.ts leaves it out only when a
// tool is asked about, as it does a replaced one.
import type { Token } from '../text/normalize.js';
import { ALLOWED_WORDS, MODALS, REASON_CONJUNCTIONS, REASON_CONJUNCTIONS_CLAUSE_START, SUBJECTS } from './words.js';

interface Part {
  from: number;
  to: number;
}

/** The sentence boundaries of the question: a full stop, "!", "?" or a line break between two tokens. */
function sentences(question: string, tokens: readonly Token[]): Part[] {
  const out: Part[] = [];
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    const prev = tokens[i - 1] as Token;
    const gap = i < tokens.length ? question.slice(prev.start + prev.raw.length, (tokens[i] as Token).start) : '';
    if (i === tokens.length || /[.!?\n]/.test(gap)) {
      out.push({ from, to: i });
      from = i;
    }
  }
  return out;
}

/** The part asks: a question mark after it, or a cue of asking in its words. */
function asks(question: string, tokens: readonly Token[], p: Part): boolean {
  const last = tokens[p.to - 1] as Token;
  return question.slice(last.start + last.raw.length).trimStart().startsWith('?') || hasAskingCue(tokens, p);
}

/** A modal beside its subject ("darf ich", "can we", "wir dürfen") or a word of approval ("erlaubt", "ok"). */
function hasAskingCue(tokens: readonly Token[], p: Part): boolean {
  for (let k = p.from; k < p.to; k++) {
    const w = (tokens[k] as Token).norm;
    const next = k + 1 < p.to ? (tokens[k + 1] as Token).norm : '';
    if ((MODALS.has(w) && SUBJECTS.has(next)) || (SUBJECTS.has(w) && MODALS.has(next)) || ALLOWED_WORDS.has(w)) return true;
  }
  return false;
}

/** The clauses of a part (split at commas and other clause breaks). */
function clauses(tokens: readonly Token[], p: Part): Part[] {
  const out: Part[] = [];
  let from = p.from;
  for (let k = p.from + 1; k <= p.to; k++) {
    if (k === p.to || (tokens[k] as Token).breakBefore) {
      out.push({ from, to: k });
      from = k;
    }
  }
  return out;
}

/** For each token, whether it stands in background: a stating sentence, or a stating clause opened by its subject. */
export function backgroundAt(question: string, tokens: readonly Token[]): boolean[] {
  const out = new Array<boolean>(tokens.length).fill(false);
  const parts = sentences(question, tokens);
  const asking = parts.map((p) => asks(question, tokens, p));
  if (!asking.some(Boolean)) return out;
  parts.forEach((p, n) => {
    if (!asking[n]) {
      for (let k = p.from; k < p.to; k++) out[k] = true;
      return;
    }
    // In the asking sentence: clauses before the one that asks that open with their subject state.
    const cs = clauses(tokens, p);
    const first = cs.findIndex((c) => hasAskingCue(tokens, c));
    for (const c of cs.slice(0, Math.max(0, first))) {
      if (SUBJECTS.has((tokens[c.from] as Token).norm)) for (let k = c.from; k < c.to; k++) out[k] = true;
    }
    for (const r of reasonSpans(tokens, p)) for (let k = r.from; k < r.to; k++) out[k] = true;
  });
  return out;
}

/**
 * The spans of a part that give a reason, from their conjunction to the end of its clause ("because
 * Slack is down", "weil Threema gerade nicht geht"), where the rest of the part asks: a tool named
 * there is why another is asked about.
 */
function reasonSpans(tokens: readonly Token[], p: Part): Part[] {
  const out: Part[] = [];
  for (let k = p.from; k < p.to; k++) {
    const t = tokens[k] as Token;
    const clauseStart = k === p.from || t.breakBefore;
    if (!REASON_CONJUNCTIONS.has(t.norm) && !(clauseStart && REASON_CONJUNCTIONS_CLAUSE_START.has(t.norm))) continue;
    let end = k + 1;
    while (end < p.to && !(tokens[end] as Token).breakBefore) end++;
    const span = { from: k, to: end };
    const rest = [{ from: p.from, to: k }, { from: end, to: p.to }].filter((r) => r.to > r.from);
    if (!hasAskingCue(tokens, span) && rest.some((r) => hasAskingCue(tokens, r))) out.push(span);
    k = end - 1;
  }
  return out;
}
