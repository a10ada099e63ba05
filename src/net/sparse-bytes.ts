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
  /** [start, end) whose bytes the reader will never look at (only whether they were captured): not stored. */
  private unreadStart = 0;
  private unreadEnd = 0;

  constructor(readonly limit: number) {}

  /**
   * Says that the bytes of [start, end) will not be read, only asked whether they were captured (e.g. the body
   * of a TLS application_data record): write() then keeps their positions but not copies of them, and view()
   * must not be asked for them. One range at a time; a new call replaces it.
   */
  ignoreBytes(start: number, end: number): void {
    this.unreadStart = start;
    this.unreadEnd = end;
  }

  /** Stores a copy of `bytes` at `offset` (the part between the consumed floor and the limit). */
  write(offset: number, bytes: Uint8Array): void {
    const start = Math.max(offset, this.floor);
    const end = Math.min(offset + bytes.length, this.limit);
    if (end <= start || this.isKnown(start, end)) return;
    if (start < this.unreadEnd && end > this.unreadStart) {
      if (start < this.unreadStart) this.keep(start, bytes.subarray(start - offset, this.unreadStart - offset));
      if (end > this.unreadEnd) this.keep(this.unreadEnd, bytes.subarray(this.unreadEnd - offset, end - offset));
    } else {
      this.keep(start, bytes.subarray(start - offset, end - offset));
    }
    addRangeInPlace(this.known, start, end, Infinity);
  }

  private keep(start: number, bytes: Uint8Array): void {
    const chunk = { start, bytes: bytes.slice() };
    // Chunks stay sorted by start (stable: a chunk goes after those with the same start).
    let i = this.chunks.length;
    while (i > 0 && this.chunks[i - 1]!.start > start) i--;
    // In-order segments (nearly all) go at the end.
    if (i === this.chunks.length) this.chunks.push(chunk);
    else this.chunks.splice(i, 0, chunk);
  }

  /** Number of captured bytes from `offset` on without a hole. */
  knownFrom(offset: number): number {
    const known = this.known;
    for (let i = 0; i < known.length; i++) {
      const r = known[i]!;
      if (r[0] <= offset && offset < r[1]) return r[1] - offset;
    }
    return 0;
  }

  isKnown(start: number, end: number): boolean {
    return end <= start || this.knownFrom(start) >= end - start;
  }

  /** Bytes of [start, end), which must be known: a view when one chunk holds them, else a copy. */
  view(start: number, end: number): Uint8Array {
    if (end <= start) return new Uint8Array(0);
    const chunks = this.chunks;
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
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
    if (this.chunks.length === 0 && this.known.length === 0) return;
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

/**
 * addRange() on `ranges` itself (sorted, merged, owned by the caller): the same result without building new
 * arrays, for the per-segment bookkeeping of the TCP and TLS layers. Returns `ranges`.
 */
export function addRangeInPlace(ranges: Array<[number, number]>, start: number, end: number, max: number): Array<[number, number]> {
  // Insert after every range starting at or before `start` (where addRange's stable sort puts it).
  let i = ranges.length;
  while (i > 0 && ranges[i - 1]![0] > start) i--;
  let at: number;
  const prev = i > 0 ? ranges[i - 1]! : undefined;
  if (prev && start <= prev[1]) {
    if (end > prev[1]) prev[1] = end;
    at = i - 1;
  } else {
    ranges.splice(i, 0, [start, end]);
    at = i;
  }
  // Absorb the following ranges the grown one now reaches.
  const cur = ranges[at]!;
  let n = 0;
  while (at + 1 + n < ranges.length && ranges[at + 1 + n]![0] <= cur[1]) {
    if (ranges[at + 1 + n]![1] > cur[1]) cur[1] = ranges[at + 1 + n]![1];
    n++;
  }
  if (n > 0) ranges.splice(at + 1, n);
  while (ranges.length > max) {
    const a = ranges[0]!;
    const b = ranges[1]!;
    ranges.splice(0, 2, [a[0], b[1]]);
  }
  return ranges;
}
