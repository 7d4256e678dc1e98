// Requests for an assessment, platform-free, on a real SQLite file: one request per tool (names
// compared as the engine compares them), later requesters join and hear their place, the
// catalogue closes a request by itself (requesters subscribed, the notice says so), a decline is
// told to the requesters with its reason, decided requests are forgotten after RETENTION_DAYS
// (checked in the raw file's bytes), and nothing of a request reaches the log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import type { KnowledgeBase } from '../src/kb/model.js';
import { diffKnowledgeBases, toNotice, type ToolChange } from '../src/notifications/index.js';
import { executeRequestCommand, parseRequestCommand } from '../src/requests/commands.js';
import { requestsJson } from '../src/requests/format.js';
import { createRequestService, type Requester } from '../src/requests/service.js';
import { layoutNotice } from '../src/layout/notice-layout.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';
import { freshStores, manualClock, rawStores } from './helpers/raw-stores.js';
import { describeNeeding } from './helpers/services.js';
import { copyKnowledge } from './helpers/admin-kb-copy.js';
import { chatAdminService } from './helpers/chat-admin.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'requests-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const sqlite = rawStores(tmp, 'requests').find((b) => b.name === 'sqlite')!;
const fresh = freshStores(sqlite);
const DAY = 86_400_000;

const BASE: Record<string, string> = {
  'organization.yaml': ORG_EN,
  'tools/zoom.yaml': toolYaml('Zoom', 'approved', 'category: video-conferencing\n'),
  'tools/teams.yaml': toolYaml('Microsoft Teams', 'pending', 'category: video-conferencing\n'),
};
const withQuack = (status: string): KnowledgeBase =>
  kbFromFiles({ ...BASE, 'tools/quackmail.yaml': toolYaml('QuackMail Pro', status, 'category: email\naliases: [Quack Mail]\n') });

function person(id: string, language: 'de' | 'en' = 'en'): Requester {
  return { key: `slack:${id}`, language, target: { platform: 'slack', conversationId: id, userId: id } };
}

/** A logger writing every line (trace and up) into `lines`. */
function capturingLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return pino({ level: 'trace' }, sink);
}

async function setUp(kb: { current: KnowledgeBase }) {
  const o = await fresh();
  const clock = manualClock('2026-03-01T09:00:00Z');
  const logs: string[] = [];
  const queued: ToolChange[] = [];
  const told: string[] = [];
  const service = createRequestService({
    storage: o.storage,
    knowledgeBase: () => kb.current,
    retentionDays: 30,
    now: clock.now,
    enqueue: async (changes) => void queued.push(...changes),
    tellAdmins: async (text) => void told.push(text('en'), text('de')),
    logger: capturingLogger(logs),
  });
  return { o, clock, logs, queued, told, service };
}

describe('requests for an assessment', () => {
  test('a second person joins the first request and hears their place; admins are told once, then a count', async () => {
    const kb = { current: kbFromFiles(BASE) };
    const { o, told, service } = await setUp(kb);
    const first = await service.file({ name: 'Quack Mail', purpose: 'Newsletters to citizens', contexts: ['citizens', 'not-a-context'] }, person('U1'));
    assert.equal(first.ok, true);
    assert.equal(first.result?.outcome, 'created');
    assert.match(first.text, /first person/);
    const second = await service.file({ name: 'quackmail', purpose: 'Rota planning', contexts: [] }, person('U2', 'de'));
    assert.equal(second.result?.outcome, 'joined', 'written together or apart, any case: the same tool');
    assert.equal(second.result?.request.id, first.result?.request.id);
    assert.match(second.text, /Sie sind die 2\. Person, die das beantragt/);
    const again = await service.file({ name: 'QuackMail', purpose: 'again', contexts: [] }, person('U2', 'de'));
    assert.equal(again.result?.outcome, 'already');

    const list = requestsJson(await service.list(), new Date('2026-03-01T10:00:00Z')) as { requesters: number; purposes: string[]; entries: { contexts: string[] }[] }[];
    assert.equal(list.length, 1);
    assert.equal(list[0]?.requesters, 2);
    assert.deepEqual(list[0]?.purposes, ['Newsletters to citizens', 'Rota planning']);
    assert.deepEqual(list[0]?.entries[0]?.contexts, ['citizens'], 'only contexts the catalogue knows');
    assert.equal(told.filter((t) => /New request for an assessment: Quack Mail/.test(t)).length, 1);
    assert.ok(told.some((t) => /Newsletters to citizens/.test(t)), 'the admins read the purpose');
    assert.ok(told.some((t) => /Another request for Quack Mail .*now 2 people/.test(t)));
    assert.ok(told.some((t) => /Weitere Anfrage für Quack Mail .*jetzt 2 Personen/.test(t)));
    // Both requesters can be reached later.
    assert.ok(await o.storage.conversations.get('slack:U2'));
  });

  test('a tool in the catalogue is not requested; a pending one puts the person on its waiting list (subscribed)', async () => {
    const kb = { current: kbFromFiles(BASE) };
    const { o, service } = await setUp(kb);
    const known = await service.file({ name: 'zoom', purpose: 'calls', contexts: [] }, person('U1'));
    assert.equal(known.ok, false);
    assert.match(known.text, /Zoom is in the catalogue already: approved/);
    const waiting = await service.file({ name: 'Microsoft Teams', purpose: 'calls', contexts: [] }, person('U1'));
    assert.equal(waiting.result?.request.status, 'waiting');
    assert.match(waiting.text, /waiting list for Microsoft Teams/);
    assert.deepEqual(await o.storage.subscriptions.list('slack:U1'), [{ kind: 'tool', id: 'teams' }]);
    const next = await service.file({ name: 'MS Teams? no: Microsoft Teams', purpose: 'x', contexts: [] }, person('U3'));
    assert.equal(next.result?.outcome, 'created', 'another name is another request');
    const third = await service.file({ name: 'microsoft teams', purpose: 'calls', contexts: [] }, person('U2', 'de'));
    assert.match(third.text, /2\. Person, die darauf wartet/);
  });

  test('a tool added by any route closes the request: requesters subscribed, the notice says the assessment started, then decided', async () => {
    const kb = { current: kbFromFiles(BASE) };
    const { o, service } = await setUp(kb);
    await service.file({ name: 'Quack Mail', purpose: 'a', contexts: [] }, person('U1'));
    await service.file({ name: 'quackmail', purpose: 'b', contexts: [] }, person('U2', 'de'));
    const before = kb.current;
    kb.current = withQuack('pending');
    const changes = await service.settle(diffKnowledgeBases(before, kb.current, { by: 'file', at: new Date() }));
    const added = changes.find((c) => c.toolId === 'quackmail')!;
    assert.deepEqual(added.request, { outcome: 'started', requesters: 2 });
    assert.deepEqual((await o.storage.subscriptions.subscribers({ kind: 'tool', id: 'quackmail' })).sort(), ['slack:U1', 'slack:U2']);
    assert.match(toNotice(added, 'de').changes.join('\n'), /beantragt \(von 2 Personen\) und hat begonnen/);
    const [open] = await service.list();
    assert.equal(open?.status, 'waiting');
    // Queued again (the store did not answer): nothing is said twice.
    const again = await service.settle([{ ...added, request: undefined } as ToolChange]);
    assert.equal(again[0]?.request, undefined);

    const pending = kb.current;
    kb.current = withQuack('approved');
    const [decided] = await service.settle(diffKnowledgeBases(pending, kb.current, { by: 'cli:anna', at: new Date() }));
    assert.deepEqual(decided?.request, { outcome: 'decided', requesters: 2 });
    assert.match(toNotice(decided!, 'en').changes.join('\n'), /has been decided/);
    assert.deepEqual(await service.list(), [], 'decided: no longer open');
  });

  test('an admin declines with a reason: one notice to the requesters, with the reason, in their language', async () => {
    const kb = { current: kbFromFiles(BASE) };
    const { queued, service } = await setUp(kb);
    const filed = await service.file({ name: 'Quack Mail', purpose: 'a', contexts: [] }, person('U1'));
    await service.file({ name: 'quackmail', purpose: 'b', contexts: [] }, person('U2', 'de'));
    const id = filed.result!.request.id;
    const notAdmin = await executeRequestCommand(parseRequestCommand(`requests decline ${id} no`), { id: 'slack:U9', language: 'en' }, service, kb.current, new Date());
    assert.equal(notAdmin.ok, false);
    const missing = await service.decline(id, '  ', { id: 'cli:anna', language: 'en' });
    assert.match(missing.text, /give a reason/);
    const cmd = parseRequestCommand(`requests decline ${id} We use Outlook for newsletters.`);
    assert.deepEqual(cmd, { kind: 'decline', ref: id, reason: 'We use Outlook for newsletters.' });
    const reply = await executeRequestCommand(cmd, { id: 'cli:anna', language: 'en', surface: 'cli' }, service, kb.current, new Date());
    assert.equal(reply.ok, true, reply.text);
    assert.match(reply.text, /2 people are told the reason/);
    assert.equal(queued.length, 1);
    assert.deepEqual(queued[0]?.recipients, ['slack:U1', 'slack:U2']);
    const de = layoutNotice(toNotice(queued[0]!, 'de'));
    assert.match(de.text, /Prüfung beantragt → ⛔ abgelehnt/);
    assert.match(de.text, /Begründung: We use Outlook for newsletters\./);
    assert.match(layoutNotice(toNotice(queued[0]!, 'en')).text, /Reason: We use Outlook/);
    const twice = await service.decline(id, 'again', { id: 'cli:anna', language: 'en' });
    assert.match(twice.text, /no longer open \(declined\)/);
  });

  test('decided requests are forgotten after RETENTION_DAYS: gone from the raw SQLite file; nothing of them is logged', async () => {
    const kb = { current: kbFromFiles(BASE) };
    const { o, clock, logs, service } = await setUp(kb);
    const purpose = 'Rundschreiben an Eltern der Klasse Zeisig';
    const filed = await service.file({ name: 'Kranichpost', purpose, contexts: ['citizens'] }, person('UKRANICH7', 'de'));
    const open = await service.file({ name: 'Reiherfunk', purpose: 'Open one stays', contexts: [] }, person('UREIHER8'));
    await service.decline(filed.result!.request.id, 'Zu teuer', { id: 'cli:anna', language: 'de' });
    clock.advance(29 * DAY);
    assert.equal(await service.purge(), 0, 'kept within the retention period');
    clock.advance(2 * DAY);
    assert.equal(await service.purge(), 1);
    assert.deepEqual((await service.list()).map((r) => r.id), [open.result!.request.id], 'an open request is kept until it is decided');
    await o.storage.close();
    const raw = await sqlite.raw(o);
    assert.ok(raw.includes('Open one stays') && raw.includes('UREIHER8'), 'the raw file shows what is stored (the checks below can fail)');
    for (const gone of ['Kranichpost', 'Zeisig', 'UKRANICH7', 'Zu teuer']) assert.ok(!raw.includes(gone), `${gone} is gone from the file`);
    const logged = logs.join('');
    assert.match(logged, /request for an assessment filed/, 'the log was captured');
    for (const secret of ['Kranichpost', 'Reiherfunk', 'Zeisig', 'Open one stays', 'UKRANICH7', 'UREIHER8', 'Zu teuer']) assert.ok(!logged.includes(secret), `${secret} is not logged`);
  });

  test('personal data in a purpose is replaced by placeholders before it is stored', async () => {
    const kb = { current: kbFromFiles(BASE) };
    const { service } = await setUp(kb);
    await service.file({ name: 'Quack Mail', purpose: 'Mails an max.mustermann@example.org und 0170 98765432', contexts: [] }, person('U1'));
    const [r] = await service.list();
    assert.doesNotMatch(r!.requesters[0]!.purpose, /mustermann|98765432/);
  });
});

describe('starting an assessment goes through the admin edit path', () => {
  test('under four eyes the start applies at once (a pending tool loosens nothing) and the request waits for the decision', async () => {
    const copy = await copyKnowledge();
    after(() => copy.cleanup());
    const o = await fresh();
    const core = new ComplianceCore(await loadKnowledgeBase(copy.dir));
    const admin = chatAdminService({ kbDir: copy.dir, storage: o.storage, core, admins: ['slack:UANNA', 'slack:UBEN'], fourEyes: true });
    const service = createRequestService({ storage: o.storage, knowledgeBase: () => core.knowledgeBase, retentionDays: 30, admin });
    const filed = await service.file({ name: 'Quackmail', purpose: 'Rundmails', contexts: [] }, person('U1'));
    const id = filed.result!.request.id;
    const notAdmin = await executeRequestCommand(parseRequestCommand(`requests start ${id} quackmail email`), { id: 'slack:U1', language: 'en' }, service, core.knowledgeBase, new Date());
    assert.equal(notAdmin.ok, false, 'only admins start an assessment');
    const before = core.knowledgeBase;
    const started = await executeRequestCommand(parseRequestCommand(`requests start ${id} quackmail email`), { id: 'slack:UANNA', language: 'en' }, service, core.knowledgeBase, new Date());
    assert.equal(started.ok, true, started.text);
    assert.doesNotMatch(started.text, /approve [a-z0-9]+/, `no proposal for a pending tool: ${started.text}`);
    assert.equal(core.knowledgeBase.tools.get('quackmail')?.status, 'pending', 'added as pending at once');
    const [change] = await service.settle(diffKnowledgeBases(before, core.knowledgeBase, { by: 'slack:UANNA', at: new Date() }));
    assert.deepEqual(change?.request, { outcome: 'started', requesters: 1 });
    assert.equal((await service.list())[0]?.status, 'waiting');
    const history = await admin.execute('history quackmail', { id: 'slack:UANNA', language: 'en' });
    assert.match(history.text, /UANNA/, 'the audit log records who added it');
  });
});

// The store over the shared backends: the same request joined from two processes' worth of calls at once.
for (const backend of rawStores(tmp, 'requests-shared')) {
  await describeNeeding(backend.needs, `request store on ${backend.name}`, () => {
    const open = freshStores(backend);
    test('concurrent requests for one tool make one request with every requester', async () => {
      const o = await open();
      const kb = { current: kbFromFiles(BASE) };
      const service = createRequestService({ storage: o.storage, knowledgeBase: () => kb.current, retentionDays: 30 });
      const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => service.file({ name: i % 2 ? 'Quack Mail' : 'quackmail', purpose: `p${i}`, contexts: [] }, person(`U${i}`))));
      assert.equal(replies.filter((r) => r.result?.outcome === 'created').length, 1);
      const list = await service.list();
      assert.equal(list.length, 1);
      assert.equal(list[0]?.requesters.length, 12);
    });
  });
}
