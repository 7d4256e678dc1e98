// Limits on what an admin may write into the knowledge base, checked on every command from chat and
// the CLI before anything is resolved or written: ids of at most 64 characters (new ids only
// lower-case letters, digits and "-", as they become file names), names and tool references of at
// most 100, restriction texts and notes of at most 2,000, source titles of at most 300; no control
// or invisible characters (line breaks and tabs are allowed in a note or restriction text); source
// links only https: or http:. A violation is an AdminCommandError, which the service turns into a
// message in the admin's language.
import { isIsoDate } from '../kb/schema.js';
import { commandError, SYNONYM, SYNONYM_EXPECTED, type AdminCommand } from './parse.js';
import { type AdminCommandKind } from '../model/admin-command.js';

export const LIMITS = { id: 64, name: 100, text: 2_000, title: 300, url: 2_000 } as const;

/** A new id (tool file name, restriction id). */
const NEW_ID = /^[a-z0-9][a-z0-9-]*$/;
const NEW_ID_EXPECTED = 'lower-case letters, digits and "-"';
/** An existing id (context, category, restriction to remove): the knowledge format's id form. */
const ID = /^[a-z0-9][a-z0-9_.-]*$/;
const ID_EXPECTED = 'lower-case letters, digits, "-", "_" or "."';

// C0 and C1 controls and DEL, bidirectional overrides and isolates, zero-width space and BOM.
const FORBIDDEN_ANYWHERE = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const FORBIDDEN_IN_TEXT = /[^\P{Cc}\n\r\t]|[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

interface Field {
  command: AdminCommandKind;
  field: string;
}

function checkChars(value: string, where: Field, multiline: boolean): void {
  const bad = multiline ? FORBIDDEN_IN_TEXT : FORBIDDEN_ANYWHERE;
  if (bad.test(value) || LONE_SURROGATE.test(value)) {
    throw commandError({
      reason: 'control_character',
      ...where,
      expected: multiline ? 'plain text (line breaks are fine)' : 'plain text on one line',
    });
  }
}

function checkLength(value: string, max: number, where: Field, expected: string): void {
  const length = [...value].length;
  if (length > max) throw commandError({ reason: 'too_long', ...where, max, length, expected });
}

function checkId(value: string, where: Field, isNew: boolean): void {
  checkLength(value, LIMITS.id, where, `at most ${LIMITS.id} characters`);
  checkChars(value, where, false);
  const [pattern, expected] = isNew ? [NEW_ID, NEW_ID_EXPECTED] : [ID, ID_EXPECTED];
  if (!pattern.test(value)) throw commandError({ reason: 'invalid', ...where, got: value, expected });
}

function checkLine(value: string, max: number, where: Field): void {
  checkLength(value, max, where, `at most ${max} characters`);
  checkChars(value, where, false);
}

function checkText(value: string, where: Field): void {
  checkLength(value, LIMITS.text, where, `at most ${LIMITS.text} characters`);
  checkChars(value, where, true);
}

/** Only https: and http: links: anything else (javascript:, data:, file:) would be a link in Slack and Teams. */
function checkUrl(value: string, where: Field): void {
  checkLine(value, LIMITS.url, where);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw commandError({ reason: 'url_scheme', ...where, expected: 'a link starting with https:// or http://' });
  }
}

/** Every text inside a spreadsheet cell's value: the limits and characters of a note. */
function checkValueTexts(value: unknown, where: Field): void {
  if (typeof value === 'string') checkText(value, where);
  else if (Array.isArray(value)) for (const v of value) checkValueTexts(v, where);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) checkValueTexts(v, where);
}

/** Throws AdminCommandError when a command exceeds a limit or carries characters it must not. */
export function validateAdminCommand(cmd: AdminCommand): void {
  const command = cmd.kind;
  const at = (field: string): Field => ({ command, field });
  if ('tool' in cmd) checkLine(cmd.tool, LIMITS.name, at('tool'));
  switch (cmd.kind) {
    case 'status':
      if (cmd.note !== undefined) checkText(cmd.note, at('note'));
      if (cmd.source) {
        checkLine(cmd.source.title, LIMITS.title, at('source title'));
        if (cmd.source.url !== undefined) checkUrl(cmd.source.url, at('source link'));
      }
      return;
    case 'restriction_add':
      checkId(cmd.restrictionId, at('restriction id'), true);
      for (const c of cmd.forbiddenContexts) checkId(c, at('forbid list'), false);
      checkText(cmd.text, at('restriction text'));
      return;
    case 'restriction_remove':
      checkId(cmd.restrictionId, at('restriction id'), false);
      return;
    case 'step':
      if (cmd.note !== undefined) checkText(cmd.note, at('note'));
      return;
    case 'add':
      checkId(cmd.toolId, at('tool id'), true);
      checkId(cmd.category, at('category'), false);
      checkLine(cmd.name, LIMITS.name, at('name'));
      return;
    case 'approve':
      checkId(cmd.id, at('proposal id'), false);
      return;
    case 'context_add':
      checkId(cmd.context, at('context'), false);
      checkLine(cmd.word, LIMITS.name, at('word'));
      // The CLI builds the command from its options, without the parser's check.
      if (!SYNONYM.test(cmd.word.trim())) throw commandError({ reason: 'invalid', ...at('word'), got: cmd.word, expected: SYNONYM_EXPECTED });
      if (cmd.language !== undefined && cmd.language !== 'de' && cmd.language !== 'en') throw commandError({ reason: 'invalid', ...at('language'), got: String(cmd.language), expected: 'de or en' });
      return;
    case 'import':
      checkText(cmd.note, at('note'));
      for (const e of cmd.set) checkValueTexts(e.value, at(e.path.join('.')));
      return;
    case 'import_add':
      checkId(cmd.toolId, at('tool id'), true);
      checkId(cmd.category, at('category'), false);
      checkLine(cmd.name, LIMITS.name, at('name'));
      checkText(cmd.note, at('note'));
      for (const [field, value] of Object.entries(cmd.fields)) checkValueTexts(value, at(field));
      return;
    case 'reviewed':
      if (cmd.next !== undefined && !isIsoDate(cmd.next)) throw commandError({ reason: 'invalid', ...at('date'), got: cmd.next, expected: 'a date written YYYY-MM-DD' });
      return;
    default:
      return;
  }
}
