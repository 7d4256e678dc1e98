// Files a word as a synonym of a context in the knowledge base's contexts.yaml (issue 18: the
// vocabulary that grows from use). Like edit.ts for tools: only the lines concerned change
// (comments and layout of the rest stay), the whole knowledge base is validated with the change in
// place BEFORE writing, and the file is written atomically, under the same per-folder lock. A word
// already filed for the context is refused (no_change); an unknown context id is refused with the
// ids there are. A synonym can only widen what a context covers, so it can only tighten answers.
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { YamlTextEditor } from './yaml-splice.js';
import { KbEditError, YamlEditError } from '../errors.js';
import { withLock } from './edit.js';
import { parseKnowledgeBase, readKnowledgeFiles } from './load.js';
import { withRecordCache } from './record-cache.js';
import type { KnowledgeBase } from './model.js';
import type { Language } from '../model/language.js';

export interface ContextSynonymChange {
  kind: 'context_add';
  contextId: string;
  language: Language;
  /** The word or phrase, as it is to be written (lower case). */
  synonym: string;
}

export interface ContextEditResult {
  change: ContextSynonymChange;
  /** `contexts.yaml`, relative to the knowledge folder. */
  file: string;
  /** The context's synonyms in that language, before and after (for the audit log). */
  before: { context: string; synonyms: string[] };
  after: { context: string; synonyms: string[] };
  kb: KnowledgeBase;
  previous: KnowledgeBase | null;
  written: boolean;
  formattingPreserved: boolean;
}

const FILE = 'contexts.yaml';
const VOCAB_KEY_ORDER = ['id', 'label', 'synonyms'] as const;

/** The word as a synonym is written: trimmed, one space between words, lower case. */
export function normalizeSynonym(word: string): string {
  return word.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');
}

type RawEntry = { id?: unknown; synonyms?: Record<string, unknown> | null } | null;

/** The new text of contexts.yaml with `synonym` added to `contextId` in `language`. */
function planText(original: string | undefined, change: ContextSynonymChange): { text: string; preserved: boolean } {
  const { contextId, language, synonym } = change;
  const plain = /^\p{L}[\p{L}\p{M} -]*$/u.test(synonym) && !['null', 'true', 'false'].includes(synonym);
  const entryText = `- id: ${contextId}\n  synonyms:\n    ${language}: [${plain ? synonym : JSON.stringify(synonym)}]\n`;
  if (original === undefined || original.trim() === '') {
    return { text: `# Situations a question can mention, with synonyms (docs/knowledge-format.md).\n${entryText}`, preserved: true };
  }
  let editor: YamlTextEditor;
  try {
    editor = new YamlTextEditor(original, { rootList: true });
  } catch (err) {
    if (err instanceof YamlEditError) throw new KbEditError('not_editable', `context:${contextId}`, `${FILE} cannot be edited: ${err.message}`, { reason: err.message });
    throw err;
  }
  const entries = editor.toJS() as unknown as RawEntry[];
  const index = entries.findIndex((e) => e !== null && typeof e === 'object' && e.id === contextId);
  if (index < 0) {
    // A new entry for a built-in (or file) context: appended at the end, the rest stays as it is.
    const eol = original.includes('\r\n') ? '\r\n' : '\n';
    const lead = original.endsWith('\n') ? '' : eol;
    return { text: original + lead + entryText.replace(/\n/g, eol), preserved: true };
  }
  const synonyms = entries[index]?.synonyms;
  if (!synonyms || typeof synonyms !== 'object') editor.set([index, 'synonyms'], { [language]: [synonym] }, { order: VOCAB_KEY_ORDER });
  else if (Array.isArray(synonyms[language])) editor.append([index, 'synonyms', language], synonym);
  else editor.set([index, 'synonyms', language], [synonym], { order: ['de', 'en'], flow: true });
  return editor.result();
}

export interface ContextEditOptions {
  /** Validate and return the result without writing (four eyes: check a proposal up front). */
  dryRun?: boolean;
}

/** Adds the synonym of `change` to the knowledge folder `dir`. Throws KbEditError or KnowledgeBaseError; then nothing is written. */
export async function applyContextSynonym(dir: string, change: ContextSynonymChange, options: ContextEditOptions = {}): Promise<ContextEditResult> {
  const abs = path.resolve(dir);
  const synonym = normalizeSynonym(change.synonym);
  const planned = { ...change, synonym };
  return withLock(abs, async () => {
    const files = await readKnowledgeFiles(abs);
    let previous: KnowledgeBase | null;
    try {
      // The records come from the record cache (a 10,000-tool base is not parsed again).
      previous = withRecordCache(abs, (cache) => parseKnowledgeBase(files, abs, [], cache));
    } catch {
      previous = null;
    }
    const toolKey = `context:${change.contextId}`;
    const context = previous?.contexts.get(change.contextId);
    if (previous && !context) {
      const ids = [...previous.contexts.keys()];
      throw new KbEditError('unknown_context', toolKey, `there is no context "${change.contextId}" (there are: ${ids.join(', ')})`, { contexts: ids });
    }
    const before = context?.synonyms[change.language] ?? [];
    const all = context ? [...context.synonyms.de, ...context.synonyms.en].map(normalizeSynonym) : [];
    if (all.includes(synonym)) throw new KbEditError('no_change', toolKey, `"${synonym}" is already a synonym of ${change.contextId}; nothing changed`);
    const { text, preserved } = planText(files.get(FILE), planned);
    const next = new Map(files);
    next.set(FILE, text);
    const kb = withRecordCache(abs, (cache) => parseKnowledgeBase(next, abs, [], cache)); // throws KnowledgeBaseError: refused, nothing written
    if (!options.dryRun) await writeFileAtomic(path.join(abs, FILE), text);
    return {
      change: planned,
      file: FILE,
      before: { context: change.contextId, synonyms: before },
      after: { context: change.contextId, synonyms: kb.contexts.get(change.contextId)?.synonyms[change.language] ?? [] },
      kb,
      previous,
      written: !options.dryRun,
      formattingPreserved: preserved,
    };
  });
}
