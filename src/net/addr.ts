// Text forms of link and IP addresses.
import { ipv4Text, ipv6Text } from '../decode/values.js';

/** Dotted IPv4 from 4 bytes in network order (the decoder's renderer: one implementation for events and packets). */
export function ipv4ToString(b: Uint8Array): string {
  return ipv4Text(b);
}

/** RFC 5952 canonical text of a 16-byte IPv6 address. */
export function ipv6ToString(b: Uint8Array): string {
  return ipv6Text(b);
}

export function ipToString(b: Uint8Array): string {
  return b.length === 4 ? ipv4ToString(b) : ipv6ToString(b);
}

/** `ip:port`, IPv6 in brackets. */
export function endpointText(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
