// The typo check against a reference: the textbook optimal-string-alignment distance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withinOneEdit } from '../src/text/edit-distance.js';

function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('withinOneEdit', () => {
  it('knows the typical typos', () => {
    assert.ok(withinOneEdit('zooom', 'zoom'));
    assert.ok(withinOneEdit('mircosoft', 'microsoft'));
    assert.ok(withinOneEdit('nextclod', 'nextcloud'));
    assert.ok(withinOneEdit('teams', 'teans'));
    assert.ok(!withinOneEdit('zoom', 'room1'));
    assert.ok(!withinOneEdit('abcd', 'badc'));
  });

  it('agrees with the optimal-string-alignment distance', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(fc.property(word, word, (a, b) => assert.equal(withinOneEdit(a, b), osa(a, b) <= 1, `${a} / ${b}`)), { numRuns: 3000 });
  });
});
