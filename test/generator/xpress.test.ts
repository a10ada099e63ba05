// The XPRESS encoder round-trips through a decoder written from the documented format (etl-format.md §6),
// including every match-length encoding (3–9, nibble, byte, u16, u32) and the shared-nibble rule.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { xpressCompress } from '../../samples/generator/xpress.js';
import { Rng } from '../../samples/generator/rng.js';
import { xpressDecode } from './walk.js';

function roundTrip(data: Uint8Array): number {
  const packed = xpressCompress(data);
  const back = xpressDecode(Buffer.from(packed), data.length);
  assert.ok(Buffer.from(data).equals(back), 'decodes to the input');
  return packed.length;
}

test('random bytes (literals only) round-trip', () => {
  roundTrip(new Rng(7).bytes(10_000));
});

test('empty and tiny inputs', () => {
  roundTrip(new Uint8Array(0));
  roundTrip(Uint8Array.of(1));
  roundTrip(Uint8Array.of(1, 2, 3, 1, 2, 3, 1, 2, 3));
});

test('match lengths across every length encoding', () => {
  const rng = new Rng(11);
  for (const run of [3, 9, 10, 11, 24, 25, 26, 279, 280, 281, 5000, 65_537, 70_000]) {
    const head = rng.bytes(50);
    const data = Buffer.concat([head, Buffer.alloc(run, 0x41), rng.bytes(20), Buffer.alloc(run, 0x42), head]);
    const packed = roundTrip(data);
    if (run > 1000) assert.ok(packed < data.length / 10, `run of ${run} compresses`);
  }
});

test('many long matches alternate the shared length nibble', () => {
  const rng = new Rng(3);
  const parts: Buffer[] = [];
  for (let i = 0; i < 200; i++) parts.push(Buffer.from(rng.bytes(5)), Buffer.alloc(12 + (i % 13), i & 0xff));
  roundTrip(Buffer.concat(parts));
});

test('ETW-like buffers (repetitive headers, random payloads) round-trip and shrink', () => {
  const rng = new Rng(5);
  const parts: Buffer[] = [];
  for (let i = 0; i < 100; i++) {
    const h = Buffer.alloc(0x50, 0);
    h.writeUInt16LE(0x50 + 40, 0);
    h[2] = 0x13;
    h[3] = 0xc0;
    h.writeUInt32LE(1000 + (i % 3), 8);
    parts.push(h, Buffer.from(rng.bytes(40)));
  }
  const data = Buffer.concat(parts);
  assert.ok(roundTrip(data) < data.length);
});

test.run();
