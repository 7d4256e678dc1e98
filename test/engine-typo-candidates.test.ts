// The tool-name typo candidates (typoCandidates, src/engine/kb-index.ts) come from lists by second
// and by last letter: they must be every name token one edit away with the same first letter, as a
// scan of all name tokens finds them.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateKnowledgeBase } from '../bench/generate-kb.js';
import { buildIndex, isTypoTarget, typoCandidates, type KbIndex } from '../src/engine/kb-index.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { withinOneEdit } from '../src/text/edit-distance.js';
import { createEngine } from '../src/engine/engine.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const CATALOG = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'understanding', 'catalog');

/** Every name token a misspelling may stand for (isTypoTarget), one edit from `word`, same first letter: the reference. */
function scan(index: KbIndex, word: string): string[] {
  return [...index.nameTokens].filter((t) => isTypoTarget(t) && t !== word && t[0] === word[0] && withinOneEdit(word, t)).sort();
}

/** The tokens with each kind of one edit at each place (deterministic). */
function misspellings(token: string): string[] {
  const out: string[] = [];
  const letters = 'aeiouxzß';
  for (let i = 0; i <= token.length; i++) {
    const c = letters[(i * 7 + token.length) % letters.length] as string;
    out.push(token.slice(0, i) + c + token.slice(i), token.slice(0, i) + token.slice(i + 1), token.slice(0, i) + c + token.slice(i + 1));
    if (i + 1 < token.length) out.push(token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2));
  }
  return out.filter((w) => w.length >= 4);
}

async function check(index: KbIndex): Promise<number> {
  let found = 0;
  for (const token of index.nameTokens) {
    for (const word of misspellings(token)) {
      const expected = scan(index, word);
      found += expected.length;
      assert.deepEqual([...typoCandidates(index, word)].sort(), expected, `candidates of "${word}"`);
    }
  }
  return found;
}

describe('typoCandidates', () => {
  it('finds what a scan of every name token finds, on the test catalogue', async () => {
    const index = buildIndex(await loadKnowledgeBase(CATALOG, { cacheDir: null }));
    assert.ok((await check(index)) > 100);
  });

  it('finds what a scan finds on 300 generated tools (names sharing their first and last syllables)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cb-typo-'));
    try {
      await generateKnowledgeBase(dir, 300);
      const index = buildIndex(await loadKnowledgeBase(dir, { cacheDir: null }));
      assert.ok((await check(index)) > 1000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a name with digits', () => {
  it('is a typo target when enough letters carry it, not when digits are most of it', () => {
    assert.equal(isTypoTarget('1password'), true);
    assert.equal(isTypoTarget('m365'), false);
    assert.equal(isTypoTarget('365'), false);
    assert.equal(isTypoTarget('zoom'), true);
    assert.equal(isTypoTarget('sap'), false);
  });

  it('a misspelling of it is read as the tool', () => {
    const engine = createEngine(kbFromFiles({ 'organization.yaml': ORG_EN, 'tools/1password.yaml': toolYaml('1Password', 'approved', 'category: password-manager\n') }));
    assert.deepEqual(engine.answer('is 1pasword approved', { now: new Date('2024-06-01') }).tools.map((t) => t.id), ['1password']);
  });
});
