// The chat platforms the server can serve, one entry each: its platform, its settings in the
// configuration (undefined: not configured), and how to create its adapter from the services. A new
// platform is its own folder under adapters/ plus one entry here (docs/adding-a-platform.md). The
// Slack and Teams SDKs are loaded only when their platform is configured.
import { createWebAdapter, type WebAdapter } from '../adapters/web/index.js';
import type { ChatAdapter, ChatPlatform } from '../adapters/types.js';
import type { Config } from '../src/config.js';
import type { ComplianceCore } from '../src/core.js';
import type { Logger } from '../src/logger.js';
import type { ChatUser } from '../src/chat/commands.js';
import { slackDirectMessage } from '../src/model/conversation-target.js';
import { normalizeActorId } from '../src/model/actor-id.js';
import { unexplainedSummary, type UsageReport } from '../src/usage/index.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import type { Language } from '../src/model/language.js';
import { DEFAULT_HTTP_CONFIG } from '../src/config.js';
import type { Metrics } from './metrics.js';
import type { Services } from './services.js';
// Type-only imports: erased at run time, so the SDKs still load only when configured.
import type { SlackAdapterOptions } from '../adapters/slack/index.js';
import type { TeamsAdapterOptions } from '../adapters/teams/index.js';

export interface SlackAdapterModule {
  createSlackAdapter(options: SlackAdapterOptions): ChatAdapter | Promise<ChatAdapter>;
}
export interface TeamsAdapterModule {
  createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter | Promise<ChatAdapter>;
}

/** Loaders of the adapter modules; default: dynamic import, only when configured (tests give their own). */
export interface AdapterModules {
  slack?: () => Promise<SlackAdapterModule>;
  teams?: () => Promise<TeamsAdapterModule>;
}

/** What an adapter is created from. */
export interface AdapterContext {
  config: Config;
  core: ComplianceCore;
  services: Services;
  metrics: Metrics;
  /** The server's root logger; each adapter logs as its own component. */
  logger: Logger;
  modules: AdapterModules;
}

export interface AdapterEntry<S> {
  platform: ChatPlatform;
  /** The platform's settings, or undefined when it is not configured. */
  config(config: Config): S | undefined;
  create(settings: S, context: AdapterContext): Promise<ChatAdapter>;
}

// Variables, not literals: TypeScript does not look for these modules, so this file compiles
// without them, and they are only loaded when configured.
const SLACK_MODULE = '../adapters/slack/index.js';
const TEAMS_MODULE = '../adapters/teams/index.js';

async function importAdapter<M>(specifier: string, what: string): Promise<M> {
  try {
    return (await import(specifier)) as M;
  } catch (err) {
    throw new Error(`${what} is configured, but its adapter (${specifier}) could not be loaded: ${(err as Error).message}`, { cause: err });
  }
}

const web: AdapterEntry<true> = {
  platform: 'web',
  // Always served: the web chat needs no account anywhere.
  config: () => true,
  create: async (_settings, { core, services, metrics, logger }) =>
    createWebAdapter({
      core,
      logger: logger.child({ component: 'web' }),
      onError: () => metrics.recordError('web'),
      onFeedback: services.feedback('web'),
      requests: services.requests,
      ...(services.summarize ? { summarize: services.summarize } : {}),
    }),
};

const slack: AdapterEntry<NonNullable<Config['slack']>> = {
  platform: 'slack',
  config: (config) => config.slack ?? undefined,
  async create({ botToken, signingSecret, appToken, apiUrl }, { config, core, services, logger, modules }) {
    const load = modules.slack ?? (() => importAdapter<SlackAdapterModule>(SLACK_MODULE, 'Slack'));
    const { createSlackAdapter } = await load();
    return createSlackAdapter({
      core,
      botToken,
      signingSecret,
      appToken,
      apiUrl,
      logger: logger.child({ component: 'slack' }),
      commands: services.commands,
      summarize: services.summarize,
      onFeedback: services.feedback('slack'),
      requests: services.requests,
      // Dedupe records in the store: a retried event is answered once, on any instance, also after a restart.
      dedupe: services.dedupe('slack:'),
      onNotifyRequest: (req) => services.notifyButton(slackNotifyUser(req), req.toolId),
      // App Home: subscriptions from the store, the admin part for ADMINS (read as services read it).
      overview: { storage: () => services.storage, isAdmin: adminCheck(config.admin.admins), ...usageOverview(() => services.usageReport(), () => core.knowledgeBase) },
      answeredStore: () => services.storage?.kv('slack-answered') ?? null,
    });
  },
};

const teams: AdapterEntry<NonNullable<Config['teams']>> = {
  platform: 'teams',
  config: (config) => config.teams ?? undefined,
  async create({ appId, appPassword, tenantId, appType }, { config, core, services, logger, modules }) {
    const load = modules.teams ?? (() => importAdapter<TeamsAdapterModule>(TEAMS_MODULE, 'Microsoft Teams'));
    const { createTeamsAdapter } = await load();
    return createTeamsAdapter({
      core,
      appId,
      appPassword,
      tenantId,
      appType,
      maxBodyBytes: (config.http ?? DEFAULT_HTTP_CONFIG).teamsMaxBodyBytes,
      logger: logger.child({ component: 'teams' }),
      commands: services.commands,
      summarize: services.summarize,
      onFeedback: services.feedback('teams'),
      requests: services.requests,
      // Dedupe records in the store: a redelivered activity is answered once, on any instance.
      dedupe: services.dedupe(''),
      storage: () => services.storage,
      // The search message extension opens on the most-asked tools.
      popularTools: usageOverview(() => services.usageReport()).popularTools,
      onNotifyRequest: (req) =>
        services.notifyButton(
          { platform: 'teams', key: `teams:${req.userId}`, adminId: null, personal: req.target, conversation: req.target, language: req.language },
          req.toolId,
        ),
    });
  },
};

/** Every platform, in the order they are created, mounted and started. */
export const ADAPTER_REGISTRY: readonly AdapterEntry<never>[] = [web, slack, teams] as unknown as readonly AdapterEntry<never>[];

/** The adapters of the configured platforms. */
export async function createAdapters(context: AdapterContext): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  for (const entry of ADAPTER_REGISTRY as readonly AdapterEntry<unknown>[]) {
    const settings = entry.config(context.config);
    if (settings !== undefined) adapters.push(await entry.create(settings, context));
  }
  return adapters;
}

export function isWebAdapter(adapter: ChatAdapter): adapter is WebAdapter {
  return adapter.platform === 'web' && typeof (adapter as Partial<WebAdapter>).explainLater === 'function';
}

/** The person who clicked "Notify me of changes" in Slack: reached in their DM. */
function slackNotifyUser(req: { userId: string; conversationId: string; language: 'de' | 'en' }): ChatUser {
  return {
    platform: 'slack',
    key: `slack:${req.userId}`,
    adminId: `slack:${req.userId}`,
    personal: slackDirectMessage(req.userId),
    conversation: { platform: 'slack', conversationId: req.conversationId, userId: req.userId },
    language: req.language,
  };
}

/** Who is an admin, for the Slack App Home (ADMINS, already normalised by the configuration). */
function adminCheck(adminIds: readonly string[]): (id: string) => boolean {
  const admins = new Set(adminIds);
  return (id) => admins.has(normalizeActorId(id));
}

/**
 * Most-asked tools and the top of the gap report for the Slack App Home and prompts and the Teams search, from
 * the usage report, read at most every ten minutes (it reads many counters).
 */
function usageOverview(
  read: () => Promise<UsageReport | null>,
  kb?: () => KnowledgeBase,
): { popularTools: () => Promise<string[]>; gaps: () => Promise<string[]>; unexplained: (lang: Language) => Promise<string | null> } {
  let cached: { at: number; report: Promise<UsageReport | null> } | undefined;
  const report = () => {
    if (!cached || Date.now() - cached.at > 10 * 60_000) {
      const pending = read().catch(() => null);
      cached = { at: Date.now(), report: pending };
    }
    return cached.report;
  };
  return {
    popularTools: async () => (await report())?.tools.items.map((t) => t.id) ?? [],
    gaps: async () => ((await report())?.gaps.unknownTools.items ?? []).slice(0, 5).map((u) => `${u.name} (${u.count})`),
    // Words filed since the report was read are left out at once (the knowledge base is the current one).
    unexplained: async (lang) => {
      const r = await report();
      return r && kb ? unexplainedSummary(r, kb(), lang) : null;
    },
  };
}
