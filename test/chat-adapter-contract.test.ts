// The ChatAdapter contract, run against every adapter (as the storage contract runs against every
// store): Slack through Bolt receiving signed requests, Teams through botbuilder receiving
// Activities, the web chat over HTTP. Only the remote services are fakes (Slack's Web API, the Bot
// Connector), on 127.0.0.1. Each adapter gets the same engine and the same questions; what it must do
// is the chat turn's (src/chat/turn.ts) promise: one reply per question, the failure reply when the
// engine fails, one conversation key per conversation (follow-ups), the layout's actions on its
// buttons (feedback, confirm), and nothing after stop().
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createSlackAdapter } from '../adapters/slack/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import { createWebAdapter } from '../adapters/web/index.js';
import type { Answer } from '../src/model/answer.js';
import type { Feedback } from '../src/chat/turn.js';
import { ComplianceCore, type AskMeta } from '../src/core.js';
import type { AnswerOptions } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { phrases } from '../src/phrases/index.js';
import { buttonClick, directMessageEvent, postSigned, startFakeSlackApi } from './fakes/slack-api.js';
import { eventually } from './helpers/cluster-harness.js';
import { serveAdapter } from './helpers/serve-adapter.js';
import { message, PERSONAL, startHarness } from './helpers/teams-harness.js';

/** Marks a question whose answer the probe turns into a question back (verdict `confirm`). */
const CONFIRM_ME = 'Darf ich Zoom für die Beratung nutzen?';
const QUESTION = 'Darf ich Zoom nutzen?';

/** The real core, recording what it was asked and with which conversation key; it can fail or ask back. */
class ProbeCore extends ComplianceCore {
  asked: { question: string; conversationKey: string | undefined }[] = [];
  failing = false;
  override async ask(question: string, meta: AskMeta, options?: AnswerOptions): Promise<Answer> {
    this.asked.push({ question, conversationKey: meta.conversationKey });
    if (this.failing) throw new Error('engine exploded');
    const answer = await super.ask(question, meta, options);
    return question === CONFIRM_ME ? { ...answer, verdict: 'confirm' } : answer;
  }
}

/** What a reader sees of one reply, and the buttons it offers, in the adapter's own terms. */
interface Reply {
  text: string;
  /** Presses the yes/no of a `confirm` answer; undefined when the reply has none. */
  confirm?: (choice: 'yes' | 'no') => Promise<void>;
  /** Presses "helpful"; undefined when the reply has no feedback buttons. */
  helpful?: () => Promise<void>;
}

interface Driver {
  adapter: ChatAdapter;
  /** Sends `text` in conversation `conversation` and resolves with the reply (the n-th reply overall). */
  ask(text: string, conversation: string): Promise<Reply>;
  /** The replies posted so far. */
  replies(): Promise<Reply[]>;
  close(): Promise<void>;
}

interface Subject {
  name: string;
  start(core: ProbeCore, onFeedback: (f: Feedback) => Promise<void>): Promise<Driver>;
}

const silent = pino({ level: 'silent' });

function texts(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(texts).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(texts).join('\n');
  return '';
}

const SECRET = 'contract-signing-secret';

const slack: Subject = {
  name: 'Slack',
  async start(core, onFeedback) {
    const api = await startFakeSlackApi();
    const adapter = createSlackAdapter({ core, botToken: 'xoxb-contract', signingSecret: SECRET, apiUrl: api.apiUrl, logger: silent, onFeedback });
    const served = await serveAdapter(adapter);
    const url = `${served.base}/slack/events`;
    const posts = () => api.callsOf('chat.postMessage');
    const threads = new Map<string, string>();
    let tsCounter = 0;
    const press = (channel: string, e: { action_id: string; value: string }, blockId: string) =>
      postSigned(url, SECRET, buttonClick({ actionId: e.action_id, value: e.value, blockId, channel, responseUrl: api.responseUrl('click') })).then(() => undefined);
    const toReply = (post: { body: Record<string, unknown> }): Reply => {
      const blocks = (typeof post.body.blocks === 'string' ? JSON.parse(post.body.blocks) : post.body.blocks ?? []) as { type: string; block_id?: string; elements?: { action_id: string; value: string }[] }[];
      const channel = String(post.body.channel);
      const button = (id: string) => {
        for (const b of blocks) for (const e of b.elements ?? []) if (e.action_id === id) return { e, blockId: b.block_id ?? '' };
        return undefined;
      };
      const yes = button('confirm:yes');
      const no = button('confirm:no');
      const helpful = button('feedback:yes');
      return {
        text: `${String(post.body.text)}\n${texts(blocks)}`,
        ...(yes && no ? { confirm: (c: 'yes' | 'no') => press(channel, (c === 'yes' ? yes : no).e, yes.blockId) } : {}),
        ...(helpful ? { helpful: () => press(channel, helpful.e, helpful.blockId) } : {}),
      };
    };
    return {
      adapter,
      async ask(text, conversation) {
        // Replies in this conversation's DM only: a pressed button's answer may still be on its way to another.
        const channel = `D${conversation}`;
        const inChannel = () => posts().filter((p) => p.body.channel === channel);
        const before = inChannel().length;
        // Each top-level DM question opens its own thread (the agent view); a follow-up is a reply in it.
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;
        const thread = threads.get(conversation);
        if (!thread) threads.set(conversation, ts);
        const res = await postSigned(url, SECRET, directMessageEvent({ text, user: 'U0CONTRACT', channel, ts, ...(thread ? { thread_ts: thread } : {}) }));
        assert.equal(res.status, 200);
        return toReply(await eventually(() => inChannel()[before], () => `the Slack reply to "${text}"`));
      },
      replies: async () => posts().map(toReply),
      async close() {
        await served.close();
        await api.close();
      },
    };
  },
};

const teams: Subject = {
  name: 'Teams',
  async start(core, onFeedback) {
    const h = await startHarness(core.knowledgeBase, { core, onFeedback });
    const toReply = (activity: { body: Record<string, unknown> }, conversation: string): Reply => {
      const card = (activity.body.attachments as { content?: unknown }[] | undefined)?.[0]?.content;
      const submits: Record<string, unknown>[] = [];
      const collect = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (o.type === 'Action.Submit' && o.data && typeof o.data === 'object') submits.push(o.data as Record<string, unknown>);
          Object.values(o).forEach(collect);
        }
      };
      collect(card);
      const press = (data: Record<string, unknown>) => h.post(message(h.fake, '', { text: undefined, value: data, conversation: { ...PERSONAL, id: conversation } })).then(() => undefined);
      const yes = submits.find((d) => d.action === 'confirm' && d.choice === 'yes');
      const no = submits.find((d) => d.action === 'confirm' && d.choice === 'no');
      const helpful = submits.find((d) => d.action === 'feedback' && d.helpful === true);
      return {
        text: `${String(activity.body.text ?? '')}\n${texts(card)}`,
        ...(yes && no ? { confirm: (c: 'yes' | 'no') => press(c === 'yes' ? yes : no) } : {}),
        ...(helpful ? { helpful: () => press(helpful) } : {}),
      };
    };
    const conversations: string[] = [];
    return {
      adapter: h.adapter,
      async ask(text, conversation) {
        const before = h.fake.activities.length;
        const id = `a:contract-${conversation}`;
        const res = await h.post(message(h.fake, text, { conversation: { ...PERSONAL, id } }));
        assert.ok(res.status < 300, `botbuilder accepted the activity (${res.status})`);
        const [sent] = (await h.fake.waitFor(before + 1)).slice(before);
        conversations[before] = id;
        return toReply(sent as { body: Record<string, unknown> }, id);
      },
      replies: async () => h.fake.activities.map((a, i) => toReply(a as { body: Record<string, unknown> }, conversations[i] ?? PERSONAL.id)),
      close: () => h.close(),
    };
  },
};

const web: Subject = {
  name: 'web chat',
  async start(core, onFeedback) {
    const adapter = createWebAdapter({ core, logger: silent, onFeedback });
    const served = await serveAdapter(adapter);
    const replies: Reply[] = [];
    const post = (path: string, body: unknown) =>
      fetch(`${served.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ask = async (text: string, session: string, confirm?: 'yes' | 'no'): Promise<Reply> => {
      const res = await post('/web/ask', { question: text, session, ...(confirm ? { confirm } : {}) });
      const html = await res.text();
      // The page sends a pressed yes/no, with its reply as the question, in its session (adapters/web/page.ts).
      const buttons = new Map([...html.matchAll(/data-reply="([^"]*)">([^<]*)</g)].map((m) => [m[2], m[1]]));
      const reply = (label: string) => buttons.get(label);
      const yes = phrases('de').ui.confirmYes;
      const no = phrases('de').ui.confirmNo;
      const feedback = /class="feedback" data-verdict="([^"]*)" data-tools="([^"]*)"/.exec(html);
      const r: Reply = {
        text: res.ok ? html : `failure ${res.status}: ${html}`,
        ...(html.includes('class="confirm"') ? { confirm: async (c: 'yes' | 'no') => void (await ask(reply(c === 'yes' ? yes : no) ?? '', session, c)) } : {}),
        ...(feedback
          ? { helpful: async () => void (await post('/web/feedback', { verdict: feedback[1], toolIds: feedback[2] ? feedback[2].split(',') : [], helpful: true })) }
          : {}),
      };
      replies.push(r);
      return r;
    };
    return {
      adapter,
      ask: (text, conversation) => ask(text, `session-${conversation}`),
      replies: async () => replies,
      close: () => served.close(),
    };
  },
};

let kb: KnowledgeBase;
before(async () => {
  kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
});

for (const subject of [slack, teams, web]) {
  describe(`ChatAdapter contract: ${subject.name}`, () => {
    let core: ProbeCore;
    let driver: Driver;
    const feedback: Feedback[] = [];
    before(async () => {
      core = new ProbeCore(kb);
      driver = await subject.start(core, async (f) => void feedback.push(f));
    });
    after(async () => {
      await driver.close();
    });

    it('answers a question with one reply that shows the verdict', async () => {
      const expected = await new ComplianceCore(kb).ask(QUESTION, { platform: 'web' });
      const reply = await driver.ask(QUESTION, 'c1');
      assert.ok(reply.text.includes(phrases('de').verdict[expected.verdict]), `the reply shows "${phrases('de').verdict[expected.verdict]}"`);
    });

    it('asks the engine with one conversation key per conversation, for follow-ups', async () => {
      core.asked = [];
      await driver.ask(QUESTION, 'c2');
      await driver.ask('und mit Bürgern?', 'c2');
      await driver.ask(QUESTION, 'c3');
      const [a, b, c] = core.asked.map((x) => x.conversationKey);
      assert.ok(a !== undefined, 'a conversation key is given');
      assert.equal(b, a, 'the follow-up is asked in the same conversation');
      assert.notEqual(c, a, 'another conversation has another key');
    });

    it('offers feedback and records a pressed "helpful" with the verdict and tools', async () => {
      const reply = await driver.ask(QUESTION, 'c4');
      assert.ok(reply.helpful, 'the answer offers feedback');
      await reply.helpful();
      const [f] = await eventually(() => (feedback.length > 0 ? feedback : undefined), () => 'the recorded feedback');
      assert.equal(f?.helpful, true);
      assert.ok(f?.toolIds.includes('zoom'), `the tools ride along (${f?.toolIds.join(',')})`);
    });

    it('a question back (verdict confirm) offers yes/no; "yes" is asked as the typed reply in the same conversation', async () => {
      core.asked = [];
      const reply = await driver.ask(CONFIRM_ME, 'c5');
      assert.ok(reply.confirm, 'the question back offers yes/no');
      assert.equal(reply.helpful, undefined, 'no feedback under a question back');
      await reply.confirm('yes');
      const follow = await eventually(() => core.asked[1], () => 'the pressed reply asked of the engine');
      assert.equal(follow.question, phrases('de').ui.confirmYes);
      assert.equal(follow.conversationKey, core.asked[0]?.conversationKey, 'in the same conversation');
    });

    it('never stays silent: a failing engine gets the failure reply', async () => {
      core.failing = true;
      try {
        const reply = await driver.ask(QUESTION, 'c6');
        assert.match(reply.text, /Entschuldigung|failure 500/);
      } finally {
        core.failing = false;
      }
    });

    it('after stop() new input gets no answer', async () => {
      await driver.adapter.stop();
      const before = core.asked.length;
      await Promise.race([driver.ask(QUESTION, 'c7').catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      assert.equal(core.asked.length, before, 'the engine was not asked');
    });
  });
}
