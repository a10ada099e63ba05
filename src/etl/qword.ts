// 64-bit fields come out of the generated parsers as {lo, hi} halves (formats/etl.ksy `qword`/`sqword`),
// because the JavaScript Kaitai runtime reads u8 as a double. Joined here into exact BigInts.

export interface Qword {
  lo: number;
  hi: number;
}

export function qwordValue(q: Qword): bigint {
  return (BigInt(q.hi) << 32n) | BigInt(q.lo >>> 0);
}
