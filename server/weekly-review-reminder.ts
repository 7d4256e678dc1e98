// The weekly review reminder of the server (src/review/reminders.ts): to the admins it can reach,
// once a week for all instances sharing the store (claimed in the store's dedupe).
import { knowledgeBaseIdentity } from '../src/admin/kb-identity.js';
import type { ComplianceCore } from '../src/core.js';
import type { Logger } from '../src/logger.js';
import { startReviewReminders, type ReviewReminders } from '../src/review/reminders.js';
import type { Storage } from '../src/storage/index.js';
import type { TellAdmins } from './tell-admins.js';

export interface WeeklyReviewReminderOptions {
  knowledgeDir: string;
  core: ComplianceCore;
  /** The store of the moment; without one, no week is claimed and nothing is sent. */
  storage: () => Storage | null;
  tellAdmins: TellAdmins;
  logger: Logger;
  now?: () => Date;
  checkEveryMs?: number;
}

export function startWeeklyReviewReminder(options: WeeklyReviewReminderOptions): ReviewReminders {
  const { core, storage } = options;
  return startReviewReminders({
    knowledgeBase: () => core.knowledgeBase,
    kbId: knowledgeBaseIdentity(options.knowledgeDir).id,
    send: (text) => options.tellAdmins(text),
    once: (key, ttlMs) => storage()?.dedupe.firstSeen(key, ttlMs) ?? Promise.resolve(false),
    logger: options.logger.child({ component: 'review-reminders' }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.checkEveryMs !== undefined ? { checkEveryMs: options.checkEveryMs } : {}),
  });
}
