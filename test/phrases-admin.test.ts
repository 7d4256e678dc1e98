// The admin, subscription and CLI sections of the phrase book, through the real parts: every admin
// reply kind from the chat command path (real admin service, SQLite file, a copy of the shipped
// knowledge folder), the same refusals from `compliance-bot kb …` (registerKbAdminCommands with the
// shell's LANG), every subscription reply, and the CLI's own messages from real CLI processes. In
// German they show no English phrase or function word, and the reverse; a reply read in the shell
// names `compliance-bot kb …` and never a chat command, one read in chat names `admin …` and never
// the shell's.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { pino } from 'pino';
import { registerKbAdminCommands } from '../cli/kb-admin.js';
import { describeReloadError } from '../src/admin/format.js';
import { createChatCommands, type ChatUser } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { KnowledgeBaseError } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { Language } from '../src/model/language.js';
import { phrases } from '../src/phrases/index.js';
import { reviewReminderText } from '../src/review/reminders.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { executeSubscriptionCommand, parseSubscriptionCommand } from '../src/subscriptions/commands.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { leaks, withoutKnowledgeFormat } from './helpers/phrase-tells.js';
import { cliOutput } from './helpers/cli-process.js';
import { chatAdminService } from './helpers/chat-admin.js';

const silent = pino({ level: 'silent' });
const LOCALE: Record<Language, string> = { de: 'de_DE.UTF-8', en: 'en_GB.UTF-8' };
const other = (lang: Language): Language => (lang === 'de' ? 'en' : 'de');

/** What the admin typed, in the language of the test (a German note in an English reply would be a false alarm). */
const TYPED: Record<Language, { note: string; restriction: string; name: string }> = {
  de: { note: 'Warnung der Aufsichtsbehörde', restriction: 'Keine Aufzeichnung.', name: 'Jitsi Meet' },
  en: { note: 'Warning from the regulator', restriction: 'No recording.', name: 'Jitsi Meet' },
};

// Knowledge-base issues are checked like every other line (their wording is the phrase book's `kb`
// section; test/phrases-kb.test.ts has every kind). Left out is only what is typed the same in both
// languages: what the knowledge files say as written (withoutKnowledgeFormat) and the CLI's option
// names (`--category`).
const withoutIssueLines = (text: string): string => withoutKnowledgeFormat(text).replace(/--[a-z-]+/g, '');

function assertNoLeak(texts: Record<string, string>, lang: Language): void {
  for (const [what, text] of Object.entries(texts)) {
    const found = leaks(withoutIssueLines(text), other(lang));
    assert.deepEqual(found.tells, [], `${what}: ${text}`);
    assert.equal(found.word, undefined, `${what}: "${found.word}" in ${text}`);
  }
}

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** `compliance-bot kb …` in-process, with the shell's locale and a real SQLite file. */
async function kbCli(args: string[], env: Record<string, string>, sqlitePath: string, kbDir: string): Promise<string> {
  let out = '';
  const program = new Command().exitOverride();
  registerKbAdminCommands(program.command('kb'), {
    openStorage: () => openStorage({ sqlitePath }),
    env,
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    exit: (code) => {
      throw new Exit(code);
    },
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'compliance-bot', 'kb', ...args, '--kb', kbDir]);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
  } finally {
    process.exitCode = 0;
  }
  return out.trim();
}


for (const lang of ['de', 'en'] as const) {
  describe(`admin, subscription and CLI messages in ${lang}`, () => {
    let kb: KbCopy;
    let storage: Storage;
    let sqlite: string;
    let clock = new Date('2026-11-27T10:00:00Z');
    const chatReplies: Record<string, string> = {};
    const cliReplies: Record<string, string> = {};
    const typed = TYPED[lang];

    before(async () => {
      kb = await copyKnowledge();
      sqlite = path.join(path.dirname(kb.dir), 'phrases.sqlite');
      storage = await openStorage({ sqlitePath: sqlite });
      const core = new ComplianceCore(await loadKnowledgeBase(kb.dir));
      const service = (fourEyes: boolean) => chatAdminService({ kbDir: kb.dir, storage, core, admins: ['slack:UANNA', 'slack:UBEN'], fourEyes, now: () => clock });
      const user = (id: string): ChatUser => {
        const t = { platform: 'slack' as const, conversationId: `D-${id}`, userId: id };
        return { platform: 'slack', key: `slack:${id}`, adminId: `slack:${id}`, personal: t, conversation: t, language: lang };
      };
      const [anna, ben, eve] = [user('UANNA'), user('UBEN'), user('UEVE')];
      const chat = createChatCommands({ core, storage, admin: service(false), logger: silent });
      const fourEyes = createChatCommands({ core, storage, admin: service(true), logger: silent });
      const say = async (what: string, text: string, who = anna, via = chat) => {
        chatReplies[what] = (await via.handle(text, who))?.text ?? '';
      };

      await say('not an admin', 'admin status zoom prohibited x', eve);
      chatReplies['not set up'] = (await createChatCommands({ core, logger: silent }).handle('admin help', anna))?.text ?? '';
      await say('help', 'admin help', anna, fourEyes);
      await say('no command', 'admin');
      await say('unknown command', 'admin frobnicate zoom');
      await say('missing tool', 'admin history');
      await say('invalid status', 'admin status zoom maybe');
      await say('invalid restriction id', 'admin restriction add zoom No_Good! text');
      await say('invalid step', 'admin step zoom nonsense done');
      await say('invalid state', 'admin step zoom dpia maybe');
      await say('invalid page', 'admin refused page x');
      await say('invalid days', 'admin due soon');
      await say('invalid proposal id', 'admin approve a b');
      await say('too long', `admin add ${'a'.repeat(80)} approved video-conferencing X`);
      await say('control character', `admin status zoom prohibited ${typed.note}\u0007`);
      await say('url scheme', `admin status zoom prohibited ${typed.note} source: X javascript:alert(1)`);
      await say('unknown tool (typo)', 'admin status zoon prohibited x');
      await say('unknown tool', 'admin history quackmail');
      await say('approved with restrictions', `admin status zoom approved ${typed.note}`);
      await say('restricted without restrictions', `admin status microsoft-365 restricted ${typed.note}`);
      await say('no change', 'admin status zoom restricted');
      await say('invalid change', `admin restriction add zoom mars-only forbid=mars ${typed.restriction}`);
      await say('duplicate restriction', `admin restriction add zoom non-confidential-only ${typed.restriction}`);
      await say('unknown restriction', 'admin restriction remove zoom nothing-like-it');
      await say('tool exists', `admin add zoom approved video-conferencing ${typed.name}`);
      await say('tool added', `admin add jitsi approved video-conferencing ${typed.name}`);
      await say('restriction on approved', `admin restriction add jitsi no-recording ${typed.restriction}`);
      await say('status changed', `admin status microsoft-365 prohibited ${typed.note}`);
      await say('restriction added', `admin restriction add zoom no-recording forbid=recording ${typed.restriction}`);
      await say('restriction removed', 'admin restriction remove zoom no-recording');
      await say('restriction removed, one left', 'admin restriction remove zoom not-with-vulnerable-persons');
      await say('step changed', `admin step zoom dpia concerns ${typed.note}`);
      await say('no history', 'admin history zoom-licensed');
      await say('reviewed', 'admin reviewed zoom-licensed 2027-06-30');
      await say('review date in past', 'admin reviewed zoom-licensed 2020-01-01');
      // A status change sets the next review a year ahead, so the entries changed above are due within 1000 days.
      await say('due', 'admin due 1000');
      await say('last restriction', 'admin restriction remove zoom non-confidential-only');
      await say('proposed', `admin status microsoft-365 pending ${typed.note}`, anna, fourEyes);
      const proposalId = (text = '') => /^(?:Vorschlag|Proposal) ([a-z2-9]{5}):/.exec(text)?.[1] ?? '';
      const id = proposalId(chatReplies.proposed);
      await say('proposals', 'admin proposals', anna, fourEyes);
      await say('own proposal', `admin approve ${id}`, anna, fourEyes);
      await say('approved proposal', `admin approve ${id}`, ben, fourEyes);
      await say('no proposals', 'admin proposals', anna, fourEyes);
      await say('proposal missing', 'admin approve zzzzz', anna, fourEyes);
      await say('proposed again', 'admin status microsoft-365 approved', anna, fourEyes);
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      const late = proposalId(chatReplies['proposed again']);
      await say('proposal expired', `admin approve ${late}`, ben, fourEyes);
      for (let i = 1; i <= 26; i++) {
        await storage.audit.append({ id: `h${i}`, kb: service(false).kbId, at: new Date(Date.UTC(2020, 0, i)).toISOString(), actor: 'file', action: 'hand_edit', toolId: 'zoom', before: { status: 'restricted' }, after: { status: 'pending' } });
      }
      await say('history', 'admin history zoom');
      await say('history, last page', 'admin history zoom page 2');
      await say('refused', 'admin refused');
      clock = new Date('2020-01-01T10:00:00Z');
      await say('none due', 'admin due 0');
      // Replies no command path reaches on demand: a broken hand edit, the weekly reminder.
      await writeFile(kb.tool('broken'), 'name: Broken\nstatus: maybe\n');
      const broken = await loadKnowledgeBase(kb.dir).catch((e: unknown) => e);
      await rm(kb.tool('broken'));
      assert.ok(broken instanceof KnowledgeBaseError, String(broken));
      chatReplies['reload failed'] = describeReloadError(broken, lang);
      chatReplies.reminder = reviewReminderText(core.knowledgeBase, '2026-11-27', 1000, lang) ?? '';

      // The shell: usage errors, parse errors, refusals and hints of `compliance-bot kb …`.
      const env = { LANG: LOCALE[lang], FOUR_EYES: 'false' };
      const run = async (what: string, args: string[], extra: Record<string, string> = {}) => {
        cliReplies[what] = await kbCli(args, { ...env, ...extra }, sqlite, kb.dir);
      };
      await run('invalid status', ['status', 'zoom', 'maybe', '--note', 'x', '--by', 'anna']);
      await run('invalid restriction id', ['restriction', 'remove', 'zoom', 'No_Good!', '--by', 'anna']);
      await run('by one word', ['status', 'zoom', 'pending', '--note', 'x', '--by', 'anna maria']);
      await run('url needs source', ['status', 'zoom', 'pending', '--note', 'x', '--url', 'https://example.org', '--by', 'anna']);
      await run('page', ['history', 'zoom', '--page', '0']);
      await run('days', ['due', '--days', 'x']);
      await run('next', ['reviewed', 'zoom', '--next', 'tomorrow', '--by', 'anna']);
      await run('unknown tool', ['history', 'quackmail']);
      await run('approved with restrictions', ['status', 'zoom', 'approved', '--note', typed.note, '--by', 'anna']);
      await run('restricted without restrictions', ['status', 'jitsi', 'restricted', '--note', typed.note, '--by', 'anna']);
      await run('restriction on approved', ['restriction', 'add', 'jitsi', 'no-recording', '--text', typed.restriction, '--by', 'anna']);
      await run('due', ['due', '--days', '1000']);
      await run('history', ['history', 'zoom']);
      await run('proposed', ['status', 'microsoft-365', 'approved', '--note', typed.note, '--by', 'anna'], { FOUR_EYES: 'true' });
      await run('proposal missing', ['approve', 'zzzzz', '--by', 'anna']);
      await run('refused', ['refused']);
      // The CLI's own messages, from real processes.
      const shell = { LANG: LOCALE[lang] };
      await writeFile(kb.tool('broken'), 'name: Broken\nstatus: maybe\n');
      cliReplies['kb validate, broken'] = await cliOutput(['kb', 'validate', kb.dir], shell);
      await rm(kb.tool('broken'));
      cliReplies['kb validate'] = await cliOutput(['kb', 'validate', 'knowledge'], shell);
      cliReplies['kb schema'] = await cliOutput(['kb', 'schema', '--file', 'nope'], shell);
    });
    after(async () => {
      await storage.close();
      await kb.cleanup();
    });

    it('every admin reply kind in chat has its text, in the admin\'s language only', () => {
      assert.ok(Object.keys(chatReplies).length >= 50, `${Object.keys(chatReplies).length} replies`);
      for (const [what, text] of Object.entries(chatReplies)) assert.ok(text.length > 10, `${what}: "${text}"`);
      // Each reply is its own kind: no two the same (a reply that fell back to a generic failure would repeat).
      const failed = phrases(lang).admin.failed;
      assert.deepEqual(Object.entries(chatReplies).filter(([, t]) => t === failed), []);
      assert.match(chatReplies['approved proposal'] ?? '', new RegExp(`^${phrases(lang).admin.approvedProposal('[a-z2-9]{5}', 'slack:UANNA')}`));
      assertNoLeak(chatReplies, lang);
    });

    it('a chat reply names chat commands (`admin …`), never the shell\'s', () => {
      for (const [what, text] of Object.entries(chatReplies)) assert.doesNotMatch(text, /compliance-bot|--by|--page/, what);
      for (const what of ['invalid status', 'unknown tool (typo)', 'approved with restrictions', 'restricted without restrictions', 'restriction on approved', 'due', 'proposed', 'proposal missing', 'history', 'help', 'reminder']) {
        assert.match(chatReplies[what] ?? '', /`admin [a-z]/, what);
      }
    });

    it('every CLI message is in the shell\'s language only', () => {
      assert.ok(Object.keys(cliReplies).length >= 19);
      for (const [what, text] of Object.entries(cliReplies)) assert.ok(text.length > 10, `${what}: "${text}"`);
      assertNoLeak(cliReplies, lang);
    });

    it('a refused or mistyped `kb` command names `compliance-bot kb …`, never a chat command', () => {
      for (const [what, text] of Object.entries(cliReplies)) assert.doesNotMatch(text, /`admin |admin (status|restriction|add|approve|history|refused|reviewed|proposals|help|hilfe)\b/, what);
      for (const what of ['invalid status', 'invalid restriction id', 'unknown tool', 'approved with restrictions', 'restricted without restrictions', 'restriction on approved', 'due', 'history', 'proposed', 'proposal missing']) {
        assert.match(cliReplies[what] ?? '', /`compliance-bot kb [a-z]/, what);
      }
    });

    it('every subscription reply kind is in the subscriber\'s language only', async () => {
      const core = new ComplianceCore(await loadKnowledgeBase(kb.dir));
      const dm = { platform: 'slack' as const, conversationId: 'D1', userId: 'U1' };
      const ctx = { kb: core.knowledgeBase, storage, subscriber: { key: `slack:U1-${lang}`, target: dm, language: lang }, conversation: { ...dm, conversationId: 'C1' } };
      const [sub, unsub, list] = lang === 'de' ? ['abonnieren', 'abbestellen', 'abonnements'] : ['subscribe', 'unsubscribe', 'subscriptions'];
      const replies: Record<string, string> = {};
      const run = async (what: string, text: string) => {
        const cmd = parseSubscriptionCommand(text);
        assert.ok(cmd, text);
        replies[what] = await executeSubscriptionCommand(cmd, ctx);
      };
      await run('none', list);
      await run('unsubscribed everything, none', `${unsub} ${lang === 'de' ? 'alle' : 'all'}`);
      await run('subscribed tool', `${sub} zoom`);
      await run('subscribed category', `${sub} ${lang === 'de' ? 'videokonferenz' : 'video-conferencing'}`);
      await run('subscribed all', `${sub} ${lang === 'de' ? 'alle' : 'all'}`);
      await run('subscribed here', `${sub} zoom ${lang === 'de' ? 'hier' : 'here'}`);
      await run('already subscribed', `${sub} zoom`);
      await run('list', list);
      await run('unsubscribed', `${unsub} zoom`);
      await run('not subscribed', `${unsub} zoom`);
      await run('unknown, suggestions', `${sub} zom`);
      await run('unknown', `${sub} quackmail`);
      await run('usage', sub);
      await run('unsubscribed everything', `${unsub} ${lang === 'de' ? 'alle' : 'all'}`);
      const noStore = createChatCommands({ core, logger: silent });
      const user: ChatUser = { platform: 'slack', key: 'slack:U1', adminId: null, personal: dm, conversation: dm, language: lang };
      replies['not set up'] = (await noStore.handle(`${sub} zoom`, user))?.text ?? '';
      replies.unavailable = (await createChatCommands({ core, logger: silent, storageUnavailable: true }).handle(`${sub} zoom`, user))?.text ?? '';
      assert.equal(new Set(Object.values(replies)).size, Object.keys(replies).length - 1, 'every kind has its own text (the empty "unsubscribe all" is "none")');
      assertNoLeak(replies, lang);
    });
  });
}
