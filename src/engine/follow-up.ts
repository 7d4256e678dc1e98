// Follow-ups: "und mit Bürgern?", "what about a confidential call?", "und Jitsi?" take over the tool
// or the situation of the previous question in the same conversation. The rules live here; the
// engine calls applyFollowUp once per question.
import type { FollowUpAssumption } from '../answer.js';
import type { Understanding } from './understand.js';

/** What the previous question of a conversation was about (kept in memory for a few minutes). */
export interface PreviousQuestion {
  toolIds: string[];
  contexts: string[];
  category: string | null;
}

export interface FollowedUp {
  understanding: Understanding;
  assumed: FollowUpAssumption | null;
}

/** Placeholder: takes nothing over yet (filled in by the follow-up work of issue 10). */
export function applyFollowUp(u: Understanding, _question: string, _previous: PreviousQuestion | undefined): FollowedUp {
  return { understanding: u, assumed: null };
}
