// What the phrase-book tests share: the shape of a phrase book, its fragments, and the phrases of one
// language that the other never uses ("tells"), to find one language leaking into the other.
import { ASSESSMENT_STEPS, STEP_STATES, TOOL_STATUSES } from '../../src/model/status.js';
import { type Language } from '../../src/model/language.js';
import { PHRASES } from '../../src/phrases/index.js';

/** Every key path of a phrase book, with the kind of value (string, or function and its arity). */
export function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path} fn/${value.length}`];
  if (typeof value === 'string') return [`${path} string`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [`${path} ${typeof value}`];
}

/** The words of every phrase: strings as they are, functions called with a placeholder and split there. */
export function fragments(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => `\u0001${i}\u0001`);
    // Numbers for the counting phrases: a placeholder number keeps the text around it.
    const out = String((value as (...a: unknown[]) => unknown)(...args.map((a) => a)));
    return out.split(/\u0001\d\u0001/);
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap(fragments);
  return [];
}

/** Phrases of `lang` that the other language does not use: long enough to be a tell. */
export function tells(lang: Language): string[] {
  const other = new Set(fragments(PHRASES[lang === 'de' ? 'en' : 'de']).map((f) => f.trim()));
  const own = fragments(PHRASES[lang]).map((f) => f.replace(/^[\s:;,.()„“"…–-]+|[\s:;,.()„“"…–-]+$/g, ''));
  return [...new Set(own)].filter((f) => !other.has(f) && (f.length >= 8 || (f.includes(' ') && f.length >= 6)));
}

export const FUNCTION_WORDS: Record<Language, RegExp> = {
  en: /\b(the|and|is|not|with|of|for|may|you|your|this)\b/i,
  de: /\b(der|die|das|und|nicht|mit|für|ist|Sie|Ihre|dem)\b/,
};

/** The tells of `other` found in `text`, and the first function word of `other` outside links. */
export function leaks(text: string, other: Language): { tells: string[]; word: string | undefined } {
  const found = tells(other).filter((f) => text.includes(f));
  const word = FUNCTION_WORDS[other].exec(text.replace(/https?:\/\/\S+/g, ''))?.[0];
  return { tells: found, word };
}

// A problem in a knowledge file, as formatIssue/formatWarning show it: `tools/zoom.yaml:3:9: status: …`
// or `tools/zoom.yaml (summary): warning: …`, in a bullet list or not.
const ISSUE_LINE = /^(?:• )?[\w/<>.-]+\.ya?ml(?::\d+)*(?::| \([\w.]+\):)/;
const LOCATION = /^(?:• )?[\w/<>.-]+\.ya?ml(?::\d+)*(?::(?: [\w.[\]]+:(?= ))?| \([\w.]+\):)/;
const FORMAT_VALUES = new RegExp(`\\b(?:${[...TOOL_STATUSES, ...STEP_STATES, ...ASSESSMENT_STEPS].join('|')})\\b`, 'g');

/**
 * `text` without what is written the same in both languages, as in the knowledge files: file names,
 * the location and field path before an issue (the YAML keys), ids (`special_categories`,
 * `not-with-vulnerable-persons`) and, in an issue, the values of the format (`status: prohibited`).
 */
export function withoutKnowledgeFormat(text: string): string {
  return text
    .split('\n')
    .map((line) => (ISSUE_LINE.test(line) ? line.replace(LOCATION, '').replace(FORMAT_VALUES, '') : line))
    .join('\n')
    .replace(/[\w/<>.-]+\.ya?ml\b|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b/g, '');
}
