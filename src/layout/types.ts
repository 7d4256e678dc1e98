// The neutral answer layout: what an answer shows, in order, as typed sections. Every surface
// (plain text, Slack Block Kit, Teams Adaptive Card, web HTML, notifications) only renders these;
// none decides on its own what to show. All texts are plain (not escaped) in the answer's language.
import type { ToolVerdict, Verdict } from '../model/answer.js';
import type { StepState } from '../model/status.js';
import type { Language } from '../model/language.js';

/** One entry of a list: a text with optional link, date and verdict. */
export interface LayoutItem {
  text: string;
  url?: string;
  /** ISO date (for a <time> element) and its text in the answer's language. */
  date?: string;
  dateText?: string;
  verdict?: ToolVerdict;
  verdictLabel?: string;
}

export interface LayoutStep {
  label: string;
  state: StepState;
  stateLabel: string;
  date?: string;
  dateText?: string;
  note?: string;
}

export type NoteRole = 'truncated' | 'help' | 'unknown' | 'empty' | 'matched' | 'followUp' | 'model' | 'noRule' | 'confirm' | 'unexplained';

export type Section =
  /** The verdict: its words, and the line naming what it is about ("Zoom: Mit Auflagen freigegeben"). */
  | { kind: 'headline'; verdict: Verdict; label: string; title: string }
  /**
   * A sentence about the answer as a whole (help, what matched, what was taken over). `prominent`:
   * shown as body text (help, unknown tool, empty category); the others stand small under the verdict.
   */
  | { kind: 'note'; role: NoteRole; text: string; warning: boolean; prominent: boolean }
  /** What was taken into account and why: each context and the words that stated it. */
  | { kind: 'considered'; label: string; items: { label: string; words: string[]; text: string }[] }
  /** The optional LLM explanation. */
  | { kind: 'explanation'; label: string; text: string; note: string }
  | { kind: 'list'; role: 'conditions' | 'restrictions' | 'reasons' | 'alternatives' | 'sources' | 'questions'; label: string; items: LayoutItem[] }
  | { kind: 'steps'; label: string; items: LayoutStep[] }
  /** A labelled line: summary (no label), decision, decision expected, as-of date. */
  | { kind: 'fact'; role: 'summary' | 'decision' | 'decisionExpected' | 'updated'; label: string; text: string; source?: LayoutItem; sourceLabel?: string }
  | { kind: 'warning'; role: 'stale'; text: string }
  | { kind: 'contact'; label: string; text: string; email?: string; url?: string }
  /** One tool; `brief` in an overview of a category (verdict, conditions or reasons, warnings only). */
  | { kind: 'tool'; id: string; name: string; vendor?: string; verdict: ToolVerdict; verdictLabel: string; statusLabel: string; own: boolean; brief: boolean; sections: Section[] }
  /** Tools an overview leaves out: their count, and the sentence saying so. */
  | { kind: 'more'; count: number; text: string };

/**
 * What a reader can do with an answer: each surface shows these as its own buttons (or links), and
 * the chat turn (src/chat/turn.ts) decodes a pressed one. No surface adds or drops one on its own.
 */
export type LayoutAction =
  /** "Notify me of changes" of one tool. */
  | { kind: 'notify'; toolId: string; toolName: string; label: string }
  /** "Helpful / not helpful": the verdict and tool ids ride along (never the question). */
  | { kind: 'feedback'; verdict: Verdict; toolIds: string[]; helpful: string; notHelpful: string }
  /**
   * Ask for an assessment of a tool the catalogue does not know (`request`), or join the waiting
   * list of a tool in assessment (`waitlist`). With `value` the surface shows a button that opens
   * the request form (src/requests/form.ts decodes it); with only `url`, a link to the
   * organisation's request form (a server without a store).
   */
  | { kind: 'request'; mode: 'request' | 'waitlist'; label: string; toolName: string; value?: string; url?: string }
  /** A yes/no question back to the asker (verdict `confirm`): the pressed button is their typed reply. */
  | { kind: 'confirm'; yes: { label: string; reply: string }; no: { label: string; reply: string }; conversationKey?: string }
  /** A four-eyes proposal a second admin approves (under a command reply). */
  | { kind: 'approve'; proposalId: string; label: string; command: string };

export interface AnswerLayout {
  language: Language;
  verdict: Verdict;
  sections: Section[];
  /** The actions the answer offers, in the order shown. */
  actions: LayoutAction[];
}
