// Issue 21 end to end, through the real server on 127.0.0.1: real Bolt receives signed requests
// (Slack's Web API is a fake on loopback), the real botbuilder CloudAdapter receives Activities
// (the Bot Connector is a fake), the web chat's HTTP API; one SQLite file and one copy of
// knowledge/ per server. An `unknown` answer offers "Prüfung beantragen" everywhere: in Slack the
// button opens a modal (views.open), its view_submission stores the request, confirms it and tells
// the admin; a Teams user joins the request from the form card; `compliance-bot kb requests --json`
// lists one entry with both purposes; `kb add` of the tool tells both requesters within seconds;
// a decline tells them the reason. Nothing of a request reaches the server's log.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startServer, type ServerHandle } from '../server/index.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { cliOutput } from './helpers/cli-process.js';
import { startFakeConnector, type FakeConnector } from './fakes/bot-connector.js';
import { buttonClick, directMessageEvent, eventRequest, FAKE_TEAM_ID, postSigned, startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from './fakes/slack-api.js';

const SECRET = 'requests-e2e-secret';
const ADMIN = 'UADMIN';
const ASKER = 'UASKER1';
const BOT = { id: '28:e2e-bot', name: 'Compliance-Bot' };
const TEAMS_USER = { id: '29:requests-teams-user', name: 'Teams User', aadObjectId: '6f1c2a4e-0000-4000-8000-0000000000f1' };
const TEAMS_CHAT = { id: 'a:1requests-personal', conversationType: 'personal', tenantId: 'tenant-e2e' };
const PURPOSE_SLACK = 'Newsletter an die Elternbeiräte der Kitas';
const PURPOSE_TEAMS = 'Dienstplan-Erinnerungen für das Bürgeramt';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually<T>(get: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

function allText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(allText).join('\n');
  if (typeof node === 'object' && node !== null) return Object.values(node).map(allText).join('\n');
  return '';
}

interface Bot {
  server: ServerHandle;
  slack: FakeSlackApi;
  connector: FakeConnector;
  kb: KbCopy;
  sqlite: string;
  logs: string[];
  postsTo(channel: string): SlackApiCall[];
  dm(user: string, text: string): Promise<SlackApiCall>;
  teams(activity: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

let counter = 0;
async function startBot(): Promise<Bot> {
  const slack = await startFakeSlackApi();
  const connector = await startFakeConnector();
  const kb = await copyKnowledge();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'requests-e2e-'));
  const sqlite = path.join(dataDir, 'bot.sqlite');
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    KNOWLEDGE_DIR: kb.dir,
    STORAGE_URL: `sqlite:${sqlite}`,
    SLACK_BOT_TOKEN: 'xoxb-requests',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ENABLED: 'true',
    ADMINS: `slack:${ADMIN}`,
  });
  // Every line the server logs, at every level: nothing of a request may be among them.
  const server = await startServer(config, { logger: pino({ level: 'trace' }, sink) });
  const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === channel);
  return {
    server,
    slack,
    connector,
    kb,
    sqlite,
    logs,
    postsTo,
    async dm(user, text) {
      const channel = `D${user}`;
      const before = postsTo(channel).length;
      const res = await postSigned(`${server.url}/slack/events`, SECRET, directMessageEvent({ text, user, channel }));
      assert.equal(res.status, 200);
      return eventually(() => postsTo(channel)[before], `the reply in ${channel}`);
    },
    async teams(activity) {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: `requests-in-${++counter}`,
          timestamp: new Date().toISOString(),
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: TEAMS_USER,
          recipient: BOT,
          conversation: TEAMS_CHAT,
          channelData: { tenant: { id: TEAMS_CHAT.tenantId } },
          locale: 'de-DE',
          ...activity,
        }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await server.close();
      await Promise.all([slack.close(), connector.close(), kb.cleanup()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed view_submission of the request modal, with the values a person typed and ticked. */
function viewSubmission(view: Record<string, any>, user: string, values: { tool: string; purpose: string; yes: string[] }) {
  const state: Record<string, Record<string, unknown>> = {
    tool: { tool: { type: 'plain_text_input', value: values.tool } },
    purpose: { purpose: { type: 'plain_text_input', value: values.purpose } },
  };
  for (const block of view.blocks as { block_id?: string }[]) {
    if (!block.block_id?.startsWith('ctx_')) continue;
    const answer = values.yes.includes(block.block_id.slice(4)) ? 'yes' : 'no';
    state[block.block_id] = { answer: { type: 'radio_buttons', selected_option: { value: answer } } };
  }
  const payload = {
    type: 'view_submission',
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    user: { id: user, username: 'asker', team_id: FAKE_TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    trigger_id: `trigger.view.${++counter}`,
    view: { ...view, id: `V${counter}`, team_id: FAKE_TEAM_ID, state: { values: state }, hash: 'h' },
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

const bots: Bot[] = [];
after(async () => {
  for (const b of bots) await b.close().catch(() => undefined);
});

describe('requests for an assessment, end to end', () => {
  test('Slack modal, Teams card, kb requests --json, kb add tells both requesters; a decline tells the reason', async () => {
    const bot = await startBot();
    bots.push(bot);

    // Slack: the unknown answer has the request button; clicking it opens the modal.
    const answer = await bot.dm(ASKER, 'Darf ich Quackmail nutzen?');
    const blocks = answer.body.blocks as { type: string; elements?: { action_id: string; value?: string }[] }[];
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id.startsWith('request-open'));
    assert.ok(button?.value, 'the unknown answer offers "Prüfung beantragen"');
    assert.match(allText(blocks), /Prüfung beantragen/);
    const clicked = await postSigned(`${bot.server.url}/slack/events`, SECRET, buttonClick({ actionId: button.action_id, value: button.value, blockId: 'b', channel: `D${ASKER}`, user: ASKER }));
    assert.equal(clicked.status, 200);
    const opened = await eventually(() => bot.slack.callsOf('views.open')[0], 'views.open');
    assert.match(String(opened.body.trigger_id), /^trigger\./);
    const view = (typeof opened.body.view === 'string' ? JSON.parse(opened.body.view) : opened.body.view) as Record<string, any>;
    assert.equal(view.callback_id, 'request-form');
    assert.equal(view.blocks[0].element.initial_value, 'Quackmail', 'the tool name is pre-filled');
    assert.ok(view.blocks.some((b: { block_id?: string }) => b.block_id === 'ctx_citizens'), 'a yes/no per context of the catalogue');

    // An empty purpose is refused in the modal itself.
    const empty = await postSigned(`${bot.server.url}/slack/events`, SECRET, viewSubmission(view, ASKER, { tool: 'Quackmail', purpose: ' ', yes: [] }));
    assert.match(empty.text, /response_action.*errors/);

    const submitted = await postSigned(`${bot.server.url}/slack/events`, SECRET, viewSubmission(view, ASKER, { tool: 'QuackMail', purpose: PURPOSE_SLACK, yes: ['citizens'] }));
    assert.equal(submitted.status, 200);
    const confirmed = await eventually(() => bot.postsTo(ASKER).find((c) => /erste Person/.test(String(c.body.text))), 'the confirmation to the requester');
    assert.match(String(confirmed.body.text), /Quack[Mm]ail/);
    const told = await eventually(() => bot.postsTo(ADMIN).find((c) => /Neue Anfrage zur Prüfung: QuackMail/.test(String(c.body.text))), 'the admin DM naming the tool');
    assert.match(String(told.body.text), /Elternbeiräte/);

    // Teams: the same request from the form card; the second person joins.
    const before = bot.connector.activities.length;
    assert.ok((await bot.teams({ type: 'message', text: 'Darf ich Quackmail nutzen?' })).status < 300);
    const reply = await eventually(() => bot.connector.activities[before], 'the Teams answer');
    const card = (reply.body as any).attachments[0].content;
    const open = (card.actions as any[]).find((a) => a.verb === 'requestOpen');
    assert.ok(open, 'the card offers the request form');
    const formResponse = await bot.teams({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: open.verb, data: open.data }, trigger: 'manual' } });
    assert.equal(formResponse.status, 200);
    const form = formResponse.body.value;
    assert.equal(formResponse.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(form.body.find((e: any) => e.id === 'tool').value, 'Quackmail');
    const submit = (form.actions as any[])[0];
    const joined = await bot.teams({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: submit.verb, data: { ...submit.data, tool: 'quackmail', purpose: PURPOSE_TEAMS, ctx_citizens: 'yes' } }, trigger: 'manual' },
    });
    assert.match(allText(joined.body), /Sie sind die 2\. Person, die das beantragt/);
    await eventually(() => bot.postsTo(ADMIN).find((c) => /jetzt 2 Personen/.test(String(c.body.text))), 'the admins told the count');

    // The CLI lists one request with both purposes and two requesters.
    const env = { STORAGE_URL: `sqlite:${bot.sqlite}`, KNOWLEDGE_DIR: bot.kb.dir };
    const listed = JSON.parse(await cliOutput(['kb', 'requests', '--json'], env)) as { id: string; requesters: number; purposes: string[] }[];
    assert.equal(listed.length, 1);
    assert.equal(listed[0]?.requesters, 2);
    assert.deepEqual(listed[0]?.purposes, [PURPOSE_SLACK, PURPOSE_TEAMS]);

    // `kb add` of the tool: both requesters are told its status within seconds, once each.
    const added = await cliOutput(['kb', 'add', 'quackmail', '--name', 'QuackMail', '--status', 'pending', '--category', 'email', '--by', 'anna'], env);
    assert.match(added, /QuackMail/);
    const slackNotice = await eventually(() => bot.postsTo(ASKER).find((c) => String(c.body.text).startsWith('🔔')), 'the Slack requester notified', 15_000);
    assert.match(String(slackNotice.body.text), /in Prüfung/);
    assert.match(String(slackNotice.body.text), /beantragt \(von 2 Personen\) und hat begonnen/);
    const teamsNotice = await eventually(() => bot.connector.activities.find((a) => /🔔/.test(allText(a.body)) && /QuackMail/.test(allText(a.body))), 'the Teams requester notified', 15_000);
    assert.match(allText(teamsNotice.body), /in Prüfung/);
    await sleep(1_500);
    assert.equal(bot.postsTo(ASKER).filter((c) => String(c.body.text).startsWith('🔔')).length, 1, 'exactly once');
    const after = JSON.parse(await cliOutput(['kb', 'requests', '--json'], env)) as { status: string }[];
    assert.deepEqual(after.map((r) => r.status), ['waiting'], 'closed as a request, now the waiting list of the pending tool');

    // Nothing of the requests in the server's log.
    const logged = bot.logs.join('');
    assert.match(logged, /request for an assessment filed/, 'the log was captured');
    for (const secret of [PURPOSE_SLACK, PURPOSE_TEAMS, 'Elternbeir', ASKER, TEAMS_USER.id]) assert.ok(!logged.includes(secret), `"${secret}" is not logged`);
  });

  test('an admin declines in chat: each requester is told the reason; the report lists open requests by people and age', async () => {
    const bot = await startBot();
    bots.push(bot);
    for (const user of ['UASKERA', 'UASKERB']) {
      const answer = await bot.dm(user, 'Can we use Ducktalk?');
      const button = (answer.body.blocks as { elements?: { action_id: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id.startsWith('request-open'))!;
      const before = bot.slack.callsOf('views.open').length;
      await postSigned(`${bot.server.url}/slack/events`, SECRET, buttonClick({ actionId: button.action_id, value: button.value!, blockId: 'b', channel: `D${user}`, user }));
      const opened = await eventually(() => bot.slack.callsOf('views.open')[before], 'views.open');
      const view = (typeof opened.body.view === 'string' ? JSON.parse(opened.body.view) : opened.body.view) as Record<string, any>;
      await postSigned(`${bot.server.url}/slack/events`, SECRET, viewSubmission(view, user, { tool: 'Ducktalk', purpose: `Team chat ${user}`, yes: [] }));
      await eventually(() => bot.postsTo(user).find((c) => /Ducktalk/.test(String(c.body.text)) && /person/.test(String(c.body.text))), 'the confirmation');
    }
    // The admin App Home lists the open requests, with a button for `admin requests`.
    const published = bot.slack.callsOf('views.publish').length;
    await postSigned(`${bot.server.url}/slack/events`, SECRET, eventRequest({ type: 'app_home_opened', user: ADMIN, channel: 'D0HOME', tab: 'home', event_ts: '1715000000.000100' }));
    const home = await eventually(() => bot.slack.callsOf('views.publish')[published], 'the App Home');
    assert.match(allText(home.body.view), /Ducktalk: 2 (Personen|people)/);
    assert.match(allText(home.body.view), /home-admin:requests/);
    const report = await bot.dm(ADMIN, 'admin report');
    assert.match(allText(report.body), /Ducktalk: 2 (Personen, seit heute|people, since today)/);
    const help = await bot.dm(ADMIN, 'admin help');
    assert.match(allText(help.body), /admin requests decline (<|&lt;)(Anfrage|request)(>|&gt;) (<|&lt;)(Begründung|reason)…/, 'admin help lists the request commands');
    const usage = await bot.dm(ADMIN, 'admin requests frobnicate');
    assert.match(allText(usage.body), /`admin requests start (<|&lt;)/, 'a wrong request command shows their usage, as typed in chat');
    const list = await bot.dm(ADMIN, 'admin requests');
    const id = /\((r[0-9a-f]{8})\)/.exec(allText(list.body))?.[1];
    assert.ok(id, `admin requests names the request: ${allText(list.body)}`);
    const declined = await bot.dm(ADMIN, `admin requests decline ${id} Wir nutzen dafür Teams.`);
    assert.match(allText(declined.body), /2 Personen werden mit Begründung benachrichtigt|2 people are told the reason/);
    for (const user of ['UASKERA', 'UASKERB']) {
      const notice = await eventually(() => bot.postsTo(user).find((c) => String(c.body.text).startsWith('🔔')), `the decline told to ${user}`);
      assert.match(String(notice.body.text), /Reason: Wir nutzen dafür Teams\./);
    }
  });

  test('the web chat offers the same form and files the request (422 for an empty purpose)', async () => {
    const bot = await startBot();
    bots.push(bot);
    const post = (p: string, body: unknown) => fetch(`${bot.server.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const html = await (await post('/web/ask', { question: 'Darf ich Quackmail nutzen?' })).text();
    const value = /data-request="([^"]+)"/.exec(html)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.ok(value, 'the answer has the request button');
    const form = await (await post('/web/request-form', { value })).text();
    assert.match(form, /<form class="request-form"/);
    assert.match(form, /value="Quackmail"/);
    assert.match(form, /name="ctx_citizens"/);
    const state = /data-state="([^"]+)"/.exec(form)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const refused = await post('/web/request', { state, fields: { tool: 'Quackmail', purpose: '' } });
    assert.equal(refused.status, 422);
    const filed = await post('/web/request', { state, fields: { tool: 'Quackmail', purpose: 'Rundmails', ctx_citizens: 'yes' }, session: 'web-session-1' });
    assert.equal(filed.status, 200);
    const text = ((await filed.json()) as { text: string }).text;
    assert.match(text, /erste Person/);
    assert.match(text, /Im Web-Chat können wir Sie nicht benachrichtigen/);
    await eventually(() => bot.postsTo(ADMIN).find((c) => /Neue Anfrage zur Prüfung: Quackmail/.test(String(c.body.text))), 'the admins told');
    // A pending tool offers the waiting list instead.
    const pending = await (await post('/web/ask', { question: 'Darf ich Microsoft 365 nutzen?' })).text();
    assert.match(pending, /Ich brauche das auch/);
  });
});
