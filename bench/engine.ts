// Engine benchmark (issues 2, 22): for knowledge bases of 100, 1,000 and 10,000 tools, the load time,
// answer latency p50/p99 over a question mix, and the process RSS. Each size runs in its own child
// process so that RSS is that size's alone, twice: the first start parses every file and writes the
// record cache (src/kb/record-cache.ts), the second starts as a server restart does, from it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { lastRecordCacheOutcome, useKbCacheDir } from '../src/kb/record-cache.js';
import { cacheOutcomes } from '../src/text/compiled-cache.js';
import { lexicon } from '../src/text/lexicon.js';
import { generateKnowledgeBase, toolName } from './generate-kb.js';

const SIZES = [100, 1_000, 10_000];

function questions(count: number): string[] {
  const q: string[] = [];
  for (let i = 0; i < 200; i++) {
    const name = toolName((i * 7919) % count);
    q.push(
      `Darf ich ${name} mit Bürgern nutzen?`,
      `May I use ${name} for a confidential call?`,
      `${name.toLowerCase()} app ohne Gesundheitsdaten?`,
      `Welche Videokonferenzsysteme sind für Gespräche mit Bürgern freigegeben?`,
      `Darf ich Quackmail${i} für Elternbriefe nutzen?`,
      `${name}x oder ${toolName((i * 31) % count)}?`,
      'Wie ist das Wetter?',
      `Darf ich Anna Schmidt per ${name} anrufen?`,
      `Ist das Videotool Whereby${i % 10} erlaubt? Es geht um nichts Vertrauliches.`,
      `Können wir ${name} für die Schwangerschaftsberatungsstelle und ein Treffen mit dem Gesundheitsamt nutzen?`,
      `Is there a guide for using ${name} with patients' Klarnamen?`,
    );
  }
  return q;
}

// A vocabulary of the size lexicon/contexts.yaml reaches (thousands of terms, most of them German
// compounds), so that context and compound matching are measured at that size.
const MODIFIERS = ['schuldner', 'erziehungs', 'sucht', 'familien', 'eltern', 'jugend', 'pflege', 'sozial', 'kinder', 'frauen', 'opfer', 'migrations', 'straf', 'bewährungs', 'betreuungs', 'gesundheits', 'patienten', 'personal', 'steuer', 'melde', 'kranken', 'behinderten', 'senioren', 'wohnungslosen', 'schwangeren'];
const HEADS = ['beratung', 'gespräch', 'akte', 'daten', 'hilfe', 'verfahren', 'bescheid', 'fall', 'termin', 'sprechstunde', 'unterlagen', 'bericht', 'gutachten', 'befund', 'dienst', 'stelle', 'konferenz', 'protokoll', 'vermerk', 'anamnese'];
const CONTEXT_IDS = ['confidential', 'special_categories', 'vulnerable_persons', 'personal_data', 'citizens', 'recording'];

async function writeLargeVocabulary(dir: string): Promise<number> {
  let count = 0;
  const entries = CONTEXT_IDS.map((id, c) => {
    const de: string[] = [];
    const en: string[] = [];
    MODIFIERS.forEach((m, i) =>
      HEADS.forEach((h, j) => {
        if ((i + j + c) % CONTEXT_IDS.length < 3) de.push(`${m}${h}`);
      }),
    );
    for (let k = 0; k < 150; k++) en.push(`${MODIFIERS[k % MODIFIERS.length]} ${HEADS[(k * 7 + c) % HEADS.length]} case ${k}`);
    count += de.length + en.length;
    return `- id: ${id}\n  synonyms:\n    de: [${de.join(', ')}]\n    en: [${en.map((e) => `"${e}"`).join(', ')}]\n`;
  });
  await writeFile(path.join(dir, 'contexts.yaml'), entries.join(''));
  return count;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function measure(size: number, dir: string): Promise<void> {
  const synonyms = Number(process.argv[4]);
  // The record cache of this run's folder, removed with it (not the package's .cache/kb).
  useKbCacheDir(`${dir}.cache`);
  // The dictionaries load once per process, before the knowledge base (createEngine would load them).
  // Start + 1 question: the lexicons (from their compiled cache, see src/text/compiled-cache.ts),
  // the knowledge base, the engine and the first answer, as a server's start and first question.
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const rssBefore = process.memoryUsage().rss;
  const lexiconMs = lexicon().loadMs;
  const lexiconRssMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  const t0 = performance.now();
  const kb = await loadKnowledgeBase(dir);
  const engine = createEngine(kb);
  const loadMs = performance.now() - t0;
  const mix = questions(size);
  engine.answer(mix[0] as string);
  const startMs = performance.now() - started;
  const startCpu = process.cpuUsage(cpuStart);
  const startCpuMs = (startCpu.user + startCpu.system) / 1000;
  const lexiconFrom = [...new Set(cacheOutcomes().map((o) => o.from))].join('+');
  const records = lastRecordCacheOutcome();
  const kbFrom = records ? `${records.reused} records from the cache, ${records.parsed} files parsed` : 'no record cache';
  for (const q of mix.slice(0, 300)) engine.answer(q); // warm-up
  const times: number[] = [];
  // CPU time per answer too: on a shared machine wall time includes waiting for a core.
  const cpu: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of mix) {
      const c = process.cpuUsage();
      const s = process.hrtime.bigint();
      engine.answer(q);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const result = { size, synonyms, loadMs, lexiconMs, lexiconRssMb, startMs, startCpuMs, lexiconFrom, kbFrom, mean, p50: percentile(times, 50), p99: percentile(times, 99), cpuP99: percentile(cpu, 99), rssMb: rss, answers: times.length };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A knowledge base of `size` tools in a new folder; the number of context synonyms. */
async function writeKnowledgeBase(size: number): Promise<{ dir: string; synonyms: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), `bench-kb-${size}-`));
  await generateKnowledgeBase(dir, size);
  return { dir, synonyms: await writeLargeVocabulary(dir) };
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg) return measure(Number(arg), process.argv[3] as string);
  const self = fileURLToPath(import.meta.url);
  const execArgv = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  console.log('engine: knowledge base size, load time, answer latency, memory');
  type Row = { size: number; synonyms: number; loadMs: number; lexiconMs: number; lexiconRssMb: number; startMs: number; startCpuMs: number; lexiconFrom: string; kbFrom: string; mean: number; p50: number; p99: number; cpuP99: number; rssMb: number; answers: number };
  const rows: Row[] = [];
  const firstStarts: Row[] = [];
  for (const size of SIZES) {
    const kb = await writeKnowledgeBase(size);
    const run = (): Row => {
      const out = execFileSync(process.execPath, [...execArgv, self, String(size), kb.dir, String(kb.synonyms)], { encoding: 'utf8' });
      return JSON.parse(out.trim().split('\n').pop() as string) as Row;
    };
    let row: Row;
    try {
      firstStarts.push(run()); // parses every file, writes the record cache
      row = run(); // a restart: the records from the cache
    } finally {
      await rm(kb.dir, { recursive: true, force: true });
      await rm(`${kb.dir}.cache`, { recursive: true, force: true });
    }
    rows.push(row);
    const first = firstStarts[firstStarts.length - 1] as Row;
    console.log(
      `  ${String(size).padStart(6)} tools, ${row.synonyms} context synonyms: load ${row.loadMs.toFixed(0).padStart(5)} ms | p50 ${row.p50.toFixed(3)} ms | p99 ${row.p99.toFixed(3)} ms (CPU ${row.cpuP99.toFixed(3)} ms) | RSS ${row.rssMb.toFixed(0)} MB | ${row.answers} answers | lexicons ${row.lexiconMs.toFixed(0)} ms (${row.lexiconFrom === 'cache' ? 'compiled cache' : 'compiled now'}), +${row.lexiconRssMb.toFixed(0)} MB RSS | ${row.kbFrom}; first start (${first.kbFrom}): load ${first.loadMs.toFixed(0)} ms`,
    );
  }
  const small = rows[0];
  const large = rows[rows.length - 1];
  if (small && large) {
    const growth = large.p99 / small.p99;
    console.log(`  p99 growth ${small.size} -> ${large.size} tools: ${growth.toFixed(2)}x (target < 3x)`);
    console.log(`  machine load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores (wall times grow with it)`);
    console.log(`  p99 at ${large.size} tools: ${large.p99.toFixed(3)} ms, CPU ${large.cpuP99.toFixed(3)} ms (target < 1 ms); load: ${large.loadMs.toFixed(0)} ms (target < 3000 ms)`);
    console.log(
      `  ${large.size} tools: start + 1 question ${large.startMs.toFixed(0)} ms (CPU ${large.startCpuMs.toFixed(0)} ms; target < 1200 ms), ` +
        `${large.mean.toFixed(3)} ms per question (mean of ${large.answers}; target < 0.5 ms), RSS after ${large.answers} questions ${large.rssMb.toFixed(0)} MB`,
    );
    const firstLarge = firstStarts[firstStarts.length - 1];
    if (firstLarge) {
      console.log(`  ${large.size} tools, first start (no record cache yet, every file parsed): start + 1 question ${firstLarge.startMs.toFixed(0)} ms (CPU ${firstLarge.startCpuMs.toFixed(0)} ms), load ${firstLarge.loadMs.toFixed(0)} ms`);
    }
  }
}

await main();
