// Follow-ups: "und mit Bürgern?" after "Darf ich Zoom nutzen?" in the same conversation. Through
// ComplianceCore on the shipped knowledge base and on an unrelated English catalogue, the memory's
// limits (10 minutes, bounded, per conversation), and end to end through the real server (/api/ask
// and the web chat with a session id), the real Bolt app (signed requests in one Slack thread) and
// the CLI's line mode.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import { createSlackAdapter } from '../adapters/slack/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import type { Answer } from '../src/model/answer.js';
import { ComplianceCore, type AskMeta } from '../src/core.js';
import type { AnswerOptions } from '../src/engine/engine.js';
import { conversationKeyOf, FollowUpMemory, FOLLOW_UP_TTL_MS } from '../src/follow-up-memory.js';
import { phrases as messages } from '../src/phrases/index.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { normalizeChat } from '../src/text/chat.js';
import { appMentionEvent, directMessageEvent, FAKE_BOT_USER_ID, postSigned, startFakeSlackApi, type FakeSlackApi } from './fakes/slack-api.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';
import { postJson, startTestServer } from './helpers/server.js';
import { BOT, message, startHarness } from './helpers/teams-harness.js';

let shipped: KnowledgeBase;
before(async () => {
  shipped = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
});

/** Asks the questions in order in one conversation; returns what each answer was about. */
async function converse(core: ComplianceCore, key: string | undefined, questions: string[]) {
  const out = [];
  for (const q of questions) {
    const a = await core.ask(normalizeChat(q, 'web'), { platform: 'web', ...(key ? { conversationKey: key } : {}) });
    out.push({ verdict: a.verdict, tools: a.tools.map((t) => t.id), contexts: [...a.contexts].sort(), unknownTool: a.unknownTool, assumed: a.assumed ?? null, answer: a });
  }
  return out;
}

describe('follow-ups through ComplianceCore (shipped knowledge base)', () => {
  it('takes over the tool when the follow-up names none, and says so', async () => {
    const core = new ComplianceCore(shipped);
    const [first, second, third] = await converse(core, 'c1', ['Darf ich Zoom nutzen?', 'und wenn es vertraulich ist?', 'und mit Bürgern?']);
    assert.equal(first?.verdict, 'conditional');
    assert.equal(second?.verdict, 'not_allowed');
    assert.deepEqual(second?.tools, ['zoom']);
    assert.deepEqual(second?.assumed, { toolIds: ['zoom'], toolNames: ['Zoom'], contexts: [], category: null });
    // The situation accumulates: "und mit Bürgern?" keeps the confidential talk of the question before.
    assert.deepEqual(third?.contexts, ['citizens', 'confidential']);
    assert.deepEqual(third?.assumed?.contexts, ['confidential']);
    assert.deepEqual(
      third?.answer.evidence?.map((e) => [e.id, e.source]).sort(),
      [
        ['citizens', 'question'],
        ['confidential', 'previous'],
      ],
    );
  });

  it('takes over the situation when the follow-up names a tool but no context (English)', async () => {
    const core = new ComplianceCore(shipped);
    const [, second] = await converse(core, 'c2', ['May I use Teams for a confidential call?', 'what about Zoom?']);
    assert.deepEqual(second?.tools, ['zoom']);
    assert.equal(second?.verdict, 'not_allowed');
    assert.deepEqual(second?.assumed, { toolIds: [], toolNames: [], contexts: ['confidential'], category: null });
  });

  it('names a product the catalogue lacks instead of answering for the previous tool', async () => {
    const core = new ComplianceCore(shipped);
    const [, second] = await converse(core, 'c3', ['Zoom mit Bürgern?', 'und Jitsi?']);
    assert.equal(second?.verdict, 'unknown');
    assert.equal(second?.unknownTool, 'Jitsi');
    assert.deepEqual(second?.tools, []);
    assert.deepEqual(second?.contexts, ['citizens']);
  });

  it('never inherits into a complete question, or without a conversation, and drops what the follow-up negates', async () => {
    const core = new ComplianceCore(shipped);
    const [, complete] = await converse(core, 'c4', ['Darf ich Zoom für vertrauliche Gespräche nutzen?', 'Darf ich Teams nutzen?']);
    assert.deepEqual(complete?.contexts, []);
    assert.equal(complete?.assumed, null);
    const [, alone] = await converse(core, undefined, ['Darf ich Zoom nutzen?', 'und wenn es vertraulich ist?']);
    assert.equal(alone?.verdict, 'unclear');
    // A vague question of its own is not a follow-up: no approval from the question before.
    const [, vague, short] = await converse(core, 'c4b', ['Darf ich Zoom nutzen?', 'Ist das erlaubt?', 'Mit Bürgern?']);
    assert.equal(vague?.verdict, 'unclear');
    assert.equal(short?.verdict, 'conditional');
    assert.deepEqual(short?.tools, ['zoom']);
    const [, , negated] = await converse(core, 'c5', ['Zoom mit Bürgern?', 'und für vertrauliche Gespräche?', 'und wenn es nicht vertraulich ist?']);
    assert.deepEqual(negated?.contexts, ['citizens']);
    assert.equal(negated?.verdict, 'conditional');
  });

  it('a question that points back ("damit", "too") takes over the tool; one that does not stays unclear', async () => {
    const core = new ComplianceCore(shipped);
    const [, pointing, vague, english] = await converse(core, 'c7', ['Darf ich Zoom nutzen?', 'Darf ich damit Kinder beraten?', 'Was mache ich da?', 'Confidential calls too?']);
    assert.deepEqual([pointing?.verdict, pointing?.tools, pointing?.contexts], ['not_allowed', ['zoom'], ['vulnerable_persons']]);
    assert.equal(vague?.verdict, 'unclear');
    assert.deepEqual([english?.verdict, english?.tools], ['not_allowed', ['zoom']]);
  });

  it('a short question ending in a word that points back ("Can we record it?") takes over the tool', async () => {
    const core = new ComplianceCore(shipped);
    const [, recordIt] = await converse(core, 'c7b', ['May I use Zoom for an internal meeting?', 'Can we record it?']);
    assert.deepEqual(recordIt?.tools, ['zoom']);
    const [, evenWith] = await converse(core, 'c7d', ['May I use Zoom?', 'even with patient data?']);
    assert.deepEqual([evenWith?.tools, evenWith?.verdict], [['zoom'], 'not_allowed']);
    const [, when] = await converse(core, 'c7e', ['Darf ich Zoom nutzen?', 'ab wann ungefähr?']);
    assert.deepEqual([when?.tools, when?.unknownTool ?? null], [['zoom'], null]);
    const [, alone] = await converse(core, 'c7c', ['Wie ist das Wetter?', 'Can we record it?']);
    assert.equal(alone?.verdict, 'unclear');
  });

  it('a longer question that names no tool but states a situation and points back with a pronoun takes over the tool', async () => {
    const core = new ComplianceCore(shipped);
    const [, de] = await converse(core, 'c7f', ['Darf ich Zoom für die Teamrunde nutzen?', 'Wir möchten sie nächste Woche gern aufnehmen, damit alle, die im Urlaub sind, sie nachhören können.']);
    assert.deepEqual([de?.tools, de?.contexts.includes('recording'), de?.assumed?.toolIds], [['zoom'], true, ['zoom']]);
    const [, en] = await converse(core, 'c7g', ['May I use Zoom for our team call?', 'We would like to record it next Tuesday so that the colleagues on leave can watch later.']);
    assert.deepEqual([en?.tools, en?.contexts.includes('recording')], [['zoom'], true]);
    // Without a pronoun pointing back, or with the polite "Sie" only, a long question stays its own.
    const [, noPointer] = await converse(core, 'c7h', ['Darf ich Zoom nutzen?', 'Wir möchten nächste Woche die Vorstandssitzung gern aufnehmen, damit alle nachhören können.']);
    assert.deepEqual(noPointer?.tools, []);
    const [, polite] = await converse(core, 'c7i', ['Darf ich Zoom nutzen?', 'Können Sie mir sagen, ob wir Bürgergespräche nächste Woche gern aufnehmen dürfen?']);
    assert.deepEqual(polite?.tools, []);
  });

  it('keeps conversations apart, and an unclear message in between does not end one', async () => {
    const core = new ComplianceCore(shipped);
    await converse(core, 'a', ['Darf ich Zoom nutzen?']);
    await converse(core, 'b', ['Darf ich Microsoft 365 nutzen?']);
    const [thanks, a] = await converse(core, 'a', ['Danke!', 'und für vertrauliche Gespräche?']);
    assert.equal(thanks?.verdict, 'unclear');
    assert.deepEqual(a?.tools, ['zoom']);
    const [b] = await converse(core, 'b', ['und für vertrauliche Gespräche?']);
    assert.deepEqual(b?.tools, ['microsoft-365']);
  });

  it('follows up a category question with the category', async () => {
    const core = new ComplianceCore(shipped);
    const [first, second] = await converse(core, 'c6', ['Welche Videokonferenzsysteme gibt es?', 'und für vertrauliche Gespräche?']);
    assert.equal(first?.verdict, 'list');
    assert.equal(second?.verdict, 'list');
    assert.equal(second?.answer.category, 'video-conferencing');
    assert.deepEqual(second?.contexts, ['confidential']);
  });

  it("a follow-up naming the previous tool's category asks about that tool again, unless it asks for others", async () => {
    const core = new ComplianceCore(shipped);
    const [, same, others] = await converse(core, 'c7', ['Darf ich Zoom nutzen?', 'Auch für Videokonferenzen mit Kindern?', 'Und andere Videokonferenzsysteme?']);
    // An overview here would show the category's approved tools beside the conversation's subject.
    assert.equal(same?.verdict, 'not_allowed');
    assert.deepEqual(same?.tools, ['zoom']);
    assert.equal(others?.verdict, 'list');
    assert.equal(others?.answer.category, 'video-conferencing');
  });
});

describe('follow-ups on an unrelated catalogue', () => {
  const kb = () =>
    kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/jitsi.yaml': toolYaml('Jitsi', 'approved', 'category: video-conferencing\n'),
      'tools/quackmail.yaml': toolYaml(
        'Quackmail',
        'restricted',
        'restrictions:\n  - id: no-kids\n    text: Not with children.\n    forbidden_contexts: [vulnerable_persons]\n',
      ),
    });

  it('"and for children?" and "und Jitsi?" carry the tool and the situation', async () => {
    const core = new ComplianceCore(kb());
    const [first, kids, jitsi, jitsiDe] = await converse(core, 'x', ['Can we use Quackmail?', 'and for children?', 'what about Jitsi?', 'und Jitsi?']);
    assert.equal(first?.verdict, 'conditional');
    assert.equal(kids?.verdict, 'not_allowed');
    assert.deepEqual(kids?.tools, ['quackmail']);
    assert.deepEqual(jitsi?.tools, ['jitsi']);
    assert.deepEqual(jitsi?.contexts, ['vulnerable_persons']);
    assert.deepEqual(jitsi?.assumed?.contexts, ['vulnerable_persons']);
    assert.deepEqual(jitsiDe?.tools, ['jitsi']);
  });

  it('a follow-up pointing back that names a tool only as a source is about the previous tool', async () => {
    const core = new ComplianceCore(kb());
    const [, de] = await converse(core, 'src-de', ['Darf ich Quackmail nutzen?', 'Und wenn ich dort Dateien aus Jitsi hochlade?']);
    assert.deepEqual(de?.tools, ['quackmail']);
    const [, en] = await converse(core, 'src-en', ['Can we use Quackmail?', 'Can I also link files from Jitsi in it?']);
    assert.deepEqual(en?.tools, ['quackmail']);
    // Without a word pointing back it is a question of its own, about the source.
    const [, own] = await converse(core, 'src-own', ['Darf ich Quackmail nutzen?', 'Darf ich Dateien aus Jitsi verlinken?']);
    assert.deepEqual(own?.tools, ['jitsi']);
  });

  it('an unknown product named in a follow-up gets the situation and the alternatives of the previous category', async () => {
    const core = new ComplianceCore(kb());
    const [, whereby] = await converse(core, 'y', ['Is Jitsi allowed with children?', 'what about Whereby?']);
    assert.equal(whereby?.verdict, 'unknown');
    assert.equal(whereby?.unknownTool, 'Whereby');
    assert.equal(whereby?.answer.category, 'video-conferencing');
    assert.deepEqual(whereby?.answer.alternatives.map((a) => a.id), ['jitsi']);
    assert.deepEqual(whereby?.assumed, { toolIds: [], toolNames: [], contexts: ['vulnerable_persons'], category: 'video-conferencing' });
  });
});

describe('the follow-up memory', () => {
  const answerAbout = async (q: string) => new ComplianceCore(shipped).ask(q, { platform: 'cli' });

  it('forgets a conversation after 10 minutes', async () => {
    let now = 1_000_000;
    const memory = new FollowUpMemory({ now: () => now });
    const core = new ComplianceCore(shipped, { followUps: memory });
    await core.ask('Darf ich Zoom nutzen?', { platform: 'web', conversationKey: 'k' });
    now += FOLLOW_UP_TTL_MS - 1;
    assert.deepEqual(memory.get('k')?.toolIds, ['zoom']);
    assert.equal((await core.ask('und für vertrauliche Gespräche?', { platform: 'web', conversationKey: 'k' })).verdict, 'not_allowed');
    now += FOLLOW_UP_TTL_MS;
    assert.equal(memory.get('k'), undefined);
    assert.equal((await core.ask('und für vertrauliche Gespräche?', { platform: 'web', conversationKey: 'k' })).verdict, 'unclear');
  });

  it('keeps at most the configured number of conversations, the least recently used going first', async () => {
    const memory = new FollowUpMemory({ maxConversations: 3 });
    const zoom = await answerAbout('Darf ich Zoom nutzen?');
    for (const k of ['1', '2', '3']) memory.remember(k, zoom, shipped);
    memory.get('1');
    memory.remember('1', zoom, shipped);
    memory.remember('4', zoom, shipped);
    assert.equal(memory.size, 3);
    assert.equal(memory.get('2'), undefined);
    assert.ok(memory.get('1') && memory.get('3') && memory.get('4'));
  });

  it('keeps what a question was about, never its text', async () => {
    const memory = new FollowUpMemory();
    memory.remember('k', await answerAbout('Darf ich Zoom mit Bürgern nutzen? Anna Schmidt fragt.'), shipped);
    const kept = JSON.stringify(memory.get('k'));
    assert.doesNotMatch(kept, /Anna|Schmidt|Darf/);
    assert.deepEqual(memory.get('k')?.contexts, ['citizens']);
  });

  it('accepts only well-formed session ids', () => {
    assert.equal(conversationKeyOf('web', { session: 'abc-DEF_12345678' }, 'client-a'), 'web:client-a:abc-DEF_12345678');
    assert.notEqual(conversationKeyOf('web', { session: 'abc-DEF_12345678' }, 'client-b'), conversationKeyOf('web', { session: 'abc-DEF_12345678' }, 'client-a'));
    for (const bad of [{ session: 'short' }, { session: 'x'.repeat(129) }, { session: 'a b c d e f g h' }, { session: 42 }, {}, null, 'str']) {
      assert.equal(conversationKeyOf('api', bad, 'client-a'), undefined, JSON.stringify(bad));
    }
  });
});

describe('follow-ups through the real server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('/api/ask: questions with the same session id form one conversation; the JSON says what was assumed', async () => {
    const ask = async (question: string, session?: string) => (await postJson(`${server.url}/api/ask`, { question, ...(session ? { session } : {}) })).json();
    assert.equal((await ask('Hallo! Darf ich Zoom nutzen? LG Anna', 'session-api-1')).verdict, 'conditional');
    const follow = await ask('und für vertrauliche Gespräche?', 'session-api-1');
    assert.equal(follow.verdict, 'not_allowed');
    assert.equal(follow.question, 'und für vertrauliche Gespräche?');
    assert.deepEqual(follow.assumed, { toolIds: ['zoom'], toolNames: ['Zoom'], contexts: [], category: null });
    assert.equal((await ask('und für vertrauliche Gespräche?', 'session-api-2')).verdict, 'unclear');
    assert.equal((await ask('und für vertrauliche Gespräche?')).verdict, 'unclear');
  });

  it('a session id is bound to its client: another client sending the same id inherits nothing', async () => {
    // Two clients behind a trusted proxy on this machine, told apart by X-Forwarded-For.
    const proxied = await startTestServer({ TRUSTED_PROXIES: '127.0.0.1' });
    try {
      const ask = async (question: string, client: string, path = '/api/ask') =>
        postJson(`${proxied.url}${path}`, { question, session: 'shared-session-0001' }, { 'x-forwarded-for': client });
      const verdict = async (res: Response) => ((await res.json()) as { verdict: string; assumed?: unknown });
      assert.equal((await verdict(await ask('Darf ich Zoom nutzen?', '198.51.100.1'))).verdict, 'conditional');
      const other = await verdict(await ask('und für vertrauliche Gespräche?', '198.51.100.2'));
      assert.equal(other.verdict, 'unclear', 'the other client gets no follow-up');
      assert.equal(other.assumed, undefined);
      const webOther = await (await ask('und mit Kindern?', '198.51.100.2', '/web/ask')).text();
      assert.doesNotMatch(webOther, /note-followUp/);
      const own = await verdict(await ask('und für vertrauliche Gespräche?', '198.51.100.1'));
      assert.equal(own.verdict, 'not_allowed', 'the first client still follows up');
    } finally {
      await proxied.close();
    }
  });

  it('web chat: the page sends its session id with each question, and the server follows up', async () => {
    const page = await (await fetch(`${server.url}/web/app.js`)).text();
    assert.match(page, /session: session/);
    // The page's id is cryptographically random, also where randomUUID is missing.
    assert.match(page, /crypto\.randomUUID \? crypto\.randomUUID\(\) : .*crypto\.getRandomValues\(new Uint8Array\(16\)\)/);
    assert.doesNotMatch(page, /Math\.random/);
    let html = '';
    const ask = async (question: string, session: string) => {
      html = await (await postJson(`${server.url}/web/ask`, { question, session })).text();
      return /data-verdict="([a-z_]+)"/.exec(html)?.[1];
    };
    assert.equal(await ask('Darf ich Zoom nutzen?', 'page-load-0001'), 'conditional');
    assert.doesNotMatch(html, /class="note note-followUp"/);
    assert.equal(await ask('und mit Kindern?', 'page-load-0001'), 'not_allowed');
    assert.match(html, /<p class="note note-followUp">Als Nachfrage zur vorigen Frage verstanden, übernommen: Zoom<\/p>/);
    assert.equal(await ask('und mit Kindern?', 'page-load-0002'), 'unclear');
  });
});

/** Records each answer the Slack adapter got from the core. */
class RecordingCore extends ComplianceCore {
  answers: Answer[] = [];
  keys: (string | undefined)[] = [];
  override async ask(question: string, meta: AskMeta, options?: AnswerOptions): Promise<Answer> {
    const a = await super.ask(question, meta, options);
    this.answers.push(a);
    this.keys.push(meta.conversationKey);
    return a;
  }
}

describe('follow-ups in one Slack thread (real Bolt, signed requests)', () => {
  const SECRET = 'follow-up-secret';
  let slack: FakeSlackApi;
  let adapter: ChatAdapter;
  let server: Server;
  let core: RecordingCore;
  let url: string;
  before(async () => {
    slack = await startFakeSlackApi();
    core = new RecordingCore(shipped);
    adapter = createSlackAdapter({ core, botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl, logger: pino({ level: 'silent' }) });
    const app = express();
    const router = express.Router();
    app.use('/', router);
    adapter.mount(router);
    await adapter.start();
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  after(async () => {
    await adapter.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await slack.close();
  });

  it('a mention in the thread follows up the question that opened it; another thread does not', async () => {
    const thread = '1700000500.000100';
    await postSigned(url, SECRET, appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> Hallo zusammen, darf ich Zoom nutzen? :pray:`, ts: thread, channel: 'C0FOLLOW' }));
    await slack.waitFor('chat.postMessage', 1);
    await postSigned(url, SECRET, appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> und wenn es vertraulich ist?`, thread_ts: thread, channel: 'C0FOLLOW' }));
    const posts = await slack.waitFor('chat.postMessage', 2);
    assert.deepEqual(core.answers.map((a) => a.verdict), ['conditional', 'not_allowed']);
    assert.equal(posts[1]?.body.thread_ts, thread);
    assert.match(JSON.stringify(posts[1]?.body.blocks), new RegExp(messages('de').verdict.not_allowed));
    assert.deepEqual(core.answers[1]?.assumed?.toolIds, ['zoom']);
    // The asker sees what was taken over.
    assert.match(JSON.stringify(posts[1]?.body.blocks), /Als Nachfrage zur vorigen Frage verstanden, übernommen: Zoom/);
    assert.doesNotMatch(JSON.stringify(posts[0]?.body.blocks), /Als Nachfrage/);
    assert.equal(core.keys[0], core.keys[1]);

    await postSigned(url, SECRET, appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> und wenn es vertraulich ist?`, thread_ts: '1700000600.000100', channel: 'C0FOLLOW' }));
    await slack.waitFor('chat.postMessage', 3);
    assert.equal(core.answers[2]?.verdict, 'unclear');
  });

  it("a direct message's thread is one conversation; the next question at the top of the DM starts another (agent messaging experience)", async () => {
    slack.reset();
    core.answers.length = 0;
    await postSigned(url, SECRET, directMessageEvent({ text: 'May I use Zoom?', channel: 'D0FOLLOW', ts: '1700000700.000100' }));
    const [first] = await slack.waitFor('chat.postMessage', 1);
    assert.equal(first?.body.thread_ts, '1700000700.000100');
    await postSigned(url, SECRET, directMessageEvent({ text: 'and with children?', channel: 'D0FOLLOW', thread_ts: '1700000700.000100', ts: '1700000700.000200' }));
    const posts = await slack.waitFor('chat.postMessage', 2);
    assert.equal(posts[1]?.body.thread_ts, '1700000700.000100');
    await postSigned(url, SECRET, directMessageEvent({ text: 'and with children?', channel: 'D0FOLLOW', ts: '1700000700.000300' }));
    await slack.waitFor('chat.postMessage', 3);
    assert.deepEqual(core.answers.map((a) => a.verdict).slice(0, 2), ['conditional', 'not_allowed']);
    assert.ok(!core.answers[2]?.assumed, 'a new thread takes nothing over');
  });
});

describe('follow-ups in one Teams conversation (real botbuilder, fake connector)', () => {
  it('a reply chain is one conversation; another conversation does not follow up', async () => {
    const core = new RecordingCore(shipped);
    const harness = await startHarness(shipped, { core });
    const send = async (text: string, conversation: Record<string, unknown>) => {
      const res = await harness.post({
        ...message(harness.fake, text, { conversation }),
        entities: [{ type: 'mention', text: '<at>Compliance-Bot</at>', mentioned: BOT }],
      });
      assert.equal(res.status, 200);
    };
    try {
      const chain = { id: '19:general@thread.tacv2;messageid=1700000000042', conversationType: 'channel', isGroup: true, tenantId: 't' };
      await send('<at>Compliance-Bot</at> <p>Hallo zusammen!</p><p>Darf ich Zoom nutzen?</p>', chain);
      await send('<at>Compliance-Bot</at> und mit Kindern?', chain);
      await send('<at>Compliance-Bot</at> und mit Kindern?', { ...chain, id: '19:general@thread.tacv2;messageid=1700000000099' });
      assert.deepEqual(core.answers.map((a) => a.verdict), ['conditional', 'not_allowed', 'unclear']);
      const replies = await harness.fake.waitFor(3);
      assert.match(JSON.stringify(replies[1]), /Als Nachfrage zur vorigen Frage verstanden, übernommen: Zoom/);
    } finally {
      await harness.close();
    }
  });
});

describe('follow-ups in the CLI line mode', () => {
  it('lines of one process form one conversation; an empty line starts a new one', async () => {
    const input = ['Darf ich Zoom nutzen?', 'und für vertrauliche Gespräche?', '', 'und für vertrauliche Gespräche?'].join('\n') + '\n';
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'ask', '--json'], { env: { ...process.env, KNOWLEDGE_DIR: '' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.end(input);
    await once(child, 'close');
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; question: string; assumed?: { toolIds: string[] } });
    assert.deepEqual(answers.map((a) => a.verdict), ['conditional', 'not_allowed', 'unclear', 'unclear']);
    assert.deepEqual(answers[1]?.assumed?.toolIds, ['zoom']);
    assert.equal(answers[1]?.question, 'und für vertrauliche Gespräche?');
  });
});
