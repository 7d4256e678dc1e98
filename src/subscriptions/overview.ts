// What a personal overview (Slack's App Home) shows besides the person's subscriptions: the latest
// status changes in the catalogue and, for admins, the entries whose review is due. Taken from the
// knowledge base itself (each entry's `updated` and `review_due` dates), so it works without storage.
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolStatus } from '../model/status.js';
import type { Language } from '../model/language.js';
import type { Storage } from '../storage/index.js';

export interface CatalogueChange {
  id: string;
  name: string;
  status: ToolStatus;
  /** ISO date of the entry's last change. */
  updated: string;
}

export interface DueReview {
  id: string;
  name: string;
  /** ISO date the review was due. */
  reviewDue: string;
}

/** The `limit` most recently changed entries, newest first (ties by name). */
export function latestChanges(kb: KnowledgeBase, limit = 5): CatalogueChange[] {
  return [...kb.tools.values()]
    .map((t) => ({ id: t.id, name: t.name, status: t.status, updated: t.updated }))
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Entries whose review date is today or past, most overdue first. */
export function dueReviews(kb: KnowledgeBase, today: string, limit = 5): DueReview[] {
  const due: DueReview[] = [];
  for (const t of kb.tools.values()) {
    if (t.review_due !== undefined && t.review_due <= today) due.push({ id: t.id, name: t.name, reviewDue: t.review_due });
  }
  return due.sort((a, b) => a.reviewDue.localeCompare(b.reviewDue) || a.name.localeCompare(b.name)).slice(0, limit);
}

/**
 * Where an overview gets what only the server knows. Every part is optional: without it the
 * overview leaves that part out.
 */
export interface OverviewSource {
  /** The store, or null while it cannot be reached. Absent: subscriptions are not set up. */
  storage?: () => Storage | null;
  /** Whether `adminId` (`slack:U123`, `teams:<aad>`) is an admin. */
  isAdmin?: (adminId: string) => boolean;
  /** The first lines of the gap report (questions about tools the catalogue does not have). */
  gaps?: (lang: Language) => Promise<string[]>;
  /** The gap report's "Nicht eingeordnet: Impfschaden 3×" line, or null when no word is waiting. */
  unexplained?: (lang: Language) => Promise<string | null>;
  /** Ids of the most-asked tools, most asked first (usage counts). */
  popularTools?: () => Promise<string[]>;
}
