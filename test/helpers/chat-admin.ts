// The admin service as the chat wires it, over a real store and a core answering from the folder:
// admins on Slack, proposals kept an hour, edits applied to the core. For the tests that drive admin
// commands through chat.
import { pino } from 'pino';
import { createAdminService, type AdminService } from '../../src/admin/service.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Storage } from '../../src/storage/index.js';

export interface ChatAdminOptions {
  kbDir: string;
  storage: Pick<Storage, 'audit' | 'proposals'>;
  core: ComplianceCore;
  admins?: string[];
  fourEyes?: boolean;
  now?: () => Date;
}

export function chatAdminService(o: ChatAdminOptions): AdminService {
  return createAdminService({
    kbDir: o.kbDir,
    admins: o.admins ?? ['slack:UANNA'],
    audit: o.storage.audit,
    proposals: o.storage.proposals,
    fourEyes: o.fourEyes ?? false,
    proposalTtlMs: 3_600_000,
    knowledgeBase: () => o.core.knowledgeBase,
    onApplied: (a) => o.core.setKnowledgeBase(a.kb),
    ...(o.now ? { now: o.now } : {}),
    logger: pino({ level: 'silent' }),
  });
}
