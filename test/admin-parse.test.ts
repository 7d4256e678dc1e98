import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAdmins, parseFourEyes, parseProposalTtl } from '../src/config/admin.js';
import { AdminCommandError, ConfigError } from '../src/errors.js';
import { commandWord, formatAdminCommand, parseAdminCommand, splitSource, USAGE, type AdminCommand } from '../src/admin/parse.js';

function parseError(text: string): AdminCommandError {
  try {
    parseAdminCommand(text);
  } catch (err) {
    assert.ok(err instanceof AdminCommandError, `expected AdminCommandError, got ${String(err)}`);
    return err;
  }
  assert.fail(`"${text}" was accepted`);
}

describe('parseAdminCommand', () => {
  it('reads the status form of the issue, with the note', () => {
    assert.deepEqual(parseAdminCommand('status zoom prohibited Warnung der Aufsichtsbehörde'), {
      kind: 'status',
      tool: 'zoom',
      status: 'prohibited',
      note: 'Warnung der Aufsichtsbehörde',
    });
  });

  it('accepts German status words, case and umlaut spellings', () => {
    const cases: [string, string][] = [
      ['freigegeben', 'approved'],
      ['Eingeschränkt', 'restricted'],
      ['eingeschraenkt', 'restricted'],
      ['in Prüfung', 'pending'],
      ['pruefung', 'pending'],
      ['untersagt', 'prohibited'],
      ['verboten', 'prohibited'],
    ];
    for (const [word, status] of cases) {
      const cmd = parseAdminCommand(`status zoom ${word} weil`);
      assert.equal(cmd.kind === 'status' && cmd.status, status, word);
      assert.equal(cmd.kind === 'status' && cmd.note, 'weil', word);
    }
  });

  it('splits off a source (English or German marker), with a link', () => {
    const cmd = parseAdminCommand('status zoom prohibited Warnung quelle: Schreiben des HmbBfDI <https://example.org/brief|Brief>');
    assert.deepEqual(cmd, {
      kind: 'status',
      tool: 'zoom',
      status: 'prohibited',
      note: 'Warnung',
      source: { title: 'Schreiben des HmbBfDI', url: 'https://example.org/brief' },
    });
  });

  it('takes a tool of several words up to the status word, or a quoted one', () => {
    const a = parseAdminCommand('status Microsoft 365 untersagt');
    assert.equal(a.kind === 'status' && a.tool, 'Microsoft 365');
    const b = parseAdminCommand('status „Zoom Meetings“ approved');
    assert.equal(b.kind === 'status' && b.tool, 'Zoom Meetings');
  });

  it('reads restriction add/remove, step, add, history, proposals, approve, help', () => {
    assert.deepEqual(parseAdminCommand('restriction add zoom no-recording forbid=recording,confidential Keine Aufzeichnung.'), {
      kind: 'restriction_add',
      tool: 'zoom',
      restrictionId: 'no-recording',
      forbiddenContexts: ['recording', 'confidential'],
      text: 'Keine Aufzeichnung.',
    });
    assert.deepEqual(parseAdminCommand('restriction remove zoom no-recording'), { kind: 'restriction_remove', tool: 'zoom', restrictionId: 'no-recording' });
    assert.deepEqual(parseAdminCommand('step zoom dpia in progress Liegt beim DSB'), {
      kind: 'step',
      tool: 'zoom',
      step: 'dpia',
      state: 'in_progress',
      note: 'Liegt beim DSB',
    });
    assert.deepEqual(parseAdminCommand('step zoom dpo-review erledigt'), { kind: 'step', tool: 'zoom', step: 'dpo_review', state: 'done' });
    assert.deepEqual(parseAdminCommand('add jitsi approved video-conferencing Jitsi Meet'), {
      kind: 'add',
      toolId: 'jitsi',
      status: 'approved',
      category: 'video-conferencing',
      name: 'Jitsi Meet',
    });
    assert.deepEqual(parseAdminCommand('history zoom'), { kind: 'history', tool: 'zoom' });
    assert.deepEqual(parseAdminCommand('  PROPOSALS '), { kind: 'proposals' });
    assert.deepEqual(parseAdminCommand('approve K3M9X'), { kind: 'approve', id: 'k3m9x' });
    assert.deepEqual(parseAdminCommand('help'), { kind: 'help' });
    assert.deepEqual(parseAdminCommand('history microsoft 365 page 3'), { kind: 'history', tool: 'microsoft 365', page: 3 });
    assert.deepEqual(parseAdminCommand('history zoom Seite 2'), { kind: 'history', tool: 'zoom', page: 2 });
    assert.deepEqual(parseAdminCommand('due'), { kind: 'due' });
    assert.deepEqual(parseAdminCommand('fällig 60'), { kind: 'due', days: 60 });
    assert.deepEqual(parseAdminCommand('reviewed zoom'), { kind: 'reviewed', tool: 'zoom' });
    assert.deepEqual(parseAdminCommand('geprüft Microsoft 365 2027-03-31'), { kind: 'reviewed', tool: 'Microsoft 365', next: '2027-03-31' });
  });

  it('names only the command word of a text, never the rest', () => {
    assert.equal(commandWord('history Frau Erika Mustermann'), 'history');
    assert.equal(commandWord('  STATUS zoom approved'), 'status');
    assert.equal(commandWord('geprüft zoom'), 'reviewed');
    assert.equal(commandWord('Erika.Mustermann@example.org'), 'unknown');
    assert.equal(commandWord(''), 'unknown');
  });

  it('takes a link of another scheme at the end of a source as its link (validation refuses it)', () => {
    assert.deepEqual(splitSource('Warnung source: Brief <javascript:alert(1)|Brief>'), { before: 'Warnung', source: { title: 'Brief', url: 'javascript:alert(1)' } });
    assert.deepEqual(splitSource('Warnung quelle: Schreiben Az:123'), { before: 'Warnung', source: { title: 'Schreiben Az:123' } });
  });

  it('says what was expected, with the usage line', () => {
    const bad = parseError('status zoom prohibitd Warnung');
    assert.equal(bad.reason, 'invalid');
    assert.equal(bad.field, 'status');
    assert.equal(bad.got, 'prohibitd');
    assert.match(bad.expected, /approved, restricted, pending or prohibited/);
    assert.equal(bad.usage, USAGE.status);
    assert.match(bad.message, /Usage: status <tool>/);

    const missing = parseError('status');
    assert.equal(missing.reason, 'missing');
    assert.equal(missing.field, 'tool');

    const unknown = parseError('frobnicate zoom');
    assert.equal(unknown.reason, 'unknown_command');
    assert.match(unknown.expected, /status, restriction, step/);

    assert.equal(parseError('restriction add zoom Bad_ID text').field, 'restriction id');
    assert.equal(parseError('restriction add zoom ok-id').field, 'restriction text');
    assert.equal(parseError('restriction change zoom x').field, 'restriction action');
    assert.equal(parseError('step zoom paperwork done').field, 'step');
    assert.equal(parseError('step zoom dpia finished').field, 'state');
    assert.equal(parseError('add Jitsi approved video-conferencing Jitsi').field, 'tool id');
    assert.equal(parseError('add jitsi approved video-conferencing').field, 'name');
    assert.equal(parseError('approve').field, 'proposal id');
    assert.equal(parseError('').reason, 'empty');
  });

  it('formats a command so that it parses back to the same command', () => {
    const commands: AdminCommand[] = [
      { kind: 'status', tool: 'zoom', status: 'prohibited', note: 'Warnung der Aufsichtsbehörde', source: { title: 'Brief', url: 'https://example.org/b' } },
      { kind: 'status', tool: 'microsoft-365', status: 'pending' },
      { kind: 'restriction_add', tool: 'zoom', restrictionId: 'x', forbiddenContexts: ['citizens'], text: 'Nur intern.' },
      { kind: 'restriction_remove', tool: 'zoom', restrictionId: 'x' },
      { kind: 'step', tool: 'zoom', step: 'dpia', state: 'concerns', note: 'Bedenken' },
      { kind: 'add', toolId: 'jitsi', status: 'approved', category: 'video-conferencing', name: 'Jitsi Meet' },
      { kind: 'approve', id: 'abcde' },
      { kind: 'history', tool: 'zoom', page: 2 },
      { kind: 'due', days: 14 },
      { kind: 'reviewed', tool: 'microsoft 365', next: '2027-01-31' },
    ];
    for (const cmd of commands) assert.deepEqual(parseAdminCommand(formatAdminCommand(cmd)), cmd);
  });
});

describe('admin settings from the environment', () => {
  it('parses ADMINS, normalising platform and Teams ids', () => {
    assert.deepEqual(parseAdmins({ ADMINS: ' slack:U012ABC , Teams:ABCDEF-01 ,slack:U012ABC' }), ['slack:U012ABC', 'teams:abcdef-01']);
    assert.deepEqual(parseAdmins({}), []);
  });

  it('refuses a malformed admin id, naming the variable and the expected form', () => {
    assert.throws(
      () => parseAdmins({ ADMINS: 'slack:U1,U2' }),
      (err: unknown) => err instanceof ConfigError && err.variable === 'ADMINS' && /"U2".*slack:<user id>/.test(err.message),
    );
  });

  it('parses FOUR_EYES and PROPOSAL_TTL', () => {
    assert.equal(parseFourEyes({ FOUR_EYES: 'true' }), true);
    assert.equal(parseFourEyes({}), false);
    assert.throws(() => parseFourEyes({ FOUR_EYES: 'maybe' }), ConfigError);
    assert.equal(parseProposalTtl({ PROPOSAL_TTL: '30m' }), 30 * 60_000);
    assert.equal(parseProposalTtl({ PROPOSAL_TTL: '2d' }), 2 * 86_400_000);
    assert.equal(parseProposalTtl({ PROPOSAL_TTL: '48' }), 48 * 3_600_000);
    assert.equal(parseProposalTtl({}), 72 * 3_600_000);
    assert.throws(() => parseProposalTtl({ PROPOSAL_TTL: 'soon' }), /PROPOSAL_TTL/);
  });
});
