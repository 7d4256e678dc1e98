// The SQLite file writes the sets and insert-if-absents of one turn of the event loop as one
// statement (src/storage/sqlite-driver.ts): every caller still gets its own result, the first of
// equal ids wins and the others are told "seen", a later value of a key wins, and an expired record
// can be taken again. Through a real SQLite file.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openStorage, type Storage } from '../src/storage/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sqlite-batch-'));
let storage: Storage | undefined;
after(async () => {
  await storage?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite writes in batches', () => {
  it('insert-if-absent of many ids at once: one winner per id, every other call sees it', async () => {
    storage = await openStorage({ sqlitePath: path.join(dir, 'a.sqlite') });
    const s = storage;
    const ids = Array.from({ length: 450 }, (_, i) => `E${i % 300}`);
    const first = await Promise.all(ids.map((id) => s.dedupe.firstSeen(id, 60_000)));
    assert.equal(first.filter(Boolean).length, 300, 'each of the 300 ids is new once');
    // Exactly one winner per id (which of the equal calls wins may vary when they fall into different batches).
    const winners = new Map<string, number>();
    ids.forEach((id, i) => {
      if (first[i]) winners.set(id, (winners.get(id) ?? 0) + 1);
    });
    assert.equal(winners.size, 300);
    assert.ok([...winners.values()].every((n) => n === 1), 'no id won twice');
    const again = await Promise.all(ids.slice(0, 300).map((id) => s.dedupe.firstSeen(id, 60_000)));
    assert.ok(again.every((v) => v === false));
  });

  it('an expired record is taken again, by one caller', async () => {
    const s = storage as Storage;
    assert.equal(await s.dedupe.firstSeen('short', 1), true);
    await new Promise((r) => setTimeout(r, 20));
    const both = await Promise.all([s.dedupe.firstSeen('short', 60_000), s.dedupe.firstSeen('short', 60_000)]);
    assert.deepEqual(both, [true, false]);
  });

  it('sets of one tick are all written, the later value of a key wins', async () => {
    const kv = (storage as Storage).kv<{ n: number }>('batch-test');
    await Promise.all(Array.from({ length: 250 }, (_, i) => kv.set(`k${i}`, { n: i })));
    await Promise.all([kv.set('same', { n: 1 }), kv.set('same', { n: 2 })]);
    const values = await kv.getMany(Array.from({ length: 250 }, (_, i) => `k${i}`));
    assert.deepEqual(values.map((v) => v?.n), Array.from({ length: 250 }, (_, i) => i));
    assert.deepEqual(await kv.get('same'), { n: 2 });
  });
});

describe('closing the SQLite file', () => {
  it('leaves no WAL behind, so a deleted value is in no file (every namespace opens its own connection)', async () => {
    // Twenty rounds: connections closed all at once each saw the others and left the WAL, about
    // one round in three; the WAL still held the page from before the delete.
    for (let round = 0; round < 20; round++) {
      const file = path.join(dir, `close-${round}.sqlite`);
      const s = await openStorage({ sqlitePath: file });
      await s.kv<string>('first').set('k', 'Kranichpost');
      await s.kv<string>('second').set('k', 'kept');
      await s.kv<string>('first').delete('k');
      await s.close();
      const left = readdirSync(dir).filter((f) => f.startsWith(`close-${round}.sqlite-`));
      assert.deepEqual(left, [], `round ${round}: only the database file stays`);
      assert.ok(!readFileSync(file, 'latin1').includes('Kranichpost'), `round ${round}: the deleted value is not in the file`);
      assert.ok(readFileSync(file, 'latin1').includes('kept'), 'the file holds what is stored (the check above can fail)');
    }
  });
});
