// One direction of a TCP connection: which sequence ranges were sent (seen on the wire) and which of the first
// STREAM_WINDOW bytes were captured. Segments cut short by the capture leave holes; the TLS parser follows
// record lengths across them. Bytes past the window are counted but not kept, so memory per flow is bounded.
import { SparseBytes, addRangeInPlace } from './sparse-bytes.js';

export const STREAM_WINDOW = 64 * 1024;
const MAX_WIRE_RANGES = 32;
const MAX_SEGMENTS = 4096;

interface Segment {
  start: number;
  end: number;
  packet: number;
}

export class HalfStream {
  /** Sequence number of stream offset 0 (ISN + 1, or the first data segment's sequence number). */
  base: number | undefined;
  readonly bytes = new SparseBytes(STREAM_WINDOW);
  /** Sequence ranges sent, merged (most flows: one range from 0, extended in place). */
  private wire: Array<[number, number]> = [];
  private segments: Segment[] = [];
  /** Segments ever recorded (the bound holds whatever forgetSegmentsBelow() let go). */
  private segmentsRecorded = 0;

  /** False once the reader needs no more bytes of this direction (not TLS, flow closed). */
  keep = true;

  /** Stops keeping bytes. */
  drop(): void {
    this.keep = false;
    this.bytes.clear();
    this.segments = [];
  }

  /** Offset 0 is the first byte after the SYN (false: the capture began mid-stream). */
  fromSyn = false;

  /** Sets offset 0 from the SYN's sequence number. */
  setIsn(isn: number): void {
    if (this.base === undefined) {
      this.base = (isn + 1) >>> 0;
      this.fromSyn = true;
    }
  }

  /** Lets go of the segments that start before `offset` (their packet numbers are not needed). */
  forgetSegmentsBelow(offset: number): void {
    const segments = this.segments;
    let below = 0;
    for (let i = 0; i < segments.length; i++) if (segments[i]!.start < offset) below++;
    if (below === 0) return;
    this.segments = below === segments.length ? [] : segments.filter((s) => s.start >= offset);
  }

  /** Start offsets of the captured segments at or after `offset`, ascending. */
  segmentStartsFrom(offset: number): number[] {
    const out: number[] = [];
    const segments = this.segments;
    for (let i = 0; i < segments.length; i++) {
      const x = segments[i]!.start;
      if (x >= offset) out.push(x);
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /** Stream bytes sent without a gap from offset 0 (captured or not). */
  get wireLength(): number {
    const first = this.wire[0];
    return first && first[0] === 0 ? first[1] : 0;
  }

  /** Packet whose payload carried stream byte `offset`. */
  packetAt(offset: number): number | undefined {
    const segments = this.segments;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (s.start <= offset && offset < s.end) return s.packet;
    }
    return undefined;
  }

  /**
   * Adds a segment: `captured` are the bytes the capture kept, `wireLength` the payload length as sent.
   * Returns true when it repeats stream bytes already seen (a retransmission).
   */
  add(seq: number, captured: Uint8Array, wireLength: number, packet: number): boolean {
    if (wireLength <= 0) return false;
    if (this.base === undefined) this.base = seq >>> 0;
    const rel = (seq - this.base) >>> 0;
    if (rel >= 0x80000000) return true; // before offset 0: old data sent again
    const end = rel + wireLength;
    let repeated = false;
    const wire = this.wire;
    for (let i = 0; i < wire.length; i++) if (rel < wire[i]![1] && end > wire[i]![0]) repeated = true;
    // The first range is set as a one-element array: growing an empty one reserves room for seventeen, and a
    // flow kept open holds its ranges to the end of the trace.
    if (wire.length === 0) this.wire = [[rel, end]];
    else addRangeInPlace(wire, rel, end, MAX_WIRE_RANGES);
    if (rel < STREAM_WINDOW && this.keep) {
      // A repeated segment may still bring bytes an earlier, cut copy lacked.
      this.bytes.write(rel, captured.subarray(0, Math.min(captured.length, wireLength)));
      if (!repeated && this.segmentsRecorded < MAX_SEGMENTS) {
        this.segmentsRecorded++;
        this.segments.push({ start: rel, end, packet });
      }
    }
    return repeated;
  }
}
