import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NetworkAnalyzer, dissectFrame } from '../../src/net/index.js';
import { concat, ethernet, frame, ipv4, ipv6, resetFrames, tcp, u8, udp, wifiData } from './build.js';

test.before.each(() => resetFrames());

test('IPv6 with a hop-by-hop and a destination-options header carries TCP', () => {
  const seg = tcp(50001, 443, 1, 0, { syn: true });
  const pad6 = new Uint8Array(6);
  const data = ethernet(0x86dd, ipv6('2001:db8::1', '2603:1026:c03::12', 6, seg, [[0, pad6], [60, concat(pad6, new Uint8Array(8))]]));
  const d = dissectFrame(frame(data));
  assert.is(d.ipVersion, 6);
  assert.is(d.src, '2001:db8::1');
  assert.is(d.dst, '2603:1026:c03::12');
  assert.is(d.protocol, 6);
  assert.is(d.tcp?.dstPort, 443);
  assert.is(d.tcp?.syn, true);
  const a = new NetworkAnalyzer();
  a.addPacket(frame(data));
  const f = a.flows()[0]!;
  assert.equal([f.client.ip, f.server.ip, f.server.port], ['2001:db8::1', '2603:1026:c03::12', 443]);
});

test('IPv6 fragment header: first fragment analysed and flagged, later fragment only counted', () => {
  const frag = (offset: number, more: boolean) => concat(u8((offset >> 5) & 0xff, ((offset << 3) & 0xf8) | (more ? 1 : 0)), u8(0, 0, 0, 7));
  const first = dissectFrame(frame(ethernet(0x86dd, ipv6('fe80::1', 'fe80::2', 17, udp(1, 2, new Uint8Array(8)), [[44, frag(0, true)]]))));
  assert.is(first.fragment, true);
  assert.is(first.udp?.dstPort, 2);
  const later = dissectFrame(frame(ethernet(0x86dd, ipv6('fe80::1', 'fe80::2', 17, new Uint8Array(16), [[44, frag(100, false)]]))));
  assert.is(later.fragment, true);
  assert.is(later.udp, undefined);
});

test('802.1Q VLAN tag (and a stacked pair) in front of IPv4', () => {
  const ip = ipv4('10.1.1.1', '10.2.2.2', 6, tcp(1234, 443, 7, 0, { syn: true }));
  const one = dissectFrame(frame(ethernet(0x0800, ip, [42])));
  assert.equal(one.vlanIds, [42]);
  assert.is(one.tcp?.srcPort, 1234);
  const two = dissectFrame(frame(ethernet(0x0800, ip, [100, 200])));
  assert.equal(two.vlanIds, [100, 200]);
  assert.is(two.dst, '10.2.2.2');
});

test('native 802.11 data frame with LLC/SNAP, plain and QoS', () => {
  const ip = ipv4('192.168.1.2', '239.255.255.250', 17, udp(60000, 1900, new TextEncoder().encode('M-SEARCH * HTTP/1.1\r\n')));
  for (const qos of [false, true]) {
    const d = dissectFrame(frame(wifiData(0x0800, ip, qos), { link: 'ieee802_11' }));
    assert.is(d.skip, undefined);
    assert.is(d.dst, '239.255.255.250');
    assert.is(d.udp?.dstPort, 1900);
  }
  const beacon = dissectFrame(frame(concat(u8(0x80, 0x00, 0, 0), new Uint8Array(20)), { link: 'ieee802_11' }));
  assert.is(beacon.skip, 'non_ip');
});

test('raw IP (WWAN) frames, IPv4 options, and fragments flagged', () => {
  const opts = u8(0x01, 0x01, 0x01, 0x00);
  const d = dissectFrame(frame(ipv4('100.64.0.1', '8.8.8.8', 17, udp(5353, 53, new Uint8Array(4)), { options: opts }), { link: 'raw_ip' }));
  assert.is(d.udp?.dstPort, 53);
  const f1 = dissectFrame(frame(ethernet(0x0800, ipv4('1.1.1.1', '2.2.2.2', 17, udp(1, 2, new Uint8Array(30)), { mf: true }))));
  assert.is(f1.fragment, true);
  const f2 = dissectFrame(frame(ethernet(0x0800, ipv4('1.1.1.1', '2.2.2.2', 17, new Uint8Array(30), { offset: 5 }))));
  assert.is(f2.fragment, true);
  assert.is(f2.udp, undefined);
});

test('ARP is not IP; a cut IPv4 header is undecodable; truncation from the IP length is flagged', () => {
  const a = new NetworkAnalyzer();
  a.addPacket(frame(ethernet(0x0806, new Uint8Array(28))));
  a.addPacket(frame(ethernet(0x0800, new Uint8Array(10))));
  const full = ethernet(0x0800, ipv4('1.1.1.1', '2.2.2.2', 6, tcp(1, 443, 1, 0, { ack: true }, new Uint8Array(500))));
  a.addPacket(frame(full.subarray(0, 128), { originalLength: full.length }));
  a.addPacket(frame(full.subarray(0, 128), { duplicateOf: 3 }));
  assert.equal(a.stats, { packets: 4, duplicates: 1, truncated: 1, undecodable: 1, nonIp: 1, fragments: 0 });
  const f = a.flows()[0]!;
  assert.is(f.truncated, true);
  assert.is(f.bytes, 500, 'bytes as sent, not as captured');
  assert.is(f.packets, 1);
});

test('client is the SYN sender even when the SYN-ACK is seen first; else the first sender', () => {
  const a = new NetworkAnalyzer();
  a.addPacket(frame(ethernet(0x0800, ipv4('52.1.1.1', '10.0.0.5', 6, tcp(443, 51000, 9, 1, { syn: true, ack: true })))));
  a.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.9', '52.1.1.1', 6, tcp(52000, 443, 1, 1, { ack: true }, new Uint8Array(3))))));
  const [f1, f2] = a.flows();
  assert.equal([f1!.client.ip, f1!.client.port, f1!.server.port], ['10.0.0.5', 51000, 443]);
  assert.is(f1!.synAck, true);
  assert.equal([f2!.client.ip, f2!.server.port, f2!.syn], ['10.0.0.9', 443, false]);
});

test('a SYN sent again counts as a retransmission', () => {
  const a = new NetworkAnalyzer();
  const syn = () => frame(ethernet(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(40001, 443, 777, 0, { syn: true }))));
  a.addPacket(syn());
  a.addPacket(syn());
  const f = a.flows()[0]!;
  assert.equal([f.packets, f.retransmissions, f.syn], [2, 1, true]);
});

test('FIN by both sides and reuse of the 4-tuple start a new flow', () => {
  const a = new NetworkAnalyzer();
  const pk = (src: string, dst: string, sp: number, dp: number, seq: number, flags: Parameters<typeof tcp>[4]) =>
    frame(ethernet(0x0800, ipv4(src, dst, 6, tcp(sp, dp, seq, 0, flags))));
  a.addPacket(pk('10.0.0.1', '10.0.0.2', 40000, 443, 100, { syn: true }));
  a.addPacket(pk('10.0.0.1', '10.0.0.2', 40000, 443, 101, { fin: true, ack: true }));
  a.addPacket(pk('10.0.0.2', '10.0.0.1', 443, 40000, 500, { fin: true, ack: true }));
  a.addPacket(pk('10.0.0.1', '10.0.0.2', 40000, 443, 9000, { syn: true }));
  const flows = a.flows();
  assert.is(flows.length, 2);
  assert.is(flows[0]!.finBy, 'both');
  assert.is(flows[1]!.finBy, 'none');
});

test.run();
