// Reads a knowledge folder, validates every file with the zod schema, runs the cross-file checks
// and returns the merged knowledge base, or throws one KnowledgeBaseError listing every issue.
// Reading (which files, how many bytes, which encoding) is src/kb/read-files.ts; YAML parsing with
// positions is src/kb/read-yaml.ts.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isMap, isPair, isScalar } from 'yaml';
import { z } from 'zod';
import { DEFAULT_KB_READ_LIMITS, type KbReadLimits } from '../config/kb-limits.js';
import { BUILTIN_CATEGORIES, BUILTIN_CONTEXTS } from './builtins.js';
import { KnowledgeBaseError } from '../errors.js';
import { KB_PHRASES, said } from './issues.js';
import { type KbIssue } from '../model/file-issue.js';
import type { KnowledgeBase, VocabularyItem } from './model.js';
import { readKnowledgeFolder, type KnowledgeFolder } from './read-files.js';
import { fastYaml, locateYaml, yamlValue, type LocatedYaml } from './read-yaml.js';
import type { KbPhrases, YamlTypeName } from '../phrases/kb-types.js';
import { openRecordCache, type RecordCache } from './record-cache.js';
import { inSchemaLanguage } from './schema-messages.js';
import { Organization, Tool, VocabularyFile, type ToolEntry, type VocabularyEntry } from './schema.js';

export const TOP_LEVEL_FILES = ['organization.yaml', 'contexts.yaml', 'categories.yaml'] as const;

export interface LoadOptions {
  /** Default: readLimits(). */
  limits?: KbReadLimits;
  /**
   * Folder of the cache of validated records (src/kb/record-cache.ts); null: no cache. Default:
   * kbCacheDir() (KB_CACHE_DIR, else <package root>/.cache/kb).
   */
  cacheDir?: string | null;
}

let configuredLimits: KbReadLimits = DEFAULT_KB_READ_LIMITS;

/**
 * Sets the read limits of every load that passes none: the server and the CLI do it once, from the
 * configuration's kbLimits (KB_MAX_FILE_BYTES, KB_MAX_TOTAL_BYTES), so that the admin service, the
 * watcher and the cluster read with the same limits without each being handed them.
 */
export function useKbReadLimits(limits: KbReadLimits): void {
  configuredLimits = limits;
}

/** The read limits of a load that passes none (the defaults until useKbReadLimits()). */
export function readLimits(): KbReadLimits {
  return configuredLimits;
}

async function readFolder(abs: string, options: LoadOptions): Promise<KnowledgeFolder> {
  const folder = await readKnowledgeFolder(abs, options.limits ?? readLimits());
  if (folder.folder.length > 0) throw new KnowledgeBaseError(abs, [...folder.folder, ...folder.refused]);
  return folder;
}

/**
 * Every YAML file of the folder, keyed by its path relative to the folder (always with `/`).
 * Throws KnowledgeBaseError when any file is refused (see src/kb/read-files.ts).
 */
export async function readKnowledgeFiles(dir: string, options: LoadOptions = {}): Promise<Map<string, string>> {
  const abs = path.resolve(dir);
  const folder = await readFolder(abs, options);
  if (folder.refused.length > 0) throw new KnowledgeBaseError(abs, sortIssues(folder.refused));
  return folder.files;
}

export async function loadKnowledgeBase(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const abs = path.resolve(dir);
  const folder = await readFolder(abs, options);
  // Records of files read before with the same text come from the cache; the rest are parsed.
  const cache = openRecordCache(abs, options.cacheDir);
  try {
    // The refused files are reported with the other files' errors, so one run lists everything.
    return parseKnowledgeBase(folder.files, abs, folder.refused, cache);
  } finally {
    // Also after a failed load: the files that passed the schema keep their records.
    cache.save();
  }
}

type ParsedFile = LocatedYaml;

/**
 * Validates the files (as read by readKnowledgeFiles) as one knowledge base. Pure: no I/O.
 * `refused`: files found but not read (see read-files.ts), reported with the rest; a refused tool
 * still counts as existing, so its id named elsewhere is not reported a second time.
 * `cache`: validated records of files with the same text, taken instead of parsing them again;
 * what passes the schema here is handed to it.
 */
export function parseKnowledgeBase(files: ReadonlyMap<string, string>, dir: string, refused: readonly KbIssue[] = [], cache?: RecordCache): KnowledgeBase {
  const issues: KbIssue[] = [...refused];
  const refusedNames = new Set(refused.map((i) => i.file));
  // The full `yaml` Document (with positions) is built only for files that need a line number.
  const documents = new Map<string, ParsedFile>();
  const located = (file: string): ParsedFile => {
    let p = documents.get(file);
    if (!p) documents.set(file, (p = locateYaml(files.get(file) ?? '')));
    return p;
  };
  const raw = new Map<string, unknown>();

  const parse = <S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined => {
    const text = files.get(file) ?? '';
    const cached = cache?.get(file, text);
    if (cached !== undefined) return cached as z.infer<S>;
    const fast = fastYaml(text, file);
    if ('problem' in fast) {
      issues.push({ file, path: [], ...fast.problem });
      return undefined;
    }
    let js: unknown;
    if ('value' in fast) js = fast.value;
    else {
      // js-yaml could not say where the problem is (or whether there is one): the `yaml` Document can.
      const value = yamlValue(file, located(file));
      if ('issues' in value) {
        issues.push(...value.issues);
        return undefined;
      }
      js = value.value;
    }
    raw.set(file, js);
    const result = schema.safeParse(js);
    if (result.success) {
      cache?.set(file, text, result.data);
      return result.data;
    }
    // Only a file that failed is parsed again, for the German wording: same value, same schema, so
    // the same issues in the same order (zod's German locale, the schema's own messages in German).
    // Zod words an issue when it is first read, so it is read inside inSchemaLanguage.
    const germanIssues = inSchemaLanguage('de', () => {
      const german = schema.safeParse(js, { error: zodGerman() });
      return german.success ? [] : german.error.issues.map((i) => ({ ...i }));
    });
    result.error.issues.forEach((issue, n) => {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          issues.push({ file, path: [...at, key], ...positionOf(located(file), at, key), ...said((p) => p.unknownField(key)) });
        }
      } else {
        const de = germanIssues[n]?.code === issue.code ? germanIssues[n] : issue;
        const value = valueAt(js, at);
        const text = { de: describe(de, value, KB_PHRASES.de), en: describe(issue, value, KB_PHRASES.en) };
        issues.push({ file, path: at, ...positionOf(located(file), at), message: text.en, text });
      }
    });
    return undefined;
  };

  for (const name of files.keys()) {
    const known = (TOP_LEVEL_FILES as readonly string[]).includes(name) || /^tools\/[^/]+\.yaml$/.test(name);
    if (!known) {
      issues.push({ file: name, path: [], ...said((p) => p.unexpectedFile('organization.yaml, contexts.yaml, categories.yaml', 'tools/<id>.yaml')) });
    }
  }

  const organization = files.has('organization.yaml') ? parse('organization.yaml', Organization) : undefined;
  if (!files.has('organization.yaml') && !refusedNames.has('organization.yaml')) issues.push({ file: 'organization.yaml', path: [], ...said((p) => p.missingFile('organization.yaml')) });

  const contexts = mergeVocabulary(BUILTIN_CONTEXTS, files.has('contexts.yaml') ? parse('contexts.yaml', VocabularyFile) : []);
  const categories = mergeVocabulary(BUILTIN_CATEGORIES, files.has('categories.yaml') ? parse('categories.yaml', VocabularyFile) : []);

  const tools = new Map<string, ToolEntry>();
  const looseTools: LooseTool[] = [];
  for (const name of files.keys()) {
    const m = /^tools\/([^/]+)\.yaml$/.exec(name);
    if (!m) continue;
    const id = m[1] as string;
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(id)) {
      issues.push({ file: name, path: [], ...said((p) => p.toolFileName) });
      continue;
    }
    // The parsed value is this load's own (zod's output, or a fresh copy from the cache, which has
    // already kept its JSON): the id is added to it instead of copying 10,000 objects.
    const parsed = parse(name, Tool);
    const tool = parsed ? Object.assign(parsed, { id }) : undefined;
    if (tool) tools.set(id, tool);
    // Cross-file checks also run on entries with schema errors, so one run reports everything.
    looseTools.push(tool ?? loosen(id, raw.get(name)));
  }

  const refusedTools = [...refusedNames].map((n) => /^tools\/([^/]+)\.ya?ml$/.exec(n)?.[1]).filter((id): id is string => id !== undefined);
  crossCheck(looseTools, refusedTools, contexts, categories, located, issues);
  if (issues.length > 0) throw new KnowledgeBaseError(dir, sortIssues(issues));

  // One string hashed at once: the same bytes as a hash updated file by file, without 40,000 calls.
  const parts: string[] = [];
  for (const name of [...files.keys()].sort()) parts.push(name, files.get(name) ?? '');
  parts.push('');
  return {
    dir,
    organization: organization as Organization,
    contexts,
    categories,
    tools,
    version: createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16),
  };
}

function mergeVocabulary(
  builtins: readonly VocabularyItem[] | readonly Omit<VocabularyItem, 'builtin'>[],
  entries: VocabularyEntry[] | undefined,
): Map<string, VocabularyItem> {
  const map = new Map<string, VocabularyItem>();
  for (const b of builtins) map.set(b.id, { ...b, synonyms: { de: [...b.synonyms.de], en: [...b.synonyms.en] }, builtin: true });
  for (const e of entries ?? []) {
    const existing = map.get(e.id);
    if (existing) {
      existing.synonyms.de.push(...e.synonyms.de);
      existing.synonyms.en.push(...e.synonyms.en);
      if (e.label !== undefined) existing.label = e.label;
    } else {
      map.set(e.id, { id: e.id, label: e.label ?? e.id, synonyms: e.synonyms, builtin: false });
    }
  }
  return map;
}

/** The fields the cross-file checks read, taken leniently from an entry that failed the schema. */
interface LooseTool {
  id: string;
  name?: string;
  aliases: string[];
  category?: string;
  restrictions: { forbidden_contexts: string[] }[];
  alternatives: string[];
}

function loosen(id: string, js: unknown): LooseTool {
  const o = (js && typeof js === 'object' ? js : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const restrictions = Array.isArray(o.restrictions)
    ? o.restrictions.map((r) => ({ forbidden_contexts: strings((r as Record<string, unknown> | null)?.forbidden_contexts) }))
    : [];
  return {
    id,
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
    aliases: strings(o.aliases),
    ...(typeof o.category === 'string' ? { category: o.category } : {}),
    restrictions,
    alternatives: strings(o.alternatives),
  };
}

function crossCheck(
  tools: LooseTool[],
  refusedTools: string[],
  contexts: Map<string, VocabularyItem>,
  categories: Map<string, VocabularyItem>,
  located: (file: string) => ParsedFile,
  issues: KbIssue[],
): void {
  const names = new Map<string, string>(); // lower-cased name or alias -> tool id
  const add = (file: string, at: (string | number)[], phrase: (p: KbPhrases) => string) =>
    issues.push({ file, path: at, ...positionOf(located(file), at), ...said(phrase) });
  const ids = new Set([...tools.map((t) => t.id), ...refusedTools]);
  for (const tool of tools) {
    const id = tool.id;
    const file = `tools/${id}.yaml`;
    if (tool.category !== undefined && !categories.has(tool.category)) {
      const category = tool.category;
      add(file, ['category'], (p) => p.unknownCategory(category, [...categories.keys()].join(', ')));
    }
    tool.restrictions.forEach((r, i) =>
      r.forbidden_contexts.forEach((c, j) => {
        if (!contexts.has(c)) {
          add(file, ['restrictions', i, 'forbidden_contexts', j], (p) => p.unknownContext(c, [...contexts.keys()].join(', ')));
        }
      }),
    );
    tool.alternatives.forEach((alt, i) => {
      if (!ids.has(alt)) add(file, ['alternatives', i], (p) => p.unknownTool(alt, `tools/${alt}.yaml`));
      else if (alt === id) add(file, ['alternatives', i], (p) => p.ownAlternative);
    });
    const own = [tool.name ?? '', ...tool.aliases];
    own.forEach((n, i) => {
      const key = n.trim().toLowerCase().replace(/\s+/g, ' ');
      if (key === '') return;
      const other = names.get(key);
      const at = i === 0 ? ['name'] : ['aliases', i - 1];
      if (other !== undefined && other !== id) add(file, at, (p) => p.nameTaken(n, other));
      else names.set(key, id);
    });
  }
}

export function sortIssues(issues: KbIssue[]): KbIssue[] {
  return issues.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Line and column of the node at `at` (or of the key `key` in it), for an issue's position. */
function positionOf(file: ParsedFile | undefined, at: (string | number)[], key?: string): { line?: number; column?: number } {
  if (!file) return {};
  let node: unknown = file.doc.getIn(at, true);
  // Walk up to the nearest ancestor that exists: a missing field is reported where its object is.
  for (let n = at.length; node === undefined && n > 0; n--) node = file.doc.getIn(at.slice(0, n - 1), true);
  if (node === undefined) node = file.doc.contents;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return {};
  const p = file.lines.linePos(range[0]);
  return { line: p.line, column: p.col };
}

/**
 * A schema issue in the words of `p`; what the phrase book does not word is zod's message (already
 * in the parse's language). `value`: what the file has at the issue's path (zod does not report it).
 */
function describe(issue: z.core.$ZodIssue, value: unknown, p: KbPhrases): string {
  if (issue.code === 'invalid_type' && value === undefined) return p.required;
  if (issue.code === 'invalid_type') return p.wrongType(p.type[typeName(issue.expected)], p.type[typeName(valueType(value))]);
  if (issue.code === 'invalid_value') return p.oneOf(issue.values.map(String).join(', '));
  if (issue.code === 'invalid_union') return p.textOrLanguages;
  return issue.message;
}

function valueAt(js: unknown, at: readonly (string | number)[]): unknown {
  let v = js;
  for (const key of at) v = v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}

function valueType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : v instanceof Date ? 'date' : typeof v;
}

function typeName(zodType: string): YamlTypeName {
  if (zodType === 'record' || zodType === 'map') return 'object';
  return (['string', 'number', 'boolean', 'object', 'array', 'null', 'date', 'undefined'] as const).find((t) => t === zodType) ?? 'other';
}

let german: z.core.$ZodErrorMap | undefined;
/** Zod's own German messages, for what the phrase book does not word (made once, on the first failed file). */
function zodGerman(): z.core.$ZodErrorMap {
  return (german ??= z.locales.de().localeError);
}
