// Writing the catalogue as a spreadsheet: CSV (RFC 4180, UTF-8 with a byte order mark so Excel
// reads umlauts) or an XLSX workbook (header row, frozen panes, column widths, and a second sheet
// with the knowledge base's contexts and categories).
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { localize, type KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';
import { COLUMNS, toolRow } from './columns.js';

/** Header and one row per tool, sorted by id. */
export function catalogueRows(kb: KnowledgeBase): string[][] {
  const tools = [...kb.tools.values()].sort((a, b) => a.id.localeCompare(b.id));
  return [[...COLUMNS], ...tools.map(toolRow)];
}

export function catalogueCsv(kb: KnowledgeBase): string {
  return stringify(catalogueRows(kb), { bom: true, record_delimiter: 'windows' });
}

const MAX_WIDTH = 60;

export async function catalogueXlsx(kb: KnowledgeBase, lang: Language): Promise<Buffer> {
  const s = phrases(lang).sheets;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'compliance-bot';
  const tools = workbook.addWorksheet(s.toolsSheet, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const rows = catalogueRows(kb);
  tools.addRows(rows);
  tools.getRow(1).font = { bold: true };
  tools.columns.forEach((column, i) => {
    const longest = Math.max(...rows.map((r) => Math.max(...(r[i] ?? '').split('\n').map((l) => l.length))));
    column.width = Math.min(MAX_WIDTH, Math.max(8, longest + 2));
    column.alignment = { vertical: 'top', wrapText: longest > MAX_WIDTH || rows.some((r) => (r[i] ?? '').includes('\n')) };
  });
  tools.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

  const vocabulary = workbook.addWorksheet(s.vocabularySheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const h = s.vocabularyHeader;
  vocabulary.addRow([h.kind, h.id, `${h.label} (de)`, `${h.label} (en)`]);
  vocabulary.getRow(1).font = { bold: true };
  for (const [kind, items] of [[s.context, kb.contexts], [s.category, kb.categories]] as const) {
    for (const item of [...items.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      vocabulary.addRow([kind, item.id, localize(item.label, 'de'), localize(item.label, 'en')]);
    }
  }
  vocabulary.columns.forEach((column, i) => (column.width = [12, 28, 40, 40][i] ?? 20));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
