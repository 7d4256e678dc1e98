// Filing a word the engine did not understand (issue 18): `admin context add <context> <word>` in
// chat and `compliance-bot kb context add … --by WHO` write it into the knowledge base's
// contexts.yaml as a synonym of that context (comments and layout of the file stay), through the
// validated edit path, audited on a real SQLite file; four eyes do not hold it back (a synonym can
// only tighten); the next question reads the word as the context and no longer lists it as
// unexplained, and the gap report stops listing it.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Command } from 'commander';
import { pino } from 'pino';
import { parse } from 'yaml';
import { registerKbAdminCommands } from '../cli/kb-admin.js';
import type { AdminService } from '../src/admin/service.js';
import { createChatCommands, type ChatCommands, type ChatUser } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { applyContextSynonym } from '../src/kb/edit-contexts.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { diffKnowledgeBases } from '../src/notifications/diff.js';
import { toNotice } from '../src/notifications/notice.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { formatUsageReport } from '../src/usage/report.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { sqliteRows } from './helpers/audit-raw.js';
import { chatAdminService } from './helpers/chat-admin.js';

const silent = pino({ level: 'silent' });
const IMPF = 'Darf ich Zoom für eine Beratung zum Impfschaden nutzen?';

function slackUser(id: string, language: 'de' | 'en' = 'de'): ChatUser {
  const target = { platform: 'slack' as const, conversationId: `D-${id}`, userId: id };
  return { platform: 'slack', key: `slack:${id}`, adminId: `slack:${id}`, personal: target, conversation: target, language };
}
const ANNA = slackUser('UANNA');

const COMMENTED = `# Our own words for the situations (kept by hand).
- id: special_categories
  # health words of our counselling service
  synonyms:
    de: [schwerbehinderung] # added after the 2025 review
- id: citizens
  synonyms:
    en: [applicants]
`;

describe('context add in chat', () => {
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
  const start = async (fourEyes = false) => {
    core = new ComplianceCore(await loadKnowledgeBase(kb.dir));
    admin = chatAdminService({ kbDir: kb.dir, storage, core, fourEyes, admins: ['slack:UANNA', 'slack:UBEN'] });
    await admin.settled();
    chat = createChatCommands({ core, storage, admin, logger: silent });
  };
  beforeEach(async () => {
    await storage.clearAll();
    await rm(path.join(kb.dir, 'contexts.yaml'), { force: true });
  });
  afterEach(async () => {
    await rm(path.join(kb.dir, 'contexts.yaml'), { force: true });
  });

  it('writes the word into contexts.yaml keeping its comments, audits it, and the next question reads it as the context', async () => {
    await writeFile(path.join(kb.dir, 'contexts.yaml'), COMMENTED);
    await start();
    const before = core.preview(IMPF);
    assert.equal(before.verdict, 'confirm');
    assert.ok(before.unexplained?.includes('Impfschaden'));

    const reply = await chat.handle('admin context add special_categories Impfschaden', ANNA);
    assert.match(reply?.text ?? '', /^Erledigt: „impfschaden“ ist jetzt ein Synonym von „[^“]+“ \(special_categories, deutsch\)/);
    const text = await readFile(path.join(kb.dir, 'contexts.yaml'), 'utf8');
    for (const comment of ['# Our own words for the situations (kept by hand).', '# health words of our counselling service', '# added after the 2025 review']) {
      assert.ok(text.includes(comment), `the comment "${comment}" stays`);
    }
    const entries = parse(text) as { id: string; synonyms: Record<string, string[]> }[];
    assert.deepEqual(entries[0]?.synonyms.de, ['schwerbehinderung', 'impfschaden']);
    assert.deepEqual(entries[1]?.synonyms, { en: ['applicants'] }, 'the other entry is untouched');

    const history = await storage.audit.history({ kb: admin.kbId, toolId: 'context:special_categories' });
    assert.equal(history.entries.length, 1);
    assert.equal(history.entries[0]?.action, 'context_add');
    assert.equal(history.entries[0]?.actor, 'slack:UANNA');
    assert.deepEqual((history.entries[0]?.after as { added: string; language: string }).added, 'impfschaden');
    const rows = await sqliteRows(sqlite);
    assert.ok(rows.some((r) => r.value.includes('context_add') && r.value.includes('impfschaden')), 'the audit record is in the file');

    const answer = core.preview(IMPF);
    assert.ok(answer.contexts.includes('special_categories'), `read as the context: ${answer.contexts.join(', ')}`);
    assert.equal(answer.verdict, 'not_allowed', 'Zoom forbids special categories');
    assert.ok(!(answer.unexplained ?? []).includes('Impfschaden'), 'no longer unexplained');

    const again = await chat.handle('admin context add special_categories impfschaden', ANNA);
    assert.match(again?.text ?? '', /^Nichts zu ändern: „impfschaden“ ist bereits ein Synonym/);
  });

  it('creates contexts.yaml when there is none; four eyes do not hold a synonym back', async () => {
    await start(true);
    let day = Date.now() - 86_400_000;
    const usage = createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30, now: () => new Date(day) });
    // Two clients on two days: a capitalised word is listed once corroborated.
    await usage.recordAnswer(core.preview(IMPF), 'slack', 1, ['slack:T1:U1']);
    day += 86_400_000;
    await usage.recordAnswer(core.preview(IMPF), 'slack', 1, ['slack:T1:U2']);
    assert.match(formatUsageReport(await usage.report(), 'de', core.knowledgeBase), /Nicht eingeordnet: [^\n]*Impfschaden 2×/);

    const reply = await chat.handle('admin context add special_categories impfschaden', { ...ANNA, language: 'en' });
    assert.match(reply?.text ?? '', /^Done: "impfschaden" is now a synonym of "[^"]+" \(special_categories, German\)/);
    assert.deepEqual(await storage.proposals.list(), [], 'applied at once, no proposal');
    const entries = parse(await readFile(path.join(kb.dir, 'contexts.yaml'), 'utf8')) as { id: string; synonyms: Record<string, string[]> }[];
    assert.deepEqual(entries, [{ id: 'special_categories', synonyms: { de: ['impfschaden'] } }]);
    assert.ok((await loadKnowledgeBase(kb.dir)).contexts.get('special_categories')?.synonyms.de.includes('impfschaden'));
    assert.ok(core.preview(IMPF).contexts.includes('special_categories'));
    assert.doesNotMatch(formatUsageReport(await usage.report(), 'de', core.knowledgeBase), /Impfschaden/, 'a filed word is no longer listed');
  });

  it('refuses an unknown context and a word that is no word, writing nothing', async () => {
    await start();
    const unknown = await chat.handle('admin context add gesundheit impfschaden', ANNA);
    assert.match(unknown?.text ?? '', /„gesundheit“ ist kein Kontext dieser Wissensbasis\. Vorhanden: .*special_categories/);
    const bad = await chat.handle('admin context add special_categories max@example.org', ANNA);
    assert.match(bad?.text ?? '', /ungültig: Wort/);
    await assert.rejects(readFile(path.join(kb.dir, 'contexts.yaml'), 'utf8'), /ENOENT/);
  });
});

describe('compliance-bot kb context add', () => {
  let kb: KbCopy;
  beforeEach(async () => {
    kb = await copyKnowledge();
  });
  afterEach(async () => {
    await kb.cleanup();
  });

  it('writes contexts.yaml, audits the change under --by, and the base reads the word', async () => {
    const sqlitePath = path.join(path.dirname(kb.dir), 'data', 'bot.sqlite');
    let out = '';
    let err = '';
    const program = new Command().exitOverride();
    registerKbAdminCommands(program.command('kb'), {
      openStorage: () => openStorage({ sqlitePath }),
      env: { LANG: 'en_US.UTF-8' },
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      exit: (code) => {
        throw new Error(`exit ${code}`);
      },
    });
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'compliance-bot', 'kb', 'context', 'add', 'special_categories', 'impfschaden', '--by', 'anna', '--kb', kb.dir]);
      assert.equal(Number(process.exitCode ?? 0), 0, err);
    } finally {
      process.exitCode = 0;
    }
    assert.match(out, /^Done: "impfschaden" is now a synonym of .*\(special_categories, German\)/);
    const base = await loadKnowledgeBase(kb.dir);
    assert.ok(base.contexts.get('special_categories')?.synonyms.de.includes('impfschaden'));
    assert.ok(new ComplianceCore(base).preview(IMPF).contexts.includes('special_categories'));
    const rows = await sqliteRows(sqlitePath);
    assert.ok(rows.some((r) => r.value.includes('"context_add"') && r.value.includes('cli:anna')), 'audited as cli:anna');
  });
});

describe('the change notice of a filed word', () => {
  it('tells the subscribers of each tool whose conditions forbid the context, in their language', async () => {
    const kb = await copyKnowledge();
    try {
      const result = await applyContextSynonym(kb.dir, { kind: 'context_add', contextId: 'special_categories', language: 'de', synonym: 'Impfschaden' });
      assert.ok(result.previous);
      const changes = diffKnowledgeBases(result.previous, result.kb, { by: 'slack:UANNA', at: new Date('2026-01-05T10:00:00Z') });
      const forbidding = [...result.kb.tools.values()].filter((t) => t.restrictions.some((r) => r.forbidden_contexts.includes('special_categories'))).map((t) => t.id).sort();
      assert.ok(forbidding.includes('zoom'));
      assert.deepEqual(changes.map((c) => c.toolId), forbidding, 'exactly the tools that forbid the context');
      const zoom = changes.find((c) => c.toolId === 'zoom')!;
      assert.equal(zoom.oldStatus, zoom.newStatus);
      assert.match(toNotice(zoom, 'de').changes.join('\n'), /^Zählt jetzt auch als „[^“]+“ \(nicht erlaubt\): impfschaden$/m);
      assert.match(toNotice(zoom, 'en').changes.join('\n'), /^Now also counts as "[^"]+" \(not allowed\): impfschaden$/m);
      assert.deepEqual(diffKnowledgeBases(result.kb, result.kb, { by: 'file', at: new Date() }), [], 'nothing new, no notice');
    } finally {
      await kb.cleanup();
    }
  });
});
