// Built-in contexts and categories (knowledge-format.md): they apply to every knowledge base, and
// entries of contexts.yaml / categories.yaml with the same id add synonyms to them. The vocabulary
// itself is data, in lexicon/contexts.yaml and lexicon/categories.yaml at the package root (the same
// format as a knowledge base's contexts.yaml, validated by the same zod schema); this module reads
// both once, when it is first imported, and stops with a LexiconError naming file and
// line if either is broken.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { packageRoot } from '../config.js';
import { LexiconError } from '../errors.js';
import { codeOf, compiled, jsonCodec, lexiconCacheDir } from '../text/compiled-cache.js';
import type { KbIssue } from '../model/file-issue.js';
import { VocabularyFile, type VocabularyEntry } from './schema.js';

export type Builtin = Required<Pick<VocabularyEntry, 'id' | 'synonyms'>> & { label: { de: string; en: string } };

export const LEXICON_FILES = { contexts: 'lexicon/contexts.yaml', categories: 'lexicon/categories.yaml' } as const;

/**
 * Validates the text of a built-in vocabulary file. Stricter than a knowledge base's contexts.yaml
 * on top of the shared schema: every entry needs a label in both languages and synonyms in both,
 * and ids are unique. `file` only names the file in errors.
 */
export function parseBuiltinVocabulary(text: string, file: string): Builtin[] {
  // Fast path with js-yaml (YAML 1.2 core schema, like `yaml`); errors are located with `yaml`.
  let js: unknown;
  try {
    js = loadYaml(text, { schema: CORE_SCHEMA, filename: file });
  } catch {
    js = undefined;
  }
  const fast = js === undefined ? undefined : VocabularyFile.safeParse(js);
  if (fast?.success) {
    const issues = builtinIssues(fast.data, file, () => undefined);
    if (issues.length === 0) return fast.data as Builtin[];
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (at: (string | number)[]): number | undefined => {
    for (let n = at.length; n >= 0; n--) {
      const node = doc.getIn(at.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  if (doc.errors.length > 0) {
    throw new LexiconError(
      file,
      doc.errors.map((e) => ({ file, path: [], line: lines.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  const result = VocabularyFile.safeParse(doc.toJS());
  if (!result.success) {
    throw new LexiconError(
      file,
      result.error.issues.map((issue) => {
        const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
        return { file, path: at, line: lineAt(at), message };
      }),
    );
  }
  const issues = builtinIssues(result.data, file, lineAt);
  if (issues.length > 0) throw new LexiconError(file, issues);
  return result.data as Builtin[];
}

function builtinIssues(entries: VocabularyEntry[], file: string, lineAt: (at: (string | number)[]) => number | undefined): KbIssue[] {
  const issues: KbIssue[] = [];
  const add = (at: (string | number)[], message: string) => issues.push({ file, path: at, line: lineAt(at), message });
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id)) add([i, 'id'], `id "${e.id}" appears twice`);
    seen.add(e.id);
    if (typeof e.label !== 'object' || e.label.de === undefined || e.label.en === undefined) {
      add([i, 'label'], 'a built-in entry needs a label in both languages: { de: "…", en: "…" }');
    }
    for (const lang of ['de', 'en'] as const) {
      if (e.synonyms[lang].length === 0) add([i, 'synonyms', lang], `a built-in entry needs ${lang} synonyms`);
    }
  });
  return issues;
}

/** Reads and validates one built-in vocabulary file from the package root (or from `root`). */
export function loadBuiltinVocabulary(file: string, root: string = packageRoot()): Builtin[] {
  let text: Buffer;
  try {
    text = readFileSync(path.join(root, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `missing: expected at ${path.join(root, file)}` : `cannot read the file (${code})`;
    throw new LexiconError(file, message);
  }
  // The validated entries are kept in the compiled cache (text/compiled-cache.ts), keyed by the
  // file's content and this module's and the schema's code: a start after the first reads JSON.
  const schemaModule = new URL(`./schema${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
  const sources = [...codeOf(import.meta.url, schemaModule), Buffer.from(file), text];
  return compiled(lexiconCacheDir(root), `vocabulary-${path.basename(file, '.yaml')}`, sources, VOCABULARY_CODEC, () => parseBuiltinVocabulary(text.toString('utf8'), file));
}

const VOCABULARY_CODEC = jsonCodec<Builtin[]>('builtin-vocabulary');

export const BUILTIN_CONTEXTS: readonly Builtin[] = loadBuiltinVocabulary(LEXICON_FILES.contexts);
export const BUILTIN_CATEGORIES: readonly Builtin[] = loadBuiltinVocabulary(LEXICON_FILES.categories);
