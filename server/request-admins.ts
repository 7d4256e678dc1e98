// Where admins hear about requests for an assessment: the configured admin channel (ADMIN_CHANNEL:
// a Slack channel id, or a Teams conversation whose address is stored), else a direct message to
// each admin (server/tell-admins.ts). Texts come per language; a channel reads the organisation's.
import type { MessagingAdapter } from '../adapters/types.js';
import type { ConversationTarget } from '../src/model/conversation-target.js';
import type { ComplianceCore } from '../src/core.js';
import type { Logger } from '../src/logger.js';
import type { TellAdminsOfRequest } from '../src/requests/service.js';
import type { Storage } from '../src/storage/index.js';
import type { TellAdmins } from './tell-admins.js';

export interface RequestAdminsOptions {
  adminChannel: string | undefined;
  tellAdmins: TellAdmins;
  core: ComplianceCore;
  storage: () => Storage | null;
  adapters: () => readonly MessagingAdapter[];
  logger: Logger;
}

export function createRequestAdmins(options: RequestAdminsOptions): TellAdminsOfRequest {
  const { adminChannel, core } = options;
  if (!adminChannel) return (text) => options.tellAdmins(text);
  return async (text) => {
    const platform = adminChannel.slice(0, adminChannel.indexOf(':'));
    const id = adminChannel.slice(platform.length + 1);
    const stored = await options.storage()?.conversations.get(adminChannel);
    const target: ConversationTarget | undefined = stored?.target ?? (platform === 'slack' ? { platform: 'slack', conversationId: id } : undefined);
    const adapter = target && options.adapters().find((a) => a.platform === target.platform);
    if (!target || !adapter) {
      options.logger.warn({ platform }, 'ADMIN_CHANNEL cannot be reached (no adapter, or no stored address of the Teams conversation): admins are told by direct message');
      return options.tellAdmins(text);
    }
    await adapter.say(target, text(stored?.language ?? core.knowledgeBase.organization.default_language));
  };
}
