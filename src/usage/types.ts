// The usage report: what admins learn from use. Plain data (JSON as it is); texts in it are tool
// names, category labels and, only when STORE_QUESTIONS=true, the text of unclear questions.
import type { ToolVerdict, Verdict } from '../model/answer.js';
import type { Platform } from '../model/platform.js';
import type { Language } from '../model/language.js';

/** A list cut to the report's limit; `more` = how many entries were left off. */
export interface Ranked<T> {
  items: T[];
  more: number;
}

export interface ToolUsage {
  id: string;
  /** Name as last answered (replaced by the knowledge base's name when the report is formatted with it). */
  name: string;
  /** Answers that named this tool. */
  answers: number;
  verdicts: Record<ToolVerdict, number>;
  helpful: number;
  notHelpful: number;
}

export interface CategoryUsage {
  id: string;
  name: string;
  /** Answers that listed this category ("Which video tools are approved?"). */
  answers: number;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

export interface UnknownToolUsage {
  /** Display form of the name (case-insensitive names are counted together). */
  name: string;
  /** Questions about it within the retention period, each client counted once a day. */
  count: number;
  /** ISO time of the last question about it. */
  lastAsked: string;
}

export interface UnexplainedWordUsage {
  /** As written (a capitalised form wins): an ordinary dictionary word, never a name or number. */
  word: string;
  /** The dictionary it is from: a synonym filed for it goes under this language. */
  language: Language;
  /** Questions that used it within the retention period, each client counted once a day. */
  count: number;
  /** ISO time of the last question that used it. */
  lastAsked: string;
}

export interface UnclearQuestion {
  text: string;
  count: number;
  lastAsked: string;
}

export interface UsageReport {
  generatedAt: string;
  /** When the first answer was recorded (ISO), null before any. */
  since: string | null;
  storeQuestions: boolean;
  retentionDays: number;
  answers: {
    total: number;
    byVerdict: Record<Verdict, number>;
    byPlatform: Record<Platform, number>;
  };
  /** Most asked first. */
  tools: Ranked<ToolUsage>;
  /** Category overviews, most asked first. */
  categories: Ranked<CategoryUsage>;
  feedback: FeedbackCounts & {
    byVerdict: Record<Verdict, FeedbackCounts>;
    /** Tools with at least one "not helpful", most first. */
    notHelpfulTools: Ranked<ToolUsage>;
  };
  gaps: {
    /** Tools staff asked about that are not in the catalog, most asked first. */
    unknownTools: Ranked<UnknownToolUsage>;
    /** Questions about further unknown names once the list was full (see MAX_UNKNOWN_NAMES). */
    unknownToolsNotListed: number;
    /** Questions whose unknown name was not kept because it could be personal data (an address, a person's name). */
    unknownToolsNotRecorded: number;
    /**
     * Words the engine could not place (no tool, category, context or neutral word), most used first:
     * candidates for a context's synonyms (`admin context add <context> <word>`).
     */
    unexplainedWords: Ranked<UnexplainedWordUsage>;
    /** Questions with further unexplained words once the list was full. */
    unexplainedWordsNotListed: number;
    unclear: {
      /** Every unclear answer ever recorded. */
      count: number;
      /** Texts within the retention period, most asked first; empty unless STORE_QUESTIONS=true. */
      questions: Ranked<UnclearQuestion>;
    };
  };
}
