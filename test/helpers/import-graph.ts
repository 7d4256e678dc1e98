// The project's real import graph, read from the source files: every `import … from`, `export … from`,
// side-effect `import '…'` and dynamic `import('…')` with a relative specifier, resolved to the file it names.
// Type-only imports count too: a circle through types is still a circle a reader has to untangle.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

export type ImportGraph = Map<string, Set<string>>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

// Strings are matched first and kept, so a '/*' or '//' inside one does not start a comment.
const STRING_OR_COMMENT = /('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

function withoutComments(source: string): string {
  return source.replace(STRING_OR_COMMENT, (_all, text: string | undefined) => text ?? '');
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Files keyed by their path relative to `root` ('src/kb/edit.ts'), each with the files it imports. */
export function importGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = folders.flatMap((f) => filesUnder(path.join(root, f)));
  for (const file of files) {
    const targets = new Set<string>();
    for (const match of withoutComments(readFileSync(file, 'utf8')).matchAll(SPECIFIER)) {
      const target = resolve(file, match[1] as string);
      if (target) targets.add(path.relative(root, target));
    }
    graph.set(path.relative(root, file), targets);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): the circles. */
export function circles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan, so a deep graph cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edges: string[]; next: number }> = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: [...(graph.get(node) ?? [])].filter((t) => graph.has(t)), next: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      if (frame.next < frame.edges.length) {
        const target = frame.edges[frame.next] as string;
        frame.next += 1;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || graph.get(frame.node)?.has(frame.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

/**
 * The layer of a file: the index of the first entry of `layers` that names it (a file 'src/errors.ts' or a
 * folder 'src/kb/'), lowest first. A file no entry names has no layer.
 */
export function layerOf(file: string, layers: readonly (readonly string[])[]): number | undefined {
  const at = layers.findIndex((layer) => layer.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry)));
  return at < 0 ? undefined : at;
}

/** Imports from a file to one in a higher layer: the ones that run back up. */
export function upwardImports(graph: ImportGraph, layers: readonly (readonly string[])[]): Array<[string, string]> {
  const up: Array<[string, string]> = [];
  for (const [from, targets] of graph) {
    const fromLayer = layerOf(from, layers);
    for (const to of targets) {
      const toLayer = layerOf(to, layers);
      if (fromLayer !== undefined && toLayer !== undefined && toLayer > fromLayer) up.push([from, to]);
    }
  }
  return up.sort((a, b) => a.join().localeCompare(b.join()));
}
