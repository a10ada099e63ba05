// Bytes at known offsets of a byte stream whose other bytes were not captured. Stored as the captured chunks
// themselves (no flat copy), limited to offsets below `limit`; chunks the reader has consumed are dropped, so
// memory holds only what still waits to be parsed.

interface Chunk {
  start: number;
  bytes: Uint8Array;
}

export class SparseBytes {
  private chunks: Chunk[] = [];
  /** Merged [start, end) ranges of captured bytes still held. */
  private known: Array<[number, number]> = [];
  /** Offsets below this were consumed and dropped. */
  private floor = 0;

  constructor(readonly limit: number) {}

  /** Stores a copy of `bytes` at `offset` (the part between the consumed floor and the limit). */
  write(offset: number, bytes: Uint8Array): void {
    const start = Math.max(offset, this.floor);
    const end = Math.min(offset + bytes.length, this.limit);
    if (end <= start || this.isKnown(start, end)) return;
    this.chunks.push({ start, bytes: bytes.slice(start - offset, end - offset) });
    this.chunks.sort((a, b) => a.start - b.start);
    this.known = addRange(this.known, start, end, Infinity);
  }

  /** Number of captured bytes from `offset` on without a hole. */
  knownFrom(offset: number): number {
    for (const [a, b] of this.known) if (a <= offset && offset < b) return b - offset;
    return 0;
  }

  isKnown(start: number, end: number): boolean {
    return end <= start || this.knownFrom(start) >= end - start;
  }

  /** Bytes of [start, end), which must be known: a view when one chunk holds them, else a copy. */
  view(start: number, end: number): Uint8Array {
    if (end <= start) return new Uint8Array(0);
    for (const c of this.chunks) {
      if (c.start <= start && end <= c.start + c.bytes.length) return c.bytes.subarray(start - c.start, end - c.start);
    }
    const out = new Uint8Array(end - start);
    for (const c of this.chunks) {
      const a = Math.max(start, c.start);
      const b = Math.min(end, c.start + c.bytes.length);
      if (a < b) out.set(c.bytes.subarray(a - c.start, b - c.start), a - start);
    }
    return out;
  }

  /** Drops every byte below `offset` (already parsed). */
  discardBelow(offset: number): void {
    if (offset <= this.floor) return;
    this.floor = offset;
    this.chunks = this.chunks.filter((c) => c.start + c.bytes.length > offset);
    this.known = this.known.filter(([, b]) => b > offset).map(([a, b]) => [Math.max(a, offset), b] as [number, number]);
  }

  /** Drops everything and keeps nothing more (the stream is of no further interest). */
  clear(): void {
    this.discardBelow(Number.MAX_SAFE_INTEGER);
  }
}

/** Adds [start, end) to sorted merged ranges; beyond `max` entries the lowest holes are bridged. */
export function addRange(ranges: Array<[number, number]>, start: number, end: number, max: number): Array<[number, number]> {
  const r = [...ranges, [start, end] as [number, number]].sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const x of r) {
    const last = merged[merged.length - 1];
    if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
    else merged.push([x[0], x[1]]);
  }
  while (merged.length > max) {
    const a = merged.shift()!;
    const b = merged.shift()!;
    merged.unshift([a[0], b[1]]);
  }
  return merged;
}
