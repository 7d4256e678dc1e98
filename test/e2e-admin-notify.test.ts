// Issue 4 end to end, through the real server on 127.0.0.1: admin changes from Slack (with and
// without four eyes), hand edits of the knowledge folder, the "Notify me of changes" and feedback
// buttons, and the notifications that follow, delivered to Slack (fake Web API) and Teams (fake Bot
// Connector). Real Bolt receives signed requests, the real botbuilder CloudAdapter receives
// Activities (auth off); each test has its own copy of knowledge/ and its own SQLite file.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { formatDate, phrases, phrases as messages } from '../src/phrases/index.js';
import { todayIso } from '../src/kb/edit.js';
import { oneYearAfter } from '../src/review/due.js';
import { openStorage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/index.js';
import type { ServerHandle } from '../server/index.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { postJson, startTestServer } from './helpers/server.js';
import { startFakeConnector, type FakeConnector, type RecordedActivity } from './fakes/bot-connector.js';
import { buttonClick, directMessageEvent, postSigned, startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from './fakes/slack-api.js';

const SIGNING_SECRET = 'e2e-signing-secret';
const ADMIN = 'UADMIN';
const ADMIN_B = 'UADMIN2';
const BOT = { id: '28:e2e-bot', name: 'Compliance-Bot' };
const TEAMS_USER = { id: '29:e2e-teams-subscriber', name: 'Erika Mustermann', aadObjectId: '6f1c2a4e-0000-4000-8000-0000000000e2' };
const TEAMS_CHAT = { id: 'a:1e2e-personal-chat', conversationType: 'personal', tenantId: 'tenant-e2e' };
const CITIZENS_QUESTION = 'Darf ich Zoom mit Bürgern nutzen?';
const VULNERABLE_QUESTION = 'Darf ich Zoom für ein Gespräch mit besonders schutzbedürftigen Personen nutzen?';
/** How long to keep watching for a second, unwanted message after the expected one arrived. */
const QUIET_MS = 1_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `get` until it returns a value (not undefined); fails after `timeoutMs` naming `what`. */
async function eventually<T>(get: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(25);
  }
}

interface Bot {
  server: ServerHandle;
  slack: FakeSlackApi;
  connector: FakeConnector;
  kb: KbCopy;
  storageUrl: string;
  /** Posts sent by the bot to `channel` (a DM channel, or a user id for notifications). */
  postsTo(channel: string): SlackApiCall[];
  /** A Slack DM from `user`; resolves with the bot's reply in that DM. */
  dm(user: string, text: string): Promise<SlackApiCall>;
  /** A signed button click; resolves once Bolt acknowledged it (200). */
  click(input: Parameters<typeof buttonClick>[0]): Promise<void>;
  /** A message in the Teams subscriber's personal chat; resolves with the bot's reply there. */
  teams(text: string): Promise<RecordedActivity>;
  ask(question: string): Promise<{ verdict: string }>;
  zoomYaml(): Promise<string>;
  /** Closes the server (idempotent), then the fakes and the temporary files. */
  close(): Promise<void>;
  /** Closes only the server, so its SQLite file can be read by another handle. */
  stopServer(): Promise<void>;
}

async function startBot(env: Record<string, string> = {}): Promise<Bot> {
  const slack = await startFakeSlackApi();
  const connector = await startFakeConnector();
  const kb = await copyKnowledge();
  // A folder of its own: SQLite may leave -wal/-shm files next to the database.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'compliance-bot-e2e-'));
  const sqlite = path.join(dataDir, 'bot.sqlite');
  const storageUrl = `sqlite:${sqlite}`;
  let server: ServerHandle;
  try {
    server = await startTestServer({
      KNOWLEDGE_DIR: kb.dir,
      STORAGE_URL: storageUrl,
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ENABLED: 'true',
      ADMINS: `slack:${ADMIN}`,
      ...env,
    });
  } catch (err) {
    await Promise.all([slack.close(), connector.close(), kb.cleanup(), rm(dataDir, { recursive: true, force: true })]);
    throw err;
  }
  let activityCounter = 0;
  const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === channel);
  const stopServer = () => server.close();

  return {
    server,
    slack,
    connector,
    kb,
    storageUrl,
    postsTo,
    async dm(user, text) {
      const channel = `D${user}`;
      const before = postsTo(channel).length;
      const res = await postSigned(`${server.url}/slack/events`, SIGNING_SECRET, directMessageEvent({ text, user, channel }));
      assert.equal(res.status, 200, `Bolt accepted the signed DM event (got ${res.status} ${res.text})`);
      return eventually(
        () => postsTo(channel)[before],
        () => `the bot's reply in ${channel} to "${text}"`,
      );
    },
    async click(input) {
      const res = await postSigned(`${server.url}/slack/events`, SIGNING_SECRET, buttonClick(input));
      assert.equal(res.status, 200, `Bolt accepted the signed button click (got ${res.status} ${res.text})`);
    },
    async teams(text) {
      const before = connector.activities.length;
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `e2e-incoming-${++activityCounter}`,
          timestamp: new Date().toISOString(),
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: TEAMS_USER,
          recipient: BOT,
          conversation: TEAMS_CHAT,
          channelData: { tenant: { id: TEAMS_CHAT.tenantId } },
          locale: 'de-DE',
          text,
        }),
      });
      assert.ok(res.status >= 200 && res.status < 300, `the Teams endpoint accepted the activity (got ${res.status})`);
      return eventually(
        () => connector.activities[before],
        () => `the bot's Teams reply to "${text}"`,
      );
    },
    async ask(question) {
      const res = await postJson(`${server.url}/api/ask`, { question });
      assert.equal(res.status, 200);
      return (await res.json()) as { verdict: string };
    },
    zoomYaml: () => readFile(kb.tool('zoom'), 'utf8'),
    stopServer,
    async close() {
      await stopServer();
      await Promise.all([slack.close(), connector.close(), kb.cleanup()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Notifications a Slack adapter posts go to the subscriber's user id (Slack opens the DM). */
function slackNotices(bot: Bot, user: string): SlackApiCall[] {
  return bot.postsTo(user).filter((c) => String(c.body.text).startsWith('🔔'));
}

/** Waits for the n-th notification to `user`, then for QUIET_MS more, and asserts there are exactly n. */
async function expectSlackNotices(bot: Bot, user: string, n: number): Promise<SlackApiCall[]> {
  await eventually(
    () => (slackNotices(bot, user).length >= n ? true : undefined),
    () => `${n} notification(s) to ${user} (have ${slackNotices(bot, user).length}; posts: ${bot.slack.callsOf('chat.postMessage').map((c) => c.body.channel).join(', ')})`,
  );
  await sleep(QUIET_MS);
  const notices = slackNotices(bot, user);
  assert.equal(notices.length, n, `exactly ${n} notification(s) to ${user}, got ${notices.length}`);
  return notices;
}

function statusChangedReply(from: 'restricted' | 'pending', to: 'prohibited'): string[] {
  return (['de', 'en'] as const).map((l) => {
    const m = phrases(l).admin;
    // The shipped summary ("im Einsatz") does not fit a prohibited tool: the reply says so.
    // A decision is a review: the next one a year from today.
    const next = m.nextReview(formatDate(oneYearAfter(todayIso()), l));
    return `${m.statusChanged('Zoom', messages(l).status[from], messages(l).status[to])} ${next} ${m.summaryOutdated('im Einsatz')} ${m.recorded}`;
  });
}

/** Every string in a JSON value (card texts, activity text). */
function allText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(allText).join('\n');
  if (typeof node === 'object' && node !== null) return Object.values(node).map(allText).join('\n');
  return '';
}

/** The Slack buttons of a posted message. */
function buttonsOf(post: SlackApiCall): { action_id: string; value: string; block_id: string }[] {
  const blocks = (post.body.blocks ?? []) as { type: string; block_id?: string; elements?: { type: string; action_id: string; value: string }[] }[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).filter((e) => e.type === 'button').map((e) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id ?? 'actions' })));
}

const bots: Bot[] = [];
after(async () => {
  for (const bot of bots) await bot.close().catch(() => undefined);
});
async function bot(env: Record<string, string> = {}): Promise<Bot> {
  const b = await startBot(env);
  bots.push(b);
  return b;
}

describe('admin changes and notifications through the real server', () => {
  test('an admin sets Zoom to prohibited from Slack: confirmed, written, each subscriber (Slack and Teams) notified once, answers change', async () => {
    const b = await bot();
    assert.equal((await b.ask(CITIZENS_QUESTION)).verdict, 'conditional');

    const slackSub = await b.dm('USUB', 'subscribe zoom');
    assert.match(String(slackSub.body.text), /Zoom/, 'the Slack subscription is confirmed');
    const teamsSub = await b.teams('abonnieren zoom');
    assert.match(allText(teamsSub.body), /Zoom/, 'the Teams subscription is confirmed');
    const teamsBefore = b.connector.activities.length;

    const reply = await b.dm(ADMIN, 'admin status zoom prohibited Warnung der Aufsichtsbehörde');
    assert.ok(statusChangedReply('restricted', 'prohibited').includes(String(reply.body.text)), `the admin gets the confirmation, got: ${reply.body.text}`);
    assert.match(await b.zoomYaml(), /^status: prohibited$/m, 'the YAML file says prohibited');

    // Both deliveries are waited for (bounded), then the quiet period of expectSlackNotices covers both.
    await eventually(
      () => b.connector.activities[teamsBefore],
      () => 'the proactive Teams notification',
    );
    // Slack: one chat.postMessage to the subscriber's DM (their user id), naming Zoom and the new status.
    const [notice] = await expectSlackNotices(b, 'USUB', 1);
    assert.ok(notice);
    assert.match(String(notice.body.text), /Zoom/);
    assert.match(String(notice.body.text), new RegExp(messages('en').status.prohibited), 'the notice names the new status (in English, as subscribed)');

    // Teams: one proactive activity into the stored personal chat (waited for in the same quiet period).
    const teamsNew = b.connector.activities.slice(teamsBefore);
    assert.equal(teamsNew.length, 1, `exactly one activity at the connector after the change, got ${teamsNew.length}`);
    const proactive = teamsNew[0] as RecordedActivity;
    assert.equal(proactive.conversationId, TEAMS_CHAT.id);
    assert.match(allText(proactive.body), /Zoom/);
    assert.match(allText(proactive.body), new RegExp(messages('de').status.prohibited), 'the Teams notice names the new status (in German, as subscribed)');

    assert.equal((await b.ask(CITIZENS_QUESTION)).verdict, 'not_allowed');
    // The watcher sees the admin's own write too; it must not be recorded again as a hand edit.
    const history = String((await b.dm(ADMIN, 'admin history zoom')).body.text);
    const lines = history.split('\n').filter((line) => line.startsWith('•'));
    assert.equal(lines.length, 1, `one history entry, got:\n${history}`);
    assert.match(lines[0] as string, /slack:UADMIN/);
    assert.match(lines[0] as string, /Warnung der Aufsichtsbehörde/, 'with the note');
  });

  test("a non-admin's status change is refused politely: file unchanged, nobody notified, the attempt is in the admin's history", async () => {
    const b = await bot();
    await b.dm('USUB', 'subscribe zoom');
    const bytes = await b.zoomYaml();

    const reply = await b.dm('UEVE', 'admin status zoom prohibited');
    const refusals = (['de', 'en'] as const).map((l) => phrases(l).admin.notAdmin);
    assert.ok(refusals.includes(String(reply.body.text)), `a polite refusal, got: ${reply.body.text}`);

    await sleep(QUIET_MS);
    assert.equal(await b.zoomYaml(), bytes, 'the tool file is byte for byte unchanged');
    assert.equal(slackNotices(b, 'USUB').length, 0, 'nobody is notified');
    assert.equal((await b.ask(CITIZENS_QUESTION)).verdict, 'conditional');

    // Refused attempts are the knowledge base's, not a tool's: no tool is resolved and nothing of the text is kept.
    const history = String((await b.dm(ADMIN, 'admin refused')).body.text);
    const refusedLine = history.split('\n').find((line) => line.includes('slack:UEVE'));
    assert.ok(refusedLine, `the history names the refused actor, got:\n${history}`);
    assert.ok(
      (['de', 'en'] as const).some((l) => refusedLine.includes(phrases(l).admin.hRefused('status'))),
      `the history line says the status command was refused, got: ${refusedLine}`,
    );
  });

  test('a broken hand edit keeps the old answers and tells each admin once; a valid one reloads and notifies once', async () => {
    // A Slack admin and a Teams admin (ADMINS lists the AAD object id, not the Teams user id).
    // A second Slack admin never wrote to the bot: Slack still lets the bot open a DM with them.
    const b = await bot({ ADMINS: `slack:${ADMIN},slack:UQUIETADMIN,teams:${TEAMS_USER.aadObjectId}` });
    await b.dm('USUB', 'subscribe zoom');
    // The admins' conversations are stored by any subscription command, here the list.
    await b.dm(ADMIN, 'subscriptions');
    await b.teams('abonnements');
    const teamsBefore = b.connector.activities.length;
    const original = await b.zoomYaml();

    await writeFile(b.kb.tool('zoom'), `${original}\nstatus: [unclosed\n  - : :\n`);
    const errorPost = await eventually(
      () => b.postsTo(ADMIN)[0],
      () => 'the admin being told about the invalid hand edit',
    );
    assert.ok(
      (['de', 'en'] as const).some((l) => String(errorPost.body.text).startsWith(phrases(l).admin.reloadFailed)),
      `the admin is told the knowledge base is invalid, got: ${errorPost.body.text}`,
    );
    assert.match(String(errorPost.body.text), /zoom\.yaml/, 'the message names the broken file');
    const quietPost = await eventually(
      () => b.postsTo('UQUIETADMIN')[0],
      () => 'the admin who never wrote to the bot being told too',
    );
    assert.ok(String(quietPost.body.text).startsWith(phrases('de').admin.reloadFailed), `in the organisation's language, got: ${quietPost.body.text}`);
    const teamsError = await eventually(
      () => b.connector.activities[teamsBefore],
      () => 'the Teams admin being told about the invalid hand edit',
    );
    assert.equal(teamsError.conversationId, TEAMS_CHAT.id, "into the Teams admin's personal chat");
    assert.ok(
      (['de', 'en'] as const).some((l) => allText(teamsError.body).includes(phrases(l).admin.reloadFailed)),
      `the Teams admin is told the knowledge base is invalid, got: ${allText(teamsError.body)}`,
    );
    assert.equal((await b.ask(CITIZENS_QUESTION)).verdict, 'conditional', 'the last good base keeps answering');
    await sleep(QUIET_MS);
    assert.equal(b.postsTo(ADMIN).length, 1, 'the Slack admin is told once');
    assert.equal(b.postsTo('UQUIETADMIN').length, 1, 'the admin who never wrote is told once');
    assert.equal(b.connector.activities.length, teamsBefore + 1, 'the Teams admin is told once');

    await writeFile(b.kb.tool('zoom'), original.replace(/^status: restricted$/m, 'status: pending'));
    await eventually(
      async () => ((await b.ask(CITIZENS_QUESTION)).verdict === 'pending' ? true : undefined),
      () => 'the valid hand edit to be answered from',
      5_000,
    );
    const [notice] = await expectSlackNotices(b, 'USUB', 1);
    assert.match(String(notice?.body.text), new RegExp(messages('en').status.pending));
    assert.equal(slackNotices(b, ADMIN).length, 0, 'the admin (not subscribed) gets no notice');
    const history = String((await b.dm(ADMIN, 'admin history zoom')).body.text);
    assert.ok(
      (['de', 'en'] as const).some((l) => history.includes(phrases(l).admin.hHandEdit)),
      `the hand edit is in the history, got:\n${history}`,
    );
  });

  test('a hand edit that loosens a rule is applied (reviewed in git) and each admin is told once that it loosened a rule', async () => {
    const b = await bot({ ADMINS: `slack:${ADMIN},slack:UQUIETADMIN` });
    const original = await b.zoomYaml();
    assert.equal((await b.ask('Darf ich Zoom für vertrauliche Gespräche nutzen?')).verdict, 'not_allowed');
    // A tightening hand edit first: nobody is told anything.
    await writeFile(b.kb.tool('zoom'), original.replace('forbidden_contexts: [vulnerable_persons]', 'forbidden_contexts: [vulnerable_persons, recording]'));
    // Polling /api/ask would meet its rate limit: wait for the reload, then ask once.
    await sleep(3 * QUIET_MS);
    assert.equal((await b.ask('Darf ich Zoom-Meetings aufzeichnen?')).verdict, 'not_allowed', 'the tightening hand edit is answered from');
    assert.equal(b.postsTo(ADMIN).length, 0, 'a tightening hand edit is not reported as loosening');

    await writeFile(b.kb.tool('zoom'), original.replace('forbidden_contexts: [confidential, special_categories]', 'forbidden_contexts: [special_categories]'));
    const told = await eventually(
      () => b.postsTo(ADMIN)[0],
      () => 'the admin being told about the loosening hand edit',
    );
    const text = String(told.body.text);
    assert.ok(
      (['de', 'en'] as const).some((l) => text.startsWith(phrases(l).admin.handEditLoosened('').slice(0, 20))),
      `the admin is told a hand edit loosened a rule, got: ${text}`,
    );
    assert.match(text, /non-confidential-only: confidential/);
    assert.equal((await b.ask('Darf ich Zoom für vertrauliche Gespräche nutzen?')).verdict, 'conditional', 'hand edits are reviewed in git: it applies');
    await eventually(() => b.postsTo('UQUIETADMIN')[0], () => 'the second admin being told too');
    await sleep(QUIET_MS);
    assert.equal(b.postsTo(ADMIN).length, 1, 'told once');
  });

  test('the "Notify me of changes" button under a Slack answer subscribes the user', async () => {
    const b = await bot();
    const answer = await b.dm('UBTN', CITIZENS_QUESTION);
    const notify = buttonsOf(answer).find((x) => x.action_id === 'notify:zoom');
    assert.ok(notify, `the answer offers "Notify me of changes" for Zoom, buttons: ${JSON.stringify(buttonsOf(answer))}`);

    await b.click({ actionId: notify.action_id, value: notify.value, blockId: notify.block_id, user: 'UBTN', channel: 'DUBTN', responseUrl: b.slack.responseUrl('notify') });
    const [confirmation] = await b.slack.waitForResponses(1);
    assert.match(String(confirmation?.body.text), /Zoom/, 'the click is confirmed');

    await b.dm(ADMIN, 'admin status zoom prohibited');
    const [notice] = await expectSlackNotices(b, 'UBTN', 1);
    assert.match(String(notice?.body.text), /Zoom/);
  });

  test('feedback buttons under a Slack answer are counted', async () => {
    const b = await bot();
    const answer = await b.dm('UFB', CITIZENS_QUESTION);
    const buttons = buttonsOf(answer);
    const yes = buttons.find((x) => x.action_id === 'feedback:yes');
    const no = buttons.find((x) => x.action_id === 'feedback:no');
    assert.ok(yes && no, `the answer carries both feedback buttons, buttons: ${JSON.stringify(buttons)}`);

    await b.click({ actionId: yes.action_id, value: yes.value, blockId: yes.block_id, user: 'UFB', channel: 'DUFB', responseUrl: b.slack.responseUrl('yes') });
    await b.click({ actionId: yes.action_id, value: yes.value, blockId: yes.block_id, user: 'UFB2', channel: 'DUFB2', responseUrl: b.slack.responseUrl('yes2') });
    await b.click({ actionId: no.action_id, value: no.value, blockId: no.block_id, user: 'UFB3', channel: 'DUFB3', responseUrl: b.slack.responseUrl('no') });
    // Each click is thanked once it was recorded.
    await b.slack.waitForResponses(3);
    await b.stopServer();

    const storage = await openStorage({ url: b.storageUrl });
    try {
      const report = await createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30 }).report();
      assert.equal(report.feedback.helpful, 2);
      assert.equal(report.feedback.notHelpful, 1);
      assert.deepEqual(report.feedback.byVerdict.conditional, { helpful: 2, notHelpful: 1 });
      const zoom = report.tools.items.find((t) => t.id === 'zoom');
      assert.equal(zoom?.helpful, 2);
      assert.equal(zoom?.notHelpful, 1);
      assert.equal(report.answers.byPlatform.slack, 1, 'the answer itself was counted too');
    } finally {
      await storage.close();
    }
  });

  test('four eyes: admin A proposes, admin B approves with the button; applied and notified once', async () => {
    const b = await bot({ FOUR_EYES: 'true', ADMINS: `slack:${ADMIN},slack:${ADMIN_B}` });
    await b.dm('USUB', 'subscribe zoom');
    const bytes = await b.zoomYaml();

    // Removing a restriction loosens a rule: it waits for the second admin.
    const proposal = await b.dm(ADMIN, 'admin restriction remove zoom not-with-vulnerable-persons');
    const approve = buttonsOf(proposal).find((x) => x.action_id === 'admin-approve');
    assert.ok(approve, `the proposal carries an approve button, got: ${JSON.stringify(proposal.body.blocks)}`);
    assert.match(approve.value, /^[a-z2-9]{5}$/, 'the button carries the proposal id');
    assert.equal(await b.zoomYaml(), bytes, 'a proposal changes nothing yet');
    assert.equal((await b.ask(VULNERABLE_QUESTION)).verdict, 'not_allowed', 'the verdict waits for the approval');

    await b.click({ actionId: approve.action_id, value: approve.value, blockId: approve.block_id, user: ADMIN_B, channel: `D${ADMIN_B}`, responseUrl: b.slack.responseUrl('approve') });
    const [approved] = await b.slack.waitForResponses(1);
    assert.match(String(approved?.body.text), new RegExp(approve.value), `the approval names the proposal, got: ${approved?.body.text}`);
    assert.doesNotMatch(await b.zoomYaml(), /not-with-vulnerable-persons/, 'the approved change is written');

    const [notice] = await expectSlackNotices(b, 'USUB', 1);
    assert.match(String(notice?.body.text), /vulnerable/);
    assert.equal((await b.ask(VULNERABLE_QUESTION)).verdict, 'conditional');
  });
});
