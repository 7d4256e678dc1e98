// The error codes (src/errors.ts): every code has a hint and a row in docs/errors.md (and every code
// documented there exists), and real failures through the real parts carry their code: a broken
// knowledge file through the loader, a bad variable through loadConfig, a dead Redis through
// openStorage, a malformed shipped data file through its parser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig, packageRoot } from '../src/config.js';
import { parseTopics } from '../src/engine/topics.js';
import { CodedError, ERROR_CODES, hasCode, type ErrorCode } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { openStorage } from '../src/storage/index.js';
import { copyKnowledge } from './helpers/admin-kb-copy.js';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];
const doc = readFileSync(path.join(packageRoot(), 'docs', 'errors.md'), 'utf8');

test('every code is UPPER_SNAKE_CASE and has a hint that says what to do', () => {
  assert.ok(codes.length >= 10, `only ${codes.length} codes`);
  for (const code of codes) {
    assert.match(code, /^[A-Z]+(_[A-Z]+)+$/, code);
    assert.ok(ERROR_CODES[code].length >= 30, `the hint of ${code} is too short to help: "${ERROR_CODES[code]}"`);
  }
});

test('docs/errors.md has a row for every code, and documents no code that does not exist', () => {
  const documented = new Set([...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1] as string));
  assert.deepEqual([...documented].sort(), [...codes].sort());
});

/** Asserts that `promise` rejects with one of our errors carrying `code`, and returns it. */
async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<CodedError> {
  let caught: unknown;
  await assert.rejects(promise, (err: unknown) => {
    caught = err;
    return true;
  });
  assert.ok(hasCode(caught, code), `expected ${code}, got ${String(caught)}`);
  assert.equal((caught as CodedError).hint, ERROR_CODES[code]);
  return caught as CodedError;
}

test('a malformed knowledge file through the real loader: KB_INVALID naming the file', async () => {
  const kb = await copyKnowledge();
  try {
    await writeFile(kb.tool('zoom'), 'name: Zoom\nstatus: maybe\nupdated: 2024-01-15\n');
    const err = await rejectsWith(loadKnowledgeBase(kb.dir), 'KB_INVALID');
    assert.match(err.message, /tools\/zoom\.yaml/);
  } finally {
    await kb.cleanup();
  }
});

test('a malformed variable through loadConfig: CONFIG_INVALID naming it', async () => {
  const err = await rejectsWith(Promise.resolve().then(() => loadConfig({ PORT: 'eighty' })), 'CONFIG_INVALID');
  assert.match(err.message, /PORT/);
});

test('a Redis URL where nothing listens through openStorage: STORAGE_UNAVAILABLE', { timeout: 10_000 }, async () => {
  // A port that was free a moment ago: nothing answers there.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rejectsWith(openStorage({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 800 }), 'STORAGE_UNAVAILABLE');
});

test('a malformed shipped data file: LEXICON_INVALID naming the file', async () => {
  const err = await rejectsWith(Promise.resolve().then(() => parseTopics('other: 1\n', 'lexicon/topics.yaml')), 'LEXICON_INVALID');
  assert.match(err.message, /^lexicon\/topics\.yaml: /);
});
