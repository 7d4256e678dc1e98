// `due`: the entries whose review date has passed or falls within the next days, and how the
// reader's surface marks one reviewed.
import { todayIso } from '../kb/edit.js';
import { dueEntries } from '../review/due.js';
import { isReply, type AdminContext, type Reader } from './context.js';
import { formatDue } from '../review/due.js';
import type { AdminReply } from './types.js';

export function createDueList({ options, now, currentKb }: AdminContext): { due(days: number, reader: Reader): Promise<AdminReply> } {
  /** Entries whose review date has passed or falls within `days` days, from the base in memory when there is one. */
  async function due(days: number, { lang, names }: Reader): Promise<AdminReply> {
    const kb = options.knowledgeBase?.() ?? (await currentKb(lang));
    if (isReply(kb)) return kb;
    return { ok: true, text: formatDue(dueEntries(kb, todayIso(now()), days), days, lang, names.reviewed) };
  }

  return { due };
}
