import assert from 'node:assert/strict';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyKbChange } from '../src/kb/edit.js';
import type { KnowledgeBaseError } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { watchKnowledgeBase, type KbWatcher } from '../src/kb/watch.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<number> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
  return Date.now() - started;
}

describe('watchKnowledgeBase', () => {
  let kb: KbCopy;
  let watcher: KbWatcher;
  let current: KnowledgeBase;
  let reloads: { kb: KnowledgeBase; previous: KnowledgeBase | undefined }[];
  let errors: KnowledgeBaseError[];

  beforeEach(async () => {
    kb = await copyKnowledge();
    current = await loadKnowledgeBase(kb.dir);
    reloads = [];
    errors = [];
    // `current` plays the core: the base answering now, swapped on reload.
    watcher = watchKnowledgeBase(kb.dir, {
      debounceMs: 100,
      current: () => current,
      onReload: (next, previous) => {
        reloads.push({ kb: next, previous });
        current = next;
      },
      onError: (err) => {
        errors.push(err);
      },
    });
    await watcher.ready;
  });
  afterEach(async () => {
    watcher.close();
    await kb.cleanup();
  });

  const zoomStatus = (base: KnowledgeBase | undefined) => base?.tools.get('zoom')?.status;

  it('reloads within seconds after a hand edit', async () => {
    const original = current;
    const text = await readFile(kb.tool('zoom'), 'utf8');
    await writeFile(kb.tool('zoom'), text.replace('status: restricted', 'status: prohibited'));
    await waitFor('the reload', () => reloads.length > 0);
    assert.equal(reloads.length, 1);
    assert.equal(zoomStatus(reloads[0]!.kb), 'prohibited');
    assert.equal(reloads[0]!.previous, original);
    assert.equal(errors.length, 0);
  });

  it('handles an editor that saves through a temporary file and a rename', async () => {
    const text = await readFile(kb.tool('zoom'), 'utf8');
    const tmp = path.join(kb.dir, 'tools', '.zoom.yaml~');
    await writeFile(tmp, text.replace('status: restricted', 'status: pending'));
    await rename(tmp, kb.tool('zoom'));
    await waitFor('the reload', () => reloads.length > 0);
    assert.equal(zoomStatus(current), 'pending');
  });

  it('reloads once for many files changed at once (a git pull)', async () => {
    const zoom = await readFile(kb.tool('zoom'), 'utf8');
    const m365 = await readFile(kb.tool('microsoft-365'), 'utf8');
    await Promise.all([
      writeFile(kb.tool('zoom'), zoom.replace('status: restricted', 'status: prohibited')),
      writeFile(kb.tool('microsoft-365'), m365.replace('status: pending', 'status: prohibited')),
      writeFile(kb.tool('jitsi'), 'name: Jitsi Meet\ncategory: video-conferencing\nstatus: approved\nupdated: 2026-11-27\n'),
    ]);
    await waitFor('the reload', () => reloads.length > 0);
    await sleep(400);
    assert.equal(reloads.length, 1);
    assert.equal(zoomStatus(current), 'prohibited');
    assert.equal(current.tools.get('microsoft-365')?.status, 'prohibited');
    assert.equal(current.tools.get('jitsi')?.status, 'approved');
  });

  it('keeps the last good base on a YAML error, reports it once, and reloads after the fix', async () => {
    const good = current;
    const text = await readFile(kb.tool('zoom'), 'utf8');
    const broken = text.replace('status: restricted', 'status: [restricted');
    await writeFile(kb.tool('zoom'), broken);
    await waitFor('the error report', () => errors.length > 0);
    assert.equal(errors[0]!.issues[0]!.file, 'tools/zoom.yaml');
    assert.match(errors[0]!.issues[0]!.message, /^YAML syntax/);

    // Saving the same broken state again is not reported again.
    await writeFile(kb.tool('zoom'), broken);
    await sleep(600);
    assert.equal(errors.length, 1);
    assert.equal(reloads.length, 0);
    assert.equal(current, good);

    // A different error is news.
    await writeFile(kb.tool('zoom'), text.replace('status: restricted', 'status: maybe'));
    await waitFor('the second error report', () => errors.length > 1);
    assert.match(errors[1]!.issues[0]!.message, /must be one of: approved, restricted, pending, prohibited/);

    await writeFile(kb.tool('zoom'), text.replace('status: restricted', 'status: pending'));
    await waitFor('the reload after the fix', () => reloads.length > 0);
    assert.equal(zoomStatus(current), 'pending');
    assert.equal(reloads[0]!.previous, good);
    assert.equal(errors.length, 2);
  });

  it('does not report a change the admin service wrote and already swapped in', async () => {
    const result = await applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'prohibited' });
    current = result.kb; // what the composition root does in onApplied
    await sleep(600);
    assert.equal(reloads.length, 0);
    // ...while the next hand edit is reported as usual.
    const text = await readFile(kb.tool('zoom'), 'utf8');
    await writeFile(kb.tool('zoom'), text.replace('status: prohibited', 'status: pending'));
    await waitFor('the reload', () => reloads.length > 0);
    assert.equal(zoomStatus(current), 'pending');
  });
});

describe('watchKnowledgeBase without a `current` getter', () => {
  it('loads once at start and tracks its own reloads; ignores temporary files', async () => {
    const kb = await copyKnowledge();
    const reloads: KnowledgeBase[] = [];
    // Errors are collected and asserted below: an assert inside the callback would be swallowed by the watcher.
    const errors: unknown[] = [];
    const watcher = watchKnowledgeBase(kb.dir, { debounceMs: 50, onReload: (next) => void reloads.push(next), onError: (err) => void errors.push(err) });
    try {
      await watcher.ready;
      await writeFile(path.join(kb.dir, 'tools', '.zoom.yaml.123.tmp'), 'not: [yaml');
      await sleep(300);
      assert.equal(reloads.length, 0);
      const text = await readFile(kb.tool('zoom'), 'utf8');
      await writeFile(kb.tool('zoom'), text.replace('status: restricted', 'status: prohibited'));
      await waitFor('the reload', () => reloads.length === 1);
      await writeFile(kb.tool('zoom'), text.replace('status: restricted', 'status: prohibited')); // same content
      await sleep(300);
      assert.equal(reloads.length, 1);
      assert.deepEqual(errors, [], 'no error expected');
    } finally {
      watcher.close();
      await kb.cleanup();
    }
  });
});
