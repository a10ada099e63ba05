// Builders for decode tests: little-endian byte writers and RawEvent records.
import type { ExtendedItem, HeaderKind, RawEvent } from '../../src/etl/types.js';
import { guidBytes } from '../../src/common/format.js';

/** Appends little-endian values; `bytes()` returns the result. */
export class Bytes {
  private readonly parts: number[] = [];
  u8(...v: number[]): this {
    for (const x of v) this.parts.push(x & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v, v >> 8);
  }
  u16be(v: number): this {
    return this.u8(v >> 8, v);
  }
  u32(v: number): this {
    return this.u8(v, v >> 8, v >> 16, v >>> 24);
  }
  u64(v: bigint): this {
    for (let i = 0n; i < 8n; i++) this.parts.push(Number((BigInt.asUintN(64, v) >> (8n * i)) & 0xffn));
    return this;
  }
  f32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    return this.raw(b);
  }
  f64(v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    return this.raw(b);
  }
  raw(b: Uint8Array | number[]): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  guid(g: string): this {
    return this.raw(guidBytes(g));
  }
  /** UTF-16LE with a 0 terminator. */
  utf16z(s: string): this {
    return this.utf16(s).u16(0);
  }
  utf16(s: string): this {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
    return this;
  }
  /** UTF-8 with a 0 terminator. */
  utf8z(s: string): this {
    return this.raw(Buffer.from(s, 'utf8')).u8(0);
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** A RawEvent with plausible header fields; override what the test cares about. */
export function rawEvent(over: Partial<RawEvent> & { providerGuid: string; payload: Uint8Array }): RawEvent {
  const base: RawEvent = {
    headerKind: 'event_header' as HeaderKind,
    pointerSize: 8,
    rawTime: 0n,
    time: 133000000000000000n,
    cpu: 0,
    pid: 1234,
    tid: 5678,
    providerGuid: over.providerGuid,
    id: 0,
    version: 0,
    channel: 0,
    level: 4,
    opcode: 0,
    task: 0,
    keyword: 0n,
    flags: 0,
    ext: [] as ExtendedItem[],
    payload: over.payload,
    bufferOffset: 0,
  };
  return { ...base, ...over };
}

/** SOCKADDR_IN for a.b.c.d:port (family 2, port big-endian, 8 zero bytes). */
export function sockaddr4(ip: [number, number, number, number], port: number): Uint8Array {
  return new Bytes().u16(2).u16be(port).u8(...ip).raw(new Array(8).fill(0)).bytes();
}

/** SOCKADDR_IN6 (family 23, port big-endian, flow info, 16-byte address, scope id). */
export function sockaddr6(addr: number[], port: number): Uint8Array {
  return new Bytes().u16(23).u16be(port).u32(0).raw(addr).u32(0).bytes();
}

/** One field of TraceLogging event metadata. */
export interface TlField {
  name: string;
  inType: number;
  outType?: number;
  /** 0x20 constant count (with `count`), 0x40 variable count, 0x60 custom (with `schema`). */
  mode?: number;
  count?: number;
  schema?: number[];
}

/** TraceLogging event metadata (ext item 0x0B data) for an event name and its fields. */
export function tlMetadata(eventName: string, fields: TlField[]): Uint8Array {
  const body = new Bytes().u8(0).utf8z(eventName);
  for (const f of fields) {
    body.utf8z(f.name);
    body.u8(f.inType | (f.mode ?? 0) | (f.outType !== undefined ? 0x80 : 0));
    if (f.outType !== undefined) body.u8(f.outType);
    if (f.mode === 0x20) body.u16(f.count ?? 0);
    if (f.mode === 0x60) body.u16(f.schema?.length ?? 0).raw(f.schema ?? []);
  }
  const b = body.bytes();
  return new Bytes().u16(b.length + 2).raw(b).bytes();
}
