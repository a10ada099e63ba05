// pktmon / NDIS packet de-duplication on byte vectors: one packet logged at many capture points is one packet, a
// retransmission is another packet, and every appearance is still counted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Fields, TraceEvent } from '../../src/decode/types.js';
import { NetworkAnalyzer } from '../../src/net/index.js';
import { PacketExtractor } from '../../src/providers/packets.js';
import type { PacketCaptured } from '../../src/providers/observations.js';
import { ethernet, frame, ipv4, ipv6, tcp } from './build.js';
import { captureEvent } from './capture-events.js';

const PKTMON = '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac';
const T0 = 133000000000000000n;

/** IPv4 packet with a chosen identification (and TTL / checksums that layers may fill in differently). */
function ip4(id: number, seg: Uint8Array, ttl = 128, checksum = 0): Uint8Array {
  const b = ipv4('10.0.0.2', '52.96.0.10', 6, seg);
  b[4] = id >> 8;
  b[5] = id & 0xff;
  b[8] = ttl;
  b[10] = checksum >> 8;
  b[11] = checksum & 0xff;
  return b;
}

const syn = (seq = 1000) => tcp(50000, 443, seq, 0, { syn: true });
const data = (seq: number, payload: Uint8Array) => tcp(50000, 443, seq, 7000, { ack: true, psh: true }, payload);

function pktmonEvent(payload: Uint8Array, opts: { group: bigint; number: number; component: number; edge: number; type?: number; dir?: number; time?: bigint }): TraceEvent {
  const fields: Fields = {
    PktGroupId: opts.group,
    PktNumber: opts.number,
    AppearanceCount: 1,
    DirTag: opts.dir ?? 2,
    PacketType: opts.type ?? 1,
    ComponentId: opts.component,
    EdgeId: opts.edge,
    FilterId: 0,
    DropReason: 0,
    DropLocation: 0,
    OriginalPayloadSize: payload.length,
    LoggedPayloadSize: payload.length,
    Payload: payload,
  };
  return captureEvent(PKTMON, 160, fields, { time: opts.time ?? T0, pid: 0, tid: 0, provider: 'Microsoft-Windows-PktMon' });
}

/** The components a packet crosses on its way out: NIC driver, filters, TCPIP (Ethernet at some, raw IP at others). */
const PATH = [
  { component: 79, edge: 1, type: 3 },
  { component: 31, edge: 1, type: 1 },
  { component: 31, edge: 2, type: 1 },
  { component: 32, edge: 1, type: 1 },
  { component: 11, edge: 1, type: 1 },
];

function appearances(ip: Uint8Array, group: (i: number) => bigint, time: bigint): TraceEvent[] {
  return PATH.map((p, i) => pktmonEvent(p.type === 3 ? ip : ethernet(0x0800, ip), { group: group(i), number: 1, component: p.component, edge: p.edge, type: p.type, time: time + BigInt(i * 20) }));
}

function analyse(events: TraceEvent[]): { net: NetworkAnalyzer; frames: PacketCaptured[] } {
  const x = new PacketExtractor();
  const net = new NetworkAnalyzer();
  const frames: PacketCaptured[] = [];
  for (const e of events) for (const p of x.observe(e)) {
    frames.push(p);
    net.addPacket(p);
  }
  return { net, frames };
}

test('pktmon, shared (PktGroupId, PktNumber) as on build 20348: five appearances are one packet', () => {
  const { net, frames } = analyse(appearances(ip4(1, syn()), () => 77n, T0));
  assert.is(frames.length, 5, 'every appearance is still a frame (pcapng keeps them)');
  const [f] = net.flows();
  assert.equal([f!.packets, f!.packetAppearances, f!.retransmissions], [1, 5, 0]);
  assert.is(net.stats.duplicates, 4);
});

test('pktmon, a new PktGroupId per appearance as on newer builds: identity from the packet itself', () => {
  // Layers differ in link header (raw IP at one component) and in checksums; the packet is the same.
  const events = appearances(ip4(1, syn()), (i) => 1000n + BigInt(i), T0);
  const { net } = analyse(events);
  const [f] = net.flows();
  assert.equal([f!.packets, f!.packetAppearances, f!.retransmissions], [1, 5, 0]);
});

test('pktmon: checksum and TTL differences between layers do not split a packet; a snap length cutting later bytes does not either', () => {
  const full = ip4(9, data(1001, new Uint8Array(300).fill(7)), 128, 0);
  const later = ip4(9, data(1001, new Uint8Array(300).fill(7)), 127, 0xbeef);
  const events = [
    pktmonEvent(ethernet(0x0800, full).subarray(0, 128), { group: 1n, number: 1, component: 11, edge: 1 }),
    pktmonEvent(ethernet(0x0800, later).subarray(0, 100), { group: 2n, number: 1, component: 31, edge: 1, time: T0 + 30n }),
  ];
  const [f] = analyse(events).net.flows();
  assert.equal([f!.packets, f!.packetAppearances], [1, 2]);
});

test('a retransmission is another packet: same sequence number, new IPv4 identification, same capture points again', () => {
  const first = appearances(ip4(1, syn()), (i) => 10n + BigInt(i), T0);
  const again = appearances(ip4(2, syn()), (i) => 20n + BigInt(i), T0 + 30_000_000n);
  const [f] = analyse([...first, ...again]).net.flows();
  assert.equal([f!.packets, f!.packetAppearances, f!.retransmissions], [2, 10, 1]);
});

test('IPv6: an identical resend is a new packet because it crosses a capture point it already crossed', () => {
  const seg = tcp(50000, 443, 1000, 0, { syn: true });
  const pkt = ipv6('2001:db8::2', '2603:1026::10', 6, seg);
  const at = (site: string, ms: number): PacketCaptured => frame(ethernet(0x86dd, pkt), { time: T0 + BigInt(ms * 10_000), captureSite: site });
  const net = new NetworkAnalyzer();
  for (const p of [at('a', 0), at('b', 0), at('a', 5), at('b', 5)]) net.addPacket(p);
  const [f] = net.flows();
  assert.equal([f!.packets, f!.packetAppearances, f!.retransmissions], [2, 4, 1]);
});

test('NDIS capture=yes logging one packet at two layers (different LowerIfIndex) counts it once', () => {
  const pkt = ethernet(0x0800, ip4(5, syn()));
  const net = new NetworkAnalyzer();
  net.addPacket(frame(pkt, { captureSite: 'ndis|1001|7|7|out' }));
  net.addPacket(frame(pkt, { captureSite: 'ndis|1001|7|9|out' }));
  const [f] = net.flows();
  assert.equal([f!.packets, f!.packetAppearances], [1, 2]);
});

test('the same bytes much later at the same point are a new packet (outside the appearance window)', () => {
  const pkt = ethernet(0x0800, ip4(5, tcp(50000, 443, 1000, 7000, { ack: true })));
  const net = new NetworkAnalyzer();
  net.addPacket(frame(pkt, { time: T0, captureSite: 'x' }));
  net.addPacket(frame(pkt, { time: T0 + 10_000_000n, captureSite: 'y' }));
  assert.equal(net.flows()[0]!.packets, 2);
});

test.run();
