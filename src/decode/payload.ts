// Reads a payload field by field with an EventSchema. Pure and strict: running past the end or a missing
// length ends the read with an error and whatever was read before it. A NUL-terminated string that meets
// the end of the payload without its NUL ends there (TDH reads it so; some producers omit the NUL).
// A payload that does not fit is an ordinary result (schema variants are tried until one fits), so the reader
// never throws: the first failure is recorded in the Reader, reads after it return empty values, and every
// loop stops at it.
import type { FieldValue, Fields } from './types.js';
import { InType, OutType, type EventSchema, type FieldSchema } from './schema.js';
import { readGuid } from '../common/format.js';
import { filetimeToIso } from '../common/time.js';
import { hexUpper32, hexUpper64, ipv4Text, ipv6Text, sidLength, sidText, sockaddrText, systemtimeText } from './values.js';

export interface DecodeResult {
  fields: Fields;
  /** Bytes of the payload read. */
  consumed: number;
  /** Why reading stopped early; absent when every field was read. */
  error?: string;
}

export interface DecodeOptions {
  /**
   * Binary field values are views of `payload` instead of copies. Only for payloads whose bytes are never
   * overwritten (the ETL reader hands out every buffer in a fresh array): saves a copy per field, e.g. per
   * captured packet, but a value then keeps the payload's whole buffer in memory while it is held.
   */
  shareBytes?: boolean;
}

/** Binary fields named like these hold a SOCKADDR_IN/IN6 (TCPIP, AFD, WebIO, DNS-Client). */
const SOCKADDR_NAME = /(^|[a-z_])(Address|Addr|SockAddr|Sockaddr)$|^(Local|Remote|Source|Dest|Destination|Peer|Server|Client)(Address|Addr)/;

const utf16 = new TextDecoder('utf-16le');
const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function ansiText(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    return latin1.decode(b);
  }
}

function stripNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}


class Reader {
  private dataView: DataView | undefined;
  pos = 0;
  /** The first failure: why reading stopped, and where. */
  error: string | undefined;
  errorPos = 0;
  constructor(
    readonly b: Uint8Array,
    readonly pointerSize: 4 | 8,
    /** Binary values may be views of `b` (its bytes are never overwritten while the values are held). */
    readonly share = false,
  ) {}
  /** Made on first use: most payloads are read with the byte-wise integer reads below. */
  get dv(): DataView {
    return (this.dataView ??= new DataView(this.b.buffer, this.b.byteOffset, this.b.byteLength));
  }
  /** Records the first failure; later ones are consequences of it. */
  fail(message: string): void {
    if (this.error !== undefined) return;
    this.error = message;
    this.errorPos = this.pos;
  }
  /** Whether `n` more bytes are there (a failure is recorded when not, or when reading already failed). */
  need(n: number, what: string): boolean {
    if (this.error !== undefined) return false;
    if (n < 0 || this.pos + n > this.b.length) {
      this.fail(`${what}: needs ${n} bytes at payload offset ${this.pos}, ${this.b.length - this.pos} left`);
      return false;
    }
    return true;
  }
  /** The next `n` bytes as a view (for text decoding and other reads that keep nothing); empty after a failure. */
  view(n: number, what: string): Uint8Array {
    if (!this.need(n, what)) return EMPTY;
    // Plain Uint8Array even when the input is a Buffer.
    const out = new Uint8Array(this.b.buffer, this.b.byteOffset + this.pos, n);
    this.pos += n;
    return out;
  }
  /** The next `n` bytes as a field value: a copy, or a view when the caller said the payload is never reused. */
  bytes(n: number, what: string): Uint8Array {
    const v = this.view(n, what);
    if (this.share) return v;
    const out = new Uint8Array(n);
    out.set(v);
    return out;
  }
  u8(w: string): number {
    if (!this.need(1, w)) return 0;
    return this.b[this.pos++]!;
  }
  u16(w: string): number {
    if (!this.need(2, w)) return 0;
    const b = this.b;
    const p = this.pos;
    this.pos += 2;
    return b[p]! | (b[p + 1]! << 8);
  }
  u32(w: string): number {
    if (!this.need(4, w)) return 0;
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }
  u64(w: string): bigint {
    if (!this.need(8, w)) return 0n;
    const b = this.b;
    const p = this.pos;
    this.pos += 8;
    const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    const hi = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
    return hi === 0 ? (lo === 0 ? 0n : BigInt(lo)) : (BigInt(hi) << 32n) | BigInt(lo);
  }
  /** A pointer or SIZE_T as `0x` + upper-case hex (read as two 32-bit words: no BigInt per pointer). */
  pointerHex(w: string): string {
    if (this.pointerSize === 4) return '0x' + hexUpper32(this.u32(w));
    if (!this.need(8, w)) return '0x0';
    const b = this.b;
    const p = this.pos;
    this.pos += 8;
    const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    const hi = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
    return '0x' + hexUpper64(hi, lo);
  }
  /** UTF-16 up to a 0 unit (consumed, not returned). */
  utf16z(w: string): string {
    if (this.error !== undefined) return '';
    let end = this.pos;
    while (end + 1 < this.b.length && (this.b[end] !== 0 || this.b[end + 1] !== 0)) end += 2;
    if (end + 1 >= this.b.length) {
      // No terminator: like TDH, a string that ends the payload runs to its end (producers omit the NUL).
      if ((this.b.length - this.pos) % 2 !== 0) {
        this.fail(`${w}: UTF-16 string at payload offset ${this.pos} has no terminator`);
        return '';
      }
      const s = utf16.decode(this.b.subarray(this.pos));
      this.pos = this.b.length;
      return s;
    }
    const s = utf16.decode(this.b.subarray(this.pos, end));
    this.pos = end + 2;
    return s;
  }
  ansiz(w: string): string {
    if (this.error !== undefined) return '';
    const end = this.b.indexOf(0, this.pos);
    if (end < 0) {
      const s = ansiText(this.b.subarray(this.pos));
      this.pos = this.b.length;
      return s;
    }
    const s = ansiText(this.b.subarray(this.pos, end));
    this.pos = end + 1;
    return s;
  }
}

type Scope = { local: Fields; top: Fields };

function refNumber(r: Reader, ref: number | string | undefined, scope: Scope, what: string): number | undefined {
  if (ref === undefined || typeof ref === 'number') return ref;
  const v = ref in scope.local ? scope.local[ref] : scope.top[ref];
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  r.fail(`${what}: the field ${ref} giving its size is missing or not a number`);
  return 0;
}

function readScalar(r: Reader, f: FieldSchema, length: number | undefined): FieldValue {
  const w = f.name;
  const out = f.outType ?? 0;
  switch (f.inType) {
    case InType.UnicodeString:
    case InType.NonNullTerminatedString:
      if (length !== undefined) return stripNul(utf16.decode(r.view(length * 2, w)));
      if (f.inType === InType.NonNullTerminatedString) return stripNul(utf16.decode(r.view((r.b.length - r.pos) & ~1, w)));
      return r.utf16z(w);
    case InType.AnsiString:
    case InType.NonNullTerminatedAnsiString:
      if (length !== undefined) return stripNul(ansiText(r.view(length, w)));
      if (f.inType === InType.NonNullTerminatedAnsiString) return stripNul(ansiText(r.view(r.b.length - r.pos, w)));
      return r.ansiz(w);
    case InType.Int8: {
      const v = (r.u8(w) << 24) >> 24;
      return out === OutType.String ? String.fromCharCode(v & 0xff) : out === OutType.Boolean ? v !== 0 : v;
    }
    case InType.UInt8: {
      const v = r.u8(w);
      return out === OutType.String ? String.fromCharCode(v) : out === OutType.Boolean ? v !== 0 : v;
    }
    case InType.Int16:
      return (r.u16(w) << 16) >> 16;
    case InType.UInt16: {
      const v = r.u16(w);
      if (out === OutType.Port) return ((v & 0xff) << 8) | (v >> 8);
      if (out === OutType.String) return String.fromCharCode(v);
      return v;
    }
    case InType.Int32:
      return r.u32(w) | 0;
    case InType.UInt32:
    case InType.HexInt32: {
      if (out === OutType.Ipv4) return ipv4Text(r.view(4, w));
      const v = r.u32(w);
      return out === OutType.Boolean ? v !== 0 : v;
    }
    case InType.Int64:
      return BigInt.asIntN(64, r.u64(w));
    case InType.UInt64:
    case InType.HexInt64:
      return r.u64(w);
    case InType.Float: {
      if (!r.need(4, w)) return 0;
      const v = r.dv.getFloat32(r.pos, true);
      r.pos += 4;
      return v;
    }
    case InType.Double: {
      if (!r.need(8, w)) return 0;
      const v = r.dv.getFloat64(r.pos, true);
      r.pos += 8;
      return v;
    }
    case InType.Boolean:
      return r.u32(w) !== 0;
    case InType.Binary: {
      if (length === undefined) {
        r.fail(`${w}: binary field without a length`);
        return null;
      }
      return binaryValue(f, r.bytes(length, w));
    }
    case InType.Guid: {
      if (!r.need(16, w)) return '';
      const g = readGuid(r.b, r.pos);
      r.pos += 16;
      return g;
    }
    case InType.Pointer:
    case InType.SizeT:
      return r.pointerHex(w);
    case InType.FileTime:
      return filetimeToIso(r.u64(w));
    case InType.SystemTime: {
      if (!r.need(16, w)) return '';
      const s = systemtimeText(r.b, r.pos);
      r.pos += 16;
      return s;
    }
    case InType.Sid: {
      if (r.error !== undefined) return '';
      const n = sidLength(r.b, r.pos);
      if (n < 0) {
        r.fail(`${w}: SID at payload offset ${r.pos} runs past the end`);
        return '';
      }
      const s = sidText(r.b, r.pos);
      r.pos += n;
      return s;
    }
    case InType.WbemSid: {
      // TOKEN_USER {PSID Sid; DWORD Attributes} precedes the SID; a 0 first word means "no SID" (4 bytes).
      if (!r.need(4, w)) return null;
      if (r.dv.getUint32(r.pos, true) === 0) {
        r.pos += 4;
        return null;
      }
      if (!r.need(2 * r.pointerSize, w)) return null;
      r.pos += 2 * r.pointerSize;
      const n = sidLength(r.b, r.pos);
      if (n < 0) {
        r.fail(`${w}: SID at payload offset ${r.pos} runs past the end`);
        return null;
      }
      const s = sidText(r.b, r.pos);
      r.pos += n;
      return s;
    }
    case InType.CountedString:
    case InType.TdhCountedString:
      return stripNul(utf16.decode(r.view(r.u16(w), w)));
    case InType.ReversedCountedString: {
      const n = r.u16(w);
      return stripNul(utf16.decode(r.view(((n & 0xff) << 8) | (n >> 8), w)));
    }
    case InType.CountedAnsiString:
    case InType.TdhCountedAnsiString:
      return stripNul(ansiText(r.view(r.u16(w), w)));
    case InType.ReversedCountedAnsiString: {
      const n = r.u16(w);
      return stripNul(ansiText(r.view(((n & 0xff) << 8) | (n >> 8), w)));
    }
    case InType.CountedBinary:
      return binaryValue(f, r.bytes(r.u16(w), w));
    case InType.HexDump:
      return r.bytes(r.u32(w), w);
    case InType.UnicodeChar:
      return String.fromCharCode(r.u16(w));
    case InType.AnsiChar:
      return String.fromCharCode(r.u8(w));
    default:
      r.fail(`${w}: in-type ${f.inType} is not supported`);
      return null;
  }
}

/** Binary: SOCKADDR → `ip:port`, 16-byte IPv6 / 4-byte IPv4 out-types → address text, else the bytes. */
/** SOCKADDR_NAME per field name (tested once per name, not once per event). */
const sockaddrNames = new Map<string, boolean>();

function isSockaddrName(name: string): boolean {
  let yes = sockaddrNames.get(name);
  if (yes === undefined) {
    yes = SOCKADDR_NAME.test(name);
    if (sockaddrNames.size < 10000) sockaddrNames.set(name, yes);
  }
  return yes;
}

function binaryValue(f: FieldSchema, bytes: Uint8Array): FieldValue {
  const out = f.outType ?? 0;
  if (out === OutType.SocketAddress || isSockaddrName(f.name)) {
    const s = sockaddrText(bytes);
    if (s !== undefined) return s;
  }
  if (out === OutType.Ipv6 && bytes.length === 16) return ipv6Text(bytes);
  if (out === OutType.Ipv4 && bytes.length === 4) return ipv4Text(bytes);
  return bytes;
}

function readOne(r: Reader, f: FieldSchema, scope: Scope): FieldValue {
  if (f.members) {
    const local: Fields = {};
    const inner: Scope = { local, top: scope.top };
    for (const m of f.members) {
      const v = readField(r, m, inner);
      if (r.error !== undefined) break;
      local[m.name] = v;
    }
    return local;
  }
  const length = refNumber(r, f.length, scope, f.name);
  return readScalar(r, f, length === 0 && typeof f.length === 'number' ? undefined : length);
}

function readField(r: Reader, f: FieldSchema, scope: Scope): FieldValue {
  let count: number | undefined;
  if (f.countPrefix) count = r.u16(f.name);
  else count = refNumber(r, f.count, scope, f.name);
  if (r.error !== undefined) return null;
  const isArray = f.countPrefix || f.array || typeof f.count === 'string' || (count !== undefined && count > 1);
  if (!isArray) return readOne(r, f, scope);
  const n = count ?? 1;
  // Every scalar element takes at least one byte; struct elements may be empty, so cap them at the u16 range
  // that TDH and TraceLogging counts have (a damaged count must not spin for billions of empty structs).
  if ((!f.members && n > r.b.length - r.pos + 1) || n > 0xffff) {
    r.fail(`${f.name}: ${n} elements cannot fit in ${r.b.length - r.pos} bytes`);
    return null;
  }
  // Character arrays (TraceLogging UINT16/UINT8 arrays with out-type STRING) read as one string.
  if (!f.members && f.outType === OutType.String && (f.inType === InType.UInt16 || f.inType === InType.Int16)) {
    return stripNul(utf16.decode(r.view(n * 2, f.name)));
  }
  if (!f.members && f.outType === OutType.String && (f.inType === InType.UInt8 || f.inType === InType.Int8)) {
    return stripNul(ansiText(r.view(n, f.name)));
  }
  const out: FieldValue[] = [];
  for (let i = 0; i < n && r.error === undefined; i++) out.push(readOne(r, f, scope));
  return out;
}

/**
 * Decodes `payload` with `schema`. Values follow the rendering rules documented in index.ts.
 * Never throws on bad data: `error` says where reading stopped, `fields` holds what was read before.
 */
export function decodeWithSchema(payload: Uint8Array, schema: EventSchema, pointerSize: 4 | 8, opts: DecodeOptions = {}): DecodeResult {
  const r = new Reader(payload, pointerSize, opts.shareBytes === true);
  const fields: Fields = {};
  const scope: Scope = { local: fields, top: fields };
  for (const f of schema.fields) {
    const v = readField(r, f, scope);
    if (r.error !== undefined) return { fields, consumed: r.errorPos, error: r.error };
    fields[f.name] = v;
  }
  return { fields, consumed: r.pos };
}
