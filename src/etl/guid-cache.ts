// GUID strings for the record walk. Formatting a GUID costs far more than reading it, and a trace holds few
// distinct GUIDs, so strings are interned by their 16 bytes (read as four u32 words).
import { readGuid } from '../common/format.js';

interface Entry {
  a: number;
  b: number;
  c: number;
  d: number;
  guid: string;
}

export class GuidCache {
  private readonly map = new Map<number, Entry>();

  /** The lower-case GUID stored at `off` (Windows mixed-endian). */
  read(bytes: Uint8Array, dv: DataView, off: number): string {
    const a = dv.getUint32(off, true);
    const b = dv.getUint32(off + 4, true);
    const c = dv.getUint32(off + 8, true);
    const d = dv.getUint32(off + 12, true);
    const key = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35)) >>> 0;
    const e = this.map.get(key);
    if (e !== undefined && e.a === a && e.b === b && e.c === c && e.d === d) return e.guid;
    const guid = readGuid(bytes, off);
    // On a hash collision the first GUID keeps the slot; the other is formatted each time (still correct).
    if (e === undefined && this.map.size < 65536) this.map.set(key, { a, b, c, d, guid });
    return guid;
  }
}
