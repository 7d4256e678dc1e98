// The admin command grammar: the words after `admin` in chat, and what the CLI's `kb` subcommands
// map to. Pure: no knowledge base here - a tool is returned as the words that name it (id, name or
// alias) and resolved later, so the parser can be tested and reused without I/O.
import type { FieldEdit, FieldPath } from '../kb/field-edit.js';
import { AdminCommandError } from '../errors.js';
import type { AdminCommandKind, TypedCommandKind } from '../model/admin-command.js';
import { ADMIN_GRAMMAR } from '../phrases/admin-en.js';
import { fold } from '../text/normalize.js';
import { lexiconData } from '../text/lexicon-file.js';
import { z } from 'zod';
import { isIsoDate } from '../kb/schema.js';
import { ASSESSMENT_STEPS, STEP_STATES, TOOL_STATUSES, type AssessmentStep, type StepState, type ToolStatus } from '../model/status.js';
import type { Language } from '../model/language.js';

export interface CommandSource {
  title: string;
  url?: string;
}

export type AdminCommand =
  | { kind: 'status'; tool: string; status: ToolStatus; note?: string; source?: CommandSource; next?: string }
  | { kind: 'restriction_add'; tool: string; restrictionId: string; forbiddenContexts: string[]; text: string }
  | { kind: 'restriction_remove'; tool: string; restrictionId: string }
  | { kind: 'step'; tool: string; step: AssessmentStep; state: StepState; note?: string }
  | { kind: 'add'; toolId: string; status: ToolStatus; category: string; name: string }
  /** A spreadsheet row for an existing tool (`kb import`): never typed, built by src/sheets/. */
  | { kind: 'import'; tool: string; set: FieldEdit[]; remove: FieldPath[]; note: string }
  /** A spreadsheet row for a new tool (`kb import`). */
  | { kind: 'import_add'; toolId: string; status: ToolStatus; category: string; name: string; fields: Record<string, unknown>; note: string }
  | { kind: 'history'; tool: string; page?: number }
  /** Refused attempts of non-admins (who, when, command word), newest first. */
  | { kind: 'refused'; page?: number }
  | { kind: 'proposals' }
  /** Entries whose review date has passed or falls within `days` days (default 30). */
  | { kind: 'due'; days?: number }
  /** The entry was reviewed: `updated` today, next review on `next` (default: a year from today). */
  | { kind: 'reviewed'; tool: string; next?: string }
  | { kind: 'approve'; id: string }
  /** Files `word` as a synonym of the context (in `language`; default: the dictionary it is from, else the admin's language). */
  | { kind: 'context_add'; context: string; word: string; language?: Language }
  | { kind: 'help' };

// The model's list of command names and the parsed commands' kinds are the same set.
type SameKinds = [AdminCommand['kind']] extends [AdminCommandKind] ? ([AdminCommandKind] extends [AdminCommand['kind']] ? true : never) : never;
const sameKinds: SameKinds = true;
void sameKinds;

/** One usage line per typed command, without the `admin ` prefix of chat: the phrase book's English grammar. */
export const USAGE: Readonly<Record<TypedCommandKind, string>> = ADMIN_GRAMMAR;

/** The AdminCommandError for `init`, with the usage line of the command it was read as (all of them when unknown). */
export function commandError(init: Omit<ConstructorParameters<typeof AdminCommandError>[0], 'usage'>): AdminCommandError {
  return new AdminCommandError({ ...init, usage: init.command !== undefined && init.command in USAGE ? USAGE[init.command as TypedCommandKind] : Object.values(USAGE).join('\n') });
}

const ID = /^[a-z0-9][a-z0-9_.-]*$/;
const ID_EXPECTED = 'lower-case letters, digits, "-", "_" or "."';

const PHRASES = z.array(z.string().min(1)).min(1);
/** lexicon/admin-words.yaml: the words for each status (all four) and step state (any) besides the ids. */
export const AdminWordsFile = z.strictObject({
  status: z.strictObject(Object.fromEntries(TOOL_STATUSES.map((s) => [s, PHRASES])) as Record<ToolStatus, typeof PHRASES>),
  step_state: z.strictObject(Object.fromEntries(STEP_STATES.map((s) => [s, PHRASES.optional()])) as Record<StepState, z.ZodOptional<typeof PHRASES>>),
});
const adminWords = lexiconData('admin-words.yaml', AdminWordsFile);

/** Folded phrase (words joined by one space) -> its value: the ids themselves and the file's words. */
function wordMap<T extends string>(ids: readonly T[], words: Partial<Record<T, readonly string[]>>): Map<string, T> {
  const map = new Map<string, T>(ids.map((id) => [id, id]));
  for (const id of ids) for (const phrase of words[id] ?? []) map.set(phrase.split(/\s+/).map(fold).join(' '), id);
  return map;
}
let statusWords: Map<string, ToolStatus> | undefined;
let stateWords: Map<string, StepState> | undefined;
const STATUS_WORDS = (): Map<string, ToolStatus> => (statusWords ??= wordMap(TOOL_STATUSES, adminWords().status));
// Step states also by their English labels with a space ("in progress"), listed in the file.
const STATE_WORDS = (): Map<string, StepState> => (stateWords ??= wordMap(STEP_STATES, adminWords().step_state));
const STATUS_EXPECTED = 'approved, restricted, pending or prohibited (or freigegeben, eingeschränkt, in prüfung, untersagt/verboten)';

const STATE_EXPECTED = STEP_STATES.join(', ');

/** A status written as a word of either language ("in Prüfung", "restricted"); undefined if none. */
export function statusFromWords(text: string): ToolStatus | undefined {
  return STATUS_WORDS().get(text.trim().split(/[\s_]+/).map(fold).join(' '));
}

/** A step state written as a word of either language ("erledigt", "in_progress"); undefined if none. */
export function stateFromWords(text: string): StepState | undefined {
  const t = text.trim();
  return STATE_WORDS().get(t) ?? STATE_WORDS().get(t.split(/[\s_]+/).map(fold).join(' '));
}

interface Word {
  /** The word without surrounding quotes. */
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

// Words separated by white space; "…", „…“ and “…” group words (Slack turns quotes into curly ones).
function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /"([^"]*)"|„([^“”"]*)[“”"]|“([^”]*)”|(\S+)/g;
  for (const m of text.matchAll(re)) {
    const quotedText = m[1] ?? m[2] ?? m[3];
    out.push({ text: quotedText ?? (m[4] as string), start: m.index, end: m.index + m[0].length, quoted: quotedText !== undefined });
  }
  return out;
}

/** Position of the first word (from `from`) that starts a known phrase of one or two words. */
function findPhrase<T>(ws: Word[], from: number, table: Map<string, T>): { index: number; length: number; value: T } | undefined {
  for (let i = from; i < ws.length; i++) {
    const w = ws[i] as Word;
    if (w.quoted) continue;
    const two = ws[i + 1];
    if (two && !two.quoted) {
      const v = table.get(`${fold(w.text)} ${fold(two.text)}`);
      if (v !== undefined) return { index: i, length: 2, value: v };
    }
    const v = table.get(fold(w.text));
    if (v !== undefined) return { index: i, length: 1, value: v };
  }
  return undefined;
}

function rest(text: string, ws: Word[], from: number): string | undefined {
  const w = ws[from];
  if (!w) return undefined;
  const r = text.slice(w.start).trim();
  return r === '' ? undefined : r;
}

function joined(ws: Word[], from: number, to: number): string {
  return ws
    .slice(from, to)
    .map((w) => w.text)
    .join(' ');
}

/** Splits a trailing `source: <title> [url]` / `quelle: …` off a text (the last such marker counts). */
export function splitSource(text: string): { before: string; source?: CommandSource } {
  let marker: RegExpExecArray | undefined;
  for (const m of text.matchAll(/(^|\s)(source|quelle)\s*:/gi)) marker = m as RegExpExecArray;
  if (!marker) return { before: text };
  const before = text.slice(0, marker.index).trim();
  let title = text.slice(marker.index + marker[0].length).trim();
  let url: string | undefined;
  // Slack sends links as <url> or <url|label>. Links of other schemes are taken as links too, so
  // that validation refuses them instead of keeping `javascript:…` as part of the title.
  const u = /\s*<?((?:https?:\/\/|(?:javascript|data|vbscript|file|blob|ftp):)[^\s>|]+)(?:\|[^>]*)?>?$/i.exec(title);
  if (u) {
    url = u[1];
    title = title.slice(0, u.index).trim();
  }
  if (title === '' && url) title = url;
  if (title === '') return { before };
  return { before, source: url ? { title, url } : { title } };
}

function needTool(ws: Word[], index: number, command: AdminCommandKind): string {
  const w = ws[index];
  if (!w || w.text.trim() === '') throw commandError({ reason: 'missing', command, field: 'tool', expected: 'a tool id, name or alias' });
  return w.text;
}

function parseStatus(text: string): AdminCommand {
  const { before, source } = splitSource(text);
  const ws = words(before);
  if (ws.length === 0) throw commandError({ reason: 'missing', command: 'status', field: 'tool', expected: 'a tool id, name or alias' });
  // The tool may be several words ("microsoft 365"): everything up to the first status word.
  // A quoted tool is exactly one word; otherwise a name of up to five words is looked for.
  const maxToolWords = (ws[0] as Word).quoted ? 1 : 5;
  const found = findPhrase(ws.slice(0, maxToolWords + 2), 1, STATUS_WORDS());
  if (!found || found.index > maxToolWords) {
    const got = ws[1]?.text;
    if (got === undefined) throw commandError({ reason: 'missing', command: 'status', field: 'status', expected: STATUS_EXPECTED });
    throw commandError({ reason: 'invalid', command: 'status', field: 'status', got, expected: STATUS_EXPECTED });
  }
  const note = rest(before, ws, found.index + found.length);
  return {
    kind: 'status',
    tool: joined(ws, 0, found.index),
    status: found.value,
    ...(note !== undefined ? { note } : {}),
    ...(source ? { source } : {}),
  };
}

function parseRestriction(text: string): AdminCommand {
  const ws = words(text);
  const sub = ws[0] ? fold(ws[0].text) : undefined;
  if (sub !== 'add' && sub !== 'remove') {
    throw commandError({
      reason: sub === undefined ? 'missing' : 'invalid',
      command: 'restriction_add',
      field: 'restriction action',
      got: ws[0]?.text,
      expected: '"add" or "remove"',
    });
  }
  const command = sub === 'add' ? 'restriction_add' : 'restriction_remove';
  const tool = needTool(ws, 1, command);
  const id = ws[2]?.text;
  if (id === undefined) throw commandError({ reason: 'missing', command, field: 'restriction id', expected: ID_EXPECTED });
  if (!ID.test(id)) throw commandError({ reason: 'invalid', command, field: 'restriction id', got: id, expected: ID_EXPECTED });
  if (command === 'restriction_remove') {
    if (ws.length > 3) throw commandError({ reason: 'invalid', command, field: 'argument', got: joined(ws, 3, ws.length), expected: 'nothing after the restriction id' });
    return { kind: 'restriction_remove', tool, restrictionId: id };
  }
  let from = 3;
  let forbiddenContexts: string[] = [];
  const forbid = ws[3] && /^(forbid|forbidden)[=:]/i.exec(ws[3].text);
  if (forbid) {
    forbiddenContexts = (ws[3] as Word).text
      .slice(forbid[0].length)
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const bad = forbiddenContexts.find((c) => !ID.test(c));
    if (forbiddenContexts.length === 0 || bad !== undefined) {
      throw commandError({ reason: 'invalid', command, field: 'forbid list', got: (ws[3] as Word).text, expected: 'forbid=<context-id>,<context-id> (ids like citizens, confidential)' });
    }
    from = 4;
  }
  const restText = rest(text, ws, from);
  if (restText === undefined) throw commandError({ reason: 'missing', command, field: 'restriction text', expected: 'the text of the restriction' });
  return { kind: 'restriction_add', tool, restrictionId: id, forbiddenContexts, text: restText };
}

function stepIdOf(word: string): AssessmentStep | undefined {
  const id = word.toLowerCase().replace(/-/g, '_');
  return (ASSESSMENT_STEPS as readonly string[]).includes(id) ? (id as AssessmentStep) : undefined;
}

function parseStep(text: string): AdminCommand {
  const ws = words(text);
  needTool(ws, 0, 'step');
  const limit = (ws[0] as Word).quoted ? 2 : ws.length;
  let stepAt = -1;
  for (let i = 1; i < limit; i++) if (!(ws[i] as Word).quoted && stepIdOf((ws[i] as Word).text)) { stepAt = i; break; }
  if (stepAt < 0) {
    const got = ws[1]?.text;
    throw commandError({ reason: got === undefined ? 'missing' : 'invalid', command: 'step', field: 'step', got, expected: ASSESSMENT_STEPS.join(', ') });
  }
  const state = findPhrase(ws.slice(0, stepAt + 3), stepAt + 1, STATE_WORDS());
  if (!state || state.index !== stepAt + 1) {
    const got = ws[stepAt + 1]?.text;
    throw commandError({ reason: got === undefined ? 'missing' : 'invalid', command: 'step', field: 'state', got, expected: STATE_EXPECTED });
  }
  const note = rest(text, ws, state.index + state.length);
  return {
    kind: 'step',
    tool: joined(ws, 0, stepAt),
    step: stepIdOf((ws[stepAt] as Word).text) as AssessmentStep,
    state: state.value,
    ...(note !== undefined ? { note } : {}),
  };
}

function parseAdd(text: string): AdminCommand {
  const ws = words(text);
  const toolId = ws[0]?.text;
  if (toolId === undefined) throw commandError({ reason: 'missing', command: 'add', field: 'tool id', expected: ID_EXPECTED });
  if (!ID.test(toolId)) throw commandError({ reason: 'invalid', command: 'add', field: 'tool id', got: toolId, expected: ID_EXPECTED });
  const status = findPhrase(ws.slice(0, 3), 1, STATUS_WORDS());
  if (!status || status.index !== 1) {
    const got = ws[1]?.text;
    throw commandError({ reason: got === undefined ? 'missing' : 'invalid', command: 'add', field: 'status', got, expected: STATUS_EXPECTED });
  }
  const at = 1 + status.length;
  const category = ws[at]?.text;
  if (category === undefined) throw commandError({ reason: 'missing', command: 'add', field: 'category', expected: 'a category id such as video-conferencing' });
  if (!ID.test(category)) throw commandError({ reason: 'invalid', command: 'add', field: 'category', got: category, expected: 'a category id such as video-conferencing' });
  const name = rest(text, ws, at + 1);
  if (name === undefined) throw commandError({ reason: 'missing', command: 'add', field: 'name', expected: 'the name of the tool' });
  return { kind: 'add', toolId, status: status.value, category, name: name.replace(/^["„“](.*)["“”]$/, '$1') };
}

/** A synonym: letters, spaces, hyphens and apostrophes, up to 60 characters ("impfschaden", "the public"). */
export const SYNONYM = /^\p{L}[\p{L}\p{M} '’-]{0,59}$/u;
export const SYNONYM_EXPECTED = 'a word or short phrase of letters (e.g. impfschaden)';

function parseContext(text: string): AdminCommand {
  const ws = words(text);
  const sub = ws[0] ? fold(ws[0].text) : undefined;
  if (sub !== 'add') {
    throw commandError({ reason: sub === undefined ? 'missing' : 'invalid', command: 'context_add', field: 'context action', got: ws[0]?.text, expected: '"add"' });
  }
  const context = ws[1]?.text;
  if (context === undefined) throw commandError({ reason: 'missing', command: 'context_add', field: 'context', expected: 'a context id such as special_categories' });
  if (!ID.test(context)) throw commandError({ reason: 'invalid', command: 'context_add', field: 'context', got: context, expected: 'a context id such as special_categories' });
  let end = ws.length;
  let language: Language | undefined;
  const last = ws[end - 1];
  const lang = last && end > 3 && !last.quoted ? /^(?:lang|sprache)[=:](\S*)$/i.exec(last.text) : null;
  if (lang) {
    const code = (lang[1] ?? '').toLowerCase();
    if (code !== 'de' && code !== 'en') throw commandError({ reason: 'invalid', command: 'context_add', field: 'language', got: last!.text, expected: 'lang=de or lang=en' });
    language = code;
    end--;
  }
  const word = joined(ws, 2, end).trim();
  if (word === '') throw commandError({ reason: 'missing', command: 'context_add', field: 'word', expected: SYNONYM_EXPECTED });
  if (!SYNONYM.test(word)) throw commandError({ reason: 'invalid', command: 'context_add', field: 'word', got: word, expected: SYNONYM_EXPECTED });
  return { kind: 'context_add', context, word, ...(language ? { language } : {}) };
}

const COMMANDS = ['status', 'restriction', 'step', 'add', 'context', 'history', 'refused', 'proposals', 'approve', 'due', 'reviewed', 'help'];
// Every first word the chat and CLI know after `admin`, aliases and `report` included.
const WORD_ALIASES: Record<string, string> = { kontext: 'context', abgewiesen: 'refused', restrictions: 'restriction', hilfe: 'help', bericht: 'report', fällig: 'due', fallig: 'due', geprüft: 'reviewed', gepruft: 'reviewed' };
const KNOWN_WORDS = new Set([...COMMANDS, 'report', ...Object.keys(WORD_ALIASES)]);

/**
 * The command word of `input` when it is one this bot knows (`status`, `history`, …), else
 * `unknown`: what a refused attempt may record without keeping any of the free text.
 */
export function commandWord(input: string): string {
  const word = /^\s*(\S+)/.exec(input)?.[1]?.toLowerCase();
  if (word === undefined || !KNOWN_WORDS.has(word)) return 'unknown';
  return WORD_ALIASES[word] ?? word;
}

/** Parses the words after `admin` (chat) or the CLI's equivalent. Throws AdminCommandError. */
export function parseAdminCommand(input: string): AdminCommand {
  const text = input.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) throw commandError({ reason: 'empty', expected: `one of: ${COMMANDS.join(', ')}` });
  const word = (m[1] as string).toLowerCase();
  const args = (m[2] as string).trim();
  switch (word) {
    case 'status':
      return parseStatus(args);
    case 'restriction':
    case 'restrictions':
      return parseRestriction(args);
    case 'step':
      return parseStep(args);
    case 'context':
    case 'kontext':
      return parseContext(args);
    case 'add':
      return parseAdd(args);
    case 'history': {
      if (args === '') throw commandError({ reason: 'missing', command: 'history', field: 'tool', expected: 'a tool id, name or alias' });
      const ws = words(args);
      // A trailing `page 2` / `seite 2` asks for older records.
      const last = ws[ws.length - 1];
      const marker = ws[ws.length - 2];
      if (ws.length >= 3 && last && marker && !marker.quoted && /^(page|seite)$/i.test(marker.text)) {
        const page = /^\d{1,6}$/.test(last.text) ? Number(last.text) : NaN;
        if (!(page >= 1)) throw commandError({ reason: 'invalid', command: 'history', field: 'page', got: last.text, expected: 'a page number (1 = the newest records)' });
        return { kind: 'history', tool: joined(ws, 0, ws.length - 2), page };
      }
      return { kind: 'history', tool: joined(ws, 0, ws.length) };
    }
    case 'proposals':
      return { kind: 'proposals' };
    case 'refused':
    case 'abgewiesen': {
      if (args === '') return { kind: 'refused' };
      const m2 = /^(?:page|seite)\s+(\d{1,6})$/i.exec(args);
      if (!m2 || Number(m2[1]) < 1) throw commandError({ reason: 'invalid', command: 'refused', field: 'page', got: args, expected: 'page <n> (1 = the newest records)' });
      return { kind: 'refused', page: Number(m2[1]) };
    }
    case 'due':
    case 'fällig':
    case 'fallig': {
      if (args === '') return { kind: 'due' };
      const days = /^\d{1,4}$/.test(args) ? Number(args) : NaN;
      if (!(days >= 0)) throw commandError({ reason: 'invalid', command: 'due', field: 'days', got: args, expected: 'a number of days, e.g. 30' });
      return { kind: 'due', days };
    }
    case 'reviewed':
    case 'geprüft':
    case 'gepruft': {
      const ws = words(args);
      if (ws.length === 0) throw commandError({ reason: 'missing', command: 'reviewed', field: 'tool', expected: 'a tool id, name or alias' });
      const last = ws[ws.length - 1] as Word;
      if (ws.length >= 2 && /^\d{4}-\d{2}-\d{2}$/.test(last.text)) {
        if (!isIsoDate(last.text)) throw commandError({ reason: 'invalid', command: 'reviewed', field: 'date', got: last.text, expected: 'a date written YYYY-MM-DD' });
        return { kind: 'reviewed', tool: joined(ws, 0, ws.length - 1), next: last.text };
      }
      return { kind: 'reviewed', tool: joined(ws, 0, ws.length) };
    }
    case 'approve': {
      const ws = words(args);
      const id = ws[0]?.text;
      if (id === undefined || ws.length > 1) {
        throw commandError({ reason: id === undefined ? 'missing' : 'invalid', command: 'approve', field: 'proposal id', got: id === undefined ? undefined : args, expected: 'the id of one proposal (see "proposals")' });
      }
      return { kind: 'approve', id: id.toLowerCase() };
    }
    case 'help':
    case 'hilfe':
      return { kind: 'help' };
    default:
      throw commandError({ reason: 'unknown_command', got: m[1], expected: `one of: ${COMMANDS.join(', ')}` });
  }
}

function quoteIfNeeded(s: string): string {
  return /\s/.test(s) ? `"${s}"` : s;
}

/** The canonical text of a command: parses back to the same command (used for four-eyes proposals). */
export function formatAdminCommand(cmd: AdminCommand): string {
  switch (cmd.kind) {
    case 'status': {
      const parts = ['status', quoteIfNeeded(cmd.tool), cmd.status];
      if (cmd.note) parts.push(cmd.note);
      if (cmd.source) parts.push(`source: ${cmd.source.title}${cmd.source.url && cmd.source.url !== cmd.source.title ? ` ${cmd.source.url}` : ''}`);
      return parts.join(' ');
    }
    case 'restriction_add': {
      const forbid = cmd.forbiddenContexts.length > 0 ? [`forbid=${cmd.forbiddenContexts.join(',')}`] : [];
      return ['restriction add', quoteIfNeeded(cmd.tool), cmd.restrictionId, ...forbid, cmd.text].join(' ');
    }
    case 'restriction_remove':
      return `restriction remove ${quoteIfNeeded(cmd.tool)} ${cmd.restrictionId}`;
    case 'step':
      return ['step', quoteIfNeeded(cmd.tool), cmd.step, cmd.state, ...(cmd.note ? [cmd.note] : [])].join(' ');
    case 'add':
      return `add ${cmd.toolId} ${cmd.status} ${cmd.category} ${cmd.name}`;
    case 'history':
      return `history ${cmd.tool}${cmd.page && cmd.page > 1 ? ` page ${cmd.page}` : ''}`;
    case 'approve':
      return `approve ${cmd.id}`;
    case 'context_add':
      return `context add ${cmd.context} ${cmd.word}${cmd.language ? ` lang=${cmd.language}` : ''}`;
    case 'due':
      return cmd.days !== undefined ? `due ${cmd.days}` : 'due';
    case 'refused':
      return cmd.page && cmd.page > 1 ? `refused page ${cmd.page}` : 'refused';
    case 'reviewed':
      return `reviewed ${quoteIfNeeded(cmd.tool)}${cmd.next ? ` ${cmd.next}` : ''}`;
    // Not typed commands: a description for the proposal list (the change itself is kept beside it).
    case 'import':
      return `import ${cmd.tool}: ${[...cmd.set.map((e) => e.path.join('.')), ...cmd.remove.map((p) => p.join('.'))].join(', ')}`;
    case 'import_add':
      return `import ${cmd.toolId}: ${cmd.name} (${cmd.status})`;
    case 'proposals':
    case 'help':
      return cmd.kind;
  }
}
