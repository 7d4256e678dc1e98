// Changes to the knowledge base: the tool a command names (from the base in memory, checked against
// the folder as the change is written), the change validated and written atomically by
// src/kb/edit.ts (or only checked, for a proposal), audited, handed to `onApplied` and answered; or
// the reason nothing was written.
import { applyKbChange, todayIso, type KbChange, type KbEditResult } from '../kb/edit.js';
import { KbEditError, KnowledgeBaseError } from '../errors.js';
import type { KnowledgeBase } from '../kb/model.js';
import { resolveTool, suggestTools } from '../kb/resolve.js';
import type { ToolEntry } from '../kb/schema.js';
import type { Language } from '../model/language.js';
import { summaryMismatch } from '../kb/warnings.js';
import { formatDate, phrases } from '../phrases/index.js';
import { oneYearAfter } from '../review/due.js';
import { isStorageUnavailable } from '../storage/index.js';
import { isReply, type AdminContext, type Reader } from './context.js';
import { formatEditError, formatIssues, formatUnknownTool, stateLabel, statusLabel, stepLabel } from './format.js';
import type { AdminCommand } from './parse.js';
import type { AdminApplied, AdminReply } from './types.js';

/** The tool resolved by the base in memory was renamed or moved by a hand edit meanwhile: look again in the folder. */
class StaleResolution extends Error {
  constructor() {
    super('the knowledge base in memory no longer matches the folder');
    this.name = 'StaleResolution';
  }
}

export interface Edits {
  /** Text for anything that stopped a change; nothing was written. */
  refusal(err: unknown, toolName: string, reader: Reader): AdminReply;
  /** The change of `cmd`, checked (dry run) or written. */
  change(cmd: AdminCommand, reader: Reader, dryRun: boolean): Promise<{ result: KbEditResult } | AdminReply>;
  /** Writes, audits and reports a change; `by` is the proposer under four eyes. */
  apply(cmd: AdminCommand, by: string, reader: Reader, approval?: { approver: string; proposalId: string }): Promise<AdminReply>;
}

/** The change a command makes to `tool` (undefined for `add`). */
function toChange(cmd: AdminCommand, tool: ToolEntry | undefined, today: string): { change: KbChange; toolName: string } {
  if (cmd.kind === 'add') {
    return { change: { kind: 'add_tool', toolId: cmd.toolId, name: cmd.name, status: cmd.status, category: cmd.category }, toolName: cmd.name };
  }
  if (cmd.kind === 'import_add') {
    const { toolId, name, status, category, fields } = cmd;
    return { change: { kind: 'add_tool', toolId, name, status, category, fields }, toolName: name };
  }
  if (!('tool' in cmd) || cmd.kind === 'history' || !tool) throw new Error(`not a change: ${cmd.kind}`);
  const toolId = tool.id;
  switch (cmd.kind) {
    case 'status':
      // The note (and source) become the entry's recorded decision, shown first in every answer.
      return {
        // A decision is a review: the next one falls a year later unless the command names a date.
        change: {
          kind: 'status',
          toolId,
          status: cmd.status,
          nextReview: cmd.next ?? oneYearAfter(today),
          ...(cmd.note ? { note: cmd.note } : {}),
          ...(cmd.source ? { source: cmd.source } : {}),
        },
        toolName: tool.name,
      };
    case 'restriction_add':
      return {
        change: { kind: 'restriction_add', toolId, restriction: { id: cmd.restrictionId, text: cmd.text, forbidden_contexts: cmd.forbiddenContexts } },
        toolName: tool.name,
      };
    case 'restriction_remove':
      return { change: { kind: 'restriction_remove', toolId, restrictionId: cmd.restrictionId }, toolName: tool.name };
    case 'step':
      return { change: { kind: 'step', toolId, step: cmd.step, state: cmd.state, ...(cmd.note !== undefined ? { note: cmd.note } : {}) }, toolName: tool.name };
    case 'reviewed':
      return { change: { kind: 'review', toolId, next: cmd.next ?? oneYearAfter(today) }, toolName: tool.name };
    case 'import':
      return { change: { kind: 'import', toolId, set: cmd.set, remove: cmd.remove }, toolName: tool.name };
  }
}

function appliedText(result: KbEditResult, lang: Language): string {
  const m = phrases(lang).admin;
  switch (result.change.kind) {
    case 'status': {
      const changed = m.statusChanged(result.toolName, statusLabel(result.oldStatus, lang), statusLabel(result.newStatus, lang));
      const done = result.change.nextReview ? `${changed} ${m.nextReview(formatDate(result.change.nextReview, lang))}` : changed;
      // A summary written for the old status ("wird eingeführt" under prohibited) misleads staff.
      const tool = result.kb.tools.get(result.toolId);
      const stale = tool ? summaryMismatch(tool) : null;
      return stale ? `${done} ${m.summaryOutdated(stale)}` : done;
    }
    case 'restriction_add':
      return m.restrictionAdded(result.toolName, result.change.restriction.id);
    case 'restriction_remove':
      return m.restrictionRemoved(result.toolName, result.change.restrictionId);
    case 'step':
      return m.stepChanged(result.toolName, stepLabel(result.change.step, lang), stateLabel(result.change.state, lang));
    case 'add_tool':
      return m.toolAdded(result.toolName, result.toolId, statusLabel(result.newStatus, lang));
    case 'review':
      return m.reviewed(result.toolName, formatDate(result.change.next, lang));
    case 'import': {
      const done = m.imported(result.toolName, Object.keys(result.after as object).join(', '));
      const tool = result.oldStatus !== result.newStatus ? result.kb.tools.get(result.toolId) : undefined;
      const stale = tool ? summaryMismatch(tool) : null;
      return stale ? `${done} ${m.summaryOutdated(stale)}` : done;
    }
  }
}

export function createEdits({ options, now, log, append, currentKb }: AdminContext): Edits {
  /** Text for anything that stopped a change; nothing was written. */
  function refusal(err: unknown, toolName: string, { lang, names }: Reader): AdminReply {
    const m = phrases(lang).admin;
    if (err instanceof KbEditError) return { ok: false, text: formatEditError(err, toolName, lang, names) };
    if (err instanceof KnowledgeBaseError) return { ok: false, text: `${m.invalidChange}\n${formatIssues(err, lang)}` };
    if (isStorageUnavailable(err)) return { ok: false, text: m.storageUnavailable };
    log.error({ err: (err as Error)?.message }, 'admin command failed');
    return { ok: false, text: m.failed };
  }

  interface Resolved {
    tool: ToolEntry;
    /** Found in the base in memory (to be checked against the folder when writing). */
    fromMemory: boolean;
  }

  /**
   * The tool `ref` names: looked up in the base in memory when there is one, else (or when it is
   * not there, e.g. added by hand a moment ago) in the folder. A reply when it names none.
   */
  async function resolve(ref: string, reader: Reader, useMemory = true): Promise<Resolved | AdminReply> {
    const loaded = useMemory ? options.knowledgeBase?.() : undefined;
    const inMemory = loaded ? resolveTool(loaded, ref) : undefined;
    if (inMemory) return { tool: inMemory, fromMemory: true };
    const kb = await currentKb(reader.lang);
    if (isReply(kb)) return kb;
    const tool = resolveTool(kb, ref);
    if (!tool) return { ok: false, text: formatUnknownTool(ref, suggestTools(kb, ref), reader.lang, reader.names) };
    return { tool, fromMemory: false };
  }

  /** The change of `cmd`, checked (dry run) or written; resolved from memory first, from the folder if memory was stale. */
  async function change(cmd: AdminCommand, reader: Reader, dryRun: boolean): Promise<{ result: KbEditResult } | AdminReply> {
    for (const useMemory of [true, false]) {
      let resolved: Resolved | undefined;
      if (cmd.kind !== 'add' && cmd.kind !== 'import_add') {
        const r = await resolve((cmd as { tool: string }).tool, reader, useMemory);
        if (isReply(r)) return r;
        resolved = r;
      }
      const planned = toChange(cmd, resolved?.tool, todayIso(now()));
      const ref = (cmd as { tool?: string }).tool;
      const verify =
        resolved?.fromMemory && ref !== undefined
          ? (previous: KnowledgeBase | null) => {
              if (!previous || resolveTool(previous, ref)?.id !== resolved.tool.id) throw new StaleResolution();
            }
          : undefined;
      try {
        return { result: await applyKbChange(options.kbDir, planned.change, { today: todayIso(now()), dryRun, ...(verify ? { verify } : {}) }) };
      } catch (err) {
        if (err instanceof StaleResolution) continue;
        return refusal(err, planned.toolName, reader);
      }
    }
    return { ok: false, text: phrases(reader.lang).admin.failed };
  }

  /** Applies a change command: written, audited, reported. `by` is the proposer under four eyes. */
  async function apply(cmd: AdminCommand, by: string, reader: Reader, approval?: { approver: string; proposalId: string }): Promise<AdminReply> {
    const changed = await change(cmd, reader, false);
    if (isReply(changed)) return changed;
    const { result } = changed;
    if (!result.formattingPreserved) log.warn({ file: result.file }, 'the tool file was re-printed as a whole (unusual layout)');
    const at = now().toISOString();
    const action = result.change.kind;
    const note = cmd.kind === 'status' || cmd.kind === 'step' || cmd.kind === 'import' || cmd.kind === 'import_add' ? cmd.note : undefined;
    const source = cmd.kind === 'status' ? cmd.source : undefined;
    const base = { toolId: result.toolId, before: result.before, after: result.after, ...(note ? { note } : {}), ...(source ? { source } : {}) };
    const audited = [await append({ at, actor: by, action, ...base })];
    if (approval) {
      audited.push(
        await append({ at, actor: approval.approver, action: 'approve', toolId: result.toolId, before: result.before, after: { proposal: approval.proposalId, proposedBy: by, ...(result.after as object) } }),
      );
    }
    const applied: AdminApplied = {
      action,
      toolId: result.toolId,
      toolName: result.toolName,
      by,
      ...(approval ? { approvedBy: approval.approver, proposalId: approval.proposalId } : {}),
      at,
      ...(note ? { note } : {}),
      ...(source ? { source } : {}),
      oldStatus: result.oldStatus,
      newStatus: result.newStatus,
      before: result.before,
      after: result.after,
      kb: result.kb,
      previous: result.previous,
    };
    try {
      await options.onApplied?.(applied);
    } catch (err) {
      log.error({ err: (err as Error).message, toolId: result.toolId }, 'onApplied failed (the change is written)');
    }
    log.info({ action, toolId: result.toolId, fourEyes: approval !== undefined }, 'admin change applied');
    const m = phrases(reader.lang).admin;
    const audit = audited.includes('lost') ? m.auditFailed : audited.includes('kept') ? m.auditKept : m.recorded;
    return { ok: true, text: `${appliedText(result, reader.lang)} ${audit}`, applied };
  }

  return { refusal, change, apply };
}
