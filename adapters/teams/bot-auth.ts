// Builds botbuilder's CloudAdapter with or without Bot Framework authentication. Without an app id
// every request is accepted (local use only: anyone reaching the port can talk to the bot); with one,
// requests need a valid Bot Framework token (401 otherwise) and replies are sent with the app's
// credentials.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Logger } from '../../src/logger.js';
import { TeamsConfigError } from './errors.js';

export interface TeamsAuthOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** MultiTenant (default), SingleTenant or UserAssignedMSI. */
  appType?: string;
}

export interface BotAuth {
  adapter: CloudAdapter;
  /** '' when authentication is off. */
  appId: string;
  authEnabled: boolean;
}

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

function checkOptions(o: TeamsAuthOptions & { appId: string }): (typeof APP_TYPES)[number] {
  const appType = APP_TYPES.find((t) => t.toLowerCase() === (o.appType ?? 'MultiTenant').trim().toLowerCase());
  if (!appType) {
    throw new TeamsConfigError(`Teams appType "${o.appType}" is not one of ${APP_TYPES.join(', ')} (MICROSOFT_APP_TYPE)`);
  }
  if (appType !== 'UserAssignedMSI' && !o.appPassword) {
    throw new TeamsConfigError(`Teams appPassword (MICROSOFT_APP_PASSWORD) is required with an app id and app type ${appType}`);
  }
  if (appType === 'UserAssignedMSI' && o.appPassword) {
    throw new TeamsConfigError('Teams appPassword (MICROSOFT_APP_PASSWORD) must not be set for app type UserAssignedMSI');
  }
  if (appType !== 'MultiTenant' && !o.tenantId) {
    throw new TeamsConfigError(`Teams tenantId (MICROSOFT_APP_TENANT_ID) is required for app type ${appType}`);
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
    return { adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), appId: '', authEnabled: false };
  }
  const appType = checkOptions({ ...options, appId });
  const config = {
    MicrosoftAppId: appId,
    MicrosoftAppType: appType,
    ...(options.appPassword ? { MicrosoftAppPassword: options.appPassword } : {}),
    ...(options.tenantId ? { MicrosoftAppTenantId: options.tenantId } : {}),
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(config);
  const auth = new ConfigurationBotFrameworkAuthentication(config, credentials);
  return { adapter: new CloudAdapter(auth), appId, authEnabled: true };
}
