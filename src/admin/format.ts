// Turns admin results into chat/CLI text in the actor's language: history, proposals, help, and
// every kind of refusal (parse error, refused edit, invalid knowledge base).
import type { AuditEntry, AuditPage, Proposal } from '../audit.js';
import { messages } from '../i18n.js';
import type { DueEntry } from '../review/due.js';
import { formatIssue } from '../kb/issues.js';
import type { AdminCommandError, KbEditError, KnowledgeBaseError } from '../errors.js';
import type { AssessmentStep, Language, StepState, ToolStatus } from '../kb/schema.js';
import { adminMessages } from './messages.js';
import { USAGE } from './parse.js';

/** `2026-11-27T10:31:05.123Z` -> `2026-11-27 10:31 UTC`. */
export function formatWhen(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

export function statusLabel(status: unknown, lang: Language): string {
  const labels = messages(lang).status as Record<string, string>;
  return typeof status === 'string' ? (labels[status] ?? status) : adminMessages(lang).none;
}

function stateLabel(state: unknown, lang: Language): string {
  const labels = messages(lang).state as Record<StepState, string>;
  return typeof state === 'string' ? (labels[state as StepState] ?? state) : adminMessages(lang).none;
}

export function stepLabel(step: string, lang: Language): string {
  return messages(lang).step[step as AssessmentStep] ?? step;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function describeEntry(e: AuditEntry, lang: Language): string {
  const m = adminMessages(lang);
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
    case 'hand_edit': {
      const from = field(e.before, 'status');
      const to = field(e.after, 'status');
      return from !== to ? `${m.hHandEdit}: ${m.hStatus(statusLabel(from, lang), statusLabel(to, lang))}` : m.hHandEdit;
    }
    case 'proposal':
      return m.hProposal(String(field(e.after, 'command') ?? ''));
    case 'approve':
      return m.hApprove(String(field(e.after, 'proposal') ?? ''));
    case 'refused':
      return m.hRefused(String(field(e.after, 'command') ?? '?'));
    case 'review':
      return m.hReview(String(field(e.before, 'review_due') ?? m.none), String(field(e.after, 'review_due') ?? m.none));
  }
}

/** One page of a history; `pageCommand(n)` is how to ask for page n (chat or CLI form). */
export function formatHistory(found: AuditPage, toolName: string, lang: Language, pageCommand: (page: number) => string): string {
  const m = adminMessages(lang);
  // No records on this page (also: all refused attempts of the newest page past their retention).
  if (found.entries.length === 0) return m.noHistory(toolName);
  return formatPage(found, m.historyTitle(toolName), lang, pageCommand);
}

/** One page of refused attempts (kept `days` days). */
export function formatRefused(found: AuditPage, days: number, lang: Language, pageCommand: (page: number) => string): string {
  const m = adminMessages(lang);
  if (found.entries.length === 0) return m.noRefused(days);
  return formatPage(found, m.refusedTitle(days), lang, pageCommand);
}

function formatPage(found: AuditPage, heading: string, lang: Language, pageCommand: (page: number) => string): string {
  const m = adminMessages(lang);
  const { entries } = found;
  const lines = entries.map((e) => {
    let line = `• ${formatWhen(e.at)} – ${e.actor}: ${describeEntry(e, lang)}`;
    if (e.note) line += ` – ${m.note}: ${e.note}`;
    if (e.source) line += ` – ${m.source}: ${e.source.title}${e.source.url && e.source.url !== e.source.title ? ` (${e.source.url})` : ''}`;
    return line;
  });
  const title = found.pages > 1 ? `${heading} ${m.historyPage(found.page, found.pages)}` : heading;
  const more = found.page < found.pages ? [m.historyMore(pageCommand(found.page + 1))] : [];
  return [title, ...lines, ...more].join('\n');
}

export function formatProposals(list: Proposal[], lang: Language): string {
  const m = adminMessages(lang);
  if (list.length === 0) return m.noProposals;
  const sorted = [...list].sort((a, b) => a.at.localeCompare(b.at));
  return [m.proposalsTitle, ...sorted.map((p) => m.proposalLine(p.id, p.command, p.proposedBy, formatWhen(p.expiresAt)))].join('\n');
}

export function formatHelp(lang: Language, fourEyes: boolean): string {
  const m = adminMessages(lang);
  const lines = [m.helpTitle, ...Object.values(USAGE).map((u) => `• \`admin ${u}\``)];
  if (fourEyes) lines.push(m.helpFourEyes);
  return lines.join('\n');
}

/** The issues of a knowledge-base error as a bullet list, at most `limit` of them. */
export function formatIssues(err: KnowledgeBaseError, lang: Language, limit = 10): string {
  const shown = err.issues.slice(0, limit).map((i) => `• ${formatIssue(i)}`);
  if (err.issues.length > limit) shown.push(adminMessages(lang).moreIssues(err.issues.length - limit));
  return shown.join('\n');
}

/** The message admins get in chat when a hand edit leaves the folder invalid (see src/kb/watch.ts). */
export function describeReloadError(err: KnowledgeBaseError, lang: Language): string {
  return `${adminMessages(lang).reloadFailed}\n${formatIssues(err, lang)}`;
}

// Field names of parse errors in German (the English ones are the parser's own).
const FIELD_DE: Record<string, string> = {
  tool: 'Tool',
  'tool id': 'Tool-Kennung',
  status: 'Status',
  'restriction id': 'Kennung der Einschränkung',
  'restriction text': 'Text der Einschränkung',
  'restriction action': 'add oder remove',
  'forbid list': 'forbid-Liste',
  category: 'Kategorie',
  name: 'Name',
  note: 'Notiz',
  'source title': 'Titel der Quelle',
  'source link': 'Link der Quelle',
  'proposal id': 'Kennung des Vorschlags',
  step: 'Schritt',
  state: 'Stand',
  argument: 'Angabe',
  date: 'Datum',
  page: 'Seite',
};

/** A value as shown back in a message: at most 60 characters. */
export function shown(value: string | undefined): string {
  const v = value ?? '';
  const chars = [...v];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : v;
}

export function formatParseError(err: AdminCommandError, lang: Language): string {
  if (err.reason === 'too_long' || err.reason === 'control_character' || err.reason === 'url_scheme') return formatValidationError(err, lang);
  const field = lang === 'de' ? (FIELD_DE[err.field ?? ''] ?? err.field) : err.field;
  const what =
    lang === 'de'
      ? err.reason === 'empty'
        ? 'kein Befehl angegeben'
        : err.reason === 'unknown_command'
          ? `unbekannter Befehl „${shown(err.got)}“`
          : err.reason === 'missing'
            ? `es fehlt: ${field}`
            : `ungültig: ${field} „${shown(err.got)}“`
      : err.reason === 'empty'
        ? 'no command given'
        : err.reason === 'unknown_command'
          ? `unknown command "${shown(err.got)}"`
          : err.reason === 'missing'
            ? `missing ${field}`
            : `invalid ${field} "${shown(err.got)}"`;
  const usage = err.command ? err.usage : 'help';
  return adminMessages(lang).notUnderstood(what, err.expected, usage);
}

/** A value over a limit, a control character or a link that is not https:/http:: what is wrong, in the admin's language. */
export function formatValidationError(err: AdminCommandError, lang: Language): string {
  const n = (v: number | undefined) => (v ?? 0).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
  if (lang === 'de') {
    const field = FIELD_DE[err.field ?? ''] ?? err.field;
    const what =
      err.reason === 'too_long'
        ? `${field} ist zu lang (${n(err.length)} Zeichen); höchstens ${n(err.max)} Zeichen sind erlaubt`
        : err.reason === 'control_character'
          ? `${field} enthält Steuer- oder unsichtbare Zeichen; bitte nur Text verwenden (Zeilenumbrüche sind in Notizen und Einschränkungen erlaubt)`
          : `${field}: Erlaubt sind nur Links, die mit https:// oder http:// beginnen`;
    return `Nicht geändert: ${what}.`;
  }
  const what =
    err.reason === 'too_long'
      ? `the ${err.field} is too long (${n(err.length)} characters); at most ${n(err.max)} are allowed`
      : err.reason === 'control_character'
        ? `the ${err.field} contains control or invisible characters; please use plain text (line breaks are fine in notes and restrictions)`
        : `the ${err.field} must be a link starting with https:// or http://`;
  return `Not changed: ${what}.`;
}

export function formatEditError(err: KbEditError, toolName: string, lang: Language): string {
  const m = adminMessages(lang);
  const d = err.details;
  switch (err.reason) {
    case 'no_change':
      return m.noChange;
    case 'approved_with_restrictions':
      return m.approvedWithRestrictions(toolName, err.toolId, d.restrictions ?? []);
    case 'restricted_without_restrictions':
      return m.restrictedWithoutRestrictions(toolName, err.toolId);
    case 'restriction_on_approved':
      return m.restrictionOnApproved(toolName, err.toolId);
    case 'duplicate_restriction':
      return m.duplicateRestriction(toolName, d.restrictionId ?? '');
    case 'unknown_restriction':
      return m.unknownRestriction(toolName, d.restrictionId ?? '', d.restrictions ?? []);
    case 'last_restriction':
      return m.lastRestriction(toolName, d.restrictionId ?? '');
    case 'tool_exists':
      return m.toolExists(err.toolId);
    case 'unknown_tool':
      return m.unknownTool(err.toolId, []);
    case 'not_editable':
      return m.notEditable(d.reason ?? err.message);
    case 'review_date':
      return m.reviewDateInPast(d.date ?? '', d.today ?? '');
  }
}

export function statusChangeText(toolName: string, status: ToolStatus, lang: Language): string {
  return `${toolName} → ${statusLabel(status, lang)}`;
}

/** Entries due for review, and how to mark one reviewed (`reviewedCommand(id)`, chat or CLI form). */
export function formatDue(entries: DueEntry[], days: number, lang: Language, reviewedCommand: (toolId: string) => string): string {
  const m = adminMessages(lang);
  if (entries.length === 0) return m.noneDue(days);
  const lines = entries.map((e) => m.dueLine(e.name, e.toolId, e.reviewDue, e.daysLeft));
  return [m.dueTitle(days), ...lines, m.dueHint(reviewedCommand((entries[0] as DueEntry).toolId))].join('\n');
}
