// Which captured frames are the same packet seen again. pktmon logs a packet once per component and edge it
// crosses (NIC, filter drivers, WFP, TCPIP: often 8–13 appearances within microseconds), and netsh capture=yes can
// log one packet at more than one NDIS layer. Only the first appearance is analysed; the others are counted.
//
// Two identity schemes, both needed:
// - the trace's own: pktmon builds that give every appearance of a packet the same (PktGroupId, PktNumber) —
//   the extractor marks those as `duplicateOf`;
// - the packet's own: builds that give each appearance a new PktGroupId, and NDIS layers, carry nothing shared,
//   so identity comes from the IP packet itself — every header byte (IPv4 identification, TCP sequence and
//   acknowledgement numbers, flags, window, options) and the captured payload — except the fields that legitimately
//   differ between layers of one host: TTL / hop limit (forwarding) and the IP, TCP and UDP checksums (offload fills
//   them in below the upper layers).
// A retransmission is a different packet with the same sequence number: over IPv4 Windows gives it a new
// identification, and whatever the IP version it crosses the same capture points again, so an identical packet
// seen again at a capture point (component, edge, direction) where it was already seen is a new packet.
import type { PacketCaptured } from '../providers/observations.js';
import { IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from './wire-kinds.js';

/** How long after its first appearance a packet can still appear at another capture point (100 ns units: 50 ms). */
export const APPEARANCE_WINDOW = 500_000n;
/** Bytes of a non-TCP payload that take part in the identity (every capture point keeps at least these). */
const PAYLOAD_BYTES = 16;
/**
 * Identities remembered at most, in two generations of half as many: when the young one is full it becomes the
 * old one and the previous old one is forgotten (the window makes them stale long before).
 */
const MAX_REMEMBERED = 16384;

interface Seen {
  number: number;
  time: bigint;
  /** The capture point of the first appearance; `more` holds the others (most packets are seen at one). */
  site: string;
  more?: Set<string>;
}

/** The capture point of a frame: where on its way through the host it was logged. */
export function captureSite(p: Pick<PacketCaptured, 'iface' | 'direction' | 'captureSite'>): string {
  return p.captureSite ?? `${p.iface}|${p.direction}`;
}

export class AppearanceIndex {
  private young = new Map<number, Seen>();
  private old = new Map<number, Seen>();

  /**
   * The frame number of the packet's first appearance when `p` is a later appearance of it, else undefined (and
   * `p` is remembered as a first appearance). `ipOffset` is where the IP header starts in `p.data`.
   */
  firstAppearance(p: PacketCaptured, ipOffset: number, ipVersion: 4 | 6, l4Offset: number | undefined, protocol: number | undefined): number | undefined {
    if (p.duplicateOf !== undefined) return p.duplicateOf;
    const key = identity(p.data, ipOffset, ipVersion, l4Offset, protocol);
    const site = captureSite(p);
    const prior = this.young.get(key) ?? this.old.get(key);
    if (prior && p.time - prior.time <= APPEARANCE_WINDOW && p.time >= prior.time && prior.site !== site && !prior.more?.has(site)) {
      (prior.more ??= new Set()).add(site);
      return prior.number;
    }
    if (prior) this.old.delete(key);
    this.young.set(key, { number: p.number, time: p.time, site });
    if (this.young.size >= MAX_REMEMBERED >> 1) {
      this.old = this.young;
      this.young = new Map();
    }
    return undefined;
  }
}

/**
 * FNV-1a over the identity bytes, with the per-layer fields skipped, plus their count: a compact map key (53 bits:
 * the FNV hash, and 21 bits of a second hash mixed with the count; two packets of one 50 ms window that share it
 * are as unlikely as a repeated 53-bit random number among a few thousand).
 * The identity bytes are the IP and transport headers, and for protocols other than TCP the first payload bytes:
 * capture points keep different amounts of one packet (a snap length counts the link header too, and an 802.11
 * header is longer than an Ethernet one), so the payload cannot take part as a whole. A TCP segment needs none of
 * it — its IPv4 identification, sequence and acknowledgement numbers and length tell packets apart, and a resent
 * segment with identical headers carries identical bytes.
 */
export function identity(b: Uint8Array, ip: number, version: 4 | 6, l4: number | undefined, protocol: number | undefined): number {
  let end = b.length;
  if (l4 !== undefined && l4 < b.length) {
    const header = protocol === IP_PROTOCOL_TCP && l4 + 12 < b.length ? (b[l4 + 12]! >> 4) * 4 : protocol === IP_PROTOCOL_TCP ? 20 : protocol === IP_PROTOCOL_UDP ? 8 : 0;
    end = Math.min(b.length, l4 + header + (protocol === IP_PROTOCOL_TCP ? 0 : PAYLOAD_BYTES));
  } else {
    end = Math.min(b.length, ip + 40 + PAYLOAD_BYTES);
  }
  // IPv4: TTL at +8, header checksum at +10..11. IPv6: hop limit at +7.
  const skipA = version === 4 ? ip + 8 : ip + 7;
  const skipB = version === 4 ? ip + 10 : -1;
  const skipC = version === 4 ? ip + 11 : -1;
  // TCP checksum at +16..17, UDP at +6..7.
  const sum = l4 === undefined ? -1 : protocol === IP_PROTOCOL_TCP ? l4 + 16 : protocol === IP_PROTOCOL_UDP ? l4 + 6 : -1;
  let h = 0x811c9dc5;
  let h2 = 0;
  for (let i = ip; i < end; i++) {
    if (i === skipA || i === skipB || i === skipC || i === sum || i === sum + 1) continue;
    h ^= b[i]!;
    h = Math.imul(h, 0x01000193);
    h2 = (Math.imul(h2, 31) + b[i]!) | 0;
  }
  return (h >>> 0) * 0x200000 + ((h2 ^ Math.imul(end - ip, 0x9e3779b1)) & 0x1fffff);
}
