// A Teams adapter on a real express server on 127.0.0.1 with botbuilder's CloudAdapter, replies
// going to the fake Bot Connector, and the message activity a person's client would send: for the
// Teams tests that post Activities over HTTP.
import { pino } from 'pino';
import { createTeamsAdapter, type TeamsAdapterOptions } from '../../adapters/teams/index.js';
import { ComplianceCore } from '../../src/core.js';
import type { KnowledgeBase } from '../../src/kb/model.js';
import { startFakeConnector, type FakeConnector } from '../fakes/bot-connector.js';
import { serveAdapter } from './serve-adapter.js';

export const BOT = { id: '28:bot-app-id', name: 'Compliance-Bot' };
export const USER = { id: '29:user-erika', name: 'Erika Mustermann', aadObjectId: '6f1c2a4e-0000-4000-8000-000000000001' };
export const PERSONAL = { id: 'a:1personal-conversation', conversationType: 'personal', tenantId: 'tenant-1' };
export const CHANNEL = { id: '19:general@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' };

let nextActivity = 1;

export interface Harness {
  fake: FakeConnector;
  adapter: ReturnType<typeof createTeamsAdapter>;
  logs: string[];
  post(activity: object, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Options of the adapter under test; `core` defaults to one over `kb`, the logger records into `logs`. */
export type HarnessOptions = Partial<TeamsAdapterOptions>;

export async function startHarness(kb: KnowledgeBase, options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeConnector();
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const adapter = createTeamsAdapter({ logger, ...options, core: options.core ?? new ComplianceCore(kb) });
  const served = await serveAdapter(adapter);
  const base = served.base;
  return {
    fake,
    adapter,
    logs,
    post: (activity, headers = {}) =>
      fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) }),
    async close() {
      await served.close();
      await fake.close();
    },
  };
}

/** A message activity from USER in the personal chat (locale de-DE unless `extra` says otherwise). */
export function message(fake: FakeConnector, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `incoming-${nextActivity++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: fake.url,
    from: USER,
    recipient: BOT,
    conversation: PERSONAL,
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'de-DE',
    text,
    ...extra,
  };
}
