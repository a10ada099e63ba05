// What kind of address an IP address is: loopback, private or special-purpose (not the internet), as bytes and
// prefixes. The capturing host's own addresses and the destination classes of the diagnosis build on it.

/** IPv4 private and special-purpose networks that are not the internet (RFC 1918, 6598, 3927, 2544, 5737). */
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '0.0.0.0/8', '192.0.0.0/24', '198.18.0.0/15', '224.0.0.0/4', '255.255.255.255/32'];
/** IPv6 unique-local, link-local, multicast and the unspecified address. */
const PRIVATE_V6 = ['fc00::/7', 'fe80::/10', 'ff00::/8', '::/128'];

export type Prefix = { bits: number[]; length: number };

/** `address/length` texts as prefixes to match against. */
export const parsePrefixes = (list: readonly string[]): Prefix[] =>
  list.map((p) => {
    const [addr, len] = p.split('/') as [string, string];
    return { bits: addressBytes(addr) ?? [], length: Number(len) };
  });
const PRIV_V4 = parsePrefixes(PRIVATE_V4);
const PRIV_V6 = parsePrefixes(PRIVATE_V6);

/** Bytes of an IPv4 or IPv6 address text (IPv4-mapped IPv6 becomes IPv4), undefined when not an address. */
export function addressBytes(ip: string): number[] | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    const b = ip.split('.').map(Number);
    return b.every((x) => x >= 0 && x <= 255) ? b : undefined;
  }
  if (!ip.includes(':')) return undefined;
  const [head, tail, extra] = ip.split('::');
  if (extra !== undefined) return undefined;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array(Math.max(0, fill)).fill('0'), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

export function inPrefix(b: number[], p: Prefix): boolean {
  if (b.length !== p.bits.length) return false;
  for (let bit = 0; bit < p.length; bit++) {
    const i = bit >> 3;
    const m = 0x80 >> (bit & 7);
    if ((b[i]! & m) !== (p.bits[i]! & m)) return false;
  }
  return true;
}

export function isLoopbackAddress(ip: string): boolean {
  const b = addressBytes(ip);
  if (!b) return false;
  return b.length === 4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
}

/** Private, link-local, shared (CGNAT), benchmarking, multicast and unspecified addresses. */
export function isPrivateAddress(ip: string): boolean {
  const b = addressBytes(ip);
  if (!b) return false;
  return (b.length === 4 ? PRIV_V4 : PRIV_V6).some((p) => inPrefix(b, p));
}
