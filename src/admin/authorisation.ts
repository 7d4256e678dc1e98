// Who may run admin commands, and what a refused attempt leaves: a non-admin's command is refused
// before it is parsed, validated or resolved, and costs one audit write (who, when and the command
// word, kept for the retention), never a read of the knowledge folder.
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';
import { normalizeActorId } from '../model/actor-id.js';
import type { AdminContext } from './context.js';
import type { AdminReply } from './types.js';

export const DEFAULT_REFUSED_RETENTION_MS = 30 * 86_400_000;

export interface Authorisation {
  isAdmin(actorId: string): boolean;
  refuse(actorId: string, command: string, lang: Language): Promise<AdminReply>;
}

export function createAuthorisation({ options, log, append }: AdminContext): Authorisation {
  const admins = new Set(options.admins.map(normalizeActorId));

  const isAdmin = (actorId: string): boolean => admins.has(normalizeActorId(actorId));

  /**
   * A non-admin's attempt: recorded with who, when and the command word (`status`, `history`, or
   * `unknown`), never the rest of the text, and forgotten after the retention. Nothing is parsed,
   * resolved or read for it.
   */
  async function refuse(actorId: string, command: string, lang: Language): Promise<AdminReply> {
    await append(
      { actor: actorId, action: 'refused', toolId: null, before: null, after: { command } },
      { ttlMs: options.refusedRetentionMs ?? DEFAULT_REFUSED_RETENTION_MS },
    );
    log.info({ action: 'refused', command }, 'admin command refused: not an admin');
    return { ok: false, text: phrases(lang).admin.notAdmin };
  }

  return { isAdmin, refuse };
}
