// kb import in-process, on real files and the real admin service (audit and proposals in memory):
// four eyes turn a row that changes a status into a proposal that another admin approves, one audit
// record per tool, change notices through onApplied, the clear marker, a German Excel CSV (";",
// German status words, 26.03.2021 dates), an XLSX whose restriction texts were edited, and the
// problems that refuse a whole file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, beforeEach, describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { createAdminService, type AdminActor, type AdminApplied, type AdminService } from '../src/admin/service.js';
import { SheetImportError } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { importSheet } from '../src/sheets/import.js';
import { catalogueRows, catalogueXlsx } from '../src/sheets/write.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { MemoryAuditLog, MemoryProposalStore } from './helpers/admin-memory-storage.js';

const ANNA: AdminActor = { id: 'cli:anna', name: 'anna', language: 'en', surface: 'cli' };
const BEN: AdminActor = { id: 'cli:ben', name: 'ben', language: 'en', surface: 'cli' };

let kb: KbCopy;
let base: KnowledgeBase;
let audit: MemoryAuditLog;
let proposals: MemoryProposalStore;
let applied: AdminApplied[];

function service(fourEyes: boolean): AdminService {
  return createAdminService({
    kbDir: kb.dir,
    admins: [ANNA.id, BEN.id],
    audit,
    proposals,
    fourEyes,
    proposalTtlMs: 3_600_000,
    onApplied: (a) => void applied.push(a),
  });
}

/** The exported rows with `edit` applied to copies, as CSV bytes. */
function csvOf(edit: (rows: string[][], col: (name: string) => number) => void, options: { delimiter?: string } = {}): Buffer {
  const rows = catalogueRows(base).map((r) => [...r]);
  const header = rows[0]!;
  edit(rows, (name) => header.indexOf(name));
  return Buffer.from(stringify(rows, { bom: true, ...(options.delimiter ? { delimiter: options.delimiter } : {}) }));
}

const rowOf = (rows: string[][], id: string): string[] => rows.find((r) => r[0] === id)!;

async function refused(bytes: Buffer): Promise<SheetImportError> {
  const files = await Promise.all(['zoom', 'microsoft-365', 'zoom-licensed'].map((id) => readFile(kb.tool(id), 'utf8')));
  const records = audit.entries.length;
  let caught: unknown;
  await importSheet(bytes, { kbDir: kb.dir, lang: 'en', note: 'x', dryRun: false, service: service(false), actor: ANNA }).catch((err) => {
    caught = err;
  });
  assert.ok(caught instanceof SheetImportError, `refused, got ${String(caught)}`);
  assert.equal(caught.code, 'SHEET_INVALID');
  const now = await Promise.all(['zoom', 'microsoft-365', 'zoom-licensed'].map((id) => readFile(kb.tool(id), 'utf8')));
  assert.deepEqual(now, files, 'nothing written');
  assert.equal(audit.entries.length, records, 'nothing audited');
  return caught;
}

beforeEach(async () => {
  await kb?.cleanup();
  kb = await copyKnowledge();
  base = await loadKnowledgeBase(kb.dir);
  audit = new MemoryAuditLog();
  proposals = new MemoryProposalStore();
  applied = [];
});
after(async () => {
  await kb?.cleanup();
});

describe('kb import through the admin service', () => {
  it('under four eyes a loosening row and a new approved tool become proposals that another admin approves; a tightening row applies at once', async () => {
    const bytes = csvOf((rows, col) => {
      // Loosening (pending → approved), with a neutral change in the same row: the whole row waits.
      rowOf(rows, 'zoom-licensed')[col('status')] = 'approved';
      rowOf(rows, 'zoom-licensed')[col('vendor')] = 'Zoom Inc.';
      // Tightening: applies at once.
      rowOf(rows, 'zoom')[col('status')] = 'prohibited';
      rowOf(rows, 'microsoft-365')[col('review_due')] = '2027-06-30';
      const fresh = rows[0]!.map(() => '');
      fresh[col('id')] = 'jitsi';
      fresh[col('name')] = 'Jitsi Meet';
      fresh[col('status')] = 'approved';
      fresh[col('category')] = 'video-conferencing';
      rows.push(fresh);
    });
    const licensedText = await readFile(kb.tool('zoom-licensed'), 'utf8');
    const outcome = await importSheet(bytes, { kbDir: kb.dir, lang: 'en', note: 'annual review', dryRun: false, service: service(true), actor: ANNA });
    assert.equal(outcome.ok, true);
    assert.deepEqual([outcome.applied, outcome.proposed], [2, 2], outcome.lines.join('\n'));
    assert.equal(await readFile(kb.tool('zoom-licensed'), 'utf8'), licensedText, 'the proposal writes nothing');
    assert.deepEqual((await kb.allFiles()).filter((f) => f.includes('jitsi')), []);
    assert.equal((await loadKnowledgeBase(kb.dir)).tools.get('zoom')?.status, 'prohibited', 'the tightening row is written');
    const open = [...proposals.items.values()];
    assert.deepEqual(open.map((p) => p.toolId).sort(), ['jitsi', 'zoom-licensed']);
    const licensedProposal = open.find((p) => p.toolId === 'zoom-licensed')!;

    const own = await service(true).execute(`approve ${licensedProposal.id}`, ANNA);
    assert.equal(own.ok, false, 'the proposer cannot approve');
    for (const p of open) {
      const approved = await service(true).execute(`approve ${p.id}`, BEN);
      assert.equal(approved.ok, true, approved.text);
    }
    assert.equal((await loadKnowledgeBase(kb.dir)).tools.get('jitsi')?.status, 'approved');
    const licensed = parseYaml(await readFile(kb.tool('zoom-licensed'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual([licensed.status, licensed.vendor], ['approved', 'Zoom Inc.']);
    // One record per tool changed (plus proposals and approvals).
    assert.deepEqual(audit.entries.map((e) => `${e.action}:${e.toolId}`).sort(), [
      'add_tool:jitsi', 'approve:jitsi', 'approve:zoom-licensed', 'import:microsoft-365', 'import:zoom', 'import:zoom-licensed', 'proposal:jitsi', 'proposal:zoom-licensed',
    ]);
    assert.ok(audit.entries.every((e) => e.action === 'approve' || e.note === 'annual review'));
    // Change notices: the composition root hears of each applied change.
    assert.deepEqual(applied.map((a) => [a.toolId, a.oldStatus, a.newStatus]), [
      ['microsoft-365', 'pending', 'pending'],
      ['zoom', 'restricted', 'prohibited'],
      ...open.map((p) => (p.toolId === 'jitsi' ? ['jitsi', null, 'approved'] : ['zoom-licensed', 'pending', 'approved'])),
    ]);
  });

  it('the clear marker removes a field; an empty cell leaves it; a required field cannot be cleared', async () => {
    const outcome = await importSheet(
      csvOf((rows, col) => {
        rowOf(rows, 'zoom')[col('review_due')] = '-';
        rowOf(rows, 'zoom')[col('vendor')] = '';
        rowOf(rows, 'zoom')[col('restrictions.en')] = '';
      }),
      { kbDir: kb.dir, lang: 'en', note: 'x', dryRun: false, service: service(false), actor: ANNA },
    );
    assert.equal(outcome.applied, 1);
    const zoom = parseYaml(await readFile(kb.tool('zoom'), 'utf8')) as Record<string, unknown>;
    assert.equal('review_due' in zoom, false);
    assert.equal(zoom.vendor, base.tools.get('zoom')!.vendor);
    const err = await refused(csvOf((rows, col) => void (rowOf(rows, 'zoom')[col('name')] = '-')));
    assert.deepEqual(err.issues.map((i) => [i.column, i.reason]), [['name', 'cannot_clear']]);
  });

  it('reads a German Excel CSV: ";" as delimiter, German status and step words, 26.03.2021 dates', async () => {
    const outcome = await importSheet(
      csvOf(
        (rows, col) => {
          rowOf(rows, 'microsoft-365')[col('status')] = 'untersagt';
          rowOf(rows, 'microsoft-365')[col('assessment.dpia')] = 'erledigt (01.02.2026)';
          rowOf(rows, 'microsoft-365')[col('review_due')] = '30.06.2027';
        },
        { delimiter: ';' },
      ),
      { kbDir: kb.dir, lang: 'de', note: 'x', dryRun: false, service: service(false), actor: { ...ANNA, language: 'de' } },
    );
    assert.equal(outcome.applied, 1, outcome.lines.join('\n'));
    const tool = (await loadKnowledgeBase(kb.dir)).tools.get('microsoft-365')!;
    assert.equal(tool.status, 'prohibited');
    assert.deepEqual(tool.assessment.dpia, { state: 'done', date: '2026-02-01' });
    assert.equal(tool.review_due, '2027-06-30');
  });

  it('an XLSX with an edited restriction text and a new restriction changes exactly those', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await catalogueXlsx(base, 'en')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== 'zoom') return;
      row.getCell(col('restrictions')).value = `${String(row.getCell(col('restrictions')).value)}; no-recording [recording]`;
      row.getCell(col('restrictions.en')).value = `${String(row.getCell(col('restrictions.en')).value)}\nno-recording: Do not record.`;
      row.getCell(col('restrictions.de')).value = `${String(row.getCell(col('restrictions.de')).value)}\nno-recording: Nicht aufzeichnen.`;
    });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = await importSheet(bytes, { kbDir: kb.dir, lang: 'en', note: 'x', dryRun: true });
    assert.deepEqual(dry.plans.map((p) => p.toolId), ['zoom']);
    assert.ok(base.contexts.has('recording'), 'a built-in context');
    await importSheet(bytes, { kbDir: kb.dir, lang: 'en', note: 'x', dryRun: false, service: service(false), actor: ANNA });
    const zoom = (await loadKnowledgeBase(kb.dir)).tools.get('zoom')!;
    assert.deepEqual(zoom.restrictions.map((r) => r.id), [...base.tools.get('zoom')!.restrictions.map((r) => r.id), 'no-recording']);
    assert.deepEqual(zoom.restrictions.at(-1), { id: 'no-recording', text: { de: 'Nicht aufzeichnen.', en: 'Do not record.' }, forbidden_contexts: ['recording'] });
  });

  it('collects every problem of every row and writes nothing', async () => {
    const err = await refused(
      csvOf((rows, col) => {
        rowOf(rows, 'zoom')[col('assessed_contexts')] = 'citizens; moon-base';
        rowOf(rows, 'zoom')[col('updated')] = '2021-02-30';
        rowOf(rows, 'microsoft-365')[col('category')] = 'spaceships';
        rowOf(rows, 'microsoft-365')[col('assessment.dpia')] = 'maybe';
        const fresh = rows[0]!.map(() => '');
        fresh[col('id')] = 'newtool';
        fresh[col('name')] = 'New Tool';
        rows.push(fresh);
      }),
    );
    const rowNumber = (id: string) => catalogueRows(base).findIndex((r) => r[0] === id) + 1;
    assert.deepEqual(
      err.issues.map((i) => [i.row, i.column, i.reason]),
      [
        [rowNumber('microsoft-365'), 'category', 'unknown_category'],
        [rowNumber('microsoft-365'), 'assessment.dpia', 'unknown_state'],
        [rowNumber('zoom'), 'assessed_contexts', 'unknown_context'],
        [rowNumber('zoom'), 'updated', 'bad_date'],
        [base.tools.size + 2, 'category', 'missing'],
        [base.tools.size + 2, 'status', 'missing'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it('a header with an unknown column is refused, naming it', async () => {
    const err = await refused(Buffer.from('id,name,colour\nzoom,Zoom,blue\n'));
    assert.deepEqual(err.issues.map((i) => [i.row, i.column, i.reason]), [[1, 'colour', 'unknown_column']]);
  });

  it('a change the knowledge base refuses (approved with restrictions) names its row', async () => {
    const err = await refused(csvOf((rows, col) => void (rowOf(rows, 'zoom')[col('status')] = 'approved')));
    assert.equal(err.issues[0]?.reason, 'refused');
    assert.equal(err.issues[0]?.row, catalogueRows(base).findIndex((r) => r[0] === 'zoom') + 1);
  });

  it('a file that is no spreadsheet is refused', async () => {
    const err = await refused(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00, 0xd8]));
    assert.equal(err.issues[0]?.reason, 'not_a_sheet');
  });
});
