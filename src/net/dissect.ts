// One captured frame → link, network and transport facts. formats/net_link.ksy, net_ip.ksy and net_transport.ksy
// are the specification; this is the hand-written path for Ethernet, IPv4, IPv6 and TCP/UDP headers, because it
// runs once per captured packet and the generated parsers (a stream object and a header object per layer) cost
// most of the network layer's time. dissectFrameGenerated() in dissect-generated.ts is the same dissection with
// the generated parsers; test/net/differential.test.ts proves both agree on every packet of the samples.
// 802.11 frames (rare: native Wi-Fi captures) still go through the generated parsers.
import type { PacketCaptured } from '../providers/observations.js';
import { ipv4ToString, ipv6ToString } from './addr.js';
import { formatType, parsePartial } from './kaitai.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, IPV6_AH, IPV6_EXTENSION_HEADERS, IPV6_FRAGMENT, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP, TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_PSH, TCP_FLAG_RST, TCP_FLAG_SYN, TPID_8021AD, TPID_8021Q } from './wire-kinds.js';

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  syn: boolean;
  ackFlag: boolean;
  fin: boolean;
  rst: boolean;
  psh: boolean;
  /** Captured payload bytes (may be shorter than `wireLength`). */
  payload: Uint8Array;
  /** Payload length as sent, from the IP length fields (captured length when those are 0, e.g. LSO). */
  wireLength: number;
}

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
  wireLength: number;
}

export interface DissectedFrame {
  /** Why the frame carries no IP packet we analyse: `non_ip`, `undecodable`, or undefined when it does. */
  skip?: 'non_ip' | 'undecodable';
  detail?: string;
  vlanIds: number[];
  ipVersion?: 4 | 6;
  src?: string;
  dst?: string;
  protocol?: number;
  /** IPv4/IPv6 fragment (first or later); only a first fragment carries a transport header. */
  fragment?: boolean;
  tcp?: TcpSegment;
  udp?: UdpDatagram;
  /** Captured bytes end before the packet did (transport payload or headers cut). */
  truncated: boolean;
  /** Frame length implied by the IP header (link header + IP total length), when it says. */
  impliedLength?: number;
  /** Where the IP header starts in the frame. */
  ipOffset?: number;
  /** Where the transport header starts in the frame (when the IP layer reached it). */
  l4Offset?: number;
}


/** Text of the IPv4 addresses seen, by address: a capture talks to few hosts, and the same string object
 * for the same address makes the flow lookups that follow cheap. */
const ipv4Texts = new Map<number, string>();

function ipv4Text(b: Uint8Array, at: number): string {
  const n = u32(b, at);
  let text = ipv4Texts.get(n);
  if (text === undefined) {
    if (ipv4Texts.size >= 65536) ipv4Texts.clear();
    text = ipv4ToString(b.subarray(at, at + 4));
    ipv4Texts.set(n, text);
  }
  return text;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

export function dissectFrame(p: Pick<PacketCaptured, 'link' | 'data' | 'originalLength'>): DissectedFrame {
  const out: DissectedFrame = { vlanIds: [], truncated: p.data.length < p.originalLength };
  const data = p.data;
  let offset = 0;
  let etherType: number | undefined;
  if (p.link === 'ethernet') {
    // ethernet_header: dst_mac(6) src_mac(6) type_or_tpid(u2), then vlan_tag (TCI u2, inner_type u2) repeated
    // while the type names another tag.
    if (data.length < 14) return undecodable(out, 'Ethernet header cut short');
    etherType = u16(data, 12);
    offset = 14;
    if (etherType === TPID_8021Q || etherType === TPID_8021AD) {
      const vlanIds: number[] = [];
      do {
        if (offset + 4 > data.length) return undecodable(out, 'Ethernet header cut short');
        vlanIds.push(u16(data, offset) & 0x0fff);
        etherType = u16(data, offset + 2);
        offset += 4;
      } while (etherType === TPID_8021Q || etherType === TPID_8021AD);
      out.vlanIds = vlanIds;
    }
  } else if (p.link === 'ieee802_11') {
    const r = parsePartial(formatType('NetLink', 'Ieee80211Header'), data);
    if (r.truncated || r.error) return undecodable(out, '802.11 header cut short');
    const h = r.value;
    if (!h.isData) return nonIp(out, `802.11 frame type ${h.frameType} subtype ${h.subtype}`);
    if (h.isQosData && h.qosControl !== undefined && (h.qosControl & 0x80) !== 0) {
      return undecodable(out, '802.11 A-MSDU aggregate');
    }
    const llc = parsePartial(formatType('NetLink', 'LlcSnapHeader'), data, r.end);
    if (llc.truncated || llc.error) return undecodable(out, 'LLC header cut short');
    if (!llc.value.isSnap) return nonIp(out, `LLC DSAP 0x${llc.value.dsap.toString(16)}`);
    etherType = llc.value.etherType;
    offset = llc.end;
  } else {
    if (data.length < 1) return undecodable(out, 'empty frame');
    const v = data[0]! >> 4;
    etherType = v === 4 ? ETHERTYPE_IPV4 : v === 6 ? ETHERTYPE_IPV6 : undefined;
    if (etherType === undefined) return nonIp(out, `raw IP version ${v}`);
  }
  if (etherType === ETHERTYPE_IPV4) return ipv4(out, data, offset);
  if (etherType === ETHERTYPE_IPV6) return ipv6(out, data, offset);
  return nonIp(out, `EtherType 0x${(etherType ?? 0).toString(16).padStart(4, '0')}`);
}

function ipv4(out: DissectedFrame, data: Uint8Array, offset: number): DissectedFrame {
  // ipv4_header: version/ihl, dscp_ecn, total_length, identification, flags/fragment_offset, ttl, protocol,
  // checksum, src_addr, dst_addr (20 bytes), then options (ihl * 4 - 20 bytes) when ihl > 5.
  if (offset + 20 > data.length) return undecodable(out, 'IPv4 header cut short or invalid');
  const version = data[offset]! >> 4;
  const ihl = data[offset]! & 0x0f;
  if (version !== 4 || ihl < 5 || offset + ihl * 4 > data.length) return undecodable(out, 'IPv4 header cut short or invalid');
  const totalLength = u16(data, offset + 2);
  const flagsFragment = u16(data, offset + 6);
  const protocol = data[offset + 9]!;
  out.ipVersion = 4;
  out.ipOffset = offset;
  out.src = ipv4Text(data, offset + 12);
  out.dst = ipv4Text(data, offset + 16);
  out.protocol = protocol;
  const headerLen = ihl * 4;
  let ipEnd: number;
  if (totalLength >= headerLen) {
    ipEnd = offset + totalLength;
    out.impliedLength = ipEnd;
    if (ipEnd > data.length) out.truncated = true;
  } else {
    // Total length 0: captured before large-send segmentation; the captured bytes are all we know.
    ipEnd = data.length;
  }
  const moreFragments = (flagsFragment & 0x2000) !== 0;
  const fragmentOffset = flagsFragment & 0x1fff;
  if (moreFragments || fragmentOffset > 0) {
    out.fragment = true;
    if (fragmentOffset > 0) return out;
  }
  return transport(out, data, offset + headerLen, ipEnd, protocol);
}

function ipv6(out: DissectedFrame, data: Uint8Array, offset: number): DissectedFrame {
  // ipv6_header: version/traffic class/flow label (4 bytes), payload_length, next_header, hop_limit,
  // src_addr(16), dst_addr(16).
  if (offset + 40 > data.length || data[offset]! >> 4 !== 6) return undecodable(out, 'IPv6 header cut short or invalid');
  const payloadLength = u16(data, offset + 4);
  out.ipVersion = 6;
  out.ipOffset = offset;
  out.src = ipv6ToString(data.subarray(offset + 8, offset + 24));
  out.dst = ipv6ToString(data.subarray(offset + 24, offset + 40));
  let ipEnd: number;
  if (payloadLength > 0) {
    ipEnd = offset + 40 + payloadLength;
    out.impliedLength = ipEnd;
    if (ipEnd > data.length) out.truncated = true;
  } else {
    ipEnd = data.length;
  }
  let next: number = data[offset + 6]!;
  let pos = offset + 40;
  for (let hops = 0; IPV6_EXTENSION_HEADERS.has(next); hops++) {
    if (hops > 16) return undecodable(out, 'IPv6 extension header chain too long');
    // ipv6_extension_header: next_header, length_field, then the fragment fields (6 bytes) for type 44 or a
    // body of (length_field + 2) * 4 - 2 bytes for AH (51), length_field * 8 + 6 bytes for the others.
    const size = next === IPV6_FRAGMENT ? 8 : next === IPV6_AH ? 2 + ((pos + 1 < data.length ? data[pos + 1]! : 0) + 2) * 4 - 2 : 2 + (pos + 1 < data.length ? data[pos + 1]! : 0) * 8 + 6;
    if (pos + size > data.length) {
      out.truncated = true;
      out.protocol = next;
      return out;
    }
    const nextHeader = data[pos]!;
    if (next === IPV6_FRAGMENT) {
      out.fragment = true;
      if (u16(data, pos + 2) >> 3 > 0) {
        out.protocol = nextHeader;
        return out;
      }
    }
    next = nextHeader;
    pos += size;
  }
  out.protocol = next;
  return transport(out, data, pos, ipEnd, next);
}

function transport(out: DissectedFrame, data: Uint8Array, start: number, ipEnd: number, protocol: number): DissectedFrame {
  const capturedEnd = Math.min(ipEnd, data.length);
  out.l4Offset = start;
  if (protocol === IP_PROTOCOL_TCP) {
    // tcp_header: ports, seq_num, ack_num, data offset/flags (2 bytes), window, checksum, urgent pointer
    // (20 bytes), then options (data_offset * 4 - 20 bytes) when data_offset > 5.
    if (start + 20 > capturedEnd) {
      out.truncated = true;
      return out;
    }
    const dataOffset = data[start + 12]! >> 4;
    if (dataOffset < 5 || start + dataOffset * 4 > capturedEnd) {
      out.truncated = true;
      return out;
    }
    const flags = data[start + 13]!;
    const payloadStart = start + dataOffset * 4;
    out.tcp = {
      srcPort: u16(data, start),
      dstPort: u16(data, start + 2),
      seq: u32(data, start + 4),
      ack: u32(data, start + 8),
      syn: (flags & TCP_FLAG_SYN) !== 0,
      ackFlag: (flags & TCP_FLAG_ACK) !== 0,
      fin: (flags & TCP_FLAG_FIN) !== 0,
      rst: (flags & TCP_FLAG_RST) !== 0,
      psh: (flags & TCP_FLAG_PSH) !== 0,
      payload: data.subarray(Math.min(payloadStart, capturedEnd), capturedEnd),
      wireLength: Math.max(0, ipEnd - payloadStart),
    };
  } else if (protocol === IP_PROTOCOL_UDP) {
    // udp_header: src_port, dst_port, length, checksum.
    if (start + 8 > capturedEnd) {
      out.truncated = true;
      return out;
    }
    const length = u16(data, start + 4);
    const payloadStart = start + 8;
    const udpEnd = length >= 8 ? Math.min(start + length, ipEnd) : ipEnd;
    out.udp = {
      srcPort: u16(data, start),
      dstPort: u16(data, start + 2),
      payload: data.subarray(Math.min(payloadStart, capturedEnd), Math.min(udpEnd, capturedEnd)),
      wireLength: Math.max(0, udpEnd - payloadStart),
    };
  }
  return out;
}

function undecodable(out: DissectedFrame, detail: string): DissectedFrame {
  out.skip = 'undecodable';
  out.detail = detail;
  return out;
}

function nonIp(out: DissectedFrame, detail: string): DissectedFrame {
  out.skip = 'non_ip';
  out.detail = detail;
  return out;
}
