// addRangeInPlace() (the per-segment bookkeeping of the TCP and TLS layers) against addRange(), the plain
// definition it replaces on the hot path: the same ranges after every step of random segment sequences.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { addRange, addRangeInPlace } from '../../src/net/sparse-bytes.js';

const segment = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }));

for (const max of [1, 2, 3, 32, Infinity]) {
  test(`addRangeInPlace agrees with addRange (max ${max})`, () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 60 }), (segments) => {
        let plain: Array<[number, number]> = [];
        const inPlace: Array<[number, number]> = [];
        for (const [start, length] of segments) {
          plain = addRange(plain, start, start + length, max);
          const returned = addRangeInPlace(inPlace, start, start + length, max);
          assert.is(returned, inPlace);
          assert.equal(inPlace, plain);
        }
      }),
      { numRuns: 400 },
    );
  });
}

test('addRangeInPlace: in-order segments extend the last range; a gap opens a new one; bridging keeps the limit', () => {
  const r: Array<[number, number]> = [];
  addRangeInPlace(r, 0, 10, 2);
  addRangeInPlace(r, 10, 20, 2);
  assert.equal(r, [[0, 20]]);
  addRangeInPlace(r, 30, 40, 2);
  assert.equal(r, [[0, 20], [30, 40]]);
  addRangeInPlace(r, 50, 60, 2);
  assert.equal(r, [[0, 40], [50, 60]]);
  addRangeInPlace(r, 35, 55, 2);
  assert.equal(r, [[0, 60]]);
});

test.run();
