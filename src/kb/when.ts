// decision_expected in words: "nicht vor dem 3. Quartal 2021" / "not before Q3 2021". Older free
// text is read when it is "not before <date or quarter>" (either language) and shown as is otherwise.
import { localize } from './model.js';
import { isIsoDate, QUARTER, type DecisionExpected } from './schema.js';
import { type Language } from '../model/language.js';
import { formatDate, phrases } from '../phrases/index.js';

const LEGACY_NOT_BEFORE = /^(?:not before|nicht vor(?: dem)?)\s+(\S+)$/i;

/** The structured form of a free-text value, or null when the text is not one the bot can read. */
export function parseLegacyDecisionExpected(text: string): { not_before: string } | string | null {
  const t = text.trim();
  if (isIsoDate(t) || QUARTER.test(t)) return t;
  const m = LEGACY_NOT_BEFORE.exec(t);
  if (m && (isIsoDate(m[1] as string) || QUARTER.test(m[1] as string))) return { not_before: m[1] as string };
  return null;
}

function point(value: string, lang: Language): { quarter: boolean; text: string } {
  const q = QUARTER.exec(value);
  if (q) return { quarter: true, text: phrases(lang).when.quarter(Number(q[2]), Number(q[1])) };
  return { quarter: false, text: formatDate(value, lang) };
}

export function decisionExpectedText(value: DecisionExpected, lang: Language): string {
  const w = phrases(lang).when;
  let v: DecisionExpected | { not_before: string } = value;
  if (typeof v === 'string') v = parseLegacyDecisionExpected(v) ?? v;
  if (typeof v === 'string') {
    if (!isIsoDate(v) && !QUARTER.test(v)) return v;
    const p = point(v, lang);
    return p.quarter ? w.inQuarter(p.text) : w.onDate(p.text);
  }
  if ('not_before' in v) {
    const p = point(v.not_before, lang);
    return p.quarter ? w.notBefore(p.text) : w.notBeforeDate(p.text);
  }
  return localize(v, lang);
}
