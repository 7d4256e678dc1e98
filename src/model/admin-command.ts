// The admin commands by name (src/admin/parse.ts reads them; the phrase book has a usage line for each).
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
  'help',
] as const;
export type AdminCommandKind = (typeof ADMIN_COMMAND_KINDS)[number];
