// The modules import each other in one direction: no import circle anywhere in src/, adapters/,
// server/ and cli/, and (nearly) every import points down the layers below, from the surfaces to the
// base types. The graph is read from the real source files (test/helpers/import-graph.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packageRoot } from '../src/config.js';
import { circles, importGraph, layerOf, upwardImports } from './helpers/import-graph.js';

/**
 * The layers, lowest first. A file may import its own layer and the ones below; an import of a
 * higher layer runs back up. An entry ending in '/' names a folder.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['src/model/'],
  ['src/errors.ts'],
  ['src/http/'],
  ['src/config.ts', 'src/config/'],
  ['src/logger.ts'],
  ['src/phrases/'],
  ['src/text/', 'src/privacy/'],
  ['src/kb/'],
  ['src/storage/'],
  ['src/layout/'],
  ['src/engine/'],
  ['src/follow-up-memory.ts', 'src/core.ts', 'src/failure.ts', 'src/search/'],
  ['src/llm/'],
  ['src/review/'],
  ['src/admin/'],
  ['src/notifications/', 'src/subscriptions/', 'src/usage/'],
  ['src/cluster/', 'src/chat/', 'src/sheets/', 'src/mcp/', 'src/requests/'],
  ['adapters/'],
  ['server/'],
  ['cli/'],
];

/** Imports that run back up, each with the reason it is allowed. At most four. */
const ALLOWED_UPWARD: ReadonlyArray<readonly [string, string]> = [];

const root = packageRoot();
const graph = importGraph(root, ['src', 'adapters', 'server', 'cli']);

test('the import graph was read', () => {
  assert.ok(graph.size > 200, `only ${graph.size} files read`);
  const edges = [...graph.values()].reduce((n, targets) => n + targets.size, 0);
  assert.ok(edges > 500, `only ${edges} imports read`);
  assert.ok(graph.get('src/core.ts')?.has('src/engine/engine.ts'), 'core.ts imports the engine');
});

test('no module imports in a circle', () => {
  assert.deepEqual(circles(graph), []);
});

test('the base types in src/model/ import nothing outside it', () => {
  const outside = [...graph].filter(([file]) => file.startsWith('src/model/')).flatMap(([file, targets]) => [...targets].filter((t) => !t.startsWith('src/model/')).map((t) => `${file} -> ${t}`));
  assert.deepEqual(outside, []);
});

test('every file has a layer', () => {
  assert.deepEqual([...graph.keys()].filter((file) => layerOf(file, LAYERS) === undefined), []);
});

test('no import runs back up the layers but the few listed', () => {
  assert.ok(ALLOWED_UPWARD.length <= 4);
  assert.deepEqual(upwardImports(graph, LAYERS), [...ALLOWED_UPWARD].map(([from, to]) => [from, to]));
});

test('the circle finder finds a circle, and the layer check an upward import', () => {
  const sample = new Map([
    ['a.ts', new Set(['b.ts'])],
    ['b.ts', new Set(['c.ts'])],
    ['c.ts', new Set(['a.ts'])],
    ['d.ts', new Set(['a.ts'])],
  ]);
  assert.deepEqual(circles(sample), [['a.ts', 'b.ts', 'c.ts']]);
  assert.deepEqual(upwardImports(sample, [['a.ts'], ['b.ts', 'c.ts', 'd.ts']]), [['a.ts', 'b.ts']]);
});
