// One captured frame dissected with the parsers generated from formats/net_link.ksy, net_ip.ksy and
// net_transport.ksy. The network layer uses the hand-written dissectFrame() in dissect.ts (the hot path: one
// call per captured packet); this is the executable specification it is tested against
// (test/net/differential.test.ts) and the baseline of the benchmark.
import type { PacketCaptured } from '../providers/observations.js';
import { ipToString } from './addr.js';
import { formatType, parsePartial } from './kaitai.js';
import type { DissectedFrame } from './dissect.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, IPV6_EXTENSION_HEADERS, IPV6_FRAGMENT, IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from './wire-kinds.js';


export function dissectFrameGenerated(p: Pick<PacketCaptured, 'link' | 'data' | 'originalLength'>): DissectedFrame {
  const out: DissectedFrame = { vlanIds: [], truncated: p.data.length < p.originalLength };
  const data = p.data;
  let offset = 0;
  let etherType: number | undefined;
  if (p.link === 'ethernet') {
    const r = parsePartial(formatType('NetLink', 'EthernetHeader'), data);
    if (r.truncated || r.error) return undecodable(out, 'Ethernet header cut short');
    const h = r.value;
    for (const t of h.vlanTags ?? []) out.vlanIds.push(t.vlanId);
    etherType = h.etherType;
    offset = r.end;
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
  const r = parsePartial(formatType('NetIp', 'Ipv4Header'), data, offset);
  const h = r.value;
  if (r.truncated || r.error || h.version !== 4 || h.ihl < 5) return undecodable(out, 'IPv4 header cut short or invalid');
  out.ipVersion = 4;
  out.ipOffset = offset;
  out.src = ipToString(h.srcAddr);
  out.dst = ipToString(h.dstAddr);
  out.protocol = h.protocol;
  const headerLen = h.ihl * 4;
  let ipEnd: number;
  if (h.totalLength >= headerLen) {
    ipEnd = offset + h.totalLength;
    out.impliedLength = ipEnd;
    if (ipEnd > data.length) out.truncated = true;
  } else {
    // Total length 0: captured before large-send segmentation; the captured bytes are all we know.
    ipEnd = data.length;
  }
  if (h.moreFragments || h.fragmentOffset > 0) {
    out.fragment = true;
    if (h.fragmentOffset > 0) return out;
  }
  return transport(out, data, offset + headerLen, ipEnd, h.protocol);
}

function ipv6(out: DissectedFrame, data: Uint8Array, offset: number): DissectedFrame {
  const r = parsePartial(formatType('NetIp', 'Ipv6Header'), data, offset);
  const h = r.value;
  if (r.truncated || r.error || h.version !== 6) return undecodable(out, 'IPv6 header cut short or invalid');
  out.ipVersion = 6;
  out.ipOffset = offset;
  out.src = ipToString(h.srcAddr);
  out.dst = ipToString(h.dstAddr);
  let ipEnd: number;
  if (h.payloadLength > 0) {
    ipEnd = offset + 40 + h.payloadLength;
    out.impliedLength = ipEnd;
    if (ipEnd > data.length) out.truncated = true;
  } else {
    ipEnd = data.length;
  }
  let next: number = h.nextHeader;
  let pos = r.end;
  const ext = formatType('NetIp', 'Ipv6ExtensionHeader');
  for (let hops = 0; IPV6_EXTENSION_HEADERS.has(next); hops++) {
    if (hops > 16) return undecodable(out, 'IPv6 extension header chain too long');
    const e = parsePartial(ext, data, pos, next);
    if (e.truncated || e.error) {
      out.truncated = true;
      out.protocol = next;
      return out;
    }
    if (next === IPV6_FRAGMENT) {
      out.fragment = true;
      if (e.value.fragment.fragmentOffset > 0) {
        out.protocol = e.value.nextHeader;
        return out;
      }
    }
    next = e.value.nextHeader;
    pos = e.end;
  }
  out.protocol = next;
  return transport(out, data, pos, ipEnd, next);
}

function transport(out: DissectedFrame, data: Uint8Array, start: number, ipEnd: number, protocol: number): DissectedFrame {
  const capturedEnd = Math.min(ipEnd, data.length);
  out.l4Offset = start;
  if (protocol === IP_PROTOCOL_TCP) {
    const r = parsePartial(formatType('NetTransport', 'TcpHeader'), data.subarray(0, capturedEnd), start);
    const h = r.value;
    if (r.truncated || r.error || h.dataOffset < 5) {
      out.truncated = true;
      return out;
    }
    const payloadStart = start + h.dataOffset * 4;
    out.tcp = {
      srcPort: h.srcPort,
      dstPort: h.dstPort,
      seq: h.seqNum,
      ack: h.ackNum,
      syn: h.flagSyn,
      ackFlag: h.flagAck,
      fin: h.flagFin,
      rst: h.flagRst,
      psh: h.flagPsh,
      payload: data.subarray(Math.min(payloadStart, capturedEnd), capturedEnd),
      wireLength: Math.max(0, ipEnd - payloadStart),
    };
  } else if (protocol === IP_PROTOCOL_UDP) {
    const r = parsePartial(formatType('NetTransport', 'UdpHeader'), data.subarray(0, capturedEnd), start);
    const h = r.value;
    if (r.truncated || r.error) {
      out.truncated = true;
      return out;
    }
    const payloadStart = start + 8;
    const udpEnd = h.length >= 8 ? Math.min(start + h.length, ipEnd) : ipEnd;
    out.udp = {
      srcPort: h.srcPort,
      dstPort: h.dstPort,
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
