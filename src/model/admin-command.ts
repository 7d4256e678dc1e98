// The typed admin commands by name (src/admin/parse.ts reads them; the phrase book has a usage line for each).
export const ADMIN_COMMAND_KINDS = [
  'status',
  'restriction_add',
  'restriction_remove',
  'step',
  'add',
  'history',
  'refused',
  'proposals',
  'due',
  'reviewed',
  'approve',
  'context_add',
  'help',
] as const;
/** The commands a person types (chat `admin …`, or a `kb` subcommand of its own). */
export type TypedCommandKind = (typeof ADMIN_COMMAND_KINDS)[number];
/** Every command kind: the typed ones and a spreadsheet's rows (`kb import`, built by src/sheets/, never typed). */
export type AdminCommandKind = TypedCommandKind | 'import' | 'import_add';

/** A change that makes the knowledge base more permissive (src/admin/loosening.ts finds them; four eyes asks a second admin). */
export type LooseningKind =
  /** A new tool that is approved or restricted: a tool staff were told to ask about becomes usable. */
  | 'tool_added'
  /** A status more permissive than the one before (prohibited < pending < restricted < approved). */
  | 'status'
  | 'restriction_removed'
  /** A restriction keeps its id but forbids fewer contexts. */
  | 'forbidden_context_removed'
  /** A name or alias that is an ordinary word: questions about something else would match the tool. */
  | 'common_word_alias'
  | 'assessed_context_added'
  /** An assessment step leaves the state `concerns` (marked done, or anything else). */
  | 'concerns_lifted';
