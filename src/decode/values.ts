// Text forms of binary values that carry their own structure: IP addresses, SOCKADDRs, SIDs, SYSTEMTIME; and
// upper-case hex of integers (pointers, handles, masks), which every decoded event needs some of.

/** Two upper-case hex digits per byte value: Number#toString(16) is several times slower than a table. */
const HEX_UPPER: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
const DIGIT_UPPER = '0123456789ABCDEF';

/** Upper-case hex of an unsigned 32-bit value, exactly eight digits. */
export function hex8Upper(n: number): string {
  return HEX_UPPER[n >>> 24]! + HEX_UPPER[(n >>> 16) & 0xff]! + HEX_UPPER[(n >>> 8) & 0xff]! + HEX_UPPER[n & 0xff]!;
}

/** Upper-case hex of an unsigned 32-bit value without leading zeros (`0` for 0). */
export function hexUpper32(n: number): string {
  n >>>= 0;
  if (n < 0x100) return n < 0x10 ? DIGIT_UPPER[n]! : HEX_UPPER[n]!;
  let s = '';
  while (n >= 0x100) {
    s = HEX_UPPER[n & 0xff]! + s;
    n >>>= 8;
  }
  return (n < 0x10 ? DIGIT_UPPER[n]! : HEX_UPPER[n]!) + s;
}

/** Upper-case hex of the unsigned 64-bit value hi·2³² + lo without leading zeros (no BigInt on the way). */
export function hexUpper64(hi: number, lo: number): string {
  return hi === 0 ? hexUpper32(lo) : hexUpper32(hi) + hex8Upper(lo);
}

/** Dotted IPv4 from 4 bytes in network order. */
export function ipv4Text(b: Uint8Array, off = 0): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** True for an IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2). */
export function isIpv4Mapped(b: Uint8Array, off = 0): boolean {
  for (let i = 0; i < 10; i++) if (b[off + i] !== 0) return false;
  return b[off + 10] === 0xff && b[off + 11] === 0xff;
}

/**
 * RFC 5952 text of a 16-byte IPv6 address (longest run of ≥ 2 zero groups compressed, lower case; an
 * IPv4-mapped address as ::ffff:a.b.c.d). The one IPv6 renderer of the project.
 */
export function ipv6Text(b: Uint8Array, off = 0): string {
  if (isIpv4Mapped(b, off)) return `::ffff:${ipv4Text(b, off + 12)}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const AF_INET = 2;
const AF_INET6 = 23;

/**
 * `ip:port` for a SOCKADDR_IN, `[v6]:port` for a SOCKADDR_IN6 (family u16 LE, port big-endian);
 * undefined when the bytes are not one of them (wrong family or too short).
 */
export function sockaddrText(b: Uint8Array): string | undefined {
  if (b.length < 8) return undefined;
  const family = b[0]! | (b[1]! << 8);
  const port = (b[2]! << 8) | b[3]!;
  if (family === AF_INET && b.length >= 8 && b.length <= 16) return `${ipv4Text(b, 4)}:${port}`;
  if (family === AF_INET6 && b.length >= 24 && b.length <= 28) return `[${ipv6Text(b, 8)}]:${port}`;
  return undefined;
}

/** Length of a SID at `off` (8 + 4 × sub-authority count), or -1 when it does not fit. */
export function sidLength(b: Uint8Array, off: number): number {
  if (off + 8 > b.length) return -1;
  const n = 8 + 4 * b[off + 1]!;
  return off + n <= b.length ? n : -1;
}

/** `S-1-5-21-…` text of a SID at `off` (caller checked the length). */
export function sidText(b: Uint8Array, off: number): string {
  const rev = b[off]!;
  const subCount = b[off + 1]!;
  let authority = 0;
  for (let i = 0; i < 6; i++) authority = authority * 256 + b[off + 2 + i]!;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts = [`S-${rev}`, authority < 2 ** 32 ? String(authority) : '0x' + authority.toString(16).toUpperCase()];
  for (let i = 0; i < subCount; i++) parts.push(String(dv.getUint32(off + 8 + 4 * i, true)));
  return parts.join('-');
}

/** ISO-8601 (`YYYY-MM-DDThh:mm:ss.mmmZ`) of a 16-byte SYSTEMTIME; the raw numbers when it is not a valid date. */
export function systemtimeText(b: Uint8Array, off: number): string {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const w = (i: number) => dv.getUint16(off + 2 * i, true);
  const [year, month, , day, hour, minute, second, ms] = [w(0), w(1), w(2), w(3), w(4), w(5), w(6), w(7)];
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61 && ms < 1000;
  if (!valid || Number.isNaN(t) || year < 1601) {
    return `${year}-${month}-${day} ${hour}:${minute}:${second}.${ms}`;
  }
  return new Date(t).toISOString();
}
