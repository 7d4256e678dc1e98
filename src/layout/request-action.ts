// What a "Request an assessment" / "I need this too" button carries: the layout puts it on the
// action, the turn decodes it (src/requests/form.ts builds the form from it).
import type { Language } from '../model/language.js';

/** Longest tool name a request keeps (the form and the service agree: src/requests/limits.ts). */
export const MAX_NAME_LENGTH = 100;

export type RequestMode = 'request' | 'waitlist';

/** What a request button carries: which form, for which name, in which language. */
export interface RequestActionValue {
  mode: RequestMode;
  toolName: string;
  language: Language;
}

/** The button's payload: short JSON (Slack allows 2,000 characters in a button value). */
export function encodeRequestAction(v: RequestActionValue): string {
  return JSON.stringify({ m: v.mode === 'waitlist' ? 'w' : 'r', n: v.toolName.slice(0, MAX_NAME_LENGTH), l: v.language });
}

/** The payload back, or null when it is not one of ours (a forged or old button). */
export function decodeRequestAction(text: string | undefined): RequestActionValue | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { m?: unknown; n?: unknown; l?: unknown };
    if ((raw.m !== 'r' && raw.m !== 'w') || typeof raw.n !== 'string' || (raw.l !== 'de' && raw.l !== 'en')) return null;
    return { mode: raw.m === 'w' ? 'waitlist' : 'request', toolName: raw.n.slice(0, MAX_NAME_LENGTH), language: raw.l };
  } catch {
    return null;
  }
}
