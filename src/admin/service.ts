// Admin commands from chat and the CLI: checks who may run them, applies a change through
// src/kb/edit.ts (validated, atomic), records it in the audit log, runs four eyes when configured,
// and answers in the actor's language. Platform-neutral: adapters pass the words after `admin` and
// the actor; the composition root receives each applied change via `onApplied` (to swap the
// knowledge base into the core and notify subscribers).
//
// Authorisation comes first: a non-admin's command is refused before it is parsed, validated or
// resolved, and costs one audit write (who, when and the command word, kept for RETENTION_DAYS),
// never a read of the knowledge folder. Audit records and proposals belong to this service's
// knowledge base (its identity, see kb-identity.ts).
//
// This module is the dispatch; each concern is its own module: authorisation.ts (who may, refused
// attempts), edits.ts (resolve, validate, write atomically, audit), four-eyes.ts (proposals),
// history.ts (reading the audit log), due-list.ts (review due), context.ts (what they share: options,
// clock, audit writer, the folder on disk), legacy-adoption.ts and serial.ts.
import type { KnowledgeBase } from '../kb/model.js';
import { DEFAULT_DUE_DAYS } from '../review/due.js';
import { createAuthorisation } from './authorisation.js';
import { normalizeActorId } from '../model/actor-id.js';
import { createAdminContext, readerOf } from './context.js';
import { createDueList } from './due-list.js';
import { createContextEdits } from './context-edits.js';
import { createEdits } from './edits.js';
import { createFourEyes } from './four-eyes.js';
import { formatHelp, formatParseError, type AdminSurface } from './format.js';
import { createHistoryReading } from './history.js';
import { adoptLegacyRecords } from './legacy-adoption.js';
import { AdminCommandError } from '../errors.js';
import { commandWord, parseAdminCommand, type AdminCommand, type CommandSource } from './parse.js';
import { createSerialQueue } from './serial.js';
import { validateAdminCommand } from './validate.js';
import type { AdminActor, AdminReply, AdminService, AdminServiceOptions } from './types.js';

export { DEFAULT_REFUSED_RETENTION_MS } from './authorisation.js';

export type { AdminActor, AdminApplied, AdminReply, AdminService, AdminServiceOptions } from './types.js';

function toolRef(cmd: AdminCommand | undefined): string | undefined {
  if (!cmd) return undefined;
  if ('tool' in cmd) return cmd.tool;
  if (cmd.kind === 'add') return cmd.toolId;
  if (cmd.kind === 'context_add') return cmd.context;
  return undefined;
}

export function createAdminService(options: AdminServiceOptions): AdminService {
  const ctx = createAdminContext(options);
  const adoption = adoptLegacyRecords(ctx);
  const serial = createSerialQueue();
  const { isAdmin, refuse } = createAuthorisation(ctx);
  const edits = createEdits(ctx);
  const { refusal, apply } = edits;
  const { submit, approve, listProposals } = createFourEyes(ctx, edits);
  const { applyContextAdd } = createContextEdits(ctx, edits);
  const { history, refusedAttempts } = createHistoryReading(ctx);
  const { due } = createDueList(ctx);
  const { kbId } = ctx;

  async function executeCommand(cmd: AdminCommand, actor: AdminActor): Promise<AdminReply> {
    const actorId = normalizeActorId(actor.id);
    const lang = actor.language;
    if (!isAdmin(actorId)) return refuse(actorId, cmd.kind, lang);
    const reader = readerOf(actor);
    try {
      validateAdminCommand(cmd);
    } catch (err) {
      if (err instanceof AdminCommandError) return { ok: false, text: formatParseError(err, lang, reader.names) };
      throw err;
    }
    try {
      switch (cmd.kind) {
        case 'help':
          return { ok: true, text: formatHelp(lang, options.fourEyes, reader.names, actor.surface === 'cli' ? [] : (options.moreHelp?.(lang) ?? [])) };
        case 'history':
          return await history(cmd.tool, cmd.page ?? 1, reader);
        case 'proposals':
          return await listProposals(lang);
        case 'due':
          return await due(cmd.days ?? DEFAULT_DUE_DAYS, reader);
        case 'refused':
          return await refusedAttempts(cmd.page ?? 1, reader);
        case 'approve':
          return await serial(() => approve(cmd.id, actorId, reader));
        case 'context_add':
          // Can only tighten answers: applied at once, four eyes or not (context-edits.ts).
          return await serial(() => applyContextAdd(cmd, actorId, reader));
        default:
          // Under four eyes a change that loosens a rule waits for a second admin; others apply at once.
          if (options.fourEyes) return await serial(() => submit(cmd, actorId, reader));
          return await serial(() => apply(cmd, actorId, reader));
      }
    } catch (err) {
      return refusal(err, toolRef(cmd) ?? '', reader);
    }
  }

  return {
    isAdmin,
    kbId,
    settled: () => adoption,
    executeCommand,
    async execute(text, actor) {
      const actorId = normalizeActorId(actor.id);
      // Authorisation first: nothing of a non-admin's text is parsed, resolved or kept.
      if (!isAdmin(actorId)) return refuse(actorId, commandWord(text), actor.language);
      let cmd: AdminCommand;
      try {
        cmd = parseAdminCommand(text);
      } catch (err) {
        if (!(err instanceof AdminCommandError)) throw err;
        return { ok: false, text: formatParseError(err, actor.language, readerOf(actor).names) };
      }
      return executeCommand(cmd, actor);
    },
  };
}
