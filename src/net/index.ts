// The network layer's entry point: captured frames → TCP flows with TLS facts, and DNS observations.
import type { Observation, PacketCaptured } from '../providers/observations.js';
import { parseDns } from './dns.js';
import { dissectFrame } from './dissect.js';
import { AppearanceIndex } from './appearances.js';
import { FlowTable, type FlowTableOptions } from './flow-table.js';
import type { TcpFlow } from './types.js';

export { tlsVersionName, cipherSuiteName, alertDescriptionName, alertLevelName, isGrease } from './names.js';
export { extensionTypeName, namedGroupName, signatureSchemeName } from './names.js';
export { dissectFrame } from './dissect.js';
export { EvidenceLog } from './evidence-log.js';
export { parsePacketLine, splitEndpoint } from './packet-line.js';
export { endpointText } from './addr.js';
export type { PacketLine, TcpNote } from './packet-line.js';
export type { EvidenceLogOptions } from './evidence-log.js';
export type { FlowTableOptions } from './flow-table.js';
export type { DissectedFrame, TcpSegment, UdpDatagram } from './dissect.js';
export { TlsRecordReader, parseTlsRecordBytes } from './tls-bytes.js';
export type { TlsBytesFacts, TlsBytesDirection, TlsBytesUpdate } from './tls-bytes.js';
export type { Side as TlsSide } from './tls.js';
export type * from './types.js';

const DNS_PORT = 53;

export interface NetworkStats {
  /** Frames given to addPacket. */
  packets: number;
  /** Later appearances of a packet already analysed (pktmon components, NDIS layers): counted, not analysed. */
  duplicates: number;
  /** Frames whose captured bytes end before the packet did. */
  truncated: number;
  /** Frames whose headers could not be read. */
  undecodable: number;
  /** Frames carrying something other than IPv4/IPv6 (ARP, 802.11 management …). */
  nonIp: number;
  /** IP fragments (flagged; later fragments carry no transport header and are not analysed). */
  fragments: number;
}

export class NetworkAnalyzer {
  readonly stats: NetworkStats = { packets: 0, duplicates: 0, truncated: 0, undecodable: 0, nonIp: 0, fragments: 0 };
  private readonly table: FlowTable;

  constructor(opts: FlowTableOptions = {}) {
    this.table = new FlowTable(opts);
  }
  private readonly appearances = new AppearanceIndex();

  /** Analyses one frame; returns DnsQuery observations (origin `packet`) found in it. */
  addPacket(p: PacketCaptured): Observation[] {
    this.stats.packets++;
    const d = dissectFrame(p);
    if (d.ipOffset !== undefined && d.ipVersion !== undefined && this.appearances.firstAppearance(p, d.ipOffset, d.ipVersion, d.l4Offset, d.protocol) !== undefined) {
      this.stats.duplicates++;
      if (d.tcp && d.src && d.dst) this.table.appearance(d.src, d.dst, d.tcp);
      return [];
    }
    if (p.duplicateOf !== undefined) {
      this.stats.duplicates++;
      return [];
    }
    if (d.truncated) this.stats.truncated++;
    if (d.skip === 'non_ip') {
      this.stats.nonIp++;
      return [];
    }
    if (d.skip === 'undecodable') {
      this.stats.undecodable++;
      return [];
    }
    if (d.fragment) this.stats.fragments++;
    if (d.tcp && d.src && d.dst) {
      const cut = d.truncated || d.tcp.payload.length < d.tcp.wireLength;
      this.table.add(p, d.src, d.dst, d.tcp, cut);
      return [];
    }
    if (d.udp && (d.udp.srcPort === DNS_PORT || d.udp.dstPort === DNS_PORT)) {
      const r = parseDns(d.udp.payload, p);
      return r.observation ? [r.observation] : [];
    }
    return [];
  }

  /** All flows so far, in first_seen order. */
  flows(): TcpFlow[] {
    return this.table.flows();
  }

  /** TLS records per frame number: content type, record version, handshake types that start in it. */
  tlsRecordNotes() {
    return this.table.tlsRecordNotes();
  }
}
