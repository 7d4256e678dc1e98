// Audit entries for a hand edit of the knowledge folder (found by the watcher): one entry per tool
// whose entry changed, was added or was removed, with actor `file`, so `history` shows hand edits too.
// The entries belong to the knowledge base of `next` (its folder's identity).
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AuditEntry } from '../model/audit.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import { knowledgeBaseIdentity } from './kb-identity.js';

function summary(tool: ToolEntry | undefined): { status: string; restrictions: string[] } | null {
  return tool ? { status: tool.status, restrictions: tool.restrictions.map((r) => r.id) } : null;
}

// `updated` alone moving is not a change worth an entry; everything else is.
function comparable(tool: ToolEntry | undefined): unknown {
  if (!tool) return undefined;
  const { updated: _updated, ...rest } = tool;
  return rest;
}

export function handEditEntries(previous: KnowledgeBase | undefined, next: KnowledgeBase, at: Date = new Date()): AuditEntry[] {
  if (!previous) return [];
  const kb = knowledgeBaseIdentity(next.dir).id;
  const ids = new Set([...previous.tools.keys(), ...next.tools.keys()]);
  const entries: AuditEntry[] = [];
  for (const id of [...ids].sort()) {
    const before = previous.tools.get(id);
    const after = next.tools.get(id);
    if (isDeepStrictEqual(comparable(before), comparable(after))) continue;
    entries.push({ id: randomUUID(), kb, at: at.toISOString(), actor: 'file', action: 'hand_edit', toolId: id, before: summary(before), after: summary(after) });
  }
  return entries;
}
