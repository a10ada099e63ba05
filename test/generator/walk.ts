// A deliberately small, independent ETL walker for the generator's tests, written from the documented layout
// (shared/reference/etl-format.md §1–§6), not from the writer's code: buffers by their own BufferSize, records
// until FilledBytes, 8-byte alignment, EVENT_HEADER fields at their documented offsets, plain-LZ77 XPRESS.

export interface WalkedBuffer {
  offset: number;
  bufferSize: number;
  savedOffset: number;
  filledBytes: number;
  sequence: bigint;
  timeStamp: bigint;
  flags: number;
  type: number;
  cpu: number;
  loggerId: number;
  /** Bytes [0x48, FilledBytes) after decompression. */
  events: Buffer;
  /** Raw on-disk bytes after FilledBytes (uncompressed buffers). */
  tail: Buffer;
}

export interface WalkedEvent {
  bufferIndex: number;
  /** Offset of the record inside the buffer (from the buffer start). */
  at: number;
  headerType: number;
  size: number;
  tid: number;
  pid: number;
  time: bigint;
  provider: string;
  id: number;
  version: number;
  channel: number;
  level: number;
  opcode: number;
  task: number;
  keyword: bigint;
  payload: Buffer;
}

export function guidAt(b: Buffer, o: number): string {
  const h = (i: number) => b[o + i]!.toString(16).padStart(2, '0');
  return `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

/** MS-XCA plain LZ77 decoder, as described in etl-format.md §6. */
export function xpressDecode(input: Buffer, outLength: number): Buffer {
  const out = Buffer.alloc(outLength);
  let ip = 0;
  let op = 0;
  let flags = 0;
  let flagBits = 0;
  let halfByte = -1;
  while (op < outLength) {
    if (flagBits === 0) {
      if (ip + 4 > input.length) break;
      flags = input.readUInt32LE(ip);
      ip += 4;
      flagBits = 32;
    }
    flagBits--;
    const isMatch = (flags >>> flagBits) & 1;
    if (!isMatch) {
      if (ip >= input.length) break;
      out[op++] = input[ip++]!;
      continue;
    }
    if (ip + 2 > input.length) break;
    const m = input.readUInt16LE(ip);
    ip += 2;
    const offset = (m >>> 3) + 1;
    let length = m & 7;
    if (length < 7) length += 3;
    else {
      let nibble: number;
      if (halfByte < 0) {
        halfByte = ip;
        nibble = input[ip++]! & 0x0f;
      } else {
        nibble = input[halfByte]! >>> 4;
        halfByte = -1;
      }
      if (nibble < 15) length = nibble + 10;
      else {
        const b = input[ip++]!;
        if (b < 255) length = b + 25;
        else {
          let w = input.readUInt16LE(ip);
          ip += 2;
          if (w === 0) {
            w = input.readUInt32LE(ip);
            ip += 4;
          }
          length = w + 3;
        }
      }
    }
    if (offset > op) throw new Error(`match offset ${offset} before the start at output ${op}`);
    for (let i = 0; i < length && op < outLength; i++, op++) out[op] = out[op - offset]!;
  }
  if (op !== outLength) throw new Error(`decoded ${op} of ${outLength} bytes`);
  return out;
}

export function walkBuffers(file: Buffer): WalkedBuffer[] {
  const out: WalkedBuffer[] = [];
  let off = 0;
  while (off < file.length) {
    const bufferSize = file.readUInt32LE(off);
    if (bufferSize < 0x48 || off + bufferSize > file.length) throw new Error(`bad BufferSize ${bufferSize} at ${off}`);
    const flags = file.readUInt16LE(off + 0x34);
    const filledBytes = file.readUInt32LE(off + 0x30);
    const procIndex = (flags & 0x20) !== 0;
    const compressed = (flags & 0x40) !== 0;
    const raw = file.subarray(off, off + bufferSize);
    const events = compressed ? xpressDecode(raw.subarray(0x48), filledBytes - 0x48) : raw.subarray(0x48, filledBytes);
    out.push({
      offset: off,
      bufferSize,
      savedOffset: file.readUInt32LE(off + 0x04),
      filledBytes,
      timeStamp: file.readBigUInt64LE(off + 0x10),
      sequence: file.readBigUInt64LE(off + 0x18),
      flags,
      type: file.readUInt16LE(off + 0x36),
      cpu: procIndex ? file.readUInt16LE(off + 0x28) & 0x7ff : file[off + 0x28]!,
      loggerId: file.readUInt16LE(off + 0x2a),
      events: Buffer.from(events),
      tail: compressed ? Buffer.alloc(0) : raw.subarray(filledBytes),
    });
    off += bufferSize;
  }
  return out;
}

/** EVENT_HEADER records of every data buffer, in file order (other record kinds are skipped by size). */
export function walkEvents(buffers: WalkedBuffer[]): WalkedEvent[] {
  const out: WalkedEvent[] = [];
  buffers.forEach((b, bufferIndex) => {
    const e = b.events;
    let p = 0;
    while (p + 4 <= e.length) {
      if (e.readUInt32LE(p) === 0xffffffff) break;
      if (e[p + 3] !== 0xc0) throw new Error(`unexpected marker ${e[p + 3]} in buffer ${bufferIndex} at ${p}`);
      const headerType = e[p + 2]!;
      const size = headerType <= 4 ? e.readUInt16LE(p + 4) : e.readUInt16LE(p);
      if (size < 0x18 || p + size > e.length) throw new Error(`bad record size ${size} in buffer ${bufferIndex} at ${p}`);
      if (headerType === 0x12 || headerType === 0x13) {
        out.push({
          bufferIndex,
          at: 0x48 + p,
          headerType,
          size,
          tid: e.readUInt32LE(p + 0x08),
          pid: e.readUInt32LE(p + 0x0c),
          time: e.readBigUInt64LE(p + 0x10),
          provider: guidAt(e, p + 0x18),
          id: e.readUInt16LE(p + 0x28),
          version: e[p + 0x2a]!,
          channel: e[p + 0x2b]!,
          level: e[p + 0x2c]!,
          opcode: e[p + 0x2d]!,
          task: e.readUInt16LE(p + 0x2e),
          keyword: e.readBigUInt64LE(p + 0x30),
          payload: e.subarray(p + 0x50, p + size),
        });
      }
      p += (size + 7) & ~7;
    }
  });
  return out;
}

export const NDIS_GUID = '2ed6006e-4729-4609-b423-3ee7bcd678ef';

export interface CapturedFrame {
  time: bigint;
  send: boolean;
  bytes: Buffer;
}

/** Whole frames from NDIS-PacketCapture 1001 fragments (PacketStart … PacketEnd), in time order. */
export function capturedFrames(events: WalkedEvent[]): CapturedFrame[] {
  const frags = events.filter((e) => e.provider === NDIS_GUID && e.id === 1001).sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const out: CapturedFrame[] = [];
  let cur: Buffer[] = [];
  for (const f of frags) {
    const size = f.payload.readUInt32LE(8);
    const frag = f.payload.subarray(12, 12 + size);
    if (f.keyword & 0x40000000n) cur = [];
    cur.push(frag);
    if (f.keyword & 0x80000000n) out.push({ time: f.time, send: (f.keyword & 0x100000000n) !== 0n, bytes: Buffer.concat(cur) });
  }
  return out;
}
