// The knowledge base as last notified, kept in storage, so that a hand edit made while the bot was
// down is still announced at the next start: compare the stored snapshot with the loaded base.
import type { KnowledgeBase, VocabularyItem } from '../kb/model.js';
import type { ToolEntry } from '../kb/schema.js';
import type { Storage } from '../storage/index.js';
import { diffKnowledgeBases, type ChangeMeta, type ToolChange } from './diff.js';

interface Snapshot {
  version: string;
  organization: KnowledgeBase['organization'];
  contexts: VocabularyItem[];
  tools: ToolEntry[];
}

const KEY = 'last-notified';
/** The kv namespace of the snapshot; another `name` keeps a separate one (the cluster's). */
const DEFAULT_NAME = 'kb-snapshot';

/** Stores `kb` as the base every later change is compared with (call after enqueueing its changes). */
export async function rememberKnowledgeBase(storage: Storage, kb: KnowledgeBase, name = DEFAULT_NAME): Promise<void> {
  const snapshot: Snapshot = {
    version: kb.version,
    organization: kb.organization,
    contexts: [...kb.contexts.values()],
    tools: [...kb.tools.values()],
  };
  await storage.kv<Snapshot>(name).set(KEY, snapshot);
}

/**
 * The changes between the stored snapshot and `kb`; none when nothing is stored yet (first start)
 * or the version is the same. `meta.by` is usually `file`: who edited the files is not known.
 */
export async function changesSinceSnapshot(storage: Storage, kb: KnowledgeBase, meta: ChangeMeta, name = DEFAULT_NAME): Promise<ToolChange[]> {
  const old = await rememberedKnowledgeBase(storage, kb, name);
  if (!old || old.version === kb.version) return [];
  return diffKnowledgeBases(old, kb, meta);
}

/** The stored snapshot as a knowledge base (categories taken from `kb`), or undefined when none is stored. */
export async function rememberedKnowledgeBase(storage: Storage, kb: KnowledgeBase, name = DEFAULT_NAME): Promise<KnowledgeBase | undefined> {
  const snapshot = await storage.kv<Snapshot>(name).get(KEY);
  if (!snapshot) return undefined;
  return {
    dir: kb.dir,
    organization: snapshot.organization,
    contexts: new Map(snapshot.contexts.map((c) => [c.id, c])),
    categories: kb.categories,
    tools: new Map(snapshot.tools.map((t) => [t.id, t])),
    version: snapshot.version,
  };
}
