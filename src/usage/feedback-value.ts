// What a "helpful / not helpful" button carries, so every adapter builds and reads it the same way:
// a short JSON text (Slack button values hold at most 2000 characters) with an id of the answer
// message, the tool ids and the verdict, and nothing about who asked or what.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { VERDICTS, type Answer } from '../model/answer.js';
import type { Platform } from '../model/platform.js';
import type { FeedbackInput } from './recorder.js';

/** At most this many tool ids go into a button (a long overview would not fit in Slack's 2000 characters). */
export const MAX_BUTTON_TOOLS = 20;

const ButtonValue = z.strictObject({
  a: z.string().min(1).max(64),
  t: z.array(z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/)).max(MAX_BUTTON_TOOLS),
  v: z.enum(VERDICTS),
  h: z.union([z.literal(0), z.literal(1)]),
});

export interface FeedbackButtonValues {
  helpful: string;
  notHelpful: string;
}

/** The values of the two buttons under `answer`; both carry the same answer id, so a changed vote moves instead of adding. */
export function feedbackButtonValues(answer: Answer, answerId: string = randomUUID()): FeedbackButtonValues {
  const base = { a: answerId.slice(0, 64), t: answer.tools.slice(0, MAX_BUTTON_TOOLS).map((t) => t.id), v: answer.verdict };
  return { helpful: JSON.stringify({ ...base, h: 1 }), notHelpful: JSON.stringify({ ...base, h: 0 }) };
}

/** Reads a button value back; null when it is not one of ours (a forged or outdated button). */
export function parseFeedbackButtonValue(raw: unknown, platform: Platform): FeedbackInput | null {
  if (typeof raw !== 'string' || raw.length > 4000) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = ButtonValue.safeParse(json);
  if (!parsed.success) return null;
  const { a, t, v, h } = parsed.data;
  return { answerId: a, toolIds: t, verdict: v, helpful: h === 1, platform };
}
