// The `compliance-bot kb …` admin commands, run in-process through commander with the real storage
// module on a temporary SQLite file (so the audit log and proposals persist between commands).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerKbAdminCommands } from '../cli/kb-admin.js';
import { createEngine } from '../src/engine/engine.js';
import { todayIso } from '../src/kb/edit.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { oneYearAfter } from '../src/review/due.js';
import { openStorage } from '../src/storage/index.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('compliance-bot kb (admin commands)', () => {
  let kb: KbCopy;
  let sqlitePath: string;

  beforeEach(async () => {
    kb = await copyKnowledge();
    sqlitePath = path.join(path.dirname(kb.dir), 'data', 'bot.sqlite');
  });
  afterEach(async () => {
    await kb.cleanup();
  });

  async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
    let out = '';
    let err = '';
    const program = new Command().exitOverride();
    registerKbAdminCommands(program.command('kb'), {
      openStorage: () => openStorage({ sqlitePath }),
      env: { LANG: 'en_US.UTF-8', ...env },
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      exit: (code) => {
        throw new Exit(code);
      },
    });
    const withKb = args.includes('--kb') ? args : [...args, '--kb', kb.dir];
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'compliance-bot', 'kb', ...withKb]);
      return { code: Number(process.exitCode ?? 0), out, err };
    } catch (e) {
      if (e instanceof Exit) return { code: e.code, out, err };
      throw e;
    } finally {
      process.exitCode = 0;
    }
  }

  it('sets a status with --by/--note/--source, and `history` shows it', async () => {
    const set = await cli(['status', 'zoom', 'prohibited', '--by', 'anna', '--note', 'Warnung der Aufsichtsbehörde', '--source', 'Schreiben des HmbBfDI', '--url', 'https://example.org/b']);
    assert.equal(set.code, 0, set.err);
    // The shipped summary says Zoom "is in use": the admin is told it no longer fits.
    assert.equal(
      set.out,
      `Done: Zoom is now prohibited (was: approved with conditions). Next review: ${oneYearAfter(todayIso())}. The entry's summary no longer fits the new status (“im Einsatz”): please update it. Recorded in the audit log.\n`,
    );
    const text = await readFile(kb.tool('zoom'), 'utf8');
    assert.match(text, /^status: prohibited$/m);
    // The note is the entry's decision, shown first in every answer.
    assert.match(text, /^decision:\n {2}status: prohibited\n {2}text: Warnung der Aufsichtsbehörde\n/m);
    assert.match(text, /- title: Schreiben des HmbBfDI\n {4}date: \d{4}-\d{2}-\d{2}\n {4}url: https:\/\/example.org\/b\n/);

    const history = await cli(['history', 'zoom']);
    assert.equal(history.code, 0, history.err);
    assert.match(
      history.out,
      /^Changes to Zoom \(newest first\):\n• \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC – cli:anna: status approved with conditions → prohibited – note: Warnung der Aufsichtsbehörde – source: Schreiben des HmbBfDI \(https:\/\/example.org\/b\)\n$/,
    );
  });

  it('adds a tool, a restriction and a step state; answers in German for a German locale', async () => {
    const de = { LANG: 'de_DE.UTF-8' };
    const add = await cli(['add', 'jitsi', '--name', 'Jitsi Meet', '--status', 'freigegeben', '--category', 'video-conferencing', '--by', 'anna'], de);
    assert.equal(add.code, 0, add.err);
    assert.equal(add.out, 'Erledigt: Jitsi Meet (jitsi) ist im Katalog, Status freigegeben. Im Änderungsprotokoll vermerkt.\n');
    const restriction = await cli(['restriction', 'add', 'zoom', 'no-recording', '--forbid', 'recording', '--text', 'Keine Aufzeichnung.', '--by', 'anna'], de);
    assert.equal(restriction.code, 0, restriction.err);
    const step = await cli(['step', 'Zoom Meetings', 'dpia', 'concerns', '--note', 'Neue Bewertung', '--by', 'anna'], de);
    assert.equal(step.code, 0, step.err);
    const remove = await cli(['restriction', 'remove', 'zoom', 'no-recording', '--by', 'anna'], de);
    assert.equal(remove.code, 0, remove.err);
    const zoom = await readFile(kb.tool('zoom'), 'utf8');
    assert.match(zoom, /^ {2}dpia:\n {4}state: concerns\n {4}date: [\d-]+\n {4}note: Neue Bewertung\n/m);
    assert.ok(!zoom.includes('no-recording'));
    assert.match(await readFile(kb.tool('jitsi'), 'utf8'), /^status: approved$/m);
  });

  it('takes USER as the author when --by is not given; --by overrides it', async () => {
    const step = await cli(['step', 'zoom', 'dpo_review', 'done'], { USER: 'anna' });
    assert.equal(step.code, 0, step.err);
    const by = await cli(['step', 'zoom', 'dpia', 'in_progress', '--by', 'ben'], { USER: 'anna' });
    assert.equal(by.code, 0, by.err);
    const history = (await cli(['history', 'zoom'])).out;
    assert.ok(/\bben\b/.test(history) && /\banna\b/.test(history), history);
    assert.ok(history.indexOf('ben') < history.indexOf('anna'), `newest first, the --by author on top: ${history}`);
  });

  it('a status change is a review: review_due moves a year ahead (or to --next), and the answer is not called outdated', async () => {
    const before = createEngine(await loadKnowledgeBase(kb.dir)).answer('Darf ich Zoom nutzen?');
    assert.equal(before.tools[0]?.reviewOverdue, true, 'the shipped Zoom entry is overdue for review (else this test shows nothing)');
    const set = await cli(['status', 'zoom', 'prohibited', '--note', 'Warnung', '--by', 'anna']);
    assert.equal(set.code, 0, set.err);
    const next = oneYearAfter(todayIso());
    assert.match(await readFile(kb.tool('zoom'), 'utf8'), new RegExp(`^review_due: ['"]?${next}['"]?$`, 'm'));
    assert.match(set.out, /Next review: /);
    const after = createEngine(await loadKnowledgeBase(kb.dir)).answer('Darf ich Zoom nutzen?');
    assert.equal(after.tools[0]?.reviewOverdue, false);

    const chosen = await cli(['status', 'zoom', 'pending', '--note', 'Neu', '--next', '2099-03-01', '--by', 'anna']);
    assert.equal(chosen.code, 0, chosen.err);
    assert.match(await readFile(kb.tool('zoom'), 'utf8'), /^review_due: ['"]?2099-03-01['"]?$/m);
    const past = await cli(['status', 'zoom', 'prohibited', '--note', 'x', '--next', '2001-01-01', '--by', 'anna']);
    assert.equal(past.code, 1);
    assert.match(past.err, /2001/);
  });

  it('exits 1 for a refused or invalid change (nothing written) and 2 for a usage error', async () => {
    const bytes = await readFile(kb.tool('zoom'));
    const refused = await cli(['status', 'zoom', 'approved', '--by', 'anna', '--note', 'x']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /Zoom still has restrictions/);
    const invalid = await cli(['restriction', 'add', 'zoom', 'x', '--forbid', 'mars', '--text', 'X', '--by', 'anna']);
    assert.equal(invalid.code, 1);
    assert.match(invalid.err, /unknown context "mars"/);
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);

    const badStatus = await cli(['status', 'zoom', 'maybe', '--by', 'anna', '--note', 'x']);
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.err, /\(invalid status "maybe"\)\. Expected: approved, restricted, pending or prohibited\.\nUsage: `compliance-bot kb status <tool> /);
    const noBy = await cli(['status', 'zoom', 'prohibited', '--note', 'x']);
    assert.equal(noBy.code, 2);
    assert.match(noBy.err, /--by <name> or set USER/);
    const noStatus = await cli(['status', 'zoom'], { USER: 'anna' });
    assert.equal(noStatus.code, 2);
    assert.match(noStatus.err, /missing required argument 'status'/, 'the missing argument is named before any option');
    const noNote = await cli(['status', 'zoom', 'prohibited'], { USER: 'anna' });
    assert.equal(noNote.code, 2);
    assert.match(noNote.err, /required option '--note <text>' not specified/);
    const missingArg = await cli(['history']);
    assert.equal(missingArg.code, 2);
    const badPage = await cli(['history', 'zoom', '--page', '0']);
    assert.equal(badPage.code, 2);
    assert.match(badPage.err, /--page must be a page number/);
    const badNext = await cli(['reviewed', 'zoom', '--by', 'anna', '--next', 'tomorrow']);
    assert.equal(badNext.code, 2);
    assert.match(badNext.err, /--next must be a date written YYYY-MM-DD/);
    const badRetention = await cli(['refused'], { RETENTION_DAYS: 'forever' });
    assert.equal(badRetention.code, 2);
    assert.match(badRetention.err, /RETENTION_DAYS/);
    const badEnv = await cli(['proposals'], { FOUR_EYES: 'perhaps' });
    assert.equal(badEnv.code, 2);
    assert.match(badEnv.err, /FOUR_EYES/);
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);
  });

  it('lists refused attempts (none from the CLI, whose users are admins) with the retention', async () => {
    const none = await cli(['refused'], { RETENTION_DAYS: '7' });
    assert.equal(none.code, 0, none.err);
    assert.equal(none.out, 'No admin command was refused in the last 7 days.\n');
  });

  it('applies four eyes to the CLI too: propose, list, approve by someone else', async () => {
    const env = { FOUR_EYES: 'true', PROPOSAL_TTL: '2h' };
    const bytes = await readFile(kb.tool('microsoft-365'));
    const proposed = await cli(['status', 'microsoft-365', 'approved', '--by', 'anna', '--note', 'Freigabe'], env);
    assert.equal(proposed.code, 0, proposed.err);
    const id = /Proposal ([a-z0-9]{5}):/.exec(proposed.out)?.[1];
    assert.ok(id, proposed.out);
    assert.deepEqual(await readFile(kb.tool('microsoft-365')), bytes);

    const list = await cli(['proposals'], env);
    assert.match(list.out, new RegExp(`• ${id}: microsoft-365 → approved – note: Freigabe – by cli:anna`));

    const own = await cli(['approve', id, '--by', 'anna'], env);
    assert.equal(own.code, 1);
    assert.deepEqual(await readFile(kb.tool('microsoft-365')), bytes);

    const approved = await cli(['approve', id, '--by', 'ben'], env);
    assert.equal(approved.code, 0, approved.err);
    assert.match(approved.out, /Done: Microsoft 365 is now approved/);
    assert.match(await readFile(kb.tool('microsoft-365'), 'utf8'), /^status: approved$/m);
    const history = await cli(['history', 'microsoft-365'], env);
    assert.match(history.out, new RegExp(`cli:ben: approved proposal ${id}\\n.*cli:anna: status under assessment → approved – note: Freigabe\\n.*cli:anna: proposed: microsoft-365 → approved – note: Freigabe`));
  });
});
