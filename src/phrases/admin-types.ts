// The admin section of the phrase book: replies to admin commands (chat and CLI), their history
// lines and refusals, and how each surface names its commands (`admin …` in chat, `compliance-bot
// kb …` in the shell). Command words stay English in both languages: they are what an admin types;
// placeholders and values an admin may type in German (status words, `seite`) are German in German.
import type { LooseningKind, TypedCommandKind } from '../model/admin-command.js';

/** How one surface names its admin commands, with placeholders in the reader's language. */
export interface AdminCommandNames {
  /** One usage line per command, as typed on this surface (`help`: where the list of commands is). */
  usage: Record<TypedCommandKind, string>;
  /** Set a tool to pending (the way out of "approved" or "restricted"). */
  statusPending: (tool: string) => string;
  restrictionAdd: (tool: string) => string;
  restrictionRemove: (tool: string) => string;
  approve: (id: string) => string;
  proposals: string;
  history: (tool: string, page: number) => string;
  refused: (page: number) => string;
  reviewed: (tool: string) => string;
}

/** The fields a parse or validation error names (the parser's field names). */
export type AdminField =
  | 'tool'
  | 'tool id'
  | 'status'
  | 'restriction id'
  | 'restriction text'
  | 'restriction action'
  | 'forbid list'
  | 'category'
  | 'name'
  | 'note'
  | 'source title'
  | 'source link'
  | 'proposal id'
  | 'step'
  | 'state'
  | 'argument'
  | 'date'
  | 'days'
  | 'page'
  | 'context action'
  | 'context'
  | 'word'
  | 'language';

/** What a parse error says would have been accepted. */
export type AdminExpected =
  | 'command'
  | 'tool'
  | 'id'
  | 'newId'
  | 'status'
  | 'step'
  | 'state'
  | 'restrictionAction'
  | 'restrictionText'
  | 'forbidList'
  | 'category'
  | 'name'
  | 'nothingAfter'
  | 'page'
  | 'days'
  | 'date'
  | 'proposalId'
  | 'contextAction'
  | 'context'
  | 'word'
  | 'language';

export interface AdminPhrases {
  chat: AdminCommandNames;
  cli: AdminCommandNames;
  notAdmin: string;
  notSetUp: string;
  notUnderstood: (what: string, expected: string, usage: string) => string;
  /** Parts of `notUnderstood`'s `what`. */
  noCommand: string;
  unknownCommand: (got: string) => string;
  missing: (field: string) => string;
  invalid: (field: string, got: string) => string;
  field: Record<AdminField, string>;
  expected: Record<AdminExpected, string>;
  /** Validation: `notChanged(tooLong(…))`. */
  notChanged: (what: string) => string;
  tooLong: (field: string, length: string, max: string) => string;
  controlCharacter: (field: string) => string;
  urlScheme: (field: string) => string;
  unknownTool: (ref: string, suggestions: string, addUsage: string) => string;
  didYouMean: (names: string) => string;
  kbBroken: string;
  reloadFailed: string;
  moreIssues: (n: number) => string;
  invalidChange: string;
  noChange: string;
  /** `context add`: the word is now a synonym of the context (label, id) in `language` (its name). */
  contextAdded: (word: string, context: string, id: string, language: string) => string;
  /** `context add` for a word the context already has. */
  synonymExists: (word: string, context: string) => string;
  unknownContext: (id: string, ids: string) => string;
  approvedWithRestrictions: (tool: string, ids: string, removeCommand: string, pendingCommand: string) => string;
  restrictedWithoutRestrictions: (tool: string, addCommand: string) => string;
  restrictionOnApproved: (tool: string, pendingCommand: string) => string;
  duplicateRestriction: (tool: string, id: string) => string;
  unknownRestriction: (tool: string, id: string, ids: string) => string;
  lastRestriction: (tool: string, id: string) => string;
  toolExists: (id: string) => string;
  notEditable: (reason: string) => string;
  statusChanged: (tool: string, from: string, to: string) => string;
  /** After a status change: a decision is a review, and the next one falls on this date. */
  nextReview: (date: string) => string;
  summaryOutdated: (phrase: string) => string;
  restrictionAdded: (tool: string, id: string) => string;
  restrictionRemoved: (tool: string, id: string) => string;
  stepChanged: (tool: string, step: string, state: string) => string;
  toolAdded: (tool: string, id: string, status: string) => string;
  reviewed: (tool: string, next: string) => string;
  reviewDateInPast: (next: string, today: string) => string;
  dueTitle: (days: number) => string;
  noneDue: (days: number) => string;
  overdue: (date: string, days: number) => string;
  dueToday: (date: string) => string;
  dueOn: (date: string, days: number) => string;
  dueHint: (command: string) => string;
  reminderTitle: string;
  recorded: string;
  auditFailed: string;
  /** The change is saved; its audit record waits for the store and is written when it answers. */
  auditKept: string;
  proposed: (id: string, change: string, hours: number, approveCommand: string) => string;
  proposalMissing: (id: string, proposalsCommand: string) => string;
  proposalExpired: (id: string) => string;
  ownProposal: (id: string) => string;
  approvedProposal: (id: string, by: string) => string;
  proposalsTitle: string;
  noProposals: string;
  proposalLine: (id: string, change: string, by: string, expires: string) => string;
  historyTitle: (tool: string) => string;
  refusedTitle: (days: number) => string;
  noRefused: (days: number) => string;
  noHistory: (tool: string) => string;
  historyPage: (page: number, pages: number) => string;
  historyMore: (command: string) => string;
  helpTitle: string;
  helpFourEyes: string;
  /** Why a change waits for a second admin: the list of what it loosens. */
  loosens: (what: string) => string;
  /** One loosening part of a change, by kind; `detail` is the restriction, context, alias, step or status. */
  loosening: Record<LooseningKind, (tool: string, detail: string) => string>;
  /** The private message to admins when a hand edit of the folder loosened a rule. */
  handEditLoosened: (what: string) => string;
  storageUnavailable: string;
  failed: string;
  /** History line parts. */
  hStatus: (from: string, to: string) => string;
  hRestrictionAdded: (id: string, contexts: string) => string;
  hRestrictionRemoved: (id: string) => string;
  hStep: (step: string, from: string, to: string) => string;
  hToolAdded: (status: string) => string;
  hContextAdded: (word: string, context: string) => string;
  /** The languages a synonym is filed under, by name. */
  languageNames: { de: string; en: string };
  hHandEdit: string;
  hProposal: (change: string) => string;
  hApprove: (id: string) => string;
  hRefused: (command: string) => string;
  hReview: (from: string, to: string) => string;
  /** History: a spreadsheet row changed these fields. */
  hImport: (fields: string) => string;
  /** Reply: a spreadsheet row changed these fields of a tool. */
  imported: (toolName: string, fields: string) => string;
  note: string;
  source: string;
  forbidden: string;
  none: string;
}
