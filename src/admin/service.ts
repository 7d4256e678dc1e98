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
import { summaryMismatch } from '../kb/warnings.js';
import { randomInt, randomUUID } from 'node:crypto';
import { DEFAULT_HISTORY_LIMIT, type AppendOptions, type AuditAction, type AuditEntry, type AuditLog, type Proposal, type ProposalStore } from '../audit.js';
import { messages } from '../i18n.js';
import { applyKbChange, todayIso, type KbChange, type KbEditResult } from '../kb/edit.js';
import { AdminCommandError, KbEditError, KnowledgeBaseError } from '../errors.js';
import { loadKnowledgeBase } from '../kb/load.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { Language, ToolEntry, ToolStatus } from '../kb/schema.js';
import { childLogger, type Logger } from '../logger.js';
import { normalizeActorId } from './actor-id.js';
import {
  formatDue,
  formatEditError,
  formatHelp,
  formatHistory,
  formatIssues,
  formatParseError,
  formatProposals,
  formatRefused,
  statusChangeText,
  statusLabel,
  stepLabel,
} from './format.js';
import { knowledgeBaseIdentity } from './kb-identity.js';
import { adminMessages } from './messages.js';
import { commandWord, formatAdminCommand, parseAdminCommand, type AdminCommand, type CommandSource } from './parse.js';
import { validateAdminCommand } from './validate.js';
import { resolveTool, suggestTools } from '../kb/resolve.js';
import { DEFAULT_DUE_DAYS, dueEntries, oneYearAfter } from '../review/due.js';

export interface AdminActor {
  /** `slack:U123`, `teams:<aadObjectId>`, `cli:<name>`. */
  id: string;
  name?: string;
  language: Language;
}

/** A change that was written: what the composition root needs to swap the base and notify. */
export interface AdminApplied {
  action: Exclude<AuditAction, 'hand_edit' | 'proposal' | 'approve' | 'refused'>;
  toolId: string;
  toolName: string;
  /** Who made the change (the proposer, under four eyes). */
  by: string;
  /** The second admin, under four eyes. */
  approvedBy?: string;
  proposalId?: string;
  /** ISO timestamp. */
  at: string;
  note?: string;
  source?: CommandSource;
  oldStatus: ToolStatus | null;
  newStatus: ToolStatus;
  before: unknown;
  after: unknown;
  /** The knowledge base now on disk, and the one before (null if that one did not load). */
  kb: KnowledgeBase;
  previous: KnowledgeBase | null;
}

export interface AdminReply {
  ok: boolean;
  /** Reply text in the actor's language (plain text with `code` spans). */
  text: string;
  /** Set when a four-eyes proposal was created: adapters may render an "approve" button (`approve <id>`). */
  proposal?: Proposal;
  applied?: AdminApplied;
}

export interface AdminServiceOptions {
  kbDir: string;
  /** Normalised admin ids (see parseAdmins). */
  admins: string[];
  audit: AuditLog;
  proposals: ProposalStore;
  fourEyes: boolean;
  proposalTtlMs: number;
  /** How long a refused attempt (who, when, command word) is kept; default 30 days (RETENTION_DAYS). */
  refusedRetentionMs?: number;
  /**
   * The knowledge base already loaded (the core's): tools are looked up in it instead of reading
   * the folder again, and checked against the folder as the change is written.
   */
  knowledgeBase?: () => KnowledgeBase | undefined;
  now?: () => Date;
  onApplied?: (applied: AdminApplied) => void | Promise<void>;
  logger?: Logger;
}

export interface AdminService {
  /** Runs the words after `admin`. Never throws for a user error: the reply says what went wrong. */
  execute(text: string, actor: AdminActor): Promise<AdminReply>;
  /** Runs an already parsed command (the CLI builds commands from its options). */
  executeCommand(cmd: AdminCommand, actor: AdminActor): Promise<AdminReply>;
  isAdmin(actorId: string): boolean;
  /** The identity of the knowledge base this service changes (audit records are kept under it). */
  readonly kbId: string;
  /** Resolves when the start-up work (moving audit records of the old layout) is done; never rejects. */
  settled(): Promise<void>;
}

export const DEFAULT_REFUSED_RETENTION_MS = 30 * 86_400_000;

/** The tool resolved by the base in memory was renamed or moved by a hand edit meanwhile: look again in the folder. Private: caught in this module, never leaves it. */
class StaleResolution extends Error {
  constructor() {
    super('the knowledge base in memory no longer matches the folder');
    this.name = 'StaleResolution';
  }
}

// Short, typeable, unambiguous (no 0/o, 1/l/i).
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const FOUR_EYES_KINDS = new Set<AdminCommand['kind']>(['status', 'add']);

function isStorageUnavailable(err: unknown): boolean {
  return err instanceof Error && (err.name === 'StorageUnavailableError' || (err as { code?: string }).code === 'STORAGE_UNAVAILABLE');
}

function toolRef(cmd: AdminCommand | undefined): string | undefined {
  if (!cmd) return undefined;
  if ('tool' in cmd) return cmd.tool;
  if (cmd.kind === 'add') return cmd.toolId;
  return undefined;
}

export function createAdminService(options: AdminServiceOptions): AdminService {
  const admins = new Set(options.admins.map(normalizeActorId));
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? childLogger('admin');
  const kbId = knowledgeBaseIdentity(options.kbDir).id;
  let queue: Promise<unknown> = Promise.resolve();

  // Records of the layout before audit logs were kept per knowledge base go to the first knowledge
  // base opened; the tools known now move at once, the rest when first read or written.
  let adoption: Promise<void> = Promise.resolve();
  if (options.audit.adoptLegacy) {
    const known = options.knowledgeBase?.()?.tools.keys() ?? [];
    adoption = options.audit.adoptLegacy(kbId, known).then(
      (r) => {
        if (r.moved > 0) log.info({ kb: kbId, moved: r.moved }, 'audit records of the old layout moved to this knowledge base');
      },
      (err: Error) => log.warn({ err: { type: err.name, message: err.message } }, 'audit records of the old layout not moved yet (retried when read)'),
    );
  }

  // Changes and approvals run one after another, so an approval cannot race another change.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const isAdmin = (actorId: string): boolean => admins.has(normalizeActorId(actorId));

  async function loadKb(): Promise<KnowledgeBase> {
    return loadKnowledgeBase(options.kbDir);
  }

  async function append(entry: Omit<AuditEntry, 'id' | 'at' | 'kb'> & { at?: string }, appendOptions?: AppendOptions): Promise<boolean> {
    try {
      await options.audit.append({ id: randomUUID(), kb: kbId, at: entry.at ?? now().toISOString(), ...entry } as AuditEntry, appendOptions);
      return true;
    } catch (err) {
      log.error({ err: (err as Error).message, action: entry.action, toolId: entry.toolId }, 'audit log append failed');
      return false;
    }
  }

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
    return { ok: false, text: adminMessages(lang).notAdmin };
  }

  /** Text for anything that stopped a change; nothing was written. */
  function refusal(err: unknown, toolName: string, lang: Language): AdminReply {
    const m = adminMessages(lang);
    if (err instanceof KbEditError) return { ok: false, text: formatEditError(err, toolName, lang) };
    if (err instanceof KnowledgeBaseError) return { ok: false, text: `${m.invalidChange}\n${formatIssues(err, lang)}` };
    if (isStorageUnavailable(err)) return { ok: false, text: m.storageUnavailable };
    log.error({ err: (err as Error)?.message }, 'admin command failed');
    return { ok: false, text: m.failed };
  }

  /** The change a command makes to `tool` (undefined for `add`). */
  function toChange(cmd: AdminCommand, tool: ToolEntry | undefined): { change: KbChange; toolName: string } {
    if (cmd.kind === 'add') {
      return { change: { kind: 'add_tool', toolId: cmd.toolId, name: cmd.name, status: cmd.status, category: cmd.category }, toolName: cmd.name };
    }
    if (!('tool' in cmd) || cmd.kind === 'history' || !tool) throw new Error(`not a change: ${cmd.kind}`);
    const toolId = tool.id;
    switch (cmd.kind) {
      case 'status':
        // The note (and source) become the entry's recorded decision, shown first in every answer.
        return {
          change: { kind: 'status', toolId, status: cmd.status, ...(cmd.note ? { note: cmd.note } : {}), ...(cmd.source ? { source: cmd.source } : {}) },
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
        return { change: { kind: 'review', toolId, next: cmd.next ?? oneYearAfter(todayIso(now())) }, toolName: tool.name };
    }
  }

  function appliedText(result: KbEditResult, lang: Language): string {
    const m = adminMessages(lang);
    switch (result.change.kind) {
      case 'status': {
        const done = m.statusChanged(result.toolName, statusLabel(result.oldStatus, lang), statusLabel(result.newStatus, lang));
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
        return m.stepChanged(result.toolName, stepLabel(result.change.step, lang), messages(lang).state[result.change.state]);
      case 'add_tool':
        return m.toolAdded(result.toolName, result.toolId, statusLabel(result.newStatus, lang));
      case 'review':
        return m.reviewed(result.toolName, result.change.next);
    }
  }

  async function currentKb(lang: Language): Promise<KnowledgeBase | AdminReply> {
    try {
      return await loadKb();
    } catch (err) {
      if (err instanceof KnowledgeBaseError) return { ok: false, text: `${adminMessages(lang).kbBroken}\n${formatIssues(err, lang)}` };
      throw err;
    }
  }

  const isReply = (v: unknown): v is AdminReply => typeof v === 'object' && v !== null && 'ok' in v && 'text' in v;

  interface Resolved {
    tool: ToolEntry;
    /** Found in the base in memory (to be checked against the folder when writing). */
    fromMemory: boolean;
  }

  /**
   * The tool `ref` names: looked up in the base in memory when there is one, else (or when it is
   * not there, e.g. added by hand a moment ago) in the folder. A reply when it names none.
   */
  async function resolve(ref: string, lang: Language, useMemory = true): Promise<Resolved | AdminReply> {
    const loaded = useMemory ? options.knowledgeBase?.() : undefined;
    const inMemory = loaded ? resolveTool(loaded, ref) : undefined;
    if (inMemory) return { tool: inMemory, fromMemory: true };
    const kb = await currentKb(lang);
    if (isReply(kb)) return kb;
    const tool = resolveTool(kb, ref);
    if (!tool) return { ok: false, text: adminMessages(lang).unknownTool(ref, suggestTools(kb, ref)) };
    return { tool, fromMemory: false };
  }

  /** The change of `cmd`, checked (dry run) or written; resolved from memory first, from the folder if memory was stale. */
  async function change(cmd: AdminCommand, lang: Language, dryRun: boolean): Promise<{ result: KbEditResult } | AdminReply> {
    for (const useMemory of [true, false]) {
      let resolved: Resolved | undefined;
      if (cmd.kind !== 'add') {
        const r = await resolve((cmd as { tool: string }).tool, lang, useMemory);
        if (isReply(r)) return r;
        resolved = r;
      }
      const planned = toChange(cmd, resolved?.tool);
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
        return refusal(err, planned.toolName, lang);
      }
    }
    return { ok: false, text: adminMessages(lang).failed };
  }

  /** Applies a change command: written, audited, reported. `by` is the proposer under four eyes. */
  async function apply(cmd: AdminCommand, by: string, lang: Language, approval?: { approver: string; proposalId: string }): Promise<AdminReply> {
    const changed = await change(cmd, lang, false);
    if (isReply(changed)) return changed;
    const { result } = changed;
    if (!result.formattingPreserved) log.warn({ file: result.file }, 'the tool file was re-printed as a whole (unusual layout)');
    const at = now().toISOString();
    const action = result.change.kind;
    const note = cmd.kind === 'status' || cmd.kind === 'step' ? cmd.note : undefined;
    const source = cmd.kind === 'status' ? cmd.source : undefined;
    const base = { toolId: result.toolId, before: result.before, after: result.after, ...(note ? { note } : {}), ...(source ? { source } : {}) };
    let audited = await append({ at, actor: by, action, ...base });
    if (approval) {
      audited =
        (await append({ at, actor: approval.approver, action: 'approve', toolId: result.toolId, before: result.before, after: { proposal: approval.proposalId, proposedBy: by, ...(result.after as object) } })) &&
        audited;
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
    const m = adminMessages(lang);
    return { ok: true, text: `${appliedText(result, lang)} ${audited ? m.recorded : m.auditFailed}`, applied };
  }

  async function newProposalId(): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = Array.from({ length: 5 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!(await options.proposals.get(id))) return id;
    }
    throw new Error('could not find a free proposal id');
  }

  async function propose(cmd: AdminCommand, actorId: string, lang: Language): Promise<AdminReply> {
    const checked = await change(cmd, lang, true);
    if (isReply(checked)) return checked;
    const check = checked.result;
    // Store the command with the tool's id, so the approval applies exactly what was proposed.
    const canonical: AdminCommand = cmd.kind === 'add' ? cmd : { ...cmd, tool: check.toolId } as AdminCommand;
    const at = now();
    const proposal: Proposal = {
      id: await newProposalId(),
      kb: kbId,
      command: formatAdminCommand(canonical),
      toolId: check.toolId,
      proposedBy: actorId,
      at: at.toISOString(),
      expiresAt: new Date(at.getTime() + options.proposalTtlMs).toISOString(),
    };
    await options.proposals.put(proposal);
    const note = cmd.kind === 'status' ? cmd.note : undefined;
    const source = cmd.kind === 'status' ? cmd.source : undefined;
    await append({
      at: proposal.at,
      actor: actorId,
      action: 'proposal',
      toolId: check.toolId,
      before: check.before,
      after: { proposal: proposal.id, command: proposal.command, ...(check.after as object) },
      ...(note ? { note } : {}),
      ...(source ? { source } : {}),
    });
    log.info({ action: 'proposal', toolId: check.toolId }, 'four-eyes proposal created');
    const hours = Math.round((options.proposalTtlMs / 3_600_000) * 10) / 10;
    return { ok: true, text: adminMessages(lang).proposed(proposal.id, statusChangeText(check.toolName, check.newStatus, lang), hours), proposal };
  }

  async function approve(id: string, actorId: string, lang: Language): Promise<AdminReply> {
    const m = adminMessages(lang);
    const proposal = await options.proposals.get(id);
    // A proposal for another knowledge base (a copy opened with --kb) is not one of this base's.
    if (!proposal || (proposal.kb !== undefined && proposal.kb !== kbId)) return { ok: false, text: m.proposalMissing(id) };
    if (Date.parse(proposal.expiresAt) <= now().getTime()) {
      await options.proposals.delete(id);
      return { ok: false, text: m.proposalExpired(id) };
    }
    if (normalizeActorId(proposal.proposedBy) === actorId) return { ok: false, text: m.ownProposal(id) };
    const cmd = parseAdminCommand(proposal.command);
    const reply = await apply(cmd, proposal.proposedBy, lang, { approver: actorId, proposalId: id });
    if (reply.ok) {
      await options.proposals.delete(id);
      return { ...reply, text: `${m.approvedProposal(id, proposal.proposedBy)} ${reply.text}` };
    }
    return reply;
  }

  async function listProposals(lang: Language): Promise<AdminReply> {
    const all = await options.proposals.list();
    const t = now().getTime();
    const open: Proposal[] = [];
    for (const p of all) {
      if (Date.parse(p.expiresAt) <= t) await options.proposals.delete(p.id);
      else if (p.kb === undefined || p.kb === kbId) open.push(p);
    }
    return { ok: true, text: formatProposals(open, lang) };
  }

  async function history(ref: string, page: number, actorId: string, lang: Language): Promise<AdminReply> {
    const loaded = options.knowledgeBase?.();
    let tool = loaded ? resolveTool(loaded, ref) : undefined;
    let kb: KnowledgeBase | undefined = loaded;
    if (!tool) {
      try {
        kb = await loadKb();
      } catch {
        kb = undefined; // a broken folder must not hide the history: fall back to the id as typed
      }
      tool = kb ? resolveTool(kb, ref) : undefined;
    }
    // A tool removed from the catalog still has its history, under the id as typed.
    const toolId = tool?.id ?? ref.trim().toLowerCase();
    const found = await options.audit.history({ kb: kbId, toolId, limit: DEFAULT_HISTORY_LIMIT, page });
    if (!tool && found.entries.length === 0 && kb) return { ok: false, text: adminMessages(lang).unknownTool(ref, suggestTools(kb, ref)) };
    const id = tool?.id ?? toolId;
    const pageCommand = (n: number) => (actorId.startsWith('cli:') ? `compliance-bot kb history ${id} --page ${n}` : `admin history ${id} page ${n}`);
    return { ok: true, text: formatHistory(found, tool?.name ?? toolId, lang, pageCommand) };
  }

  /** The refused attempts of non-admins, newest first. */
  async function refusedAttempts(page: number, actorId: string, lang: Language): Promise<AdminReply> {
    const found = await options.audit.history({ kb: kbId, toolId: null, limit: DEFAULT_HISTORY_LIMIT, page });
    const days = Math.round((options.refusedRetentionMs ?? DEFAULT_REFUSED_RETENTION_MS) / 86_400_000);
    const pageCommand = (n: number) => (actorId.startsWith('cli:') ? `compliance-bot kb refused --page ${n}` : `admin refused page ${n}`);
    return { ok: true, text: formatRefused(found, days, lang, pageCommand) };
  }

  /** Entries whose review date has passed or falls within `days` days, from the base in memory when there is one. */
  async function due(days: number, actorId: string, lang: Language): Promise<AdminReply> {
    const kb = options.knowledgeBase?.() ?? (await currentKb(lang));
    if (isReply(kb)) return kb;
    const reviewed = (id: string) => (actorId.startsWith('cli:') ? `compliance-bot kb reviewed ${id} --by NAME` : `admin reviewed ${id}`);
    return { ok: true, text: formatDue(dueEntries(kb, todayIso(now()), days), days, lang, reviewed) };
  }

  async function executeCommand(cmd: AdminCommand, actor: AdminActor): Promise<AdminReply> {
    const actorId = normalizeActorId(actor.id);
    const lang = actor.language;
    if (!isAdmin(actorId)) return refuse(actorId, cmd.kind, lang);
    try {
      validateAdminCommand(cmd);
    } catch (err) {
      if (err instanceof AdminCommandError) return { ok: false, text: formatParseError(err, lang) };
      throw err;
    }
    try {
      switch (cmd.kind) {
        case 'help':
          return { ok: true, text: formatHelp(lang, options.fourEyes) };
        case 'history':
          return await history(cmd.tool, cmd.page ?? 1, actorId, lang);
        case 'proposals':
          return await listProposals(lang);
        case 'due':
          return await due(cmd.days ?? DEFAULT_DUE_DAYS, actorId, lang);
        case 'refused':
          return await refusedAttempts(cmd.page ?? 1, actorId, lang);
        case 'approve':
          return await serial(() => approve(cmd.id, actorId, lang));
        default:
          if (options.fourEyes && FOUR_EYES_KINDS.has(cmd.kind)) return await serial(() => propose(cmd, actorId, lang));
          return await serial(() => apply(cmd, actorId, lang));
      }
    } catch (err) {
      return refusal(err, toolRef(cmd) ?? '', lang);
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
        return { ok: false, text: formatParseError(err, actor.language) };
      }
      return executeCommand(cmd, actor);
    },
  };
}
