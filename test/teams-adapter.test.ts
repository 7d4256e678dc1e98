// The Teams adapter end to end: the real botbuilder CloudAdapter on a real express server on
// 127.0.0.1, Activities POSTed over HTTP, replies arriving at a fake Bot Connector (the only fake).
// Assertions marked ENGINE need the real engine (src/engine); the others hold for any answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createTeamsAdapter, type NotifyRequest } from '../adapters/teams/index.js';
import { AdapterConfigError, PermanentDeliveryError, RetryAfterError } from '../src/errors.js';
import type { ConversationTarget } from '../adapters/types.js';
import type { Answer } from '../src/model/answer.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { ComplianceCore, type AskMeta } from '../src/core.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { BOT, CHANNEL, message, PERSONAL, startHarness as startOn, USER, type Harness } from './helpers/teams-harness.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

let kb: KnowledgeBase;
let nextActivity = 1;
const startHarness = (options: Parameters<typeof startOn>[1] = {}) => startOn(kb, options);

/** Records the questions the adapter asks (to see the @mention was removed). */
class RecordingCore extends ComplianceCore {
  readonly questions: string[] = [];
  override async ask(question: string, meta: AskMeta): Promise<Answer> {
    this.questions.push(question);
    return super.ask(question, meta);
  }
}

class ThrowingCore extends ComplianceCore {
  override async ask(question: string): Promise<Answer> {
    throw new Error(`engine exploded on "${question}"`);
  }
}

function cardOf(activity: { body: any }): any {
  const attachment = activity.body.attachments?.[0];
  assert.equal(attachment?.contentType, CARD, 'the reply carries an Adaptive Card');
  return attachment.content;
}

/** Every text of a card (TextBlocks, facts, action titles), for "does it say X" checks. */
function cardTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardTexts);
  if (typeof node !== 'object' || node === null) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && ['text', 'title', 'value'].includes(key)) out.push(value);
    else out.push(...cardTexts(value));
  }
  return out;
}

function submitActions(card: unknown): any[] {
  const found: any[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (typeof n === 'object' && n !== null) {
      if ((n as any).type === 'Action.Submit') found.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}

before(async () => {
  kb = await loadKnowledgeBase('knowledge');
});

describe('Teams adapter over HTTP (auth off)', () => {
  let h: Harness;
  let core: RecordingCore;
  before(async () => {
    core = new RecordingCore(kb);
    h = await startHarness({ core });
  });
  after(() => h.close());

  it('answers a personal message with an Adaptive Card and the text fallback', async () => {
    const question = 'Darf ich Zoom mit Bürgern nutzen?';
    const incoming = message(h.fake, question);
    const before = h.fake.activities.length;
    const res = await h.post(incoming);
    assert.equal(res.status, 200);
    const [reply] = (await h.fake.waitFor(before + 1)).slice(before);
    assert.ok(reply);
    assert.equal(reply.conversationId, PERSONAL.id);
    assert.equal(reply.replyToId, incoming.id, 'posted as a reply to the question');
    assert.equal(reply.body.type, 'message');
    assert.equal(reply.body.recipient.id, USER.id);
    const card = cardOf(reply);
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.5');
    assert.ok(reply.body.text.length > 0, 'the activity has a text fallback');
    assert.match(card.fallbackText, new RegExp(`^${escapeRegExp(reply.body.text)}\\n`), 'the card falls back to the whole answer');
    assert.equal(core.questions.at(-1), question);

    // ENGINE: the real engine answers conditional, in German, with Zoom's restrictions.
    const texts = cardTexts(card.body);
    assert.match(texts[0] ?? '', /^⚠️ .*Mit Auflagen freigegeben/);
    assert.ok(texts.includes('Auflagen'));
    assert.ok(texts.some((t) => t.includes('Nur für nicht vertrauliche Gespräche')));
    assert.deepEqual(
      submitActions(card).map((a) => a.data),
      [{ action: 'notify', toolId: 'zoom', language: 'de' }],
    );
    assert.equal(submitActions(card)[0].title, 'Bei Änderungen benachrichtigen');

    // Privacy: the question text is never logged.
    assert.ok(h.logs.some((l) => l.includes('Teams question answered')));
    assert.ok(h.logs.some((l) => l.includes('"level":40') && l.includes('authentication is OFF')), 'a loud warning without app id');
    assert.ok(!h.logs.some((l) => l.includes('Bürgern')), 'no question text in the logs');
  });

  it('answers in English when asked in English (ENGINE)', async () => {
    const before = h.fake.activities.length;
    await h.post(message(h.fake, 'May I use Zoom for a confidential call?', { locale: 'en-US' }));
    const [reply] = (await h.fake.waitFor(before + 1)).slice(before);
    const texts = cardTexts(cardOf(reply!).body);
    assert.match(texts[0] ?? '', /^⛔ .*Not approved/);
    assert.ok(texts.includes('This condition stands in the way'));
    assert.equal(submitActions(cardOf(reply!))[0].title, 'Notify me of changes');
  });

  it('strips its @mention in a channel and answers in the thread', async () => {
    const incoming = message(h.fake, '<at>Compliance-Bot</at> Darf ich Quackmail nutzen?', {
      conversation: CHANNEL,
      entities: [{ type: 'mention', text: '<at>Compliance-Bot</at>', mentioned: BOT }],
    });
    const before = h.fake.activities.length;
    const res = await h.post(incoming);
    assert.equal(res.status, 200);
    assert.equal(core.questions.at(-1), 'Darf ich Quackmail nutzen?', 'the mention is removed before asking');
    const [reply] = (await h.fake.waitFor(before + 1)).slice(before);
    assert.equal(reply!.conversationId, CHANNEL.id);
    assert.equal(reply!.replyToId, incoming.id);
    // ENGINE: an unknown tool is named back, with whom to ask for an assessment.
    const texts = cardTexts(cardOf(reply!).body);
    assert.match(texts[0] ?? '', /Quackmail/);
    assert.ok(texts.some((t) => t.includes('Prüfung beantragen')));
  });

  it('answers a message that is only an @mention with help instead of asking the engine', async () => {
    const asked = core.questions.length;
    const before = h.fake.activities.length;
    await h.post(
      message(h.fake, '<at>Compliance-Bot</at>&nbsp;', {
        conversation: CHANNEL,
        entities: [{ type: 'mention', text: '<at>Compliance-Bot</at>', mentioned: BOT }],
      }),
    );
    const [reply] = (await h.fake.waitFor(before + 1)).slice(before);
    assert.equal(core.questions.length, asked);
    assert.match(reply!.body.text, /Darf ich Zoom mit Bürgern nutzen/);
  });

  it('welcomes when it is added to a conversation, and only then', async () => {
    const before = h.fake.activities.length;
    const update = (membersAdded: object[]) => ({
      type: 'conversationUpdate',
      id: `update-${nextActivity++}`,
      channelId: 'msteams',
      serviceUrl: h.fake.url,
      from: USER,
      recipient: BOT,
      conversation: PERSONAL,
      membersAdded,
    });
    assert.equal((await h.post(update([{ id: USER.id }]))).status, 200);
    assert.equal(h.fake.activities.length, before, 'a user joining gets no welcome');
    assert.equal((await h.post(update([{ id: BOT.id }]))).status, 200);
    const [welcome] = (await h.fake.waitFor(before + 1)).slice(before);
    assert.equal(welcome!.conversationId, PERSONAL.id);
    assert.match(welcome!.body.text, /^Hallo! .*Freie und Hansestadt Hamburg/);
  });

  it('says notifications are not set up when no notify service is given', async () => {
    const before = h.fake.activities.length;
    await h.post(message(h.fake, '', { value: { action: 'notify', toolId: 'zoom', language: 'en' } }));
    await h.post(message(h.fake, '', { value: { action: 'notify', toolId: 'zoom' } })); // language from locale de-DE
    const [en, de] = (await h.fake.waitFor(before + 2)).slice(before);
    assert.equal(en!.body.text, 'Notifications are not set up on this server.');
    assert.equal(de!.body.text, 'Benachrichtigungen sind auf diesem Server nicht eingerichtet.');
  });

  it('refuses requests with 503 after stop()', async () => {
    const h2 = await startHarness();
    await h2.adapter.stop();
    const res = await h2.post(message(h2.fake, 'Darf ich Zoom nutzen?'));
    assert.equal(res.status, 503);
    assert.equal(h2.fake.activities.length, 0);
    await h2.close();
  });
});

describe('Teams notifications', () => {
  const requests: NotifyRequest[] = [];
  let stored = '';
  let h: Harness;
  before(async () => {
    h = await startHarness({
      onNotifyRequest: async (req) => {
        requests.push(req);
        stored = JSON.stringify(req.target); // what a subscription store would keep
        return `Sie werden über Änderungen an ${req.toolId} benachrichtigt.`;
      },
    });
  });
  after(() => h.close());

  const notice: ChangeNotice = {
    id: 'change-1',
    toolId: 'zoom',
    toolName: 'Zoom',
    oldStatus: 'restricted',
    newStatus: 'approved',
    changes: ['Status: mit Auflagen freigegeben → freigegeben'],
    by: 'Datenschutz-Team',
    at: '2021-10-01T09:30:00.000Z',
    language: 'de',
  };

  it('passes a card submit to onNotifyRequest and replies with its text', async () => {
    const before = h.fake.activities.length;
    await h.post(message(h.fake, '', { value: { action: 'notify', toolId: 'zoom', language: 'de' } }));
    const [reply] = (await h.fake.waitFor(before + 1)).slice(before);
    assert.equal(reply!.body.text, 'Sie werden über Änderungen an zoom benachrichtigt.');
    const req = requests.at(-1)!;
    assert.equal(req.platform, 'teams');
    assert.equal(req.userId, USER.id);
    assert.equal(req.conversationId, PERSONAL.id);
    assert.equal(req.toolId, 'zoom');
    assert.equal(req.language, 'de');
    assert.equal(req.target.platform, 'teams');
    assert.equal((req.target.reference as any).serviceUrl, h.fake.url);
  });

  it('delivers notify() proactively from the stored reference', async () => {
    assert.ok(stored, 'a target was stored by the previous test');
    const target = JSON.parse(stored) as ConversationTarget;
    const before = h.fake.activities.length;
    await h.adapter.notify(target, notice);
    const [sent] = (await h.fake.waitFor(before + 1)).slice(before);
    assert.equal(sent!.conversationId, PERSONAL.id);
    assert.equal(sent!.body.recipient.id, USER.id);
    const card = cardOf(sent!);
    assert.match(card.body[0].text, /Zoom/);
    assert.ok(cardTexts(card.body).some((t) => t.includes('mit Auflagen freigegeben → ✅ freigegeben')));
    assert.match(sent!.body.text, /^🔔 Änderung im Tool-Katalog: Zoom/);
    assert.equal(sent!.headers.authorization, undefined, 'authentication is off: no token is sent');
  });

  it('throws a RetryAfterError with status and Retry-After when the connector rate-limits', async () => {
    const target = JSON.parse(stored) as ConversationTarget;
    // retry-after-ms keeps botbuilder's own quick retries fast; Retry-After is what the error reports.
    h.fake.failNext(10, 429, { 'retry-after': '7', 'retry-after-ms': '1' });
    const before = h.fake.activities.length;
    try {
      await assert.rejects(h.adapter.notify(target, notice), (err: unknown) => {
        assert.ok(err instanceof RetryAfterError);
        assert.equal(err.code, 'DELIVERY_RATE_LIMITED');
        assert.equal(err.status, 429);
        assert.equal(err.retryAfterSeconds, 7);
        assert.match(err.message, /HTTP 429/);
        return true;
      });
    } finally {
      h.fake.clearFailures();
    }
    assert.equal(h.fake.activities.length, before, 'nothing was delivered');
  });

  it('marks a rejected delivery (403) as permanent', async () => {
    const target = JSON.parse(stored) as ConversationTarget;
    h.fake.failNext(1, 403);
    await assert.rejects(h.adapter.notify(target, notice), (err: unknown) => {
      assert.ok(err instanceof PermanentDeliveryError);
      assert.equal(err.code, 'DELIVERY_PERMANENT');
      assert.equal(err.status, 403);
      return true;
    });
  });

  it('rejects a target without a usable reference without calling the connector', async () => {
    const rejectedBefore = h.fake.rejected.length;
    await assert.rejects(h.adapter.notify({ platform: 'teams', conversationId: 'a:x' }, notice), (err: unknown) => {
      assert.ok(err instanceof PermanentDeliveryError);
      assert.match(err.message, /no conversation reference/);
      return true;
    });
    assert.equal(h.fake.rejected.length, rejectedBefore);
  });

  it('answers with the failure message when onNotifyRequest fails', async () => {
    const h2 = await startHarness({
      onNotifyRequest: async () => {
        throw new Error('subscription store down');
      },
    });
    try {
      await h2.post(message(h2.fake, '', { value: { action: 'notify', toolId: 'zoom', language: 'en' } }));
      const [reply] = await h2.fake.waitFor(1);
      assert.match(reply!.body.text, /^Sorry, I could not give an answer just now\. Contact: /);
      assert.ok(h2.logs.some((l) => l.includes('subscription store down')));
    } finally {
      await h2.close();
    }
  });
});

describe('Teams adapter failures', () => {
  it('never stays silent: a throwing core gets the failure message with whom to ask', async () => {
    const h = await startHarness({ core: new ThrowingCore(kb) });
    try {
      const question = 'Darf ich Zoom mit Bürgern nutzen?';
      const res = await h.post(message(h.fake, question));
      assert.equal(res.status, 200);
      const [reply] = await h.fake.waitFor(1);
      assert.equal(
        reply!.body.text,
        'Entschuldigung, ich konnte gerade keine Antwort geben. Ansprechstelle: Datenschutzbeauftragte oder Datenschutzbeauftragter Ihrer Behörde',
      );
      const errorLine = h.logs.find((l) => l.includes('could not answer a Teams question'));
      assert.ok(errorLine, 'the failure is logged');
      assert.match(errorLine, /engine exploded/);
      assert.ok(!h.logs.some((l) => l.includes('Bürgern')), 'the question is scrubbed from the logged error');
    } finally {
      await h.close();
    }
  });

  it('refuses an incomplete app registration with a AdapterConfigError naming the variable', () => {
    const logger = pino({ level: 'silent' });
    const core = new ComplianceCore(kb);
    assert.throws(
      () => createTeamsAdapter({ core, logger, appId: '00000000-0000-4000-8000-00000000b07f' }),
      (err: unknown) => err instanceof AdapterConfigError && /MICROSOFT_APP_PASSWORD/.test(err.message),
    );
    assert.throws(
      () => createTeamsAdapter({ core, logger, appId: '00000000-0000-4000-8000-00000000b07f', appPassword: 'x', appType: 'SingleTenant' }),
      (err: unknown) => err instanceof AdapterConfigError && /MICROSOFT_APP_TENANT_ID/.test(err.message),
    );
    assert.throws(
      () => createTeamsAdapter({ core, logger, appId: '00000000-0000-4000-8000-00000000b07f', appPassword: 'x' }),
      (err: unknown) => err instanceof AdapterConfigError && /MICROSOFT_APP_TENANT_ID[^]*SingleTenant/.test(err.message),
      'single-tenant is the default app type',
    );
  });

  it('with an app id, rejects unsigned requests with 401 and sends nothing', async () => {
    const h = await startHarness({ appId: '00000000-0000-4000-8000-00000000b07f', appPassword: 'test-secret', appType: 'MultiTenant' });
    // botbuilder prints the rejected request's stack trace with console.error; keep the test output clean.
    const consoleError = console.error;
    console.error = () => {};
    try {
      const noToken = await h.post(message(h.fake, 'Darf ich Zoom nutzen?'));
      assert.equal(noToken.status, 401);
      // A malformed token is rejected before any key lookup, so nothing leaves 127.0.0.1.
      const badToken = await h.post(message(h.fake, 'Darf ich Zoom nutzen?'), { authorization: 'Bearer not-a-jwt' });
      assert.equal(badToken.status, 401);
    } finally {
      console.error = consoleError;
      await h.close();
    }
    assert.equal(h.fake.activities.length, 0);
    assert.equal(h.fake.rejected.length, 0, 'the connector was never called');
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
