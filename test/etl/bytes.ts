// Byte-vector helpers for the layout tests: little-endian fields written at explicit offsets.
import { guidBytes } from '../../src/common/format.js';
import { concatBytes } from '../../src/common/bytes.js';

export class Bytes {
  readonly b: Uint8Array;
  private readonly dv: DataView;
  constructor(size: number, fill = 0) {
    this.b = new Uint8Array(size).fill(fill);
    this.dv = new DataView(this.b.buffer);
  }
  u8(off: number, v: number): this {
    this.b[off] = v;
    return this;
  }
  u16(off: number, v: number): this {
    this.dv.setUint16(off, v, true);
    return this;
  }
  u32(off: number, v: number): this {
    this.dv.setUint32(off, v >>> 0, true);
    return this;
  }
  u64(off: number, v: bigint): this {
    this.dv.setBigUint64(off, BigInt.asUintN(64, v), true);
    return this;
  }
  /** GUID in Windows mixed-endian layout. */
  guid(off: number, g: string): this {
    this.b.set(guidBytes(g), off);
    return this;
  }
  raw(off: number, bytes: ArrayLike<number>): this {
    this.b.set(bytes, off);
    return this;
  }
  utf16(off: number, s: string): this {
    this.b.set(Buffer.from(s, 'utf16le'), off);
    return this;
  }
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}
