// The audit log and admin input limits through the real command (`node --import tsx cli/main.ts kb
// …`, one process per command) on temporary copies of the knowledge folder and a real SQLite file
// (the history per knowledge base also on Redis under a unique prefix):
// a change made to a copy is not in the original's history, the records of the old layout move to
// the first knowledge base opened (once, without free text), and over-long, control-character and
// non-http input is refused with a message and nothing written.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { openStorage } from '../src/storage/index.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { oldAuditKeysLeft, sqliteRows, writeOldAuditRecords } from './helpers/audit-raw.js';
import { describeNeeding } from './helpers/services.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number;
  out: string;
  err: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'kb', ...args],
      // KNOWLEDGE_DIR empty unless a test sets it; LANG English unless a test sets it.
      { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: '', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env }, timeout: 60_000, maxBuffer: 4 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

for (const store of ['sqlite', 'redis'] as const) {
  await describeNeeding(store === 'redis' ? ['redis'] : [], `kb history per knowledge base (real CLI, ${store})`, () => {
    let shipped: KbCopy;
    let copy: KbCopy;
    let env: Record<string, string>;
    const prefix = `t-${randomUUID().slice(0, 8)}-`;

    before(async () => {
      shipped = await copyKnowledge();
      copy = await copyKnowledge();
      const url = store === 'sqlite' ? `sqlite:${path.join(path.dirname(shipped.dir), 'bot.sqlite')}` : `redis://127.0.0.1:6379?prefix=${prefix}`;
      env = { STORAGE_URL: url };
    });
    after(async () => {
      if (store === 'redis') {
        const storage = await openStorage({ url: env.STORAGE_URL });
        await storage.clearAll();
        await storage.close();
      }
      await shipped.cleanup();
      await copy.cleanup();
    });

    it('a status change made to a copy (--kb) is not in the history of the folder opened without --kb', async () => {
      const set = await cli(['status', 'zoom', 'prohibited', '--kb', copy.dir, '--by', 'anna', '--note', 'only the copy'], env);
      assert.equal(set.code, 0, set.err);
      const original = await cli(['history', 'zoom'], { ...env, KNOWLEDGE_DIR: shipped.dir });
      assert.equal(original.code, 0, original.err);
      assert.equal(original.out, 'No changes to Zoom are recorded.\n');
      const ofCopy = await cli(['history', 'zoom', '--kb', copy.dir], env);
      assert.match(ofCopy.out, /^Changes to Zoom \(newest first\):\n• .* – cli:anna: status approved with conditions → prohibited – note: only the copy\n$/);
    });
  });
}

describe('the audit records of the old layout (real CLI, SQLite file)', () => {
  let first: KbCopy;
  let second: KbCopy;
  let sqlite: string;
  let env: Record<string, string>;

  before(async () => {
    first = await copyKnowledge();
    second = await copyKnowledge();
    sqlite = path.join(path.dirname(first.dir), 'old.sqlite');
    env = { STORAGE_URL: `sqlite:${sqlite}` };
    // What the bot before this change kept: records keyed by tool id only, and a refused attempt with its whole text.
    await writeOldAuditRecords({ sqlitePath: sqlite }, [
      { id: 'o1', at: '2024-03-01T09:00:00.000Z', actor: 'slack:UANNA', action: 'status', toolId: 'zoom', before: { status: 'approved' }, after: { status: 'restricted' }, note: 'Schreiben vom 26.3.' },
      { id: 'o2', at: '2024-03-02T09:00:00.000Z', actor: 'slack:UEVE', action: 'refused', toolId: null, before: null, after: { command: 'history', tool: 'Frau Erika Mustermann erika.mustermann@example.org +49 170 1234567' } },
      { id: 'o3', at: '2024-03-03T09:00:00.000Z', actor: 'file', action: 'hand_edit', toolId: 'zoom', before: { status: 'restricted' }, after: { status: 'prohibited' } },
    ]);
  });
  after(async () => {
    await first.cleanup();
    await second.cleanup();
  });

  it('move to the knowledge base opened first, once, and the free text of refused attempts is dropped', async () => {
    const shown = await cli(['history', 'zoom', '--kb', first.dir], env);
    assert.equal(shown.code, 0, shown.err);
    assert.equal(
      shown.out,
      [
        'Changes to Zoom (newest first):',
        '• 2024-03-03 09:00 UTC – file: file edited by hand: status approved with conditions → prohibited',
        '• 2024-03-01 09:00 UTC – slack:UANNA: status approved → approved with conditions – note: Schreiben vom 26.3.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await oldAuditKeysLeft({ sqlitePath: sqlite }, ['zoom', '-'], ['o1', 'o2', 'o3']), [], 'the old keys are gone');
    const rows = await sqliteRows(sqlite);
    assert.ok(!rows.some((r) => /Erika|example\.org|170 1234567/.test(r.value)), 'no free text of the refused attempt is left');
    assert.ok(rows.some((r) => r.key === 'audit-meta:legacy-owner'), 'the migration is recorded');

    const other = await cli(['history', 'zoom', '--kb', second.dir], env);
    assert.equal(other.out, 'No changes to Zoom are recorded.\n', 'another knowledge base gets none of them');
    const again = await cli(['history', 'zoom', '--kb', first.dir], env);
    assert.equal(again.out, shown.out, 'opened again: the same records, none twice');
  });
});

describe('admin input limits (real CLI)', () => {
  let kb: KbCopy;
  let env: Record<string, string>;
  let zoom: string;

  before(async () => {
    kb = await copyKnowledge();
    env = { STORAGE_URL: `sqlite:${path.join(path.dirname(kb.dir), 'limits.sqlite')}` };
    zoom = await readFile(kb.tool('zoom'), 'utf8');
  });
  after(async () => {
    await kb.cleanup();
  });

  it('a 300-character tool id is refused with the limit, not a file-system error', async () => {
    const id = 'a'.repeat(300);
    const r = await cli(['add', id, '--name', 'Long', '--status', 'approved', '--category', 'video-conferencing', '--by', 'anna', '--kb', kb.dir], env);
    assert.equal(r.code, 1);
    assert.equal(r.err, 'Not changed: the tool id is too long (300 characters); at most 64 are allowed.\n');
    assert.doesNotMatch(r.out + r.err, /ENAMETOOLONG/);
    assert.equal(existsSync(path.join(kb.dir, 'tools', `${id}.yaml`)), false);
  });

  it('a javascript: source link is refused and nothing is written', async () => {
    const r = await cli(['status', 'zoom', 'prohibited', '--by', 'anna', '--note', 'Warnung', '--source', 'Schreiben', '--url', 'javascript:alert(document.cookie)', '--kb', kb.dir], env);
    assert.equal(r.code, 1);
    assert.equal(r.err, 'Not changed: the source link must be a link starting with https:// or http://.\n');
    assert.equal(await readFile(kb.tool('zoom'), 'utf8'), zoom);
  });

  it('a 100 KB restriction text is refused in the admin\'s language', async () => {
    const r = await cli(['restriction', 'add', 'zoom', 'huge', '--text', 'x'.repeat(100 * 1024), '--by', 'anna', '--kb', kb.dir], { ...env, LANG: 'de_DE.UTF-8' });
    assert.equal(r.code, 1);
    assert.equal(r.err, 'Nicht geändert: Text der Einschränkung ist zu lang (102.400 Zeichen); höchstens 2.000 Zeichen sind erlaubt.\n');
    assert.equal(await readFile(kb.tool('zoom'), 'utf8'), zoom);
  });

  it('help marks the required options, names USER as the default author, and reading needs no --by', async () => {
    const status = await cli(['status', '--help'], env);
    assert.match(status.out, /--note <text>\s+\(required\)/);
    assert.match(status.out, /--by <name>\s+who makes the change[^]*\(default:\s+\$USER\)/);
    const history = await cli(['history', '--help'], env);
    assert.doesNotMatch(history.out, /--by/);
    assert.match(history.out, /--page <n>/);
  });

  it('control characters in a note are refused', async () => {
    const r = await cli(['status', 'zoom', 'prohibited', '--by', 'anna', '--note', 'Warnung\u001b[2J\u0007', '--kb', kb.dir], env);
    assert.equal(r.code, 1);
    assert.match(r.err, /^Not changed: the note contains control or invisible characters/);
    assert.equal(await readFile(kb.tool('zoom'), 'utf8'), zoom);
  });
});
