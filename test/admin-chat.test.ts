// Admin commands through the chat command path (src/chat/commands.ts with the real admin service,
// the core holding the loaded knowledge base, and a real SQLite file): a refused attempt keeps who,
// when and the command word and nothing else, and reads nothing of the knowledge folder; an admin's
// history and resolution come from the base in memory, checked against the folder when a change is
// written; over-long, control-character and non-http input is refused in the admin's language;
// history comes in pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { AdminService } from '../src/admin/service.js';
import type { AuditEntry } from '../src/model/audit.js';
import { createChatCommands, type ChatCommands, type ChatUser } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { copyKnowledge, SHIPPED_KB, type KbCopy } from './helpers/admin-kb-copy.js';
import { sqliteRows } from './helpers/audit-raw.js';
import { chatAdminService } from './helpers/chat-admin.js';

const silent = pino({ level: 'silent' });

function slackUser(id: string, language: 'de' | 'en' = 'de'): ChatUser {
  const target = { platform: 'slack' as const, conversationId: `D-${id}`, userId: id };
  return { platform: 'slack', key: `slack:${id}`, adminId: `slack:${id}`, personal: target, conversation: target, language };
}
const EVE = slackUser('UEVE', 'en');
const ANNA = slackUser('UANNA');

/** Counts directory listings and file reads under `dir` (whatever fs function the loader uses). */
function countReads(dir: string): { count: () => number; restore: () => void } {
  let n = 0;
  const inside = (p: unknown) => typeof p === 'string' && path.resolve(p).startsWith(dir);
  const wrapped: [Record<string, unknown>, string, unknown][] = [];
  const wrap = (target: Record<string, unknown>, name: string) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    wrapped.push([target, name, original]);
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (inside(args[0])) n++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  };
  const sync = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of ['readdir', 'readdirSync', 'opendir', 'opendirSync', 'readFile', 'readFileSync', 'open', 'openSync', 'createReadStream']) wrap(sync, name);
  for (const name of ['readdir', 'opendir', 'readFile', 'open']) wrap(promises, name);
  syncBuiltinESMExports();
  return {
    count: () => n,
    restore: () => {
      for (const [target, name, original] of wrapped) target[name] = original;
      syncBuiltinESMExports();
    },
  };
}

describe('admin commands in chat', () => {
  let kb: KbCopy;
  let sqlite: string;
  let storage: Storage;
  let core: ComplianceCore;
  let admin: AdminService;
  let chat: ChatCommands;

  before(async () => {
    kb = await copyKnowledge();
    sqlite = path.join(path.dirname(kb.dir), 'chat.sqlite');
    storage = await openStorage({ sqlitePath: sqlite });
  });
  after(async () => {
    await storage.close();
    await kb.cleanup();
  });
  beforeEach(async () => {
    await storage.clearAll();
    core = new ComplianceCore(await loadKnowledgeBase(kb.dir));
    admin = chatAdminService({ kbDir: kb.dir, storage, core });
    await admin.settled();
    chat = createChatCommands({ core, storage, admin, logger: silent });
  });
  afterEach(async () => {
    // Back to the shipped files for the next test.
    for (const t of ['zoom', 'zoom-licensed', 'microsoft-365']) await writeFile(kb.tool(t), await readFile(path.join(SHIPPED_KB, 'tools', `${t}.yaml`), 'utf8'));
  });

  const refused = async (): Promise<AuditEntry[]> => (await storage.audit.history({ kb: admin.kbId, toolId: null })).entries;

  it('a refused attempt keeps who, when and the command word, none of the text', async () => {
    const reply = await chat.handle('admin history Frau Erika Mustermann erika.mustermann@example.org +49 170 1234567', EVE);
    assert.match(reply?.text ?? '', /^Sorry, admin commands are reserved/);
    const [entry, ...rest] = await refused();
    assert.equal(rest.length, 0);
    const { id: _id, at, ...kept } = entry!;
    assert.ok(Date.parse(at) > Date.now() - 60_000);
    assert.deepEqual(kept, { kb: admin.kbId, actor: 'slack:UEVE', action: 'refused', toolId: null, before: null, after: { command: 'history' } });
    // A first word that is no command is not kept either.
    await chat.handle('admin Erika.Mustermann@example.org bitte freischalten', EVE);
    assert.deepEqual((await refused())[0]?.after, { command: 'unknown' });
    const rows = await sqliteRows(sqlite);
    assert.ok(!rows.some((r) => /Erika|Mustermann|example\.org|1234567|freischalten/i.test(r.value)), 'nothing of the text is in the file');
    // Admins see the attempts (not in a tool's history: no tool is resolved for them).
    const list = (await chat.handle('admin refused', { ...ANNA, language: 'en' }))?.text.split('\n') ?? [];
    assert.equal(list[0], 'Refused admin commands (newest first; kept 30 days):');
    assert.match(list[1] ?? '', /^• \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC – slack:UEVE: refused \(not an admin\): unknown$/);
    assert.match(list[2] ?? '', /^• .* – slack:UEVE: refused \(not an admin\): history$/);
    assert.equal(list.length, 3);
    const stranger = await chat.handle('admin refused', EVE);
    assert.match(stranger?.text ?? '', /^Sorry/, 'only admins see them');
  });

  it('refused attempts read nothing of the knowledge folder; an admin\'s history neither', async () => {
    const reads = countReads(kb.dir);
    try {
      for (let i = 0; i < 20; i++) await chat.handle(`admin status zoom approved attempt ${i}`, EVE);
      await chat.handle('admin history zoom', EVE);
      assert.equal(reads.count(), 0, 'no file of the knowledge base was read for refused commands');
      assert.equal((await refused()).length, 21);
      const history = await chat.handle('admin history zoom meetings', ANNA);
      assert.equal(history?.text, 'Für Zoom sind keine Änderungen protokolliert.');
      assert.equal(reads.count(), 0, 'the admin\'s history resolved the tool from the base in memory');
      // The counter sees the loader: a change reads the folder (once, to validate the whole base).
      await chat.handle('admin status zoom prohibited Warnung', ANNA);
      assert.ok(reads.count() > 0);
    } finally {
      reads.restore();
    }
  });

  it('a tool found in memory is checked against the folder: a hand edit that moved an alias wins', async () => {
    // On disk, "zoom meetings" now names the licensed version; memory does not know yet.
    const zoom = await readFile(kb.tool('zoom'), 'utf8');
    await writeFile(kb.tool('zoom'), zoom.replace('aliases: [zoom meetings, ', 'aliases: ['));
    const licensed = await readFile(kb.tool('zoom-licensed'), 'utf8');
    await writeFile(kb.tool('zoom-licensed'), licensed.replace('aliases: [', 'aliases: [zoom meetings, '));
    assert.equal(core.knowledgeBase.tools.get('zoom')?.aliases.includes('zoom meetings'), true);
    const reply = await chat.handle('admin status "zoom meetings" prohibited Warnung', ANNA);
    assert.match(reply?.text ?? '', /^Erledigt: Zoom \(lizenzierte Version\) ist jetzt untersagt/);
    assert.match(await readFile(kb.tool('zoom-licensed'), 'utf8'), /^status: prohibited$/m);
    assert.match(await readFile(kb.tool('zoom'), 'utf8'), /^status: restricted$/m);
  });

  describe('input limits', () => {
    const unchanged = async (run: () => Promise<void>) => {
      const before = await Promise.all(['zoom', 'zoom-licensed', 'microsoft-365'].map((t) => readFile(kb.tool(t), 'utf8')));
      await run();
      const afterwards = await Promise.all(['zoom', 'zoom-licensed', 'microsoft-365'].map((t) => readFile(kb.tool(t), 'utf8')));
      assert.deepEqual(afterwards, before, 'nothing written');
      assert.deepEqual(await fs.promises.readdir(path.join(kb.dir, 'tools')).then((n) => n.sort()), ['microsoft-365.yaml', 'zoom-licensed.yaml', 'zoom.yaml']);
      assert.deepEqual((await storage.audit.history({ kb: admin.kbId, toolId: 'zoom' })).entries, [], 'nothing recorded');
    };

    it('a 300-character tool id', () =>
      unchanged(async () => {
        const reply = await chat.handle(`admin add ${'a'.repeat(300)} approved video-conferencing Long Name`, ANNA);
        assert.equal(reply?.text, 'Nicht geändert: Tool-Kennung ist zu lang (300 Zeichen); höchstens 64 Zeichen sind erlaubt.');
      }));

    it('a javascript: source link (as Slack sends a link, and bare)', () =>
      unchanged(async () => {
        const english = { ...ANNA, language: 'en' as const };
        for (const text of ['admin status zoom prohibited Warnung source: Schreiben <javascript:alert(1)|Schreiben>', 'admin status zoom prohibited Warnung quelle: Schreiben javascript:alert(1)']) {
          const reply = await chat.handle(text, english);
          assert.equal(reply?.text, 'Not changed: the source link must be a link starting with https:// or http://.');
        }
      }));

    it('a 100 KB restriction text', () =>
      unchanged(async () => {
        const reply = await chat.handle(`admin restriction add zoom huge ${'Keine Aufzeichnung. '.repeat(5_120)}`, ANNA);
        assert.match(reply?.text ?? '', /^Nicht geändert: Text der Einschränkung ist zu lang \(102\.39\d Zeichen\); höchstens 2\.000 Zeichen sind erlaubt\.$/);
      }));

    it('control characters and bidirectional overrides', () =>
      unchanged(async () => {
        const bell = await chat.handle('admin status zoom prohibited Warnung\u0007\u001b[2J', ANNA);
        assert.match(bell?.text ?? '', /^Nicht geändert: Notiz enthält Steuer- oder unsichtbare Zeichen/);
        const bidi = await chat.handle('admin add evil approved video-conferencing Zoom\u202Eexe.pdf', ANNA);
        assert.match(bidi?.text ?? '', /^Nicht geändert: Name enthält Steuer- oder unsichtbare Zeichen/);
      }));

    it('within the limits, a line break in a restriction text is fine', async () => {
      await chat.handle('admin status microsoft-365 pending Neubewertung', ANNA);
      const reply = await chat.handle('admin restriction add microsoft-365 internal-only Nur intern.\nKeine Gäste.', ANNA);
      assert.match(reply?.text ?? '', /^Erledigt: Einschränkung „internal-only“ bei Microsoft 365 hinzugefügt/);
    });
  });

  it('history comes in pages of 25, newest first, with the command for older records', async () => {
    for (let i = 1; i <= 30; i++) {
      await storage.audit.append({
        id: `h${i}`,
        kb: admin.kbId,
        at: new Date(Date.UTC(2026, 0, i)).toISOString(),
        actor: 'file',
        action: 'hand_edit',
        toolId: 'zoom',
        before: { status: 'restricted' },
        after: { status: 'restricted' },
      });
    }
    const first = (await chat.handle('admin history zoom', ANNA))?.text.split('\n') ?? [];
    assert.equal(first[0], 'Änderungen an Zoom (neueste zuerst): (Seite 1 von 2)');
    assert.equal(first.length, 27);
    assert.match(first[1] ?? '', /^• 30\.01\.2026 00:00 UTC – file:/);
    assert.equal(first[26], 'Ältere Einträge: `admin history zoom seite 2`');
    const second = (await chat.handle('admin history zoom seite 2', ANNA))?.text.split('\n') ?? [];
    assert.equal(second[0], 'Änderungen an Zoom (neueste zuerst): (Seite 2 von 2)');
    assert.deepEqual(second.slice(1).map((l) => l.slice(2, 12)), ['05.01.2026', '04.01.2026', '03.01.2026', '02.01.2026', '01.01.2026']);
  });
});
