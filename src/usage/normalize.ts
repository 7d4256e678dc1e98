// How names and question texts are compared and stored: case-insensitive, whitespace collapsed,
// control characters removed, length capped (a stored value never grows without bound).

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g; // eslint-disable-line no-control-regex

/** Longest unknown-tool name kept (the engine's names are a few words). */
export const MAX_NAME_LENGTH = 100;
/** Longest question text kept (the engine itself reads only the first 1000 characters). */
export const MAX_QUESTION_LENGTH = 1000;

/** Display form: trimmed, one space between words, capped. */
export function cleanText(text: string, max: number): string {
  return text.normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/** The key two spellings share when they differ only in case or spacing ("Quackmail", " QUACKMAIL "). */
export function comparisonKey(display: string): string {
  return display.toLocaleLowerCase('de');
}

/** Prefer a form with capitals over an all-lower-case one ("Quackmail" over "quackmail"). */
export function betterDisplay(current: string, candidate: string): string {
  const hasCapital = (s: string) => s !== s.toLocaleLowerCase('de');
  return !hasCapital(current) && hasCapital(candidate) ? candidate : current;
}

export const DAY_MS = 86_400_000;

/** UTC calendar day of `ms`, e.g. "2025-03-26". */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start of UTC day `day` in ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}
