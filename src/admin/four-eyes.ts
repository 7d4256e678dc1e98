// Four eyes: every change is checked first (a dry run); one that loosens a rule (loosening.ts: it
// can turn a "no" into a "yes") is kept as a proposal (the canonical command, under the tool's id)
// until a different admin approves it within the proposal's lifetime; then it is applied as the
// proposer's change, with the approval audited too. A tightening or neutral change applies at once.
import { randomInt } from 'node:crypto';
import type { Proposal } from '../model/audit.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';
import { normalizeActorId } from '../model/actor-id.js';
import { isReply, type AdminContext, type Reader } from './context.js';
import type { Edits } from './edits.js';
import type { KbEditResult } from '../kb/edit.js';
import { describeLoosenings, describeProposal, formatProposals } from './format.js';
import { classifyKnowledgeBaseEdit, type EditClass } from './loosening.js';
import { formatAdminCommand, parseAdminCommand, type AdminCommand } from './parse.js';
import type { AdminReply } from './types.js';

/** The commands kept in a proposal as they are (they have no command text). */
const UNTYPED_KINDS = new Set<AdminCommand['kind']>(['import', 'import_add']);

/** The command a proposal applies: the kept one, or its text parsed. */
function proposedCommand(proposal: Proposal): AdminCommand {
  const edit = proposal.edit as AdminCommand | undefined;
  if (edit && typeof edit === 'object' && UNTYPED_KINDS.has(edit.kind)) return edit;
  return parseAdminCommand(proposal.command);
}

// Short, typeable, unambiguous (no 0/o, 1/l/i).
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface FourEyes {
  /** A change command under four eyes: applied at once when it loosens nothing, else proposed. */
  submit(cmd: AdminCommand, actorId: string, reader: Reader): Promise<AdminReply>;
  propose(cmd: AdminCommand, actorId: string, reader: Reader): Promise<AdminReply>;
  approve(id: string, actorId: string, reader: Reader): Promise<AdminReply>;
  listProposals(lang: Language): Promise<AdminReply>;
}

export function createFourEyes({ options, kbId, now, log, append }: AdminContext, { change, apply }: Edits): FourEyes {
  async function newProposalId(): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = Array.from({ length: 5 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!(await options.proposals.get(id))) return id;
    }
    throw new Error('could not find a free proposal id');
  }

  /** What the checked change loosens; a base that did not load before cannot be compared, so it counts as loosening. */
  function classify(check: KbEditResult): EditClass {
    if (check.previous === null) return { loosening: true, loosenings: [] };
    return classifyKnowledgeBaseEdit(check.previous, check.kb);
  }

  async function submit(cmd: AdminCommand, actorId: string, reader: Reader): Promise<AdminReply> {
    const checked = await change(cmd, reader, true);
    if (isReply(checked)) return checked;
    const edit = classify(checked.result);
    if (!edit.loosening) return apply(cmd, actorId, reader);
    return propose(cmd, actorId, reader, checked.result, edit);
  }

  async function propose(cmd: AdminCommand, actorId: string, reader: Reader, checkedResult?: KbEditResult, edit?: EditClass): Promise<AdminReply> {
    let check = checkedResult;
    if (!check) {
      const checked = await change(cmd, reader, true);
      if (isReply(checked)) return checked;
      check = checked.result;
    }
    const why = edit ?? classify(check);
    // Store the command with the tool's id, so the approval applies exactly what was proposed.
    const canonical: AdminCommand = cmd.kind === 'add' || cmd.kind === 'import_add' ? cmd : ({ ...cmd, tool: check.toolId } as AdminCommand);
    const at = now();
    const proposal: Proposal = {
      id: await newProposalId(),
      kb: kbId,
      command: formatAdminCommand(canonical),
      ...(UNTYPED_KINDS.has(canonical.kind) ? { edit: canonical } : {}),
      toolId: check.toolId,
      proposedBy: actorId,
      at: at.toISOString(),
      expiresAt: new Date(at.getTime() + options.proposalTtlMs).toISOString(),
    };
    await options.proposals.put(proposal);
    const note = cmd.kind === 'status' || cmd.kind === 'import' || cmd.kind === 'import_add' ? cmd.note : undefined;
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
    const { lang, names } = reader;
    const m = phrases(lang).admin;
    const kb = check.kb;
    const loosens = why.loosenings.length > 0 ? ` ${m.loosens(describeLoosenings(why.loosenings, lang, (id) => kb.tools.get(id)?.name ?? id))}` : '';
    const what = describeProposal(proposal.command, lang).change;
    return { ok: true, text: `${m.proposed(proposal.id, what, hours, names.approve(proposal.id))}${loosens}`, proposal };
  }

  async function approve(id: string, actorId: string, reader: Reader): Promise<AdminReply> {
    const m = phrases(reader.lang).admin;
    const proposal = await options.proposals.get(id);
    // A proposal for another knowledge base (a copy opened with --kb) is not one of this base's.
    if (!proposal || (proposal.kb !== undefined && proposal.kb !== kbId)) return { ok: false, text: m.proposalMissing(id, reader.names.proposals) };
    if (Date.parse(proposal.expiresAt) <= now().getTime()) {
      await options.proposals.delete(id);
      return { ok: false, text: m.proposalExpired(id) };
    }
    if (normalizeActorId(proposal.proposedBy) === actorId) return { ok: false, text: m.ownProposal(id) };
    const cmd = proposedCommand(proposal);
    const reply = await apply(cmd, proposal.proposedBy, reader, { approver: actorId, proposalId: id });
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

  return { submit, propose, approve, listProposals };
}
