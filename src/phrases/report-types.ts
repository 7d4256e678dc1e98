// The usage report's section of the phrase book (src/usage/report.ts). Verdict words come from the
// shared `verdict` section; dates arrive already written the language's way (formatDate).
import type { Platform } from '../model/platform.js';

export interface ReportPhrases {
  title: string;
  /** "Stand 26.03.2025, 14:05 UTC": the date as the language writes it, the time as HH:MM. */
  asOf: (date: string, time: string) => string;
  since: (date: string) => string;
  nothingYet: string;
  answers: string;
  platform: Record<Platform, string>;
  perTool: string;
  categories: string;
  feedback: (helpful: number, notHelpful: number) => string;
  notHelpfulPerTool: string;
  notHelpfulLine: (notHelpful: number, helpful: number) => string;
  gapQueue: string;
  unknownTools: string;
  unknownNotListed: (n: number) => string;
  unknownNotRecorded: (n: number) => string;
  unknownRetention: (days: number) => string;
  /** "Nicht eingeordnet: Impfschaden 3×, Kirchenaustritt 2×": words the engine could not place, with how often. */
  unexplainedWords: (list: string) => string;
  /** No unexplained word within the retention period. */
  unexplainedNone: string;
  unexplainedMore: (n: number) => string;
  unexplainedNotListed: (n: number) => string;
  /** How a word is filed, and how long words are kept. */
  unexplainedHint: (days: number) => string;
  lastAsked: (date: string) => string;
  unclear: (n: number) => string;
  times: (n: number) => string;
  notStored: string;
  noneStored: (days: number) => string;
  retention: (days: number) => string;
  more: (n: number) => string;
  none: string;
}
