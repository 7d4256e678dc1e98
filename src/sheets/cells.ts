// How a value of a tool file is written into a spreadsheet cell and read back from one
// (docs/spreadsheets.md): lists joined with "; ", localised texts one column per language, lists of
// objects (restriction texts, sources) one per line. A reader that does not understand a cell
// throws a CellProblem naming the value and what would be accepted.
import type { SheetIssueReason } from '../phrases/sheets-types.js';
import { isIsoDate, QUARTER, type LocalizedText } from '../kb/schema.js';

/** A cell holding only this clears its field. */
export const CLEAR_MARKER = '-';
export const LIST_SEPARATOR = '; ';

export class CellProblem extends Error {
  constructor(
    readonly reason: SheetIssueReason,
    readonly value: string,
    readonly expected?: string,
  ) {
    super(`${reason}: ${value}`);
    this.name = 'CellProblem';
  }
}

/** A cell as compared and parsed: line breaks unified, outer white space trimmed. */
export function cellText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

export function joinList(items: readonly string[] | undefined): string {
  return (items ?? []).join(LIST_SEPARATOR);
}

/** "a; b;c" → ["a", "b", "c"]; an empty cell → undefined (no list). */
export function splitList(cell: string): string[] | undefined {
  const items = cell
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

/** One cell per language: a text the same in both languages fills both. */
export function localizedCells(text: LocalizedText | undefined): [string, string] {
  if (text === undefined) return ['', ''];
  if (typeof text === 'string') return [text, text];
  return [text.de ?? '', text.en ?? ''];
}

/** Back from one cell per language: the same text in both → one text; none → undefined. */
export function localizedValue(de: string, en: string): LocalizedText | undefined {
  if (de === '' && en === '') return undefined;
  if (de === en) return de;
  return { ...(de !== '' ? { de } : {}), ...(en !== '' ? { en } : {}) };
}

/** A date as YYYY-MM-DD; a German spreadsheet's 26.03.2021 is read too. */
export function parseDate(cell: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cell);
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : cell;
  if (!isIsoDate(iso)) throw new CellProblem('bad_date', cell);
  return iso;
}

/** decision_expected: "2021-Q3", "2021-10-01", "not_before: 2021-Q3", "de: …" / "en: …" lines, or free text. */
export function decisionExpectedCell(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const v = value as { not_before?: string; de?: string; en?: string };
  if (v.not_before !== undefined) return `not_before: ${v.not_before}`;
  return [v.de !== undefined ? `de: ${v.de}` : null, v.en !== undefined ? `en: ${v.en}` : null].filter((l) => l !== null).join('\n');
}

export function parseDecisionExpected(cell: string): unknown {
  const notBefore = /^not_before:\s*(\S+)$/i.exec(cell);
  if (notBefore) {
    const when = notBefore[1] as string;
    if (!isIsoDate(when) && !QUARTER.test(when)) throw new CellProblem('bad_when', when);
    return { not_before: when };
  }
  const lines = cell.split('\n');
  const byLanguage = lines.map((l) => /^(de|en):\s*(.+)$/.exec(l));
  if (byLanguage.every((m) => m !== null)) {
    const text: Record<string, string> = {};
    for (const m of byLanguage) text[m![1] as string] = (m![2] as string).trim();
    return text;
  }
  return cell;
}

interface SourceValue {
  title: string;
  date?: string;
  url?: string;
}

/** One source per line: `title | YYYY-MM-DD | https://…`, date and link optional. */
export function sourcesCell(sources: readonly SourceValue[] | undefined): string {
  return (sources ?? []).map((s) => [s.title, s.date, s.url].filter((p) => p !== undefined).join(' | ')).join('\n');
}

export function parseSources(cell: string): SourceValue[] | undefined {
  const out: SourceValue[] = [];
  for (const line of cell.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
    const [title, ...rest] = line.split(/\s+\|\s+/).map((p) => p.trim());
    if (!title) throw new CellProblem('bad_source', line);
    const source: SourceValue = { title };
    for (const part of rest) {
      if (source.date === undefined && /^\d/.test(part)) source.date = parseDate(part);
      else if (source.url === undefined && /^https?:\/\/\S+$/.test(part)) source.url = part;
      else throw new CellProblem('bad_source', line);
    }
    out.push(source);
  }
  return out.length > 0 ? out : undefined;
}
