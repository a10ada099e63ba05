// Endpoint addresses in one canonical text form so WebIO, TCPIP, AFD, DNS and packets can be joined:
// IPv4 `a.b.c.d:port`, IPv6 `[addr]:port` (lower case, compressed), IPv4-mapped IPv6 reduced to IPv4.
import type { FieldValue } from '../decode/types.js';
import { ipv4Text, ipv6Text, isIpv4Mapped } from '../decode/values.js';

const AF_INET = 2;
const AF_INET6 = 23;

/** Endpoint text of 16 IPv6 bytes: RFC 5952, except that an IPv4-mapped address is joined as its dotted IPv4. */
export function formatIpv6(b: Uint8Array, off = 0): string {
  return isIpv4Mapped(b, off) ? ipv4Text(b, off + 12) : ipv6Text(b, off);
}

/** Reads a SOCKADDR_IN / SOCKADDR_IN6 blob (family LE, port big-endian) as `ip:port`. */
export function sockaddrToText(b: Uint8Array, off = 0): string | undefined {
  if (b.length - off < 8) return undefined;
  const family = b[off]! | (b[off + 1]! << 8);
  const port = (b[off + 2]! << 8) | b[off + 3]!;
  if (family === AF_INET) {
    return `${ipv4Text(b, off + 4)}:${port}`;
  }
  if (family === AF_INET6 && b.length - off >= 24) {
    const ip = formatIpv6(b, off + 8);
    return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
  }
  return undefined;
}

/** Parses IPv6 text to 16 bytes (accepts an embedded dotted IPv4 tail and a `%zone`). */
function parseIpv6(text: string): Uint8Array | undefined {
  let s = text.replace(/%.*$/, '');
  const tail: number[] = [];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    tail.push(...v4.slice(1, 5).map(Number));
    if (tail.some((x) => x > 255)) return undefined;
    s = s.slice(0, v4.index) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const w = parseInt(g, 16);
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  if (v4) out.set(tail, 12);
  return out;
}

/** Canonical form of an IP address text (IPv4 as is, IPv6 compressed lower case, mapped IPv4 reduced). */
export function normalizeIp(text: string): string | undefined {
  if (dottedQuadEnd(text) === text.length) return text;
  const s = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s.split('.').some((x) => Number(x) > 255) ? undefined : s;
  if (s.includes(':')) {
    const b = parseIpv6(s);
    return b ? formatIpv6(b) : undefined;
  }
  return undefined;
}

/**
 * An endpoint field as `ip:port`: a SOCKADDR blob, or text `1.2.3.4:443`, `[2001:db8::1]:443`,
 * `2001:db8::1:443`-free forms are not guessed. Text without a port yields the bare address.
 */
export function toEndpoint(v: FieldValue | undefined): string | undefined {
  if (v instanceof Uint8Array) return sockaddrToText(v);
  if (typeof v !== 'string') return undefined;
  // The decoder renders SOCKADDR_IN fields as `a.b.c.d:port` already: no regex for them.
  if (isIpv4Endpoint(v)) return v;
  const s = v.trim().replace(/\0+$/, '');
  if (s === '') return undefined;
  let m = /^\[([^\]]+)\]:(\d+)$/.exec(s);
  if (m) {
    const ip = normalizeIp(m[1]!);
    if (!ip) return undefined;
    return ip.includes(':') ? `[${ip}]:${m[2]}` : `${ip}:${m[2]}`;
  }
  m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(s);
  if (m) return normalizeIp(m[1]!) ? `${m[1]}:${m[2]}` : undefined;
  const ip = normalizeIp(s);
  if (ip) return ip.includes(':') ? `[${ip}]` : ip;
  return undefined;
}

/**
 * Where a dotted IPv4 address at the start of `s` ends (four decimal octets of 1–3 digits, each ≤ 255), or -1.
 * A scan instead of a regex: the decoder renders every SOCKADDR_IN field this way.
 */
function dottedQuadEnd(s: string): number {
  const n = s.length;
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (i >= n || s.charCodeAt(i) !== 0x2e) return -1;
      i++;
    }
    let value = 0;
    let digits = 0;
    for (; i < n && digits < 4; i++, digits++) {
      const c = s.charCodeAt(i) - 0x30;
      if (c < 0 || c > 9) break;
      value = value * 10 + c;
    }
    if (digits === 0 || digits > 3 || value > 255) return -1;
  }
  return i;
}

/** `a.b.c.d:port` with a decimal port (what toEndpoint keeps as is). */
function isIpv4Endpoint(s: string): boolean {
  const n = s.length;
  let i = dottedQuadEnd(s);
  if (i < 0 || i + 1 >= n || s.charCodeAt(i) !== 0x3a) return false;
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return false;
  }
  return true;
}

/** All IP addresses found in free text (`::ffff:1.2.3.4;`, `1.2.3.4`, `2603:1026::1`), canonical and de-duplicated. */
export function ipsInText(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/[\s;,]+/)) {
    const t = token.replace(/^\[|\](:\d+)?$/g, '');
    const ip = normalizeIp(t);
    if (ip && !out.includes(ip)) out.push(ip);
  }
  return out;
}
