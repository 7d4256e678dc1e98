// Builds botbuilder's CloudAdapter with or without Bot Framework authentication. Without an app id
// every request is accepted (local use only: anyone reaching the port can talk to the bot); with one,
// requests need a valid Bot Framework token (401 otherwise) and replies are sent with the app's
// credentials.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../src/logger.js';
import { AdapterConfigError } from '../../src/errors.js';

export interface TeamsAuthOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** SingleTenant (default), UserAssignedMSI, or MultiTenant (only bots registered before August 2025). */
  appType?: string;
  /**
   * Where the Bot Framework's signing keys are published (OpenID metadata). Default: the public
   * cloud's. Tests point it at a local key server; nobody else needs to set it.
   */
  openIdMetadataUrl?: string;
}

/**
 * CloudAdapter with its two steps apart: authenticate first (every failure is the caller's 401),
 * then run the turn with the authenticated result. CloudAdapter.process() does both and answers
 * 500 with the internal error text for some token problems, printing stack traces to the console.
 */
export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

// The public cloud's endpoints (botframework-connector's AuthenticationConstants, not a direct dependency).
const PUBLIC_CLOUD = {
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
} as const;

export class HardenedCloudAdapter extends CloudAdapter {
  constructor(readonly authentication: ConfigurationBotFrameworkAuthentication) {
    super(authentication);
  }

  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.authentication.authenticateRequest(activity, authHeader);
  }

  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface BotAuth {
  adapter: HardenedCloudAdapter;
  /** '' when authentication is off. */
  appId: string;
  authEnabled: boolean;
}

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

function checkOptions(o: TeamsAuthOptions & { appId: string }): (typeof APP_TYPES)[number] {
  const appType = APP_TYPES.find((t) => t.toLowerCase() === (o.appType ?? 'SingleTenant').trim().toLowerCase());
  if (!appType) {
    throw new AdapterConfigError('teams', `Teams appType "${o.appType}" is not one of ${APP_TYPES.join(', ')} (MICROSOFT_APP_TYPE)`);
  }
  if (appType !== 'UserAssignedMSI' && !o.appPassword) {
    throw new AdapterConfigError('teams', `Teams appPassword (MICROSOFT_APP_PASSWORD) is required with an app id and app type ${appType}`);
  }
  if (appType === 'UserAssignedMSI' && o.appPassword) {
    throw new AdapterConfigError('teams', 'Teams appPassword (MICROSOFT_APP_PASSWORD) must not be set for app type UserAssignedMSI');
  }
  if (appType !== 'MultiTenant' && !o.tenantId) {
    throw new AdapterConfigError('teams', `Teams tenantId (MICROSOFT_APP_TENANT_ID) is required for app type ${appType}`);
  }
  return appType;
}

export function createBotAuth(options: TeamsAuthOptions, logger: Logger): BotAuth {
  const appId = options.appId?.trim();
  if (!appId) {
    logger.warn(
      'Teams: NO MICROSOFT_APP_ID SET - Bot Framework authentication is OFF and /api/messages accepts every request. ' +
        'Use this only on your own machine (e.g. with the Bot Framework Emulator), never reachable from a network.',
    );
    return { adapter: new HardenedCloudAdapter(new ConfigurationBotFrameworkAuthentication({})), appId: '', authEnabled: false };
  }
  const appType = checkOptions({ ...options, appId });
  const config = {
    MicrosoftAppId: appId,
    MicrosoftAppType: appType,
    ...(options.appPassword ? { MicrosoftAppPassword: options.appPassword } : {}),
    ...(options.tenantId ? { MicrosoftAppTenantId: options.tenantId } : {}),
    // Setting one endpoint means setting them all (botbuilder then takes every value as given).
    ...(options.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: options.openIdMetadataUrl,
          ...PUBLIC_CLOUD,
          ValidateAuthority: true,
        }
      : {}),
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(config);
  const auth = new ConfigurationBotFrameworkAuthentication(config, credentials);
  return { adapter: new HardenedCloudAdapter(auth), appId, authEnabled: true };
}
