// Reading the audit log: a tool's history (also of a tool no longer in the catalogue, under the id
// as typed; a broken folder does not hide it) and the refused attempts of non-admins, in pages.
import { DEFAULT_HISTORY_LIMIT } from '../model/audit.js';
import type { KnowledgeBase } from '../kb/model.js';
import { resolveTool, suggestTools } from '../kb/resolve.js';
import { DEFAULT_REFUSED_RETENTION_MS } from './authorisation.js';
import type { AdminContext, Reader } from './context.js';
import { formatHistory, formatRefused, formatUnknownTool } from './format.js';
import type { AdminReply } from './types.js';

export interface HistoryReading {
  history(ref: string, page: number, reader: Reader): Promise<AdminReply>;
  refusedAttempts(page: number, reader: Reader): Promise<AdminReply>;
}

export function createHistoryReading({ options, kbId, loadKb }: AdminContext): HistoryReading {
  async function history(ref: string, page: number, { lang, names }: Reader): Promise<AdminReply> {
    const loaded = options.knowledgeBase?.();
    let tool = loaded ? resolveTool(loaded, ref) : undefined;
    let kb: KnowledgeBase | undefined = loaded;
    if (!tool) {
      try {
        kb = await loadKb();
      } catch {
        kb = undefined; // a broken folder must not hide the history: fall back to the id as typed
      }
      tool = kb ? resolveTool(kb, ref) : undefined;
    }
    // A tool removed from the catalog still has its history, under the id as typed.
    const toolId = tool?.id ?? ref.trim().toLowerCase();
    const found = await options.audit.history({ kb: kbId, toolId, limit: DEFAULT_HISTORY_LIMIT, page });
    if (!tool && found.entries.length === 0 && kb) return { ok: false, text: formatUnknownTool(ref, suggestTools(kb, ref), lang, names) };
    const id = tool?.id ?? toolId;
    return { ok: true, text: formatHistory(found, tool?.name ?? toolId, lang, (n) => names.history(id, n)) };
  }

  /** The refused attempts of non-admins, newest first. */
  async function refusedAttempts(page: number, { lang, names }: Reader): Promise<AdminReply> {
    const found = await options.audit.history({ kb: kbId, toolId: null, limit: DEFAULT_HISTORY_LIMIT, page });
    const days = Math.round((options.refusedRetentionMs ?? DEFAULT_REFUSED_RETENTION_MS) / 86_400_000);
    return { ok: true, text: formatRefused(found, days, lang, names.refused) };
  }

  return { history, refusedAttempts };
}
