// Reading a catalogue spreadsheet, CSV or XLSX, recognised by its content (not its name): an XLSX
// file is a zip archive; anything else must be UTF-8 text, read as CSV (RFC 4180) with the
// delimiter its header row uses (Excel writes ";" where the comma is the decimal sign).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SheetImportError } from '../errors.js';

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // the old .xls format

const notASheet = (detail: string): SheetImportError => new SheetImportError([{ row: null, column: null, value: null, reason: 'not_a_sheet', expected: detail }]);

export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.subarray(0, 4).equals(ZIP)) return readXlsx(bytes);
  if (bytes.subarray(0, 4).equals(OLE)) throw notASheet('.xls (Excel 97-2003): save it as .xlsx or CSV');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notASheet('not UTF-8 (save the CSV as "CSV UTF-8")');
  }
  return readCsv(text);
}

function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function readCsv(text: string): Sheet {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    throw notASheet((err as Error).message.split('\n')[0] ?? '');
  }
  const [header, ...rest] = records;
  if (!header) throw new SheetImportError([{ row: null, column: null, value: null, reason: 'no_rows' }]);
  return { header, rows: rest.map((cells, i) => ({ row: i + 2, cells })) };
}

/** A cell's value as text: dates as YYYY-MM-DD, rich text and formula results as their text. */
function cellValue(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw notASheet((err as Error).message);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new SheetImportError([{ row: null, column: null, value: null, reason: 'no_rows' }]);
  const width = sheet.columnCount;
  const rowCells = (n: number): string[] => {
    const row = sheet.getRow(n);
    return Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
  };
  const rows: SheetRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push({ row: n, cells: rowCells(n) });
  return { header: rowCells(1), rows };
}
