// `compliance-bot report` as a child process (through a stand-in for cli/main.ts) on a SQLite file
// that a recorder filled with answers of the real engine.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { openStorage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import type { UsageReport } from '../src/usage/types.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'usage-cli-'));
const file = path.join(tmp, 'usage.sqlite');
after(() => rmSync(tmp, { recursive: true, force: true }));

before(async () => {
  const engine = createEngine(await loadKnowledgeBase('knowledge'));
  const storage = await openStorage({ sqlitePath: file });
  try {
    const recorder = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 });
    const questions = [
      'Darf ich Zoom mit Bürgern nutzen?',
      'Darf ich Zoom mit Bürgern nutzen?',
      'May I use Zoom for a confidential call?',
      'Can we use Teams?',
      'Darf ich QuackMail nutzen?',
      'Darf ich QuackMail nutzen?',
      'Is FrobNicator allowed?',
      'Hallo',
    ];
    for (const q of questions) await recorder.recordAnswer(engine.answer(q), 'slack');
    await recorder.recordFeedback({ answerId: 'm1', toolIds: ['zoom'], verdict: 'conditional', platform: 'slack', helpful: false });
  } finally {
    await storage.close();
  }
});

function report(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/usage-report-cli.ts', 'report', ...args],
      {
        env: { ...process.env, STORAGE_URL: `sqlite:${file}`, KNOWLEDGE_DIR: path.resolve('knowledge'), STORE_QUESTIONS: 'true', RETENTION_DAYS: '30', ...env },
        timeout: 20_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

test('report prints the text report in the shell\'s language (LANG), as every command does', async () => {
  const english = await report([], { LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
  assert.match(english.stdout, /^Usage report/);
  const r = await report([], { LANG: 'de_DE.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Nutzungsbericht/);
  assert.match(r.stdout, /Antworten: 8 \(Slack 8\)/);
  assert.match(r.stdout, /1\. Zoom – 3: Mit Auflagen freigegeben 2, Nicht freigegeben 1\n {2}2\. Microsoft 365 – 1/);
  assert.match(r.stdout, /1\. Zoom – 1 nicht hilfreich, 0 hilfreich/);
  assert.match(r.stdout, /1\. QuackMail – 2 .*\n {2}2\. FrobNicator – 1/);
  assert.match(r.stdout, /Nicht verstandene Fragen: 1\n {2}1\. „Hallo“ – 1×/);
});

test('report --json --lang en --limit 1 prints the JSON report, cut to one entry per list', async () => {
  const r = await report(['--json', '--lang', 'en', '--limit', '1']);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as UsageReport;
  assert.equal(json.answers.total, 8);
  assert.deepEqual(json.tools.items.map((t) => [t.name, t.answers]), [['Zoom', 3]]);
  assert.equal(json.tools.more, 1);
  assert.deepEqual(json.gaps.unknownTools.items.map((u) => u.name), ['QuackMail']);
  assert.deepEqual(json.gaps.unclear.questions.items.map((q) => q.text), ['Hallo']);
});

test('report rejects a bad --limit and a bad RETENTION_DAYS with a message naming it', async () => {
  const [limit, env] = await Promise.all([report(['--limit', '0']), report([], { RETENTION_DAYS: 'a month' })]);
  assert.notEqual(limit.code, 0);
  assert.match(limit.stderr, /--limit/);
  assert.equal(limit.stdout, '');
  assert.equal(env.code, 2);
  assert.match(env.stderr, /RETENTION_DAYS/);
});
