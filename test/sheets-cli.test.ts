// `compliance-bot kb export` and `kb import` through the real CLI process on a copy of the shipped
// knowledge folder: the CSV's header and rows, an XLSX read back with exceljs, a dry run that writes
// nothing, an import that changes a status and adds a tool (validated, answered from, restrictions
// and sources kept), a round trip that changes nothing, and a bad row that refuses the whole file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let kb: KbCopy;
let env: Record<string, string>;

function cli(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env, ...extra }, timeout: 90_000, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file of the copy with its content, to show that nothing was written. */
async function snapshot(): Promise<Map<string, string>> {
  const files = await kb.allFiles();
  const out = new Map<string, string>();
  for (const f of files.filter((n) => n.endsWith('.yaml'))) out.set(f, await readFile(path.join(kb.dir, f), 'utf8'));
  return out;
}

const readCsv = (text: string): string[][] => parse(text, { bom: true }) as string[][];

before(async () => {
  kb = await copyKnowledge();
  env = { KNOWLEDGE_DIR: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8', STORAGE_URL: `sqlite:${path.join(path.dirname(kb.dir), 'store.sqlite')}`, FOUR_EYES: 'false' };
});
after(async () => {
  await kb?.cleanup();
});

describe('kb export', () => {
  it('--format csv prints a header with id, name, status, category and one row per tool, UTF-8 with a BOM', async () => {
    const run = await cli(['kb', 'export', '--format', 'csv', '--kb', kb.dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.startsWith('\uFEFF'), 'starts with a byte order mark');
    const [header, ...rows] = readCsv(run.stdout);
    for (const column of ['id', 'name', 'status', 'category', 'restrictions', 'sources', 'summary.de', 'summary.en', 'assessment.dpia']) {
      assert.ok(header?.includes(column), `column ${column}`);
    }
    const base = await loadKnowledgeBase(kb.dir);
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...base.tools.keys()].sort());
    const statusAt = header!.indexOf('status');
    for (const row of rows) assert.equal(row[statusAt], base.tools.get(row[0]!)?.status);
  });

  it('--format xlsx --out writes a workbook naming every tool, with a second sheet of contexts and categories', async () => {
    const file = path.join(path.dirname(kb.dir), 'catalogue.xlsx');
    const run = await cli(['kb', 'export', '--format', 'xlsx', '--out', file, '--kb', kb.dir]);
    assert.equal(run.code, 0, run.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const [tools, vocabulary] = workbook.worksheets;
    assert.ok(tools && vocabulary);
    const names = new Set<string>();
    tools.eachRow((row) => names.add(String(row.getCell(2).value)));
    const base = await loadKnowledgeBase(kb.dir);
    for (const tool of base.tools.values()) assert.ok(names.has(tool.name), `${tool.name} in the workbook`);
    assert.equal(tools.getRow(1).getCell(1).value, 'id');
    assert.equal(tools.views[0]?.state, 'frozen');
    const ids = new Set<string>();
    vocabulary.eachRow((row) => ids.add(String(row.getCell(2).value)));
    for (const id of [...base.contexts.keys(), ...base.categories.keys()]) assert.ok(ids.has(id), `${id} on the second sheet`);
  });
});

describe('kb import', () => {
  let exported: string[][];
  let changedFile: string;
  let zoomBefore: Record<string, unknown>;

  before(async () => {
    exported = readCsv((await cli(['kb', 'export', '--kb', kb.dir])).stdout);
    const header = exported[0]!;
    const col = (name: string) => header.indexOf(name);
    // Zoom restricted → prohibited, and a new tool.
    const rows = exported.map((r) => [...r]);
    const zoom = rows.find((r) => r[0] === 'zoom')!;
    assert.equal(zoom[col('status')], 'restricted');
    zoom[col('status')] = 'prohibited';
    const jitsi = header.map(() => '');
    jitsi[col('id')] = 'jitsi-meet';
    jitsi[col('name')] = 'Jitsi Meet';
    jitsi[col('status')] = 'approved';
    jitsi[col('category')] = 'video-conferencing';
    jitsi[col('aliases')] = 'jitsi';
    jitsi[col('sources')] = 'Freigabe des Datenschutzbeauftragten | 2026-11-30';
    rows.push(jitsi);
    changedFile = path.join(path.dirname(kb.dir), 'changed.csv');
    await writeFile(changedFile, stringify(rows, { bom: true }));
    zoomBefore = parseYaml(await readFile(kb.tool('zoom'), 'utf8')) as Record<string, unknown>;
  });

  it('an exported file imported unchanged: "nothing to change", nothing written (CSV and XLSX)', async () => {
    const before = await snapshot();
    const csvFile = path.join(path.dirname(kb.dir), 'unchanged.csv');
    await writeFile(csvFile, stringify(exported, { bom: true }));
    const csv = await cli(['kb', 'import', csvFile, '--kb', kb.dir, '--by', 'anna', '--note', 'round trip']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /Nothing to change/);
    const xlsx = await cli(['kb', 'import', path.join(path.dirname(kb.dir), 'catalogue.xlsx'), '--kb', kb.dir, '--by', 'anna', '--note', 'round trip']);
    assert.equal(xlsx.code, 0, xlsx.stderr);
    assert.match(xlsx.stdout, /Nothing to change/);
    assert.deepEqual(await snapshot(), before);
  });

  it('a row with status "vielleicht" fails the whole import, naming row, column and value; nothing is written', async () => {
    const header = exported[0]!;
    const rows = readCsv(await readFile(changedFile, 'utf8'));
    const msIndex = rows.findIndex((r) => r[0] === 'microsoft-365');
    rows[msIndex]![header.indexOf('status')] = 'vielleicht';
    const bad = path.join(path.dirname(kb.dir), 'bad.csv');
    await writeFile(bad, stringify(rows, { bom: true }));
    const before = await snapshot();
    const run = await cli(['kb', 'import', bad, '--kb', kb.dir, '--by', 'anna', '--note', 'bad']);
    assert.equal(run.code, 1);
    const rowNumber = msIndex + 1; // the header is row 1
    assert.match(run.stderr, new RegExp(`row ${rowNumber}, column "status": "vielleicht" is not a status`));
    assert.match(run.stderr, /Nothing was written/);
    const german = await cli(['kb', 'import', bad, '--kb', kb.dir, '--by', 'anna', '--note', 'bad'], { LANG: 'de_DE.UTF-8' });
    assert.match(german.stderr, new RegExp(`Zeile ${rowNumber}, Spalte „status“: „vielleicht“ ist kein Status`));
    assert.deepEqual(await snapshot(), before, 'no file changed, none added');
  });

  it('--dry-run shows the status change and the added row and writes nothing', async () => {
    const before = await snapshot();
    const run = await cli(['kb', 'import', changedFile, '--dry-run', '--kb', kb.dir, '--by', 'anna', '--note', 'Q4 review']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 new tool, 1 changed tool/);
    assert.match(run.stdout, /\+ Jitsi Meet \(jitsi-meet\), new, approved/);
    assert.match(run.stdout, /~ Zoom \(zoom\)\n\s+status: restricted → prohibited/);
    // An approved new tool loosens a rule (four eyes would hold it); a stricter status does not.
    assert.match(run.stdout, /\+ Jitsi Meet[^\n]*\n(?:\s+\w[^\n]*\n)*\s+loosens a rule/);
    assert.doesNotMatch(run.stdout.slice(run.stdout.indexOf('~ Zoom')), /loosens a rule/);
    assert.match(run.stdout, /Nothing was written/);
    assert.deepEqual(await snapshot(), before);
  });

  it('applies both through the admin path: kb validate passes, ask gives the new verdicts, restrictions, sources and comments stay', async () => {
    const zoomText = await readFile(kb.tool('zoom'), 'utf8');
    const run = await cli(['kb', 'import', changedFile, '--kb', kb.dir, '--by', 'anna', '--note', 'Q4 review']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2 tools changed/);

    const validate = await cli(['kb', 'validate', kb.dir]);
    assert.equal(validate.code, 0, validate.stderr);
    const base = await loadKnowledgeBase(kb.dir);
    assert.equal(base.tools.get('zoom')?.status, 'prohibited');
    assert.equal(base.tools.get('jitsi-meet')?.status, 'approved');

    const zoom = JSON.parse((await cli(['ask', '--json', '--kb', kb.dir, 'Darf ich Zoom mit Bürgern nutzen?'])).stdout) as { verdict: string };
    assert.equal(zoom.verdict, 'not_allowed');
    const jitsi = JSON.parse((await cli(['ask', '--json', '--kb', kb.dir, 'Darf ich Jitsi Meet mit Bürgern nutzen?'])).stdout) as { verdict: string; tools: { id: string }[] };
    assert.equal(jitsi.verdict, 'allowed');
    assert.deepEqual(jitsi.tools.map((t) => t.id), ['jitsi-meet']);

    const zoomAfter = parseYaml(await readFile(kb.tool('zoom'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(zoomAfter.restrictions, zoomBefore.restrictions);
    assert.deepEqual(zoomAfter.sources, zoomBefore.sources);
    assert.deepEqual(zoomAfter.assessment, zoomBefore.assessment);
    // Only the status and the date lines differ; the comments are where they were.
    const now = await readFile(kb.tool('zoom'), 'utf8');
    const diff = zoomText.split('\n').filter((l, i) => l !== now.split('\n')[i]);
    assert.deepEqual(diff, ['status: restricted', 'updated: 2021-03-26']);
    assert.ok(now.includes('# Stated situations the assessment covered'));
    const jitsiFile = parseYaml(await readFile(kb.tool('jitsi-meet'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(jitsiFile.sources, [{ title: 'Freigabe des Datenschutzbeauftragten', date: '2026-11-30' }]);

    // One audit record per tool, with the note.
    const history = await cli(['kb', 'history', 'zoom', '--kb', kb.dir]);
    assert.equal((history.stdout.match(/imported from a spreadsheet: status/g) ?? []).length, 1, history.stdout);
    assert.match(history.stdout, /Q4 review/);

    // The same file again: nothing left to change.
    const again = await cli(['kb', 'import', changedFile, '--kb', kb.dir, '--by', 'anna', '--note', 'Q4 review']);
    assert.match(again.stdout, /Nothing to change/);
  });
});
