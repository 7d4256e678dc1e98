// Parses the YAML of one knowledge file into a plain value, turning every failure (syntax errors,
// duplicate keys, aliases without an anchor, alias bombs, nesting that overflows the stack) into
// issues with file, line and column. Nothing here throws.
//
// Two parsers: js-yaml is the fast path (an order of magnitude faster, which matters for 10,000
// files) and reports the usual syntax errors with their position; the `yaml` Document is built for
// what js-yaml cannot place (several documents, an alias without anchor) and for the position of a
// schema error. js-yaml resolves an alias to the same object, so an alias bomb costs it nothing to
// parse, but whatever walks the value afterwards (the schema check) would expand it: what aliases
// add is counted first (each shared list or map once) and bounded; the `yaml` path has its own bound.
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { Document, LineCounter, parseDocument, visit, type Alias } from 'yaml';
import type { YamlSyntaxKind } from '../phrases/kb-types.js';
import { KB_PHRASES, said } from './issues.js';
import { type KbIssue, type KbText } from '../model/file-issue.js';

/** How many values aliases may add to a file's value (a real file needs a handful, a bomb billions). */
export const MAX_ALIAS_NODES = 10_000;
/** The `yaml` path's bound (its package default): alias expansions per document. */
export const MAX_ALIAS_COUNT = 100;

export interface LocatedYaml {
  doc: Document;
  lines: LineCounter;
}

export interface YamlProblem {
  message: string;
  text: KbText;
  line?: number;
  column?: number;
}

/**
 * The fast path: the value of `text`, or its first syntax error (js-yaml's messages and positions
 * are the more precise ones for the usual mistakes), or `slow` when the `yaml` path must decide.
 */
export function fastYaml(text: string, file: string): { value: unknown } | { problem: YamlProblem } | { slow: true } {
  let value: unknown;
  try {
    value = loadYaml(text, { schema: CORE_SCHEMA, filename: file });
  } catch (err) {
    // A stack overflow on deep nesting: the `yaml` parser would take seconds to say the same.
    if (err instanceof RangeError) return { problem: said((p) => p.yamlTooDeep) };
    const e = err as { reason?: unknown; mark?: { line: number; column: number } };
    // js-yaml places an unknown alias after its name; the `yaml` path points at it.
    if (e.mark && typeof e.reason === 'string' && !e.reason.startsWith('unidentified alias')) {
      return { problem: { ...syntaxError(e.reason, classify(e.reason)), line: e.mark.line + 1, column: e.mark.column + 1 } };
    }
    return { slow: true };
  }
  if (value === undefined) return { slow: true };
  if (!text.includes('*')) return { value };
  // An alias of a list or map is the same object twice in js-yaml's value: whatever walks it (the
  // schema check) expands it. Count what the aliases add before anything walks it.
  let added: number | 'loop';
  try {
    added = aliasExpansion(value);
  } catch {
    return { problem: said((p) => p.yamlTooDeep) };
  }
  if (added === 'loop') {
    return { problem: { ...said((p) => p.yamlAliasLoop), ...firstAliasInText(text) } };
  }
  if (added > MAX_ALIAS_NODES) {
    return {
      problem: { ...said((p) => p.yamlAliasesExpand(MAX_ALIAS_NODES)), ...firstAliasInText(text) },
    };
  }
  return { value };
}

/** The kind of a js-yaml syntax error: the English phrases of the `kb` section are js-yaml's own words. */
function classify(reason: string): YamlSyntaxKind | undefined {
  const en = KB_PHRASES.en.yaml;
  return (Object.keys(en) as YamlSyntaxKind[]).find((kind) => reason.startsWith(en[kind]));
}

/**
 * A syntax error in both languages. English keeps the parser's words (they may name the tag or
 * character); German words the kind, or says only where the file stops being YAML.
 */
function syntaxError(parserWords: string, kind: YamlSyntaxKind | undefined): { message: string; text: KbText } {
  const { de, en } = KB_PHRASES;
  const text = { de: de.yamlSyntax(kind ? de.yaml[kind] : de.yamlOtherSyntax), en: en.yamlSyntax(parserWords) };
  return { message: text.en, text };
}

/** The kinds of the `yaml` package's errors (the slower path) that have a phrase. */
const YAML_ERROR_KINDS: Record<string, YamlSyntaxKind> = { DUPLICATE_KEY: 'duplicateKey', BAD_INDENT: 'badMappingIndent', TAB_AS_INDENT: 'tabIndent' };

/** How many values aliases add when the value is walked in full (stops counting past the limit). */
function aliasExpansion(value: unknown): number | 'loop' {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let added = 0;
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) {
      added += known; // a second occurrence: an alias
      return known;
    }
    if (open.has(v)) throw LOOP;
    open.add(v);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (added > MAX_ALIAS_NODES) break;
    }
    open.delete(v);
    sizes.set(v, n);
    return n;
  };
  try {
    size(value);
  } catch (err) {
    if (err === LOOP) return 'loop';
    throw err;
  }
  return added;
}
const LOOP = new Error('alias loop');

/** Where the first alias (`*name`) of the text is, for an alias problem's position. */
function firstAliasInText(text: string): { line?: number; column?: number } {
  const m = /(^|[\s[{,])\*[^\s,[\]{}]+/m.exec(text);
  if (!m) return {};
  const at = m.index + m[1]!.length;
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: at - lineStart + 1 };
}

/** The `yaml` Document of `text`, with positions; an empty document if even that fails. */
export function locateYaml(text: string): LocatedYaml & { failure?: string } {
  const lines = new LineCounter();
  try {
    return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
  } catch (err) {
    return { doc: new Document(null), lines, failure: (err as Error)?.message ?? String(err) };
  }
}

function position(lines: LineCounter, offset: number | undefined): { line?: number; column?: number } {
  if (offset === undefined) return {};
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The plain value of a located document, or the issues that keep it from having one. */
export function yamlValue(file: string, located: LocatedYaml & { failure?: string }): { value: unknown } | { issues: KbIssue[] } {
  const { doc, lines } = located;
  const failure = located.failure;
  if (failure !== undefined) return { issues: [{ file, path: [], ...said((p) => p.yamlUnreadable(failure)) }] };
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file,
        path: [],
        ...position(lines, e.pos[0]),
        ...(e.code === 'MULTIPLE_DOCS' ? said((p) => p.yamlOneDocument) : syntaxError(e.message.split('\n')[0] ?? '', YAML_ERROR_KINDS[e.code])),
      })),
    };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    const text = (err as Error)?.message ?? String(err);
    const alias = firstAlias(doc, /Unresolved alias[^:]*: (.*)$/.exec(text)?.[1]);
    const at = position(lines, alias?.range?.[0]);
    if (/alias count/i.test(text)) {
      return {
        issues: [{ file, path: [], ...at, ...said((p) => p.yamlAliasCount(MAX_ALIAS_COUNT)) }],
      };
    }
    if (alias?.source !== undefined && /Unresolved alias/.test(text)) {
      const name = alias.source;
      return { issues: [{ file, path: [], ...at, ...said((p) => p.yamlAliasNoAnchor(name)) }] };
    }
    const first = text.split('\n')[0] ?? '';
    return { issues: [{ file, path: [], ...at, ...said((p) => p.yamlUnreadable(first)) }] };
  }
}

/** The first alias node (named `name`, when given), for the position of an alias error. */
function firstAlias(doc: Document, name: string | undefined): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (name === undefined || node.source === name.trim()) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
