// Telling every admin we can reach something privately (an invalid hand edit, the weekly review
// reminder): those with a stored conversation, and Slack admins in any case (posting to a Slack
// user id opens the bot's DM with them). A Teams admin needs a stored conversation: the Bot
// Framework cannot open a chat from a user id alone.
import type { MessagingAdapter } from '../adapters/types.js';
import { slackDirectMessage, type ConversationTarget } from '../src/model/conversation-target.js';
import type { ComplianceCore } from '../src/core.js';
import type { Language } from '../src/model/language.js';
import type { Logger } from '../src/logger.js';
import type { Storage } from '../src/storage/index.js';

export type TellAdmins = (text: (lang: Language) => string) => Promise<void>;

export interface TellAdminsOptions {
  /** Admin ids (`slack:U…`, `teams:<aadObjectId>`). */
  admins: readonly string[];
  core: ComplianceCore;
  /** The store of the moment (null until reachable: nobody is told then). */
  storage: () => Storage | null;
  adapters: () => readonly MessagingAdapter[];
  logger: Logger;
}

export function createTellAdmins(options: TellAdminsOptions): TellAdmins {
  const { admins, core, logger } = options;
  return async (text) => {
    const storage = options.storage();
    if (!storage) return;
    const stored = await storage.conversations.getMany(admins);
    const records = admins.map((id, k) => stored[k] ?? slackAdminDm(id));
    for (const r of records) {
      const adapter = r && options.adapters().find((a) => a.platform === r.target.platform);
      if (!r || !adapter) continue;
      await adapter.say(r.target, text(r.language ?? core.knowledgeBase.organization.default_language)).catch((err: Error) => {
        logger.warn({ err: { type: err.name } }, 'could not tell an admin about an invalid knowledge base');
      });
    }
  };
}

/** The DM of a `slack:U…` admin id, for an admin who never wrote to the bot. */
function slackAdminDm(adminId: string): { target: ConversationTarget; language?: Language } | undefined {
  const m = /^slack:(\w+)$/.exec(adminId);
  return m ? { target: slackDirectMessage(m[1] as string) } : undefined;
}
