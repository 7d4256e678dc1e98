// What a change notification shows, for every surface: title, status change, what changed, who
// and when, the source. Slack and Teams render it; the words come from the phrase book.
import type { ToolVerdict } from '../model/answer.js';
import type { ChangeNotice } from '../model/change-notice.js';
import type { ToolStatus } from '../model/status.js';
import { formatDate, phrases } from '../phrases/index.js';
import { linkUrl } from '../http/safe-url.js';
import type { LayoutItem } from './types.js';

/** The verdict a status stands for, without contexts (the one map of it, for notices and reports). */
export const STATUS_VERDICT: Record<ToolStatus, ToolVerdict> = {
  approved: 'allowed',
  restricted: 'conditional',
  pending: 'pending',
  prohibited: 'not_allowed',
};

export interface NoticeLayout {
  title: string;
  statusLabel: string;
  from: string;
  to: string;
  verdict: ToolVerdict;
  changes: string[];
  /** "Geändert von X am 26.03.2021" (the date as the reader's language writes it). */
  changedBy: string;
  sourceLabel: string;
  source?: LayoutItem;
  /** The whole notice as plain text. */
  text: string;
}

export function layoutNotice(notice: ChangeNotice): NoticeLayout {
  const lang = notice.language;
  const p = phrases(lang);
  const n = p.notice;
  // A declined request has no status: "Prüfung beantragt → abgelehnt", marked as not approved.
  const declined = notice.requestDeclined === true;
  const from = declined ? p.request.notice.requested : notice.oldStatus === null ? n.newInCatalog : p.status[notice.oldStatus];
  const to = declined ? p.request.notice.declined : p.status[notice.newStatus];
  const verdict: ToolVerdict = declined ? 'not_allowed' : STATUS_VERDICT[notice.newStatus];
  const changedBy = n.changedBy(notice.by, formatDate(notice.at.slice(0, 10), lang));
  const s = notice.source;
  const source: LayoutItem | undefined = s
    ? { text: s.title, ...(linkUrl(s.url) ? { url: linkUrl(s.url) as string } : {}), ...(s.date ? { date: s.date, dateText: formatDate(s.date, lang) } : {}) }
    : undefined;
  const title = n.title(notice.toolName);
  const lines = [`🔔 ${title}`, `${n.status}: ${from} → ${p.marker[verdict]} ${to}`, ...notice.changes.map((c) => `- ${c}`), changedBy];
  if (source) lines.push(`${n.source}: ${source.text}${source.dateText ? ` (${source.dateText})` : ''}${source.url ? ` ${source.url}` : ''}`);
  return { title, statusLabel: n.status, from, to, verdict, changes: notice.changes, changedBy, sourceLabel: n.source, ...(source ? { source } : {}), text: lines.join('\n') };
}
