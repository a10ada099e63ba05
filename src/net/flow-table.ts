// TCP flows keyed by 4-tuple: who is client, handshake flags, RST/FIN by side, retransmissions, and the
// reassembled first bytes of each direction feeding the TLS tracker.
import type { PacketCaptured } from '../providers/observations.js';
import { tcpFlagsOf, tcpPacketText, type TcpNote } from './packet-line.js';
import type { TcpSegment } from './dissect.js';
import { localAddresses, markLocalSides } from './local-host.js';
import { serverPortOf } from './registry/service-ports.js';
import { HalfStream } from './tcp-stream.js';
import { TlsTracker, type Side } from './tls.js';
import type { TcpFlow, TlsClientHello } from './types.js';
import { evidenceList, type EvidenceLog } from './evidence-log.js';
import { SharedFacts } from './shared-facts.js';

const MAX_EVIDENCE = 24;
const ENDPOINT_LIMIT = 1 << 18;
const ROUTINE_EVIDENCE = 3;

interface FlowState {
  flow: TcpFlow;
  /** Dropped once the flow is closed: its handshake is settled and the buffers are not needed. */
  streams: Record<Side, HalfStream> | undefined;
  /** Dropped with the streams in a compact table (its notes are not kept there); else it keeps the notes. */
  tls: TlsTracker | undefined;
  closed: boolean;
  /** ISN of each side's SYN, to recognise a SYN sent again. */
  isn: Partial<Record<Side, number>>;
  /** The ClientHello whose lists were last replaced by shared copies (compact table). */
  sharedHello?: TlsClientHello;
}

export interface FlowTableOptions {
  /** Where the flows' evidence lists are kept (default: in memory). */
  evidenceLog?: EvidenceLog;
  /**
   * Keep a settled flow as its facts only (an analysis): no TLS record notes for `tlsRecordNotes()` (they are
   * for comparison with other dissectors), and the lists and certificates that flows repeat shared.
   */
  compact?: boolean;
}

export class FlowTable {
  private readonly evidenceLog?: EvidenceLog;
  private readonly shared?: SharedFacts;
  /** Live flows by their two endpoint keys (`ip|port`, the lesser first). */
  private readonly byKey = new Map<string, Map<string, FlowState>>();
  /** `ip|port` strings, made once per endpoint (bounded: cleared when it grows past ENDPOINT_LIMIT). */
  private readonly endpoints = new Map<string, Map<number, string>>();
  private endpointCount = 0;
  private readonly ordered: FlowState[] = [];
  private nextId = 1;

  constructor(opts: FlowTableOptions = {}) {
    this.evidenceLog = opts.evidenceLog;
    if (opts.compact) this.shared = new SharedFacts();
  }

  /** Counts a later appearance of a packet already added (another capture point logged it). */
  appearance(src: string, dst: string, seg: TcpSegment): void {
    const [hi, byHi] = this.lookup(src, dst, seg);
    const st = byHi.get(hi);
    if (st) st.flow.packetAppearances++;
  }

  private lookup(src: string, dst: string, seg: TcpSegment): [string, Map<string, FlowState>] {
    const x = this.endpointKey(src, seg.srcPort);
    const y = this.endpointKey(dst, seg.dstPort);
    const lo = x < y ? x : y;
    let byHi = this.byKey.get(lo);
    if (byHi === undefined) this.byKey.set(lo, (byHi = new Map()));
    return [x < y ? y : x, byHi];
  }

  /** Adds one TCP segment (already known not to be a later appearance of a packet added before). */
  add(p: PacketCaptured, src: string, dst: string, seg: TcpSegment, truncated: boolean): void {
    const [hi, byHi] = this.lookup(src, dst, seg);
    let st = byHi.get(hi);
    const isSyn = seg.syn && !seg.ackFlag;
    if (st && st.closed && isSyn) st = undefined; // the 4-tuple is reused by a new connection
    if (!st) {
      st = this.open(p, src, dst, seg);
      byHi.set(hi, st);
      this.ordered.push(st);
    }
    const f = st.flow;
    const side: Side = f.client.ip === src && f.client.port === seg.srcPort ? 'client' : 'server';
    f.packets++;
    f.packetAppearances++;
    f.bytes += seg.wireLength;
    f.sentBytes[side] += seg.wireLength;
    f.lastSeen = p.time;
    if (truncated) f.truncated = true;
    const notes: TcpNote[] = [];
    if (seg.syn) {
      if (st.isn[side] === seg.seq) {
        f.retransmissions++;
        notes.push('retransmission');
      }
      st.isn[side] = seg.seq;
      st.streams?.[side].setIsn(seg.seq);
      if (side === 'client' && !seg.ackFlag) {
        f.syn = true;
        // The SYN's first appearance is logged on its way down from TCPIP, in the thread that called connect():
        // its process is the flow's owner. 0 (idle) and 4 (System) name no sender.
        if (f.pid === undefined && p.pid > 4) f.pid = p.pid;
      }
      if (side === 'server' && seg.ackFlag) f.synAck = true;
    }
    if (seg.rst) {
      if (f.rstBy === 'none') {
        f.rstBy = side;
        f.rstTime = p.time;
        f.sentBeforeReset = { ...f.sentBytes };
      }
      st.closed = true;
      notes.push(side === 'client' ? 'RST from client' : 'RST from server');
    }
    if (seg.fin) {
      if (f.finBy === 'none') f.finBy = side;
      else if (f.finBy !== side && f.finBy !== 'both') f.finBy = 'both';
      if (f.finBy === 'both') st.closed = true;
    }
    const stream = st.streams?.[side];
    const tls = st.tls;
    if (stream && tls) {
      const dataSeq = seg.syn ? (seg.seq + 1) >>> 0 : seg.seq;
      if (stream.add(dataSeq, seg.payload, seg.wireLength, p.number)) {
        f.retransmissions++;
        notes.push('retransmission');
      }
      const update = tls.update(side, stream, p.time);
      if (tls.isTls) f.tls = tls.session;
      if (this.shared) this.compactTracker(st, tls);
      notes.push(...update.milestones);
      if (st.closed) this.retire(st);
    }
    if (f.evidence.length < ROUTINE_EVIDENCE || (notes.length > 0 && f.evidence.length < MAX_EVIDENCE)) {
      f.evidence.append({ time: p.time, source: `packet #${p.number}`, text: tcpPacketText(side, src, seg.srcPort, dst, seg.dstPort, tcpFlagsOf(seg), seg.wireLength, notes) }, MAX_EVIDENCE);
    }
  }

  /**
   * Every flow in first-seen order, with partial TLS messages at the end of each direction parsed and the
   * capturing host's end marked.
   */
  flows(): TcpFlow[] {
    for (const st of this.ordered) this.settle(st);
    const flows = this.ordered.map((s) => s.flow);
    markLocalSides(flows, localAddresses(flows));
    return flows;
  }

  private settle(st: FlowState): void {
    const tls = st.tls;
    if (!st.streams || !tls) return;
    for (const side of ['client', 'server'] as const) tls.finish(side, st.streams[side], st.flow.lastSeen);
    if (tls.isTls) st.flow.tls = tls.session;
    this.shared?.flow(st.flow);
  }

  /**
   * A compact table shares a ClientHello's lists as soon as it is parsed: a connection kept open to the end of
   * the trace (HTTP keep-alive) would otherwise hold its own copies until then.
   */
  private compactTracker(st: FlowState, tls: TlsTracker): void {
    const hello = tls.session.clientHello;
    if (hello !== undefined && hello !== st.sharedHello) {
      this.shared!.clientHello(hello);
      st.sharedHello = hello;
    }
  }

  /** A closed flow keeps its record and TLS facts; its reassembly buffers are released (bounded memory). */
  private retire(st: FlowState): void {
    this.settle(st);
    st.streams = undefined;
    if (this.shared) st.tls = undefined;
    else st.tls?.release();
  }

  /** TLS records per frame number (for comparison with other dissectors). */
  tlsRecordNotes(): Array<{ flowId: number; packet: number; contentType: number; version: number; handshakeTypes: number[]; partial: boolean }> {
    const out = [];
    for (const st of this.ordered) for (const n of st.tls?.notes ?? []) out.push({ flowId: st.flow.id, ...n });
    return out;
  }

  private endpointKey(ip: string, port: number): string {
    let byPort = this.endpoints.get(ip);
    if (byPort === undefined) this.endpoints.set(ip, (byPort = new Map()));
    let key = byPort.get(port);
    if (key === undefined) {
      if (++this.endpointCount > ENDPOINT_LIMIT) {
        this.endpoints.clear();
        this.endpointCount = 1;
        this.endpoints.set(ip, (byPort = new Map()));
      }
      byPort.set(port, (key = `${ip}|${port}`));
    }
    return key;
  }

  private open(p: PacketCaptured, src: string, dst: string, seg: TcpSegment): FlowState {
    // Client = SYN sender; a SYN-ACK's receiver; else the end with the ephemeral port (a capture that began
    // mid-connection); else whoever sent first.
    let roleBasis: TcpFlow['roleBasis'];
    let reversed: boolean;
    if (seg.syn) {
      roleBasis = seg.ackFlag ? 'syn_ack' : 'syn';
      reversed = seg.ackFlag;
    } else {
      const server = serverPortOf(seg.srcPort, seg.dstPort);
      roleBasis = server ? 'ports' : 'first_packet';
      reversed = server === 'a';
    }
    const client = reversed ? { ip: dst, port: seg.dstPort } : { ip: src, port: seg.srcPort };
    const server = reversed ? { ip: src, port: seg.srcPort } : { ip: dst, port: seg.dstPort };
    const flow: TcpFlow = {
      id: this.nextId++,
      firstSeen: p.time,
      lastSeen: p.time,
      client,
      server,
      packets: 0,
      packetAppearances: 0,
      bytes: 0,
      sentBytes: { client: 0, server: 0 },
      roleBasis,
      syn: false,
      synAck: false,
      rstBy: 'none',
      finBy: 'none',
      retransmissions: 0,
      truncated: false,
      evidence: this.evidenceLog?.list() ?? evidenceList(),
    };
    return { flow, streams: { client: new HalfStream(), server: new HalfStream() }, tls: new TlsTracker(!this.shared), closed: false, isn: {} };
  }
}


