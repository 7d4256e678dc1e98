// Four eyes on every change that can turn a "no" into a "yes" (issue 24): the classifier for each
// kind of change, and each loosening kind through chat (the real chat commands, admin service,
// SQLite file and core) and through `compliance-bot kb … --by` (in-process commander, SQLite file,
// verdicts read back by a core loading the folder as `compliance-bot ask` does): the verdict stays
// as it was until a second admin approves, then it changes. Tightening changes apply at once.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Command } from 'commander';
import { pino } from 'pino';
import { registerKbAdminCommands } from '../cli/kb-admin.js';
import { describeLoosenings } from '../src/admin/format.js';
import { classifyEdit, classifyKnowledgeBaseEdit, type Loosening } from '../src/admin/loosening.js';
import { createChatCommands, type ChatCommands, type ChatUser } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { ToolEntry } from '../src/kb/schema.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { chatAdminService } from './helpers/chat-admin.js';

const silent = pino({ level: 'silent' });

/** One loosening change each: the command (chat words and CLI arguments), a question and its verdict before and after. */
const LOOSENING = [
  {
    kind: 'restriction removed',
    chat: 'restriction remove zoom not-with-vulnerable-persons',
    cli: ['restriction', 'remove', 'zoom', 'not-with-vulnerable-persons'],
    question: 'Darf ich Zoom für ein Gespräch mit besonders schutzbedürftigen Personen nutzen?',
    before: 'not_allowed',
    after: 'conditional',
  },
  {
    kind: 'more permissive status',
    chat: 'status microsoft-365 approved Freigabe nach Prüfung',
    cli: ['status', 'microsoft-365', 'approved', '--note', 'Freigabe nach Prüfung'],
    question: 'Darf ich Microsoft 365 nutzen?',
    before: 'pending',
    after: 'allowed',
  },
  {
    kind: 'new allowed tool',
    chat: 'add jitsi approved video-conferencing Jitsi Meet',
    cli: ['add', 'jitsi', '--name', 'Jitsi Meet', '--status', 'approved', '--category', 'video-conferencing'],
    question: 'Darf ich Jitsi Meet nutzen?',
    before: 'unknown',
    after: 'allowed',
  },
] as const;

async function verdictIn(core: ComplianceCore, question: string): Promise<string> {
  return (await core.ask(question, { platform: 'web' })).verdict;
}

function tool(over: Partial<ToolEntry>): ToolEntry {
  return {
    id: 'demo',
    name: 'Zuvixo',
    category: 'video-conferencing',
    aliases: [],
    status: 'restricted',
    restrictions: [{ id: 'r1', text: 'x', forbidden_contexts: ['confidential', 'citizens'] }],
    assessed_contexts: ['internal'],
    assessment: { dpia: { state: 'concerns' } },
    alternatives: [],
    sources: [],
    updated: '2026-01-01',
    ...over,
  } as ToolEntry;
}

describe('which edits loosen a rule (classifyEdit)', () => {
  const base = tool({});
  const kinds = (before: ToolEntry | undefined, after: ToolEntry | undefined) => classifyEdit(before, after).loosenings.map((l) => `${l.kind}:${l.detail}`);

  it('names each loosening kind', () => {
    assert.deepEqual(kinds(base, tool({ status: 'approved', restrictions: [] })), ['status:restricted → approved', 'restriction_removed:r1']);
    assert.deepEqual(kinds(tool({ status: 'prohibited' }), tool({ status: 'pending' })), ['status:prohibited → pending']);
    assert.deepEqual(kinds(base, tool({ restrictions: [{ id: 'r1', text: 'x', forbidden_contexts: ['confidential'] }] })), ['forbidden_context_removed:r1: citizens']);
    assert.deepEqual(kinds(base, tool({ assessed_contexts: ['internal', 'citizens'] })), ['assessed_context_added:citizens']);
    assert.deepEqual(kinds(base, tool({ assessment: { dpia: { state: 'done' } } })), ['concerns_lifted:dpia: done']);
    assert.deepEqual(kinds(base, tool({ assessment: {} })), ['concerns_lifted:dpia: -']);
    assert.deepEqual(kinds(undefined, tool({ status: 'approved', restrictions: [] })), ['tool_added:approved']);
    assert.deepEqual(kinds(undefined, tool({})), ['tool_added:restricted']);
  });

  it('an alias that is an everyday word (German or English, from the hunspell dictionaries) loosens; a product-shaped one does not', () => {
    assert.deepEqual(kinds(base, tool({ aliases: ['Besprechung'] })), ['common_word_alias:Besprechung']);
    assert.deepEqual(kinds(base, tool({ aliases: ['meeting room'] })), ['common_word_alias:meeting room']);
    assert.deepEqual(kinds(base, tool({ name: 'Termin' })), ['common_word_alias:Termin']);
    assert.deepEqual(kinds(base, tool({ aliases: ['zuvixo pro', 'zx365', 'Kowalczyk'] })), []);
    // An alias that was there before is no new loosening.
    assert.deepEqual(kinds(tool({ aliases: ['Besprechung'] }), tool({ aliases: ['Besprechung'] })), []);
  });

  it('tightening and neutral changes are not loosening', () => {
    assert.deepEqual(kinds(base, tool({ status: 'prohibited' })), []);
    assert.deepEqual(kinds(base, tool({ status: 'pending' })), []);
    assert.deepEqual(kinds(base, tool({ restrictions: [...base.restrictions, { id: 'r2', text: 'y', forbidden_contexts: ['recording'] }] })), []);
    assert.deepEqual(kinds(base, tool({ assessed_contexts: [] })), []);
    assert.deepEqual(kinds(tool({ assessment: { dpia: { state: 'done' } } }), base), []);
    assert.deepEqual(kinds(undefined, tool({ status: 'prohibited' })), []);
    assert.deepEqual(kinds(undefined, tool({ status: 'pending' })), []);
    assert.deepEqual(kinds(base, undefined), [], 'a removed tool is answered as unknown, never approved');
    assert.deepEqual(kinds(base, tool({ updated: '2027-01-01' })), []);
    assert.equal(classifyEdit(base, tool({ status: 'prohibited' })).loosening, false);
    assert.equal(classifyEdit(base, tool({ status: 'approved', restrictions: [] })).loosening, true);
  });

  it('classifies a whole knowledge base edit tool by tool (what an import or a hand edit calls)', async () => {
    const kb = await loadKnowledgeBase(path.resolve('knowledge'));
    const zoom = kb.tools.get('zoom')!;
    const tools = new Map(kb.tools);
    tools.set('zoom', { ...zoom, assessed_contexts: [...zoom.assessed_contexts, 'confidential'] });
    const result = classifyKnowledgeBaseEdit(kb, { ...kb, tools });
    assert.deepEqual(result.loosenings, [{ kind: 'assessed_context_added', toolId: 'zoom', detail: 'confidential' }]);
    assert.equal(classifyKnowledgeBaseEdit(kb, kb).loosening, false);
  });

  it('describes the first ten loosenings in words and counts the rest', () => {
    const many: Loosening[] = Array.from({ length: 15 }, (_, i) => ({ kind: 'restriction_removed', toolId: `t${i}`, detail: 'r1' }));
    const text = describeLoosenings(many, 'en');
    assert.equal(text.split('; ').length, 11);
    assert.match(text, /^removed restriction r1 of t0; /);
    assert.match(text, /… and 5 more$/);
    assert.equal(describeLoosenings([{ kind: 'status', toolId: 'zoom', detail: 'pending → approved' }], 'de', () => 'Zoom'), 'Status von Zoom: in Prüfung → freigegeben');
  });
});

describe('FOUR_EYES=true in chat: a loosening change waits for a second admin', () => {
  let kb: KbCopy;
  let storage: Storage;
  let core: ComplianceCore;
  let chat: ChatCommands;
  const user = (id: string): ChatUser => {
    const t = { platform: 'slack' as const, conversationId: `D-${id}`, userId: id };
    return { platform: 'slack', key: `slack:${id}`, adminId: `slack:${id}`, personal: t, conversation: t, language: 'en' };
  };
  const anna = user('UANNA');
  const ben = user('UBEN');

  let storeDir: string;

  before(async () => {
    kb = await copyKnowledge();
    // A folder of its own: each case removes the knowledge copy's folder, and the store open in it
    // lost its files under it (SQLITE_IOERR when it was closed).
    storeDir = await mkdtemp(path.join(tmpdir(), 'cb-four-eyes-'));
    storage = await openStorage({ sqlitePath: path.join(storeDir, 'four-eyes.sqlite') });
  });
  beforeEach(async () => {
    // Each case starts from the shipped catalogue.
    await kb.cleanup();
    kb = await copyKnowledge();
    core = new ComplianceCore(await loadKnowledgeBase(kb.dir));
    const admin = chatAdminService({ kbDir: kb.dir, storage, core, admins: ['slack:UANNA', 'slack:UBEN'], fourEyes: true });
    chat = createChatCommands({ core, storage, admin, logger: silent });
  });
  after(async () => {
    await storage.close();
    await kb.cleanup();
    await rm(storeDir, { recursive: true, force: true });
  });

  for (const change of LOOSENING) {
    it(`${change.kind}: unchanged until approved, then applied`, async () => {
      assert.equal(await verdictIn(core, change.question), change.before);
      const proposed = await chat.handle(`admin ${change.chat}`, anna);
      const id = /^Proposal ([a-z2-9]{5}):/.exec(proposed?.text ?? '')?.[1];
      assert.ok(id, proposed?.text);
      assert.match(proposed?.text ?? '', /The change loosens a rule \(/);
      assert.equal(await verdictIn(core, change.question), change.before);
      assert.equal(await verdictIn(new ComplianceCore(await loadKnowledgeBase(kb.dir)), change.question), change.before, 'nothing written');

      const own = await chat.handle(`admin approve ${id}`, anna);
      assert.match(own?.text ?? '', /is your own/);
      assert.equal(await verdictIn(core, change.question), change.before);

      const approved = await chat.handle(`admin approve ${id}`, ben);
      assert.match(approved?.text ?? '', new RegExp(`^Proposal ${id} by slack:UANNA approved\\. Done`));
      assert.equal(await verdictIn(core, change.question), change.after);
    });
  }

  it('marking a step with concerns as done waits; the entry keeps its concerns until approved', async () => {
    const state = () => core.knowledgeBase.tools.get('zoom')?.assessment.supervisory_authority?.state;
    const proposed = await chat.handle('admin step zoom supervisory_authority done', anna);
    const id = /^Proposal ([a-z2-9]{5}):/.exec(proposed?.text ?? '')?.[1];
    assert.ok(id, proposed?.text);
    assert.match(proposed?.text ?? '', /concerns lifted for Zoom \(/);
    assert.equal(state(), 'concerns');
    assert.match(await readFile(kb.tool('zoom'), 'utf8'), /state: concerns/);
    await chat.handle(`admin approve ${id}`, ben);
    assert.equal(state(), 'done');
  });

  it('tightening changes apply at once, without a proposal', async () => {
    const q = 'Darf ich Zoom mit Bürgern nutzen?';
    assert.equal(await verdictIn(core, q), 'conditional');
    const added = await chat.handle('admin restriction add zoom no-citizens forbid=citizens Nicht mit Bürgern.', anna);
    assert.match(added?.text ?? '', /^Done/);
    assert.equal(await verdictIn(core, q), 'not_allowed');
    const status = await chat.handle('admin status zoom prohibited Warnung', anna);
    assert.match(status?.text ?? '', /^Done: Zoom is now prohibited/);
    assert.equal(await verdictIn(core, 'Darf ich Zoom nutzen?'), 'not_allowed');
    const step = await chat.handle('admin step zoom dpia concerns', anna);
    assert.match(step?.text ?? '', /^Done/);
    assert.equal((await storage.proposals.list()).filter((p) => p.toolId === 'zoom').length, 0);
  });
});

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

describe('FOUR_EYES=true in the CLI (kb … --by): a loosening change waits for a second admin', () => {
  let kb: KbCopy;
  let sqlitePath: string;

  beforeEach(async () => {
    kb = await copyKnowledge();
    sqlitePath = path.join(path.dirname(kb.dir), 'data', 'bot.sqlite');
  });

  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const program = new Command().exitOverride();
    registerKbAdminCommands(program.command('kb'), {
      openStorage: () => openStorage({ sqlitePath }),
      env: { LANG: 'en_US.UTF-8', FOUR_EYES: 'true' },
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      exit: (code) => {
        throw new Exit(code);
      },
    });
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'compliance-bot', 'kb', ...args, '--kb', kb.dir]);
      return { code: Number(process.exitCode ?? 0), out };
    } catch (e) {
      if (e instanceof Exit) return { code: e.code, out };
      throw e;
    } finally {
      process.exitCode = 0;
    }
  }

  /** The verdict `compliance-bot ask` would give now: a core on the folder as it is on disk. */
  const verdictOnDisk = async (question: string) => verdictIn(new ComplianceCore(await loadKnowledgeBase(kb.dir)), question);

  for (const change of LOOSENING) {
    it(`${change.kind}: unchanged until approved, then applied`, async () => {
      try {
        const proposed = await cli([...change.cli, '--by', 'anna']);
        assert.equal(proposed.code, 0, proposed.out);
        const id = /Proposal ([a-z2-9]{5}):/.exec(proposed.out)?.[1];
        assert.ok(id, proposed.out);
        assert.equal(await verdictOnDisk(change.question), change.before);
        assert.equal((await cli(['approve', id, '--by', 'anna'])).code, 1);
        assert.equal(await verdictOnDisk(change.question), change.before);
        const approved = await cli(['approve', id, '--by', 'ben']);
        assert.equal(approved.code, 0, approved.out);
        assert.equal(await verdictOnDisk(change.question), change.after);
      } finally {
        await kb.cleanup();
      }
    });
  }

  it('concerns lifted waits; a tightening status applies at once', async () => {
    try {
      const proposed = await cli(['step', 'zoom', 'supervisory_authority', 'done', '--by', 'anna']);
      assert.match(proposed.out, /Proposal [a-z2-9]{5}:/);
      assert.match(await readFile(kb.tool('zoom'), 'utf8'), /state: concerns/);
      const tight = await cli(['status', 'zoom', 'prohibited', '--note', 'Warnung', '--by', 'anna']);
      assert.match(tight.out, /Done: Zoom is now prohibited/);
      assert.equal(await verdictOnDisk('Darf ich Zoom nutzen?'), 'not_allowed');
    } finally {
      await kb.cleanup();
    }
  });
});
