// Dates in the knowledge base (`updated`, `review_due`, step dates): YYYY-MM-DD naming a real day.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isIsoDate } from '../src/kb/schema.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isIsoDate', () => {
  it('accepts exactly the days the calendar has (checked against Date for any year, month and day)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        assert.equal(isIsoDate(text), real, text);
      }),
      { numRuns: 5000 },
    );
  });

  it('knows leap years and refuses other spellings', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2000-02-29'), true);
    assert.equal(isIsoDate('1900-02-29'), false);
    assert.equal(isIsoDate('2021-02-29'), false);
    assert.equal(isIsoDate('2021-04-31'), false);
    for (const text of ['2021-3-26', '26.03.2021', '2021-03-26T00:00:00Z', ' 2021-03-26', '2021/03/26', '']) assert.equal(isIsoDate(text), false, text);
  });
});
