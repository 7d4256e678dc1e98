// What the bot says besides answers, in German and in English, shows no phrase of the other
// language: the usage report over a real SQLite store (German dates as 26.03.2021), Slack's App
// Home, slash-command replies (real Bolt over HTTP), assistant greeting, failure and button labels,
// and Teams' welcome, "not set up", unknown-button and failure replies (real botbuilder over HTTP).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { greetingMessage, suggestedPrompts } from '../adapters/slack/assistant.js';
import { renderFailure } from '../adapters/slack/failure.js';
import { renderCommandReply } from '../adapters/slack/render.js';
import { commandReplyMessage } from '../adapters/teams/render.js';
import { ComplianceCore } from '../src/core.js';
import { createEngine } from '../src/engine/engine.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Language } from '../src/model/language.js';
import { phrases } from '../src/phrases/index.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { formatUsageReport } from '../src/usage/report.js';
import { eventRequest, slashCommand } from './fakes/slack-api.js';
import { ANSWER_SET_FILES } from './helpers/answer-set.js';
import { kbFromFiles } from './helpers/kb.js';
import { leaks } from './helpers/phrase-tells.js';
import { startSlackHarness, type SlackHarness } from './helpers/slack-native.js';
import { BOT, message, PERSONAL, startHarness, USER, type Harness } from './helpers/teams-harness.js';

const LANGS = ['de', 'en'] as const;
const other = (lang: Language): Language => (lang === 'de' ? 'en' : 'de');

/** The answer-set catalogue with `lang` as its default language (Slack follows it). */
function catalogue(lang: Language): KnowledgeBase {
  const org = (ANSWER_SET_FILES['organization.yaml'] as string).replace('default_language: de', `default_language: ${lang}`);
  return kbFromFiles({ ...ANSWER_SET_FILES, 'organization.yaml': org });
}

/** What a reader sees of Block Kit blocks: the strings under `text` (not action ids or values). */
function shown(blocks: unknown): string {
  if (Array.isArray(blocks)) return blocks.map(shown).join('\n');
  if (!blocks || typeof blocks !== 'object') return '';
  return Object.entries(blocks)
    .map(([k, v]) => (k === 'text' && typeof v === 'string' ? v : shown(v)))
    .join('\n');
}

/** Fails naming the first phrase (or function word) of the other language found in `text`. */
function assertNoLeak(text: string, lang: Language, what: string): void {
  const found = leaks(text, other(lang));
  assert.deepEqual(found.tells, [], `${what} (${lang}): phrases of the other language in\n${text}`);
  assert.equal(found.word, undefined, `${what} (${lang}): "${found.word}" in\n${text}`);
}

describe('usage report over a real SQLite store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'phrases-report-'));
  const kb = catalogue('de');
  let storage: Storage;
  before(async () => {
    storage = await openStorage({ sqlitePath: path.join(dir, 'usage.sqlite') });
    const recorder = createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 });
    const engine = createEngine(kb);
    // Answers in both languages; unknown names and an unclear question that are not words of either.
    const questions = ['Darf ich Zoom mit Bürgern nutzen?', 'May I use Zoom?', 'Darf ich Chatty nutzen?', 'May I use Jitsi Meet?', 'Darf ich Quackmail nutzen?', 'Welche Videokonferenzsysteme sind freigegeben?', 'Hallo'];
    for (const q of questions) await recorder.recordAnswer(engine.answer(q), 'slack');
    await recorder.recordAnswer(engine.answer('Moin'), 'teams');
    await recorder.recordFeedback({ answerId: 'm1', toolIds: ['zoom'], verdict: 'conditional', platform: 'slack', helpful: false });
  });
  after(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of LANGS) {
    it(`in ${lang === 'de' ? 'German' : 'English'}: the report's own words only, dates as the language writes them`, async () => {
      const report = await createUsageRecorder({ storage, storeQuestions: true, retentionDays: 30 }).report({ limit: 1 });
      const text = formatUsageReport(report, lang, kb);
      const p = phrases(lang).report;
      assert.ok(text.startsWith(p.title), text);
      assert.ok(text.includes(p.more(1)), 'a list cut to the limit says how many more');
      assertNoLeak(text, lang, 'usage report');
      if (lang === 'de') {
        assert.match(text, /^Nutzungsbericht \(Stand \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} UTC, erfasst seit \d{2}\.\d{2}\.\d{4}\)/);
        assert.match(text, /\(zuletzt \d{2}\.\d{2}\.\d{4}\)/);
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no ISO date in German');
      } else {
        assert.match(text, /^Usage report \(as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, recorded since \d{4}-\d{2}-\d{2}\)/);
        assert.match(text, /\(last \d{4}-\d{2}-\d{2}\)/);
      }
    });
  }
});

describe('Slack besides answers', () => {
  for (const lang of LANGS) {
    describe(`in ${lang === 'de' ? 'German' : 'English'}`, () => {
      const kb = catalogue(lang);
      const dir = mkdtempSync(path.join(tmpdir(), 'phrases-slack-'));
      let storage: Storage;
      let h: SlackHarness;
      before(async () => {
        storage = await openStorage({ sqlitePath: path.join(dir, 'store.sqlite') });
        for (const topic of [{ kind: 'tool', id: 'zoom' }, { kind: 'category', id: 'video-conferencing' }, { kind: 'all' }] as const) {
          await storage.subscriptions.subscribe('slack:U0HOME', topic);
        }
        h = await startSlackHarness(kb, {
          overview: { storage: () => storage, isAdmin: () => true, gaps: async () => ['Quackmail – 2'], popularTools: async () => ['zoom'] },
        });
      });
      after(async () => {
        await h.close();
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      });

      it('the App Home (subscriptions, examples, latest changes, admin part) and the view of someone without subscriptions', async () => {
        for (const user of ['U0HOME', 'U0NONE']) {
          h.slack.reset();
          await h.send(eventRequest({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1715000000.000100' }));
          const [publish] = await h.slack.waitFor('views.publish', 1);
          const text = shown((publish?.body.view as { blocks: unknown[] }).blocks);
          const home = phrases(lang).chat.home;
          assert.ok(text.includes(home.title(kb.organization.name)) && text.includes(home.admin), text);
          if (user === 'U0NONE') assert.ok(text.includes(home.howTo(phrases(lang).ui.notifyMe)), text);
          else assert.ok(text.includes(home.allChanges) && text.includes(home.unsubscribe), text);
          assertNoLeak(text, lang, `App Home of ${user}`);
        }
      });

      it('slash-command replies: a command without a question, and a command this app does not have', async () => {
        const empty = await h.send(slashCommand({ text: '', responseUrl: h.slack.responseUrl('empty') }));
        const unknown = await h.send(slashCommand({ text: 'Zoom', command: '/other', responseUrl: h.slack.responseUrl('other') }));
        const chat = phrases(lang).chat;
        assert.equal((JSON.parse(empty.text) as { text: string }).text, chat.howToAsk('/compliance'));
        assert.equal((JSON.parse(unknown.text) as { text: string }).text, chat.unknownCommand('/compliance'));
        for (const [what, res] of [['no question', empty], ['unknown command', unknown]] as const) assertNoLeak(res.text, lang, what);
      });

      it('assistant greeting and prompts, the failure reply, the approve button, and the texts only an outage shows', () => {
        const chat = phrases(lang).chat;
        const texts: Record<string, string> = {
          greeting: shown(greetingMessage(kb, lang).blocks),
          prompts: [chat.assistant.promptsTitle, ...suggestedPrompts(kb, lang, ['zoom']).map((x) => x.message)].join('\n'),
          failure: shown(renderFailure(lang, kb.organization).blocks),
          approve: shown(renderCommandReply('p-7', lang, 'p-7').blocks),
          outage: [chat.requestFailed, chat.assistant.thinking].join('\n'),
        };
        assert.ok(texts.approve!.includes(chat.approveProposal('p-7')));
        for (const [what, text] of Object.entries(texts)) assertNoLeak(text, lang, what);
      });
    });
  }
});

describe('Teams besides answers', () => {
  const kb = catalogue('de');
  let h: Harness;
  let failing: Harness;
  before(async () => {
    h = await startHarness(kb);
    failing = await startHarness(kb, {
      core: new (class extends ComplianceCore {
        override async ask(): Promise<never> {
          throw new Error('the engine is down');
        }
      })(kb),
    });
  });
  after(async () => {
    await h.close();
    await failing.close();
  });

  const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
  for (const lang of LANGS) {
    it(`in ${lang === 'de' ? 'German' : 'English'}: welcome, notifications not set up, an unknown button, the failure reply, the approve button`, async () => {
      const locale = LOCALE[lang];
      const start = h.fake.activities.length;
      const added = { ...message(h.fake, ''), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], locale };
      assert.equal((await h.post(added)).status, 200);
      await h.post(message(h.fake, '', { value: { action: 'notify', toolId: 'zoom', language: lang }, locale }));
      const [welcome, notSetUp] = (await h.fake.waitFor(start + 2)).slice(start).map((a) => String(a.body.text));
      const invoke = await h.post({
        ...message(h.fake, ''),
        type: 'invoke',
        name: 'adaptiveCard/action',
        conversation: PERSONAL,
        from: USER,
        locale,
        value: { action: { type: 'Action.Execute', verb: 'gone', data: { language: lang } }, trigger: 'manual' },
      });
      const unknownButton = String(((await invoke.json()) as { value: unknown }).value);
      const failStart = failing.fake.activities.length;
      await failing.post(message(failing.fake, lang === 'de' ? 'Darf ich Zoom nutzen?' : 'May I use Zoom?', { locale }));
      const [failure] = (await failing.fake.waitFor(failStart + 1)).slice(failStart).map((a) => String(a.body.text));
      const approve = (commandReplyMessage('p-7', lang, 'p-7').attachments[0]!.content.actions ?? []).map((a) => String(a.title)).join('\n');

      const chat = phrases(lang).chat;
      assert.equal(welcome, chat.welcome(kb.organization.name));
      assert.equal(notSetUp, chat.notificationsNotSetUp);
      assert.equal(unknownButton, chat.unknownAction);
      assert.ok(failure?.startsWith(phrases(lang).ui.failure), failure);
      const texts = { welcome, notSetUp, unknownButton, failure: failure ?? '', approve };
      for (const [what, text] of Object.entries(texts)) assertNoLeak(text as string, lang, what);
    });
  }
});
