// The Answer: a neutral value the engine returns and every adapter renders its own way (Block Kit,
// Adaptive Card, HTML, plain text). All texts in it are already in the answer's language.
import type { AssessmentStep, StepState, ToolStatus } from './status.js';
import type { Language } from './language.js';

export const VERDICTS = ['allowed', 'conditional', 'confirm', 'not_allowed', 'pending', 'unknown', 'unclear', 'list'] as const;
export type Verdict = (typeof VERDICTS)[number];
/**
 * The verdict on one catalogued tool. `confirm`: a restricted tool that would be conditional, but the
 * question has words the engine could not account for and a forbidden situation is not ruled out:
 * it asks before it approves (issue 18). Never an approval.
 */
export type ToolVerdict = 'allowed' | 'conditional' | 'confirm' | 'not_allowed' | 'pending';

export interface AnswerSource {
  title: string;
  date: string | null;
  url?: string;
}

export interface AnswerStep {
  step: AssessmentStep;
  /** Human name of the step, e.g. "Datenschutz-Folgenabschätzung". */
  label: string;
  state: StepState;
  stateLabel: string;
  date?: string;
  note?: string;
}

export interface AnswerAlternative {
  id: string;
  name: string;
  verdict: ToolVerdict;
}

export interface AnswerTool {
  id: string;
  name: string;
  status: ToolStatus;
  verdict: ToolVerdict;
  /** Restrictions that apply (verdict conditional). */
  conditions: string[];
  /** Why the tool is not allowed or not yet decided (violated restriction, prohibition, pending). */
  reasons: string[];
  vendor?: string;
  category: string | null;
  summary?: string;
  assessment: AnswerStep[];
  decisionExpected?: string;
  /** Allowed or conditional alternatives for the stated contexts (only when this tool is not allowed). */
  alternatives: AnswerAlternative[];
  sources: AnswerSource[];
  updated: string;
  reviewDue?: string;
  /** review_due has passed: the entry may be outdated. */
  reviewOverdue: boolean;
  /** The decision behind the current status (an admin's note and source), shown first. */
  decision?: { text: string; date?: string; source?: AnswerSource };
  /** The name or alias the question used when it is not the entry's name ("Teams" for Microsoft 365). */
  matchedAs?: string;
  /** Labels of stated contexts that no restriction of this (restricted) tool speaks of. */
  unruledContexts?: string[];
  /** Verdict confirm: what it asks about and what each answer leads to. */
  confirm?: ConfirmQuestion;
}

/** The yes/no question of a `confirm` verdict: one forbidden situation per entry, and what each answer leads to. */
export interface ConfirmQuestion {
  /** The forbidden situations not ruled out: context id and its label in the answer's language. */
  contexts: { id: string; label: string }[];
  /** "Wenn ja": the tool is not allowed in them; these are allowed instead. */
  ifYes: { verdict: 'not_allowed'; alternatives: AnswerAlternative[] };
  /** "Wenn nein": the tool is conditional, with these conditions. */
  ifNo: { verdict: 'conditional'; conditions: string[] };
}

/** Why a context counts: the words that stated it, or where else it came from (issue 10). */
export interface ContextEvidence {
  id: string;
  /** The context's label in the answer's language. */
  label: string;
  /** The words of the question that stated it, as written ("Schuldnerberatung"); empty when not from this question. */
  words: string[];
  /** 'question': read from this question; 'previous': taken over from the previous question of the conversation; 'model': added by the optional LLM. */
  source: 'question' | 'previous' | 'model';
}

/** What a follow-up question took over from the previous question in the same conversation. */
export interface FollowUpAssumption {
  /** Tools taken over ("und mit Bürgern?" after a question about Zoom). */
  toolIds: string[];
  toolNames: string[];
  /** Contexts taken over ("und Jitsi?" after "Zoom mit Bürgern?"). */
  contexts: string[];
  category: string | null;
}

export interface AnswerContact {
  text: string;
  url?: string;
  email?: string;
}

export interface Answer {
  question: string;
  language: Language;
  verdict: Verdict;
  tools: AnswerTool[];
  /** Context ids recognised in the question and not negated. */
  contexts: string[];
  category: string | null;
  unknownTool: string | null;
  /** The whole answer as plain text. */
  text: string;
  sources: AnswerSource[];
  /** The verdict in one line (first line of `text`). */
  headline: string;
  /** Labels of the recognised contexts, in the answer's language. */
  contextLabels: string[];
  categoryLabel: string | null;
  /** For an unknown tool: allowed tools of the category the question names (tools carry their own). */
  alternatives: AnswerAlternative[];
  /** Whom to ask: an assessment request for unknown tools, or the data-protection contact. */
  contact: AnswerContact | null;
  /** The question was cut to the first MAX_QUESTION_LENGTH characters. */
  truncated: boolean;
  /** Knowledge-base version the answer was computed from. */
  kbVersion: string;
  /** Why each context in `contexts` counts (optional: answers built by hand may leave it out). */
  evidence?: ContextEvidence[];
  /** Set when the question was read as a follow-up of the previous one. */
  assumed?: FollowUpAssumption | null;
  /** Tools of a category overview left out after the first MAX_LISTED (the headline counts them too). */
  moreTools?: number;
  /** Verdict confirm: the context ids it asks about (the forbidden situations not ruled out), in the knowledge base's order. */
  ask?: string[];
  /** Content words of the question the engine could not account for (no tool, category, context or neutral word), as written. */
  unexplained?: string[];
}

/** The answer as the CLI contract's JSON object (issue 2): exactly these fields. */
export interface AnswerJson {
  question: string;
  language: Language;
  verdict: Verdict;
  tools: { id: string; name: string; status: ToolStatus; verdict: ToolVerdict; conditions: string[]; reasons: string[] }[];
  contexts: string[];
  category: string | null;
  unknownTool: string | null;
  text: string;
  sources: AnswerSource[];
  /** Optional (documented in the README): why each context counts. */
  evidence?: ContextEvidence[];
  /** Optional: what a follow-up took over from the previous question. */
  assumed?: FollowUpAssumption;
  /** Verdict confirm (also a confirm tool in a list): the context ids asked about. */
  ask?: string[];
  /** Content words no tool, category, context or neutral word accounts for, as written. */
  unexplained?: string[];
}
