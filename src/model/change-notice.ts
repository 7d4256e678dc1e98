// A change of a tool's entry that subscribers are told about: a neutral value that each adapter
// renders (like an Answer). Texts are in `language`.
import type { ToolStatus } from './status.js';
import type { Language } from './language.js';

export interface ChangeNotice {
  /** Stable id of the change (the same for every subscriber); used for dedupe. */
  id: string;
  toolId: string;
  toolName: string;
  oldStatus: ToolStatus | null;
  newStatus: ToolStatus;
  /** What changed, one line each (status, restrictions added or removed ...). */
  changes: string[];
  /** Who made the change ("hand edit" for a file change). */
  by: string;
  /** ISO timestamp. */
  at: string;
  source?: { title: string; url?: string; date?: string };
  language: Language;
  /** A request for an assessment was declined: no status, the first line of `changes` gives the reason. */
  requestDeclined?: boolean;
}
