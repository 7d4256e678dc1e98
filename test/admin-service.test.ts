import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createAdminService, type AdminActor, type AdminApplied, type AdminServiceOptions } from '../src/admin/service.js';
import { handEditEntries } from '../src/admin/hand-edit.js';
import { StorageUnavailableError } from '../src/errors.js';
import { knowledgeBaseIdentity } from '../src/admin/kb-identity.js';
import { todayIso } from '../src/kb/edit.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { MemoryAuditLog, MemoryProposalStore } from './helpers/admin-memory-storage.js';

const ANNA: AdminActor = { id: 'slack:UANNA', name: 'Anna', language: 'de' };
const BEN: AdminActor = { id: 'teams:AAAA-BBBB', name: 'Ben', language: 'en' };
const EVE: AdminActor = { id: 'slack:UEVE', name: 'Eve', language: 'en' };

describe('admin service', () => {
  let kb: KbCopy;
  let audit: MemoryAuditLog;
  let proposals: MemoryProposalStore;
  let applied: AdminApplied[];
  let clock: Date;

  const service = (extra: Partial<AdminServiceOptions> = {}) =>
    createAdminService({
      kbDir: kb.dir,
      admins: ['slack:UANNA', 'teams:aaaa-bbbb'],
      audit,
      proposals,
      fourEyes: false,
      proposalTtlMs: 3_600_000,
      now: () => clock,
      onApplied: (a) => {
        applied.push(a);
      },
      ...extra,
    });

  beforeEach(async () => {
    kb = await copyKnowledge();
    audit = new MemoryAuditLog();
    proposals = new MemoryProposalStore();
    applied = [];
    clock = new Date('2026-11-27T10:30:00Z');
  });
  afterEach(async () => {
    await kb.cleanup();
  });

  it('changes a status from chat, records who/when/what/before/after, and hands over the new base', async () => {
    const reply = await service().execute('status zoom prohibited Warnung der Aufsichtsbehörde quelle: Schreiben vom 1.12.', ANNA);
    assert.equal(reply.ok, true);
    // The shipped summary ("im Einsatz") no longer fits: the admin is told so.
    assert.equal(
      reply.text,
      'Erledigt: Zoom ist jetzt untersagt (vorher: mit Auflagen freigegeben). Nächste Prüfung am 27.11.2027. Die Zusammenfassung des Eintrags passt nicht mehr zum neuen Status („im Einsatz“): bitte anpassen. Im Änderungsprotokoll vermerkt.',
    );
    const text = await readFile(kb.tool('zoom'), 'utf8');
    assert.match(text, /^status: prohibited$/m);
    assert.match(text, new RegExp(`^updated: ${todayIso(clock)}$`, 'm'));

    assert.equal(audit.entries.length, 1);
    const { id, ...entry } = audit.entries[0]!;
    assert.ok(id.length > 0);
    assert.deepEqual(entry, {
      kb: knowledgeBaseIdentity(kb.dir).id,
      at: '2026-11-27T10:30:00.000Z',
      actor: 'slack:UANNA',
      action: 'status',
      toolId: 'zoom',
      before: { status: 'restricted', review_due: '2021-09-30' },
      after: { status: 'prohibited', review_due: '2027-11-27' },
      note: 'Warnung der Aufsichtsbehörde',
      source: { title: 'Schreiben vom 1.12.' },
    });

    assert.equal(applied.length, 1);
    const a = applied[0]!;
    assert.deepEqual([a.toolId, a.by, a.oldStatus, a.newStatus, a.note], ['zoom', 'slack:UANNA', 'restricted', 'prohibited', 'Warnung der Aufsichtsbehörde']);
    assert.equal(a.kb.tools.get('zoom')?.status, 'prohibited');
    assert.equal(a.previous?.tools.get('zoom')?.status, 'restricted');
    assert.equal(a.kb.version, (await loadKnowledgeBase(kb.dir)).version);
  });

  it('finds a tool by alias and answers in English for an English admin', async () => {
    const reply = await service().execute('status "zoom meetings" pending re-assessment', BEN);
    assert.equal(
      reply.text,
      "Done: Zoom is now under assessment (was: approved with conditions). Next review: 2027-11-27. The entry's summary no longer fits the new status (“im Einsatz”): please update it. Recorded in the audit log.",
    );
    assert.equal(audit.entries[0]?.actor, 'teams:aaaa-bbbb');
  });

  it('refuses a non-admin politely, records the attempt without its text, and writes nothing', async () => {
    const bytes = await readFile(kb.tool('zoom'));
    const reply = await service().execute('status zoom approved secret reason', EVE);
    assert.equal(reply.ok, false);
    assert.match(reply.text, /^Sorry, admin commands are reserved/);
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);
    assert.equal(applied.length, 0);
    assert.equal(audit.entries.length, 1);
    const { id: _id, ...entry } = audit.entries[0]!;
    // Who, when and the command word: not the tool named, not the text.
    assert.deepEqual(entry, { kb: knowledgeBaseIdentity(kb.dir).id, at: clock.toISOString(), actor: 'slack:UEVE', action: 'refused', toolId: null, before: null, after: { command: 'status' } });
    assert.equal(audit.ttls[0], 30 * 86_400_000, 'kept for the default RETENTION_DAYS');
    assert.ok(!JSON.stringify(audit.entries).includes('secret'));
    assert.ok(!JSON.stringify(audit.entries).includes('zoom'));
    // Even gibberish or help: refused, and no grammar is handed out.
    const gibberish = await service().execute('frobnicate', { ...EVE, language: 'de' });
    assert.match(gibberish.text, /^Entschuldigung, Admin-Befehle sind/);
    assert.equal(audit.entries[1]?.action, 'refused');
  });

  it('refuses an invalid change with the reason; nothing is written or recorded', async () => {
    const bytes = await readFile(kb.tool('zoom'));
    const approved = await service().execute('status zoom approved', BEN);
    assert.equal(approved.ok, false);
    assert.match(approved.text, /Zoom still has restrictions \(non-confidential-only, not-with-vulnerable-persons\)/);
    assert.match(approved.text, /admin restriction remove zoom <restriction-id>`; .*\(`admin status zoom pending`\)/);
    const context = await service().execute('restriction add zoom ext-only forbid=mars Nur für den Mars.', BEN);
    assert.equal(context.ok, false);
    assert.match(context.text, /^Not changed: this change would make the knowledge base invalid\.\n• tools\/zoom\.yaml:\d+:\d+: restrictions\[2\]\.forbidden_contexts\[0\]: unknown context "mars"/);
    const restricted = await service().execute('status microsoft-365 restricted', ANNA);
    assert.match(restricted.text, /braucht mindestens eine Einschränkung/);
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);
    assert.equal(audit.entries.length, 0);
    assert.equal(applied.length, 0);
  });

  it('says what it did not understand, with the usage line, and suggests a tool for a typo', async () => {
    const bad = await service().execute('status zoom forbidden', BEN);
    assert.equal(bad.ok, false);
    assert.match(bad.text, /invalid status "forbidden"/);
    assert.match(bad.text, /Usage: `admin status <tool> <approved\|restricted\|pending\|prohibited>/);
    const typo = await service().execute('status zoon prohibited', BEN);
    assert.match(typo.text, /"zoon" is not a tool in the catalogue\. Did you mean: zoom\? Add new tools with `admin add /);
    const help = await service().execute('help', BEN);
    assert.match(help.text, /admin history <tool>/);
  });

  it('shows a tool\'s history, newest first', async () => {
    const s = service();
    await s.execute('restriction add zoom no-recording forbid=recording Keine Aufzeichnung.', ANNA);
    clock = new Date('2026-11-27T11:00:00Z');
    await s.execute('step zoom dpia concerns Neue Bewertung', ANNA);
    clock = new Date('2026-11-27T12:00:00Z');
    await s.execute('status zoom prohibited Warnung der Aufsichtsbehörde', ANNA);
    const reply = await s.execute('history zoom', BEN);
    assert.equal(reply.ok, true);
    assert.equal(
      reply.text,
      [
        'Changes to Zoom (newest first):',
        '• 2026-11-27 12:00 UTC – slack:UANNA: status approved with conditions → prohibited – note: Warnung der Aufsichtsbehörde',
        '• 2026-11-27 11:00 UTC – slack:UANNA: Data protection impact assessment: completed → concerns raised – note: Neue Bewertung',
        '• 2026-11-27 10:30 UTC – slack:UANNA: restriction added: no-recording (not for: recording)',
      ].join('\n'),
    );
    const none = await s.execute('history microsoft-365', ANNA);
    assert.equal(none.text, 'Für Microsoft 365 sind keine Änderungen protokolliert.');
  });

  describe('four eyes', () => {
    it('a status change that loosens takes effect only when a different admin approves it', async () => {
      const s = service({ fourEyes: true });
      const bytes = await readFile(kb.tool('microsoft-365'));
      const proposed = await s.execute('status microsoft-365 approved Freigabe nach Prüfung', ANNA);
      assert.equal(proposed.ok, true);
      const id = proposed.proposal?.id ?? '';
      assert.match(id, /^[a-hj-km-np-z2-9]{5}$/);
      assert.match(proposed.text, new RegExp(`admin approve ${id}`));
      assert.match(proposed.text, /Die Änderung lockert eine Regel \(Status von Microsoft 365: in Prüfung → freigegeben\)\./);
      assert.deepEqual(await readFile(kb.tool('microsoft-365')), bytes);
      assert.equal(applied.length, 0);
      assert.equal(proposed.proposal?.command, 'status microsoft-365 approved Freigabe nach Prüfung');

      const list = await s.execute('proposals', BEN);
      assert.match(list.text, new RegExp(`• ${id}: microsoft-365 → approved – note: Freigabe nach Prüfung – by slack:UANNA, valid until 2026-11-27 11:30 UTC`));

      const own = await s.execute(`approve ${id}`, ANNA);
      assert.equal(own.ok, false);
      assert.match(own.text, /Vier-Augen-Prinzip: Vorschlag .* stammt von Ihnen/);
      assert.deepEqual(await readFile(kb.tool('microsoft-365')), bytes);

      clock = new Date('2026-11-27T10:45:00Z');
      const approved = await s.execute(`approve ${id.toUpperCase()}`, BEN);
      assert.equal(approved.ok, true, approved.text);
      assert.match(approved.text, new RegExp(`^Proposal ${id} by slack:UANNA approved\\. Done: Microsoft 365 is now approved`));
      assert.match(await readFile(kb.tool('microsoft-365'), 'utf8'), /^status: approved$/m);
      assert.equal(applied.length, 1);
      assert.deepEqual([applied[0]!.by, applied[0]!.approvedBy, applied[0]!.proposalId], ['slack:UANNA', 'teams:aaaa-bbbb', id]);
      assert.deepEqual(
        audit.entries.map((e) => [e.action, e.actor]),
        [
          ['proposal', 'slack:UANNA'],
          ['status', 'slack:UANNA'],
          ['approve', 'teams:aaaa-bbbb'],
        ],
      );
      assert.equal(proposals.items.size, 0);
      const again = await s.execute(`approve ${id}`, BEN);
      assert.match(again.text, /There is no open proposal/);
    });

    it('a tightening status change applies at once', async () => {
      const s = service({ fourEyes: true });
      const reply = await s.execute('status zoom prohibited Warnung der Aufsichtsbehörde', ANNA);
      assert.equal(reply.proposal, undefined);
      assert.match(reply.text, /^Erledigt: Zoom ist jetzt untersagt/);
      assert.equal(applied.length, 1);
    });

    it('refuses an invalid proposal at once, and applies non-status changes directly', async () => {
      const s = service({ fourEyes: true });
      const invalid = await s.execute('status zoom approved', ANNA);
      assert.equal(invalid.ok, false);
      assert.equal(proposals.items.size, 0);
      const step = await s.execute('step zoom it-security planned', ANNA);
      assert.equal(step.ok, true);
      assert.equal(applied.length, 1);
    });

    it('a proposal belongs to its knowledge base: a copy opened elsewhere neither lists nor approves it', async () => {
      const other = await copyKnowledge();
      try {
        const { proposal } = await service({ fourEyes: true }).execute('restriction remove zoom not-with-vulnerable-persons', ANNA);
        assert.equal(proposal?.kb, knowledgeBaseIdentity(kb.dir).id);
        const elsewhere = service({ fourEyes: true, kbDir: other.dir });
        assert.equal((await elsewhere.execute('proposals', BEN)).text, 'There are no open proposals.');
        const approve = await elsewhere.execute(`approve ${proposal!.id}`, BEN);
        assert.match(approve.text, /There is no open proposal/);
        assert.match(await readFile(other.tool('zoom'), 'utf8'), /not-with-vulnerable-persons/);
        assert.equal(proposals.items.size, 1, 'still open for its own knowledge base');
      } finally {
        await other.cleanup();
      }
    });

    it('an expired proposal is refused and dropped', async () => {
      const s = service({ fourEyes: true });
      const bytes = await readFile(kb.tool('microsoft-365'));
      const { proposal } = await s.execute('status microsoft-365 approved', ANNA);
      clock = new Date(clock.getTime() + 3_600_001);
      const reply = await s.execute(`approve ${proposal!.id}`, BEN);
      assert.equal(reply.ok, false);
      assert.match(reply.text, /has expired and was dropped/);
      assert.equal(proposals.items.size, 0);
      assert.deepEqual(await readFile(kb.tool('microsoft-365')), bytes);
      // Listing also drops expired ones.
      await s.execute('restriction remove zoom not-with-vulnerable-persons', ANNA);
      clock = new Date(clock.getTime() + 3_600_001);
      assert.equal((await s.execute('proposals', BEN)).text, 'There are no open proposals.');
      assert.equal(proposals.items.size, 0);
    });
  });

  it('reports unavailable storage instead of failing, and warns when only the audit could not be written', async () => {
    const down = new StorageUnavailableError('redis', 'put proposal', new Error('connection refused'));
    const s = service({ fourEyes: true, proposals: Object.assign(new MemoryProposalStore(), { put: async () => Promise.reject(down) }) });
    const reply = await s.execute('status microsoft-365 approved', BEN);
    assert.deepEqual(reply, { ok: false, text: 'The storage (audit log/proposals) is unavailable right now. Please try again later; nothing was changed.' });

    const noAudit = service({ audit: Object.assign(new MemoryAuditLog(), { append: async () => Promise.reject(down) }) });
    const applied2 = await noAudit.execute('status zoom pending', BEN);
    assert.equal(applied2.ok, true);
    assert.match(applied2.text, /Warning: the change is saved but could not be recorded in the audit log/);
  });
});

describe('handEditEntries', () => {
  it('records one entry per changed tool, ignoring a bare `updated` change', async () => {
    const kb = await copyKnowledge();
    try {
      const before = await loadKnowledgeBase(kb.dir);
      const zoom = await readFile(kb.tool('zoom'), 'utf8');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(kb.tool('zoom'), zoom.replace('status: restricted', 'status: prohibited'));
      const m365 = await readFile(kb.tool('microsoft-365'), 'utf8');
      await writeFile(kb.tool('microsoft-365'), m365.replace('updated: 2021-03-26', 'updated: 2021-04-01'));
      const after = await loadKnowledgeBase(kb.dir);
      const entries = handEditEntries(before, after, new Date('2026-01-01T00:00:00Z'));
      assert.deepEqual(
        entries.map(({ id: _id, ...e }) => e),
        [
          {
            kb: knowledgeBaseIdentity(kb.dir).id,
            at: '2026-01-01T00:00:00.000Z',
            actor: 'file',
            action: 'hand_edit',
            toolId: 'zoom',
            before: { status: 'restricted', restrictions: ['non-confidential-only', 'not-with-vulnerable-persons'] },
            after: { status: 'prohibited', restrictions: ['non-confidential-only', 'not-with-vulnerable-persons'] },
          },
        ],
      );
    } finally {
      await kb.cleanup();
    }
  });
});
