// Every error the bot raises on purpose, in one place. Each carries a stable `code` (listed in
// ERROR_CODES, documented in docs/errors.md) and a `hint`: what a person does about it. Callers
// recognise a failure by class or by code, never by the shape of an object. The chat adapters turn
// their SDKs' failures into these classes where they call the SDK (adapters/*/errors.ts), so the
// core never needs to know an SDK's errors.
import type { AdminCommandKind } from './model/admin-command.js';
import { formatIssue, type KbIssue } from './model/file-issue.js';
import type { ToolStatus } from './model/status.js';
import type { SheetIssueReason } from './model/sheet-issue.js';

/** Every code, with its default hint. A code is part of the interface: never rename one. */
export const ERROR_CODES = {
  CONFIG_INVALID: 'Fix the named environment variable (or its line in .env) as the message says; docs/deployment.md lists every variable.',
  STORAGE_UNAVAILABLE:
    'Check that the store named by STORAGE_URL is running and reachable from this host (for SQLite: that its folder is writable). Requests that need it fail until it answers again.',
  KB_INVALID: 'Fix the knowledge files at the file and line given (docs/knowledge-format.md), then run `compliance-bot kb validate`.',
  KB_EDIT_REFUSED: 'The change contradicts the tool entry as it stands (the message says how); change the command and send it again.',
  KB_FILE_UNEDITABLE: 'The tool file could not be edited in place: fix its YAML by hand (`compliance-bot kb validate` shows where), then repeat the change.',
  LEXICON_INVALID:
    'A data file shipped with the bot (lexicon/…) is malformed or missing: fix it at the file and line given (its header describes the format, see docs/vocabulary.md) or reinstall the package.',
  ADMIN_COMMAND_INVALID: 'Correct the admin command; the usage line in the message (or `admin help`) shows its form.',
  USAGE_INPUT_INVALID: 'A feedback request carried values that cannot be counted (a forged or outdated button); nothing to fix on the server.',
  DELIVERY_FAILED: 'Transient: the notification is tried again with back-off. If it keeps failing, check the network and the platform\'s status page.',
  DELIVERY_PERMANENT:
    'Trying again cannot help (channel deleted, bot removed, no adapter for the platform): the notification went to the dead letters. Add the bot back or remove the subscription.',
  DELIVERY_RATE_LIMITED: 'The platform asked us to wait: deliveries to it pause for the time it named and resume by themselves. Nothing to do unless it persists.',
  NOTIFY_SECOND_INSTANCE: 'Stop the other instance, give this one its own store, or use Redis (STORAGE_URL=redis://…) to run several instances.',
  CLUSTER_LOCK_TIMEOUT: 'Another instance held the cluster lock too long; the step is retried. If it persists, look for a hung instance or a slow Redis.',
  ADAPTER_CONFIG_INVALID: 'Set the chat adapter\'s variables as docs/slack-setup.md or docs/teams-setup.md describe.',
  ADAPTER_START_FAILED: 'Check the adapter\'s token (SLACK_BOT_TOKEN, SLACK_APP_TOKEN) and that the platform is reachable from this host, then start again.',
  SHEET_INVALID:
    'The spreadsheet was not imported and nothing was written: fix the cells named by row and column (docs/spreadsheets.md describes each column), then import it again.',
  TEAMS_PACKAGE_INVALID: 'Pass the option the message names (`compliance-bot teams package --help` lists them).',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The base of every error above: a stable code and what to do about it. */
export abstract class CodedError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions & { hint?: string }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.hint = options?.hint ?? ERROR_CODES[code];
  }
}

/** True when `err` is one of ours with `code`. */
export function hasCode(err: unknown, code: ErrorCode): err is CodedError {
  return err instanceof CodedError && err.code === code;
}

// ---------------------------------------------------------------------------------------------
// Configuration

export interface ConfigIssue {
  /** The variable (or setting) to fix, e.g. `STORAGE_URL`. */
  variable: string;
  /** What is wrong with its value and what is expected. */
  message: string;
}

/** The configuration is missing a value or has a malformed one; `issues` lists every problem, not only the first. */
export class ConfigError extends CodedError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: ConfigIssue | readonly ConfigIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly ConfigIssue[]) : [issues as ConfigIssue];
    const lines = list.map((i) => `  ${i.variable}: ${i.message}`);
    super('CONFIG_INVALID', `Invalid configuration (${list.length} problem${list.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.issues = list;
  }
  /** The first variable to fix. */
  get variable(): string {
    return this.issues[0]?.variable ?? '';
  }
}

// ---------------------------------------------------------------------------------------------
// Storage

/** The store (Redis, PostgreSQL, the SQLite file) could not be reached or answered with an error. */
export class StorageUnavailableError extends CodedError {
  /** Which backend: `sqlite`, `redis` or `postgres`. */
  readonly backend: string;
  /** The operation that failed, e.g. `get subscriptions`. */
  readonly operation: string;
  constructor(backend: string, operation: string, cause?: unknown) {
    const why = cause instanceof Error ? cause.message : cause !== undefined ? String(cause) : 'no answer';
    super('STORAGE_UNAVAILABLE', `Storage (${backend}) is unavailable: ${operation} failed: ${why}`, { cause });
    this.backend = backend;
    this.operation = operation;
  }
}

// ---------------------------------------------------------------------------------------------
// Knowledge base and shipped data files

/** The knowledge folder could not be loaded; `issues` lists every problem found, not only the first. */
export class KnowledgeBaseError extends CodedError {
  readonly dir: string;
  readonly issues: KbIssue[];
  constructor(dir: string, issues: KbIssue[]) {
    const head = `The knowledge base in ${dir} has ${issues.length} error${issues.length === 1 ? '' : 's'}`;
    super('KB_INVALID', `${head}:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.dir = dir;
    this.issues = issues;
  }
}

export type KbEditRefusal =
  | 'unknown_tool'
  | 'tool_exists'
  | 'no_change'
  | 'approved_with_restrictions'
  | 'restricted_without_restrictions'
  | 'restriction_on_approved'
  | 'duplicate_restriction'
  | 'unknown_restriction'
  | 'last_restriction'
  | 'not_editable'
  | 'review_date'
  | 'unknown_context';

export interface KbEditErrorDetails {
  status?: ToolStatus;
  restrictionId?: string;
  /** Ids of the tool's restrictions, where they explain the refusal. */
  restrictions?: string[];
  reason?: string;
  /** For `review_date`: the date given and today. */
  date?: string;
  today?: string;
  /** For `unknown_context`: the context ids the knowledge base has. */
  contexts?: string[];
}

/** One problem of a spreadsheet import: where (row as the sheet numbers it, column), the cell, and why. */
export interface SheetIssue {
  row: number | null;
  column: string | null;
  value: string | null;
  reason: SheetIssueReason;
  /** What would be accepted (or, for `refused`, the reason in the reader's language). */
  expected?: string;
}

/** A spreadsheet that `kb import` refuses as a whole: every problem found, nothing written. */
export class SheetImportError extends CodedError {
  readonly issues: SheetIssue[];
  constructor(issues: SheetIssue[]) {
    const lines = issues.map((i) => `  row ${i.row ?? '-'}, column ${i.column ?? '-'}: ${i.reason}${i.value !== null ? ` "${i.value}"` : ''}`);
    super('SHEET_INVALID', `the spreadsheet has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was written:\n${lines.join('\n')}`);
    this.issues = issues;
  }
}

/** A knowledge-base change refused before validation; `reason` says which rule, `details` what a person needs to do it right. */
export class KbEditError extends CodedError {
  readonly reason: KbEditRefusal;
  readonly toolId: string;
  readonly details: KbEditErrorDetails;
  constructor(reason: KbEditRefusal, toolId: string, message: string, details: KbEditErrorDetails = {}) {
    super('KB_EDIT_REFUSED', message);
    this.reason = reason;
    this.toolId = toolId;
    this.details = details;
  }
}

/** A tool file that cannot be edited in place (not valid YAML, not a map where one is needed). */
export class YamlEditError extends CodedError {
  constructor(message: string) {
    super('KB_FILE_UNEDITABLE', message);
  }
}

/**
 * A data file shipped with the bot (lexicon/*.yaml: vocabulary, topics, cues, age rules, chat
 * phrases …) is missing or malformed: a packaging or editing mistake, not a knowledge-base one.
 * `issues` name the file and, where known, the line.
 */
export class LexiconError extends CodedError {
  /** Path relative to the package root, e.g. `lexicon/topics.yaml`. */
  readonly file: string;
  readonly issues: readonly KbIssue[];
  constructor(file: string, problem: string | readonly KbIssue[]) {
    const issues = typeof problem === 'string' ? [{ file, path: [], message: problem }] : problem;
    const lines = issues.map((i) => formatIssue(i));
    super('LEXICON_INVALID', issues.length === 1 ? (lines[0] as string) : `${file} has ${issues.length} errors:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    this.file = file;
    this.issues = issues;
  }
  /** 1-based line of the first problem, when it could be located. */
  get line(): number | undefined {
    return this.issues[0]?.line;
  }
}

// ---------------------------------------------------------------------------------------------
// Admin commands and usage input

export type AdminCommandRefusal = 'empty' | 'unknown_command' | 'missing' | 'invalid' | 'too_long' | 'control_character' | 'url_scheme';

/**
 * The text could not be read as an admin command; says what was expected and gives the usage line.
 * Built by src/admin/parse.ts's commandError(), which knows the usage lines.
 */
export class AdminCommandError extends CodedError {
  readonly reason: AdminCommandRefusal;
  /** The command the text was read as, when known (selected the usage line). */
  readonly command: AdminCommandKind | undefined;
  /** What was missing or wrong, e.g. `status`, `tool`, `restriction id`. */
  readonly field: string | undefined;
  readonly got: string | undefined;
  /** The values or form that would have been accepted. */
  readonly expected: string;
  readonly usage: string;
  /** For `too_long`: the limit and the length given. */
  readonly max: number | undefined;
  readonly length: number | undefined;
  constructor(init: { reason: AdminCommandRefusal; command?: AdminCommandKind; field?: string; got?: string; expected: string; usage: string; max?: number; length?: number }) {
    const what =
      init.reason === 'empty'
        ? 'no admin command given'
        : init.reason === 'unknown_command'
          ? `unknown admin command "${clip(init.got)}"`
          : init.reason === 'missing'
            ? `missing ${init.field}`
            : init.reason === 'too_long'
              ? `${init.field} too long (${init.length} characters, at most ${init.max})`
              : init.reason === 'control_character'
                ? `${init.field} contains a control or invisible character`
                : init.reason === 'url_scheme'
                  ? `${init.field} is not an https: or http: link`
                  : `invalid ${init.field} "${clip(init.got)}"`;
    super('ADMIN_COMMAND_INVALID', `${what}: expected ${init.expected}. Usage: ${init.usage}`);
    this.reason = init.reason;
    this.command = init.command;
    this.field = init.field;
    this.got = init.got;
    this.expected = init.expected;
    this.usage = init.usage;
    this.max = init.max;
    this.length = init.length;
  }
}

function clip(text: string | undefined): string {
  const chars = [...(text ?? '')];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : chars.join('');
}

/** Feedback that cannot be counted (bad tool ids, unknown verdict): a forged or broken button value. */
export class UsageInputError extends CodedError {
  readonly field: string;
  constructor(field: string, message: string) {
    super('USAGE_INPUT_INVALID', `${field}: ${message}`);
    this.field = field;
  }
}

// ---------------------------------------------------------------------------------------------
// Notification delivery. An adapter's notify() throws one of these three; the delivery pipeline
// (and the cluster's queues) decide by class: pause the platform, dead-letter, or retry.

export interface DeliveryDetails {
  /** The platform call that failed, e.g. `chat.postMessage`. */
  operation?: string;
  /** The platform's HTTP status, when it answered. */
  status?: number;
  /** The platform's own error code, e.g. Slack's `channel_not_found`. */
  platformError?: string;
  cause?: unknown;
}

/** A delivery failed in a way that trying again later may fix (network, 5xx). */
export class DeliveryError extends CodedError {
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly platformError: string | undefined;
  constructor(message: string, details: DeliveryDetails = {}, code: 'DELIVERY_FAILED' | 'DELIVERY_PERMANENT' | 'DELIVERY_RATE_LIMITED' = 'DELIVERY_FAILED') {
    super(code, message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.operation = details.operation;
    this.status = details.status;
    this.platformError = details.platformError;
  }
}

/** Retrying cannot help (channel deleted, bot removed from the team): the item goes to the dead letters at once. */
export class PermanentDeliveryError extends DeliveryError {
  constructor(message: string, details: DeliveryDetails = {}) {
    super(message, details, 'DELIVERY_PERMANENT');
  }
}

/** The platform asked us to wait (HTTP 429 with Retry-After): the whole platform is paused that long. */
export class RetryAfterError extends DeliveryError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = `rate limited: retry after ${retryAfterSeconds} s`, details: DeliveryDetails = {}) {
    super(message, details, 'DELIVERY_RATE_LIMITED');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A second instance on a single-instance store. */
export class InstanceLeaseError extends CodedError {
  constructor(
    readonly holder: { host: string; pid: number },
    /** The store's name as a person knows it, e.g. `SQLite`. */
    backend: string,
  ) {
    super(
      'NOTIFY_SECOND_INSTANCE',
      `another compliance-bot instance (host ${holder.host}, pid ${holder.pid}) already delivers notifications from this ${backend} store. ` +
        `A ${backend} store serves one instance: stop the other one, give this one its own store, or use Redis (STORAGE_URL=redis://…) to run several instances.`,
    );
  }
}

/** The cluster lock was held by another instance for longer than we were willing to wait. */
export class ClusterLockTimeoutError extends CodedError {
  readonly key: string;
  constructor(key: string, waitedMs: number) {
    super('CLUSTER_LOCK_TIMEOUT', `the cluster lock ${key} was held by another instance for more than ${waitedMs} ms`);
    this.key = key;
  }
}

// ---------------------------------------------------------------------------------------------
// Chat adapters (their SDK failures are translated in adapters/*/errors.ts)

export type AdapterPlatform = 'slack' | 'teams';

/** A chat adapter was configured in a way that cannot work (missing secret, app type without tenant …). */
export class AdapterConfigError extends CodedError {
  constructor(
    readonly platform: AdapterPlatform,
    message: string,
  ) {
    super('ADAPTER_CONFIG_INVALID', message);
  }
}

/** An adapter could not connect at start (wrong token, platform unreachable). */
export class AdapterStartError extends CodedError {
  constructor(
    readonly platform: AdapterPlatform,
    message: string,
    /** The platform's error code, e.g. Slack's `invalid_auth`, when it answered. */
    readonly platformError?: string,
    options?: ErrorOptions,
  ) {
    super('ADAPTER_START_FAILED', message, options);
  }
}
