// JSON text written straight into a byte buffer: the JSON Lines writers produce hundreds of megabytes, and
// building each line as a JavaScript string first costs a concatenation, a flattening and a UTF-8 encoding per
// line (and the garbage of all three). Every method writes exactly the bytes of the UTF-8 encoding of the JSON
// text that JSON.stringify / String() would give.
import { toHex } from '../common/format.js';

/**
 * Below glibc's mmap threshold (128 KiB), so a buffer reuses heap memory the collector gave back instead of
 * mapping, and faulting in, fresh pages for every chunk.
 */
const INITIAL_CAPACITY = 96 << 10;
/** Strings up to this long are copied by a loop: a native write costs more per call than it saves. */
const SHORT_STRING = 40;

/** Lower-case hex digits as byte codes. */
const HEX_DIGITS = new Uint8Array(Buffer.from('0123456789abcdef', 'latin1'));
/** From this many bytes on, Buffer's hex encoder beats the loop (the string it makes is then worth it). */
const NATIVE_HEX_FROM = 64;
/** A character JSON.stringify escapes (`"`, `\\`, controls) or that UTF-8 writes as more than one byte. */
const NEEDS_ESCAPE_OR_UTF8 = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

export class JsonBytes {
  buf: Buffer = Buffer.allocUnsafe(INITIAL_CAPACITY);
  pos = 0;

  /** Room for `n` more bytes (the buffer grows: a line is never split between two buffers). */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** Hands over the bytes written so far (the caller owns them: a stream may hold them) and starts a fresh buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(INITIAL_CAPACITY);
    this.pos = 0;
    return out;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Bytes prepared once (keys, descriptors). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const out = this.buf;
    let p = this.pos;
    // TypedArray#set costs more than a short loop for the few bytes of a key.
    if (n >= 32) out.set(b, p);
    else for (let i = 0; i < n; i++) out[p + i] = b[i]!;
    this.pos = p + n;
  }

  /** Text known to be ASCII (numbers, ISO times, punctuation). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const b = this.buf;
    const p = this.pos;
    for (let i = 0; i < n; i++) b[p + i] = s.charCodeAt(i);
    this.pos = p + n;
  }

  /** A non-negative integer below 2^53 in decimal. */
  uint(n: number): void {
    let width = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) width++;
    this.digits(n, width);
  }

  /** A number as JSON.stringify writes it, except that non-finite numbers become strings ("NaN", "Infinity"). */
  number(v: number): void {
    if (Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER) this.uint(v);
    else if (Number.isFinite(v)) this.ascii(String(v));
    else this.ascii(`"${v}"`);
  }

  /** `n` as exactly `width` decimal digits, zero-padded (0 ≤ n < 10^width). */
  digits(n: number, width: number): void {
    this.ensure(width);
    const b = this.buf;
    const end = this.pos + width;
    let t = n;
    for (let p = end - 1; p >= this.pos; p--) {
      b[p] = 48 + (t % 10);
      t = Math.floor(t / 10);
    }
    this.pos = end;
  }

  /** A JSON string literal, quotes included. Printable ASCII is copied as is; anything else goes through JSON.stringify. */
  string(s: string): void {
    const start = this.pos;
    this.byte(0x22);
    if (!this.plainAscii(s)) {
      this.pos = start;
      return this.escaped(s);
    }
    this.byte(0x22);
  }

  /** string(pieces.join('')), without making the joined string when the pieces are printable ASCII. */
  stringOfPieces(pieces: readonly string[]): void {
    const start = this.pos;
    this.byte(0x22);
    for (const s of pieces) {
      // Escapes (and surrogate pairs, which may span two pieces) are JSON.stringify's business.
      if (!this.plainAscii(s)) {
        this.pos = start;
        return this.escaped(pieces.join(''));
      }
    }
    this.byte(0x22);
  }

  /** Copies `s` when it is printable ASCII other than `"` and `\\`; false (nothing written) when it is not. */
  private plainAscii(s: string): boolean {
    const n = s.length;
    this.ensure(n);
    const b = this.buf;
    if (n > SHORT_STRING) {
      if (NEEDS_ESCAPE_OR_UTF8.test(s)) return false;
      this.pos += b.write(s, this.pos, 'latin1');
      return true;
    }
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
      b[p++] = c;
    }
    this.pos = p;
    return true;
  }

  /** Lower-case hex of `bytes` in quotes. */
  hexString(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(2 * n + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 0x22;
    if (n >= NATIVE_HEX_FROM) p += b.write(toHex(bytes), p, 'latin1');
    else {
      for (let i = 0; i < n; i++) {
        const x = bytes[i]!;
        b[p++] = HEX_DIGITS[x >>> 4]!;
        b[p++] = HEX_DIGITS[x & 15]!;
      }
    }
    b[p++] = 0x22;
    this.pos = p;
  }

  /** A string with characters that need escaping or more than one UTF-8 byte. */
  private escaped(s: string): void {
    const json = JSON.stringify(s);
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.ensure(3 * json.length);
    this.pos += this.buf.write(json, this.pos, 'utf8');
  }
}
