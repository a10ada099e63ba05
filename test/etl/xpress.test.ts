// MS-XCA plain LZ77: hand-built vectors (literals, overlapping matches, every length extension) and a
// round trip through an independent token encoder written from the specification.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { XpressError, xpressDecompress } from '../../src/etl/xpress.js';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((x) => parseInt(x, 16)));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function decompress(input: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const n = xpressDecompress(input, out);
  return out.subarray(0, n);
}

test('literals only', () => {
  // flag word 0 (32 literal flags), then 3 literal bytes.
  assert.is(text(decompress(hex('00000000 616263'), 3)), 'abc');
});

test('overlapping match: offset 3, length 9 repeats "abc"', () => {
  // flags 0,0,0,1 → 0x10000000; token (offset-1 = 2) << 3 | (9 - 3) = 0x0016.
  assert.is(text(decompress(hex('00000010 616263 1600'), 12)), 'abcabcabcabc');
});

test('length 7 escape: two long matches share one nibble byte (low nibble first, then high)', () => {
  // flags 0,1,1 → 0x60000000; 'a'; token 0x0007 + nibble byte 0x5A (low 0xA → 20), token 0x0007 (high 5 → 15).
  const out = decompress(hex('00000060 61 0700 5a 0700'), 36);
  assert.is(out.length, 36);
  assert.ok(out.every((x) => x === 0x61));
});

test('length byte (nibble 15): length = B + 25', () => {
  // 'x', match offset 1 length 100: nibble 15, byte 75.
  const out = decompress(hex('00000040 78 0700 0f 4b'), 101);
  assert.is(out.length, 101);
  assert.ok(out.every((x) => x === 0x78));
});

test('u16 length (byte 255): length = W + 3; u32 length when W = 0', () => {
  const a = decompress(hex('00000040 79 0700 0f ff e503'), 1001); // W = 997 → 1000
  assert.is(a.length, 1001);
  assert.ok(a.every((x) => x === 0x79));
  const b = decompress(hex('00000040 7a 0700 0f ff 0000 9d860100'), 100001); // u32 = 99997 → 100000
  assert.is(b.length, 100001);
  assert.ok(b.every((x) => x === 0x7a));
});

test('a match reaching before the output start, or past the expected size, is an XpressError', () => {
  assert.throws(() => decompress(hex('00000080 0800'), 10), (e: unknown) => e instanceof XpressError && /before the start/.test((e as Error).message));
  assert.throws(() => decompress(hex('00000040 61 0000'), 3), (e: unknown) => e instanceof XpressError && /past the expected size/.test((e as Error).message));
  assert.throws(() => decompress(hex('00000040 61 07'), 40), (e: unknown) => e instanceof XpressError);
  assert.throws(() => decompress(hex('000000'), 40), (e: unknown) => e instanceof XpressError && /inside a flag word/.test((e as Error).message));
});

test('input exhausted early: returns the bytes produced (the caller reports the short output)', () => {
  assert.is(decompress(hex('00000000 6162'), 10).length, 2);
});

// ---- independent encoder from MS-XCA §2.3 (token emission only; no match search) ----------------------------

type Op = { lit: number } | { off: number; len: number };

function encode(ops: Op[]): Uint8Array {
  const out: number[] = [];
  let flagPos = -1;
  let flagBits = 0;
  let flags = 0;
  let nibblePos = -1;
  const flag = (bit: number) => {
    if (flagBits === 0) {
      if (flagPos >= 0) writeFlags();
      flagPos = out.length;
      out.push(0, 0, 0, 0);
      flags = 0;
      flagBits = 32;
    }
    flagBits--;
    flags |= bit << flagBits;
  };
  const writeFlags = () => {
    out[flagPos] = flags & 0xff;
    out[flagPos + 1] = (flags >>> 8) & 0xff;
    out[flagPos + 2] = (flags >>> 16) & 0xff;
    out[flagPos + 3] = (flags >>> 24) & 0xff;
  };
  for (const op of ops) {
    if ('lit' in op) {
      flag(0);
      out.push(op.lit);
      continue;
    }
    flag(1);
    const l = op.len - 3;
    const token = ((op.off - 1) << 3) | Math.min(l, 7);
    out.push(token & 0xff, token >>> 8);
    if (l < 7) continue;
    const m = l - 7;
    const nib = Math.min(m, 15);
    if (nibblePos < 0) {
      nibblePos = out.length;
      out.push(nib);
    } else {
      out[nibblePos]! |= nib << 4;
      nibblePos = -1;
    }
    if (m < 15) continue;
    const b = m - 15;
    if (b < 255) {
      out.push(b);
      continue;
    }
    out.push(255);
    const w = op.len - 3;
    if (w <= 0xffff) out.push(w & 0xff, w >>> 8);
    else out.push(0, 0, w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24);
  }
  if (flagPos >= 0) {
    // Unused flag bits are 1s followed by no token: the decoder stops when input ends.
    flags |= (1 << flagBits) - 1;
    writeFlags();
  }
  return Uint8Array.from(out);
}

function apply(ops: Op[]): Uint8Array {
  const out: number[] = [];
  for (const op of ops) {
    if ('lit' in op) out.push(op.lit);
    else for (let i = 0; i < op.len; i++) out.push(out[out.length - op.off]!);
  }
  return Uint8Array.from(out);
}

test('round trip: random literal/match sequences (short, long, overlapping) decode to their meaning', () => {
  const opsArb = fc.array(
    fc.oneof(
      fc.record({ lit: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ offFrac: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.oneof(fc.integer({ min: 3, max: 40 }), fc.integer({ min: 3, max: 70000 })) }),
    ),
    { minLength: 1, maxLength: 120 },
  );
  fc.assert(
    fc.property(opsArb, (raw) => {
      const ops: Op[] = [];
      let size = 0;
      for (const r of raw) {
        if ('lit' in r) {
          ops.push(r);
          size++;
        } else if (size > 0) {
          const off = 1 + Math.min(size - 1, Math.floor(r.offFrac * Math.min(size, 8192)));
          ops.push({ off, len: r.len });
          size += r.len;
        }
      }
      const expected = apply(ops);
      const got = decompress(encode(ops), expected.length);
      assert.is(got.length, expected.length);
      assert.ok(Buffer.from(got).equals(Buffer.from(expected)));
    }),
    { numRuns: 300, seed: 20240501 },
  );
});

test.run();
