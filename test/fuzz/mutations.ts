// Mutations of a seed file. Each takes the seed, its map and three random words (from fast-check) and returns
// new bytes; a plan applies one to three of them in a row. Generic ones damage anything; structure-aware ones use
// the seed map to hit the fields a reader trusts.
import type { SeedMap, Span } from './seed-map.js';

export const MUTATIONS = [
  'bit_flip',
  'byte_burst',
  'header_flip',
  'truncate',
  'chunk_delete',
  'chunk_duplicate',
  'buffer_size',
  'buffer_header',
  'record_size',
  'ext_item_length',
  'xpress_stream',
  'tracelogging_metadata',
  'ip_frame',
  'tls_record',
  'garbage',
  'empty',
  'text_lines',
  'text_encoding',
] as const;
export type MutationKind = (typeof MUTATIONS)[number];

export interface Mutation {
  kind: MutationKind;
  a: number;
  b: number;
  c: number;
}

/** Values that sit on the edges readers get wrong. */
const EDGE32 = [0, 1, 7, 8, 0x47, 0x48, 0x49, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffff8, 0xffffffff];
const EDGE16 = [0, 1, 4, 7, 8, 0x10, 0x18, 0x20, 0x30, 0x48, 0x50, 0x7fff, 0x8000, 0xfff8, 0xffff];

function edge32(c: number): number {
  return c % 3 === 0 ? c >>> 0 : EDGE32[c % EDGE32.length]!;
}
function edge16(c: number): number {
  return c % 3 === 0 ? c & 0xffff : EDGE16[c % EDGE16.length]!;
}

function pick<T>(list: readonly T[], a: number): T | undefined {
  return list.length === 0 ? undefined : list[a % list.length];
}

function put32(out: Uint8Array, at: number, v: number): void {
  if (at >= 0 && at + 4 <= out.length) new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(at, v >>> 0, true);
}
function put16(out: Uint8Array, at: number, v: number): void {
  if (at >= 0 && at + 2 <= out.length) new DataView(out.buffer, out.byteOffset, out.byteLength).setUint16(at, v & 0xffff, true);
}

function flipBits(out: Uint8Array, at: number, count: number, c: number): void {
  for (let i = 0; i < count; i++) {
    const pos = at + ((c >>> (i * 3)) % 16);
    if (pos < out.length) out[pos]! ^= 1 << ((c >>> i) & 7);
  }
}

function withinSpan(s: Span, a: number): number {
  return s.start + (a % Math.max(1, s.end - s.start));
}

/** The structure a structure-aware mutation needs; the others need none. */
const NEEDS: Partial<Record<MutationKind, (map: SeedMap) => unknown[]>> = {
  buffer_header: (m) => m.buffers,
  record_size: (m) => m.records,
  ext_item_length: (m) => m.extItems,
  xpress_stream: (m) => m.xpress,
  tracelogging_metadata: (m) => m.traceLogging,
  ip_frame: (m) => m.ipFrames,
  tls_record: (m) => m.tlsRecords,
  text_lines: (m) => m.lines,
};

/** The mutation actually applied: one whose structure the seed lacks becomes a bit flip (never a no-op). */
export function effectiveKind(kind: MutationKind, map: SeedMap): MutationKind {
  const needs = NEEDS[kind];
  return needs === undefined || needs(map).length > 0 ? kind : 'bit_flip';
}

/** Applies one mutation; the input is not modified. */
export function mutate(input: Uint8Array, map: SeedMap, mutation: Mutation): Uint8Array {
  const m = { ...mutation, kind: effectiveKind(mutation.kind, map) };
  const n = input.length;
  const { a, b, c } = m;
  const copy = (): Uint8Array => Uint8Array.from(input);
  switch (m.kind) {
    case 'bit_flip': {
      const out = copy();
      if (n > 0) flipBits(out, a % n, 1 + (b % 8), c);
      return out;
    }
    case 'byte_burst': {
      const out = copy();
      if (n > 0) for (let i = 0, at = a % n; i < 1 + (b % 32) && at + i < n; i++) out[at + i] = (c >>> (i % 4) * 8) & 0xff;
      return out;
    }
    case 'header_flip': {
      // The logfile header buffer and the logfile header event (the first 0x200 bytes decide how all is read).
      const out = copy();
      if (n > 0) flipBits(out, a % Math.min(n, 0x200), 1 + (b % 4), c);
      return out;
    }
    case 'truncate': {
      // Cuts near a structure boundary half of the time, anywhere otherwise.
      const near = pick(b % 2 === 0 ? map.buffers : map.records.map((r) => r.offset), a);
      const at = near !== undefined ? near + (c % 0x60) : a % (n + 1);
      return input.subarray(0, Math.min(n, at));
    }
    case 'chunk_delete': {
      if (n === 0) return input;
      const at = a % n;
      const len = 1 + (b % Math.min(n - at, 0x4000));
      const out = new Uint8Array(n - len);
      out.set(input.subarray(0, at), 0);
      out.set(input.subarray(at + len), at);
      return out;
    }
    case 'chunk_duplicate': {
      if (n === 0) return input;
      const at = a % n;
      const len = 1 + (b % Math.min(n - at, 0x4000));
      const ins = c % (n + 1);
      const chunk = input.subarray(at, at + len);
      const out = new Uint8Array(n + len);
      out.set(input.subarray(0, ins), 0);
      out.set(chunk, ins);
      out.set(input.subarray(ins), ins + len);
      return out;
    }
    case 'buffer_size': {
      const out = copy();
      const at = pick(map.buffers, a) ?? (a % Math.max(1, n)) & ~7;
      put32(out, at, edge32(c));
      return out;
    }
    case 'buffer_header': {
      // SavedOffset, CurrentOffset, SequenceNumber, ProcessorIndex, Offset, FilledBytes, BufferFlag, BufferType.
      const out = copy();
      const at = pick(map.buffers, a);
      if (at === undefined) return out;
      const field = [0x04, 0x08, 0x18, 0x28, 0x2c, 0x30, 0x34, 0x36][b % 8]!;
      if (field >= 0x34) put16(out, at + field, edge16(c));
      else put32(out, at + field, edge32(c));
      return out;
    }
    case 'record_size': {
      const out = copy();
      const r = pick(map.records, a);
      if (r === undefined) return out;
      // SYSTEM/COMPACT/PERFINFO: size word after the marker; others: the low word of the marker.
      const sizeAt = r.kind === 'system' || r.kind === 'compact' || r.kind === 'perfinfo' ? r.offset + 4 : r.offset;
      if (b % 4 === 0) put32(out, r.offset, edge32(c));
      else put16(out, sizeAt, edge16(c));
      return out;
    }
    case 'ext_item_length': {
      const out = copy();
      const at = pick(map.extItems, a);
      if (at === undefined) return out;
      // Reserved1 (total size), ExtType, Linkage, DataSize.
      put16(out, at + [0, 2, 4, 6][b % 4]!, edge16(c));
      return out;
    }
    case 'xpress_stream': {
      const out = copy();
      const s = pick(map.xpress, a);
      if (s === undefined) return out;
      const at = withinSpan(s, b);
      if (c % 2 === 0) flipBits(out, at, 1 + (c % 5), c >>> 4);
      else put32(out, at, edge32(c >>> 1));
      return out;
    }
    case 'tracelogging_metadata': {
      const out = copy();
      const s = pick(map.traceLogging, a);
      if (s === undefined) return out;
      const at = withinSpan(s, b);
      if (c % 3 === 0) put16(out, at, edge16(c));
      else if (c % 3 === 1) out[at] = [0, 1, 0x7f, 0x80, 0xff][c % 5]!;
      else flipBits(out, at, 2, c);
      return out;
    }
    case 'ip_frame': {
      // Version/IHL, total length, protocol, TCP data offset and flags.
      const out = copy();
      const at = pick(map.ipFrames, a);
      if (at === undefined) return out;
      const field = [0, 2, 9, 20 + 12, 20 + 13, 4, 6][b % 7]!;
      if (field === 2 || field === 4 || field === 6) put16(out, at + field, edge16(c));
      else if (at + field < out.length) out[at + field] = c & 0xff;
      return out;
    }
    case 'tls_record': {
      // Content type, version, record length, handshake type and length.
      const out = copy();
      const at = pick(map.tlsRecords, a);
      if (at === undefined) return out;
      const field = [0, 1, 3, 5, 6, 9][b % 6]!;
      if (field === 3 || field === 1) put16(out, at + field, edge16(c));
      else if (at + field < out.length) out[at + field] = c & 0xff;
      return out;
    }
    case 'garbage': {
      const len = b % 0x20000;
      const out = new Uint8Array(len);
      let x = c | 1;
      for (let i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out[i] = x & 0xff;
      }
      // Sometimes keep the seed's first bytes so the garbage passes the format sniffing.
      if (a % 2 === 0) out.set(input.subarray(0, Math.min(len, 0x400)), 0);
      return out;
    }
    case 'empty':
      return new Uint8Array(0);
    case 'text_lines':
      return mutateLines(input, map, a, b, c);
    case 'text_encoding': {
      // UTF-16LE without a byte order mark, or NULs sprinkled in.
      if (c % 2 === 0) {
        const out = new Uint8Array(n * 2);
        for (let i = 0; i < n; i++) out[i * 2] = input[i]!;
        return out;
      }
      const out = copy();
      for (let i = 0; i < 1 + (b % 64) && n > 0; i++) out[(a + i * 977) % n] = 0;
      return out;
    }
  }
}

/** Deletes, duplicates or blows up a line; a long line or many blank ones stay bounded (throughput). */
function mutateLines(input: Uint8Array, map: SeedMap, a: number, b: number, c: number): Uint8Array {
  const lines = map.lines;
  if (lines.length === 0) return input;
  const i = a % lines.length;
  // An earlier mutation of the plan may have shortened the seed.
  const start = Math.min(lines[i]!, input.length);
  const end = Math.min(lines[i + 1] ?? input.length, input.length);
  const line = input.subarray(start, end);
  let insert: Uint8Array;
  let drop = 0;
  switch (b % 4) {
    case 0:
      insert = new Uint8Array(0);
      drop = end - start;
      break;
    case 1:
      insert = line.slice();
      break;
    case 2:
      insert = new Uint8Array(1 + (c % (1 << 20))).fill(0x41 + (c % 26));
      break;
    default:
      insert = new Uint8Array(1 + (c % 100_000)).fill(0x0a);
  }
  const out = new Uint8Array(input.length - drop + insert.length);
  out.set(input.subarray(0, start), 0);
  out.set(insert, start);
  out.set(input.subarray(start + drop), start + insert.length);
  return out;
}
