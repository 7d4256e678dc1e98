// Turns admin results into chat/CLI text in the actor's language: history, proposals, help, and
// every kind of refusal (parse error, refused edit, invalid knowledge base). Every phrase comes from
// the phrase book's admin section; where a reply names a command, the caller chooses how (`names`:
// `admin …` in chat, `compliance-bot kb …` in the shell), so a reply never points to the other surface.
import type { AuditEntry, AuditPage, Proposal } from '../model/audit.js';
import { formatIssue } from '../model/file-issue.js';
import type { AdminCommandError, KbEditError, KnowledgeBaseError } from '../errors.js';
import type { AssessmentStep, StepState, ToolStatus } from '../model/status.js';
import type { Language } from '../model/language.js';
import { formatDate, phrases } from '../phrases/index.js';
import type { AdminCommandNames, AdminExpected, AdminField } from '../phrases/admin-types.js';
import type { Loosening } from './loosening.js';
import { parseAdminCommand } from './parse.js';

/** Where a reply is read: the surface decides how commands are named in it. */
export type AdminSurface = 'chat' | 'cli';

/** How `surface` names admin commands, with placeholders in `lang`. */
export function commandNames(surface: AdminSurface, lang: Language): AdminCommandNames {
  const m = phrases(lang).admin;
  return surface === 'cli' ? m.cli : m.chat;
}

/** `2026-11-27T10:31:05.123Z` -> `2026-11-27 10:31 UTC` (German: `27.11.2026 10:31 UTC`). */
export function formatWhen(iso: string, lang: Language): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${formatDate(iso.slice(0, 10), lang)} ${iso.slice(11, 16)} UTC` : iso;
}

export function statusLabel(status: unknown, lang: Language): string {
  const labels = phrases(lang).status as Record<string, string>;
  return typeof status === 'string' ? (labels[status] ?? status) : phrases(lang).admin.none;
}

export function stateLabel(state: unknown, lang: Language): string {
  const labels = phrases(lang).state as Record<StepState, string>;
  return typeof state === 'string' ? (labels[state as StepState] ?? state) : phrases(lang).admin.none;
}

export function stepLabel(step: string, lang: Language): string {
  return phrases(lang).step[step as AssessmentStep] ?? step;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

/** A date of the audit log (ISO, or nothing) as the reader writes it. */
function dateOf(value: unknown, lang: Language): string {
  return typeof value === 'string' ? formatDate(value, lang) : phrases(lang).admin.none;
}

export function statusChangeText(toolName: string, status: ToolStatus, lang: Language): string {
  return `${toolName} → ${statusLabel(status, lang)}`;
}

/**
 * What a stored four-eyes command changes, in words ("zoom → untersagt") rather than as the command
 * text, whose status words are English; and its note. Anything unreadable is shown as stored.
 */
export function describeProposal(command: string, lang: Language): { change: string; note?: string } {
  let cmd;
  try {
    cmd = parseAdminCommand(command);
  } catch {
    return { change: command };
  }
  if (cmd.kind === 'status') return { change: statusChangeText(cmd.tool, cmd.status, lang), ...(cmd.note ? { note: cmd.note } : {}) };
  if (cmd.kind === 'add') return { change: statusChangeText(`${cmd.name} (${cmd.toolId})`, cmd.status, lang) };
  return { change: command };
}

/** The loosening parts of a change, in words, joined: "restriction x of Zoom removed; status of Zoom: pending → approved". */
export function describeLoosenings(list: readonly Loosening[], lang: Language, toolName: (toolId: string) => string = (id) => id, limit = 10): string {
  const m = phrases(lang).admin;
  // An import or a large hand edit may loosen thousands of entries: the first few, and how many more.
  const more = list.length > limit ? [m.moreIssues(list.length - limit)] : [];
  return list
    .slice(0, limit)
    .map((l) => {
      const name = toolName(l.toolId);
      switch (l.kind) {
        case 'status':
          return m.loosening.status(name, l.detail.split(' → ').map((s) => statusLabel(s, lang)).join(' → '));
        case 'tool_added':
          return m.loosening.tool_added(name, statusLabel(l.detail, lang));
        case 'concerns_lifted': {
          const [step = '', state = ''] = l.detail.split(': ');
          return m.loosening.concerns_lifted(name, `${stepLabel(step, lang)}: ${state === '-' ? m.none : stateLabel(state, lang)}`);
        }
        default:
          return m.loosening[l.kind](name, l.detail);
      }
    })
    .concat(more)
    .join('; ');
}

function describeEntry(e: AuditEntry, lang: Language): string {
  const m = phrases(lang).admin;
  switch (e.action) {
    case 'status':
      return m.hStatus(statusLabel(field(e.before, 'status'), lang), statusLabel(field(e.after, 'status'), lang));
    case 'restriction_add': {
      const contexts = field(e.after, 'forbidden_contexts');
      const c = Array.isArray(contexts) && contexts.length > 0 ? ` (${m.forbidden}: ${contexts.join(', ')})` : '';
      return m.hRestrictionAdded(String(field(e.after, 'id')), c);
    }
    case 'restriction_remove':
      return m.hRestrictionRemoved(String(field(e.before, 'id')));
    case 'step': {
      const step = String(field(e.after, 'step') ?? field(e.before, 'step'));
      return m.hStep(stepLabel(step, lang), stateLabel(field(e.before, 'state'), lang), stateLabel(field(e.after, 'state'), lang));
    }
    case 'add_tool':
      return m.hToolAdded(statusLabel(field(e.after, 'status'), lang));
    case 'context_add': {
      const added = field(e.after, 'added');
      return m.hContextAdded(String(added ?? '?'), String(field(e.after, 'context') ?? '?'));
    }
    case 'hand_edit': {
      const from = field(e.before, 'status');
      const to = field(e.after, 'status');
      return from !== to ? `${m.hHandEdit}: ${m.hStatus(statusLabel(from, lang), statusLabel(to, lang))}` : m.hHandEdit;
    }
    case 'proposal':
      // The note is the entry's own (shown after the line), not repeated here.
      return m.hProposal(describeProposal(String(field(e.after, 'command') ?? ''), lang).change);
    case 'approve':
      return m.hApprove(String(field(e.after, 'proposal') ?? ''));
    case 'refused':
      return m.hRefused(String(field(e.after, 'command') ?? '?'));
    case 'import':
      return m.hImport(Object.keys((e.after ?? {}) as object).join(', '));
    case 'review':
      return m.hReview(dateOf(field(e.before, 'review_due'), lang), dateOf(field(e.after, 'review_due'), lang));
  }
}

/** One page of a history; `pageCommand(n)` is how to ask for page n on the reader's surface. */
export function formatHistory(found: AuditPage, toolName: string, lang: Language, pageCommand: (page: number) => string): string {
  const m = phrases(lang).admin;
  // No records on this page (also: all refused attempts of the newest page past their retention).
  if (found.entries.length === 0) return m.noHistory(toolName);
  return formatPage(found, m.historyTitle(toolName), lang, pageCommand);
}

/** One page of refused attempts (kept `days` days). */
export function formatRefused(found: AuditPage, days: number, lang: Language, pageCommand: (page: number) => string): string {
  const m = phrases(lang).admin;
  if (found.entries.length === 0) return m.noRefused(days);
  return formatPage(found, m.refusedTitle(days), lang, pageCommand);
}

function formatPage(found: AuditPage, heading: string, lang: Language, pageCommand: (page: number) => string): string {
  const m = phrases(lang).admin;
  const { entries } = found;
  const lines = entries.map((e) => {
    let line = `• ${formatWhen(e.at, lang)} – ${e.actor}: ${describeEntry(e, lang)}`;
    if (e.note) line += ` – ${m.note}: ${e.note}`;
    if (e.source) line += ` – ${m.source}: ${e.source.title}${e.source.url && e.source.url !== e.source.title ? ` (${e.source.url})` : ''}`;
    return line;
  });
  const title = found.pages > 1 ? `${heading} ${m.historyPage(found.page, found.pages)}` : heading;
  const more = found.page < found.pages ? [m.historyMore(pageCommand(found.page + 1))] : [];
  return [title, ...lines, ...more].join('\n');
}

export function formatProposals(list: Proposal[], lang: Language): string {
  const m = phrases(lang).admin;
  if (list.length === 0) return m.noProposals;
  const sorted = [...list].sort((a, b) => a.at.localeCompare(b.at));
  const line = (p: Proposal) => {
    const { change, note } = describeProposal(p.command, lang);
    return m.proposalLine(p.id, note ? `${change} – ${m.note}: ${note}` : change, p.proposedBy, formatWhen(p.expiresAt, lang));
  };
  return [m.proposalsTitle, ...sorted.map(line)].join('\n');
}

export function formatHelp(lang: Language, fourEyes: boolean, names: AdminCommandNames, more: string[] = []): string {
  const m = phrases(lang).admin;
  const lines = [m.helpTitle, ...[...Object.values(names.usage), ...more].map((u) => `• \`${u}\``)];
  if (fourEyes) lines.push(m.helpFourEyes);
  return lines.join('\n');
}

/** The issues of a knowledge-base error as a bullet list, at most `limit` of them. */
export function formatIssues(err: KnowledgeBaseError, lang: Language, limit = 10): string {
  const shown = err.issues.slice(0, limit).map((i) => `• ${formatIssue(i, lang)}`);
  if (err.issues.length > limit) shown.push(phrases(lang).admin.moreIssues(err.issues.length - limit));
  return shown.join('\n');
}

/** The message admins get in chat when a hand edit leaves the folder invalid (see src/kb/watch.ts). */
export function describeReloadError(err: KnowledgeBaseError, lang: Language): string {
  return `${phrases(lang).admin.reloadFailed}\n${formatIssues(err, lang)}`;
}

/** A value as shown back in a message: at most 60 characters. */
export function shown(value: string | undefined): string {
  const v = value ?? '';
  const chars = [...v];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : v;
}

/** The field an error names, in the reader's language (as the parser wrote it when unknown). */
function fieldName(err: AdminCommandError, lang: Language): string {
  const f = err.field ?? '';
  return (phrases(lang).admin.field as Record<string, string>)[f] ?? f;
}

// What would have been accepted, by the field the parser names; new ids (tool files, restrictions
// being added) are stricter than the ids of things that exist.
const EXPECTED_BY_FIELD: Partial<Record<AdminField, AdminExpected>> = {
  tool: 'tool',
  'tool id': 'newId',
  status: 'status',
  step: 'step',
  state: 'state',
  'restriction action': 'restrictionAction',
  'restriction text': 'restrictionText',
  'forbid list': 'forbidList',
  category: 'category',
  name: 'name',
  argument: 'nothingAfter',
  page: 'page',
  days: 'days',
  date: 'date',
  'proposal id': 'proposalId',
  'context action': 'contextAction',
  context: 'context',
  word: 'word',
  language: 'language',
};

function expectedText(err: AdminCommandError, lang: Language): string {
  const m = phrases(lang).admin;
  if (err.reason === 'empty' || err.reason === 'unknown_command') return m.expected.command;
  if (err.field === 'restriction id') return m.expected[err.command === 'restriction_add' ? 'newId' : 'id'];
  const key = EXPECTED_BY_FIELD[err.field as AdminField];
  return key ? m.expected[key] : err.expected;
}

/** A command that could not be read: what was wrong, what was expected, and its usage on the reader's surface. */
export function formatParseError(err: AdminCommandError, lang: Language, names: AdminCommandNames): string {
  if (err.reason === 'too_long' || err.reason === 'control_character' || err.reason === 'url_scheme') return formatValidationError(err, lang);
  const m = phrases(lang).admin;
  const what =
    err.reason === 'empty'
      ? m.noCommand
      : err.reason === 'unknown_command'
        ? m.unknownCommand(shown(err.got))
        : err.reason === 'missing'
          ? m.missing(fieldName(err, lang))
          : m.invalid(fieldName(err, lang), shown(err.got));
  return m.notUnderstood(what, expectedText(err, lang), names.usage[err.command === undefined || err.command === 'import' || err.command === 'import_add' ? 'help' : err.command]);
}

/** A value over a limit, a control character or a link that is not https:/http:: what is wrong, in the admin's language. */
export function formatValidationError(err: AdminCommandError, lang: Language): string {
  const m = phrases(lang).admin;
  const n = (v: number | undefined) => (v ?? 0).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
  const f = fieldName(err, lang);
  const what = err.reason === 'too_long' ? m.tooLong(f, n(err.length), n(err.max)) : err.reason === 'control_character' ? m.controlCharacter(f) : m.urlScheme(f);
  return m.notChanged(what);
}

/** A tool `ref` does not name, with the names it may have meant and how to add a new one. */
export function formatUnknownTool(ref: string, suggestions: string[], lang: Language, names: AdminCommandNames): string {
  const m = phrases(lang).admin;
  return m.unknownTool(ref, suggestions.length > 0 ? m.didYouMean(suggestions.join(', ')) : '', names.usage.add);
}

export function formatEditError(err: KbEditError, toolName: string, lang: Language, names: AdminCommandNames): string {
  const m = phrases(lang).admin;
  const d = err.details;
  switch (err.reason) {
    case 'no_change':
      return m.noChange;
    case 'approved_with_restrictions':
      return m.approvedWithRestrictions(toolName, (d.restrictions ?? []).join(', '), names.restrictionRemove(err.toolId), names.statusPending(err.toolId));
    case 'restricted_without_restrictions':
      return m.restrictedWithoutRestrictions(toolName, names.restrictionAdd(err.toolId));
    case 'restriction_on_approved':
      return m.restrictionOnApproved(toolName, names.statusPending(err.toolId));
    case 'duplicate_restriction':
      return m.duplicateRestriction(toolName, d.restrictionId ?? '');
    case 'unknown_restriction':
      return m.unknownRestriction(toolName, d.restrictionId ?? '', (d.restrictions ?? []).join(', '));
    case 'last_restriction':
      return m.lastRestriction(toolName, d.restrictionId ?? '');
    case 'tool_exists':
      return m.toolExists(err.toolId);
    case 'unknown_tool':
      return formatUnknownTool(err.toolId, [], lang, names);
    case 'not_editable':
      return m.notEditable(d.reason ?? err.message);
    case 'review_date':
      return m.reviewDateInPast(formatDate(d.date ?? '', lang), formatDate(d.today ?? '', lang));
    case 'unknown_context':
      return m.unknownContext(err.toolId.replace(/^context:/, ''), (d.contexts ?? []).join(', '));
  }
}
